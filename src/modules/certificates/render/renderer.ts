import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CERTIFICATE_LOCALES,
  type CertificateData,
  type CertificateLocale,
  type RegistryBookData,
  type TranscriptData,
} from './certificate-data';
import { drawCertificate } from './draw-certificate';
import { drawTable, type TableRow } from './draw-table';
import { FontSet } from './font-set';
import { formatDate, formatDateRange, formatHours } from './format';
import { type CertificateLayout, type TableLayout } from './layout-types';
import { createDocument, finish, type Pdf } from './pdf-document';
import { templateInvalid, templateNotFound } from './render.errors';
import { sampleCertificateData, sampleRegistryBookData, sampleTranscriptData } from './sample';
import { LANG } from './template-variables';
import { loadTemplate, texts, type Template, type Variables } from './template-loader';

/**
 * Renders certificates, transcripts and registry books to PDF from the templates of one folder:
 * `fonts/` (shared), one folder per certificate template (`attendance`, `facilitation`…), and the
 * `transcript` and `registry-book` folders. Each holds `layout.json` (see layout.ts) and
 * `texts.es.json` / `texts.en.json` (Handlebars texts, strict, limited to documented variables).
 *
 * Everything is read, checked and compiled by `load`, fonts parsed once; every template is then drawn
 * once with sample data, so that a broken template stops the start-up. Rendering is then pure: the same
 * data gives the same bytes, whatever was rendered before.
 */
export class CertificateRenderer {
  private constructor(
    private readonly fonts: FontSet,
    private readonly certificates: ReadonlyMap<string, Template<CertificateLayout>>,
    private readonly transcript: Template<TableLayout>,
    private readonly registryBook: Template<TableLayout>,
  ) {}

  /**
   * Loads and checks every template of `templatesDir`, parses the fonts once and draws each template
   * with sample data.
   * @throws CertificateRenderError (certificate_template_invalid) naming the template and the problem.
   */
  static load(templatesDir: string): CertificateRenderer {
    const fonts = FontSet.load(join(templatesDir, 'fonts'));
    const certificates = new Map<string, Template<CertificateLayout>>();
    let transcript: Template<TableLayout> | undefined;
    let registryBook: Template<TableLayout> | undefined;
    for (const name of readdirSync(templatesDir).sort()) {
      const folder = join(templatesDir, name);
      if (name === 'fonts' || !statSync(folder).isDirectory() || !existsSync(join(folder, 'layout.json'))) continue;
      const template = loadTemplate(name, folder, fonts);
      if (template.layout.kind === 'certificate') certificates.set(name, template as Template<CertificateLayout>);
      else if (template.layout.kind === 'transcript') transcript = template as Template<TableLayout>;
      else registryBook = template as Template<TableLayout>;
    }
    if (!transcript || !registryBook)
      throw templateInvalid(templatesDir, 'a transcript and a registry-book template are both needed');
    const renderer = new CertificateRenderer(fonts, certificates, transcript, registryBook);
    renderer.warmUp();
    return renderer;
  }

  /** The certificate templates, sorted. */
  templateNames(): string[] {
    return [...this.certificates.keys()];
  }

  /**
   * One certificate, one page.
   * @throws CertificateRenderError (certificate_template_not_found, 404) for an unknown template.
   */
  render(template: string, locale: CertificateLocale, data: CertificateData): Promise<Buffer> {
    const found = this.certificates.get(template);
    if (!found) return Promise.reject(templateNotFound(template));
    return drawn(() => this.drawCertificate(found, locale, data));
  }

  /** A person's certificates grouped by year with the credit hours of each year; as many pages as needed. */
  renderTranscript(locale: CertificateLocale, data: TranscriptData): Promise<Buffer> {
    return drawn(() => this.drawTranscript(locale, data));
  }

  /** Every registry number of a year, a table over as many pages as needed. */
  renderRegistryBook(locale: CertificateLocale, data: RegistryBookData): Promise<Buffer> {
    return drawn(() => this.drawRegistryBook(locale, data));
  }

  /** Draws every template in both locales and throws away the output: a check, and warm code paths. */
  private warmUp(): void {
    for (const locale of CERTIFICATE_LOCALES) {
      for (const template of this.certificates.values()) {
        const data = { ...sampleCertificateData(), revision: 2 };
        this.attempt(template.name, () => this.drawCertificate(template, locale, data).end());
        this.attempt(template.name, () =>
          this.drawCertificate(template, locale, {
            ...data,
            revision: 1,
            holder: { ...data.holder, licence: null },
            place: '',
          }).end(),
        );
      }
      this.attempt(this.transcript.name, () => this.drawTranscript(locale, sampleTranscriptData()).end());
      this.attempt(this.registryBook.name, () => this.drawRegistryBook(locale, sampleRegistryBookData(3)).end());
    }
  }

  private attempt(name: string, draw: () => void): void {
    try {
      draw();
    } catch (error) {
      throw templateInvalid(name, error instanceof Error ? error.message : String(error));
    }
  }

  private drawCertificate(
    template: Template<CertificateLayout>,
    locale: CertificateLocale,
    data: CertificateData,
  ): Pdf {
    if (data.signatories.length < 1 || data.signatories.length > 3)
      throw new Error(`A certificate has 1 to 3 signatories, not ${data.signatories.length}`);
    const variables: Variables = {
      kind: data.kind,
      holderName: data.holder.name,
      licence: data.holder.licence ?? '',
      registryNumber: data.registryNumber,
      revision: String(data.revision),
      reissued: data.revision > 1,
      checkCode: data.checkCode,
      verificationUrl: data.verificationUrl,
      topic: data.topic,
      seminarTitle: data.seminarTitle,
      dates: formatDateRange(locale, data.startDate, data.endDate),
      startDate: formatDate(locale, data.startDate),
      endDate: formatDate(locale, data.endDate),
      place: data.place,
      hours: formatHours(data.hours),
      issuedOn: formatDate(locale, data.issuedOn),
      issuer: data.issuer,
    };
    const text = texts(template, locale, variables);
    const doc = createDocument(
      template.layout.page,
      {
        title: text('documentTitle'),
        author: data.issuer,
        subject: text('documentSubject'),
        keywords: data.registryNumber,
        date: data.issuedOn,
        lang: LANG[locale],
      },
      this.fonts,
    );
    drawCertificate(doc, {
      elements: template.layout.elements,
      text,
      signatories: data.signatories,
      verificationUrl: data.verificationUrl,
      image: (src) => template.images.get(src)!,
    });
    return doc;
  }

  private drawTranscript(locale: CertificateLocale, data: TranscriptData): Pdf {
    const template = this.transcript;
    const base: Variables = {
      holderName: data.holder.name,
      licence: data.holder.licence ?? '',
      issuer: data.issuer,
      generatedOn: formatDate(locale, data.generatedOn),
      count: String(data.rows.length),
    };
    const text = texts(template, locale, base);
    const years = [...new Set(data.rows.map((row) => row.year))].sort((a, b) => a - b);
    const given = new Map((data.totals ?? []).map((total) => [total.year, total.hours]));
    const rows: TableRow[] = [];
    let grandTotal = 0;
    for (const year of years) {
      const ofYear = data.rows.filter((row) => row.year === year);
      const hours =
        given.get(year) ?? ofYear.filter((row) => row.status === 'valid').reduce((sum, row) => sum + row.hours, 0);
      grandTotal += hours;
      const yearText = texts(template, locale, { ...base, year: String(year), hours: formatHours(hours) });
      rows.push({ kind: 'group', text: yearText('yearHeading') });
      for (const row of ofYear) {
        const cells: Record<string, string> = {
          registryNumber: (row.revision ?? 1) > 1 ? `${row.registryNumber} (${row.revision})` : row.registryNumber,
          endDate: row.endDate,
          seminarTitle: row.seminarTitle,
          topic: row.topic,
          kind: text(`kinds.${row.kind}`),
          hours: formatHours(row.hours),
          status: text(`statuses.${row.status}`),
        };
        rows.push({
          kind: 'cells',
          cells: template.layout.columns.map((column) => cells[column.key]),
          muted: row.status !== 'valid',
        });
      }
      rows.push({ kind: 'total', text: yearText('yearTotal') });
    }
    if (years.length > 1)
      rows.push({
        kind: 'total',
        text: texts(template, locale, { ...base, hours: formatHours(grandTotal) })('grandTotal'),
      });
    return this.drawTableDocument(
      template,
      locale,
      data.generatedOn,
      base,
      { subject: data.holder.name, keywords: data.holder.licence ?? '' },
      [text('holderLine'), text('issuerLine')],
      rows,
    );
  }

  private drawRegistryBook(locale: CertificateLocale, data: RegistryBookData): Pdf {
    const template = this.registryBook;
    const base: Variables = {
      year: String(data.year),
      issuer: data.issuer,
      generatedOn: formatDate(locale, data.generatedOn),
      count: String(data.rows.length),
    };
    const text = texts(template, locale, base);
    const rows: TableRow[] = data.rows.map((row) => {
      const cells: Record<string, string> = {
        registryNumber: row.registryNumber,
        revision: String(row.revision),
        holder: row.holder,
        licence: row.licence ?? '',
        seminarTitle: row.seminarTitle,
        hours: formatHours(row.hours),
        issuedOn: row.issuedOn,
        status: text(`statuses.${row.status}`),
      };
      return {
        kind: 'cells',
        cells: template.layout.columns.map((column) => cells[column.key]),
        muted: row.status !== 'valid',
      };
    });
    return this.drawTableDocument(
      template,
      locale,
      data.generatedOn,
      base,
      { subject: data.issuer, keywords: String(data.year) },
      [text('issuerLine')],
      rows,
    );
  }

  private drawTableDocument(
    template: Template<TableLayout>,
    locale: CertificateLocale,
    date: string,
    variables: Variables,
    info: { subject: string; keywords: string },
    subtitle: string[],
    rows: TableRow[],
  ): Pdf {
    const text = texts(template, locale, variables);
    const { layout } = template;
    const doc = createDocument(
      layout.page,
      { title: text('title'), author: String(variables.issuer), date, lang: LANG[locale], ...info },
      this.fonts,
      { margin: layout.margin, bufferPages: true },
    );
    drawTable(doc, {
      layout,
      title: text('title'),
      subtitle: subtitle.filter((line) => line.trim() !== ''),
      header: layout.columns.map((column) => text(`columns.${column.key}`)),
      rows,
      empty: text('empty'),
      footer: (page, pages) =>
        texts(template, locale, { ...variables, page: String(page), pages: String(pages) })('footer'),
    });
    return doc;
  }
}

/** The bytes of a document once drawn; a failure while drawing is the promise's rejection. */
function drawn(draw: () => Pdf): Promise<Buffer> {
  try {
    return finish(draw());
  } catch (error) {
    return Promise.reject(error);
  }
}
