import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
import { parseLayout, type CertificateLayout, type Layout, type TableLayout } from './layout';
import { createDocument, finish, type Pdf } from './pdf-document';
import { CertificateRenderError } from './render.errors';
import { sampleCertificateData, sampleRegistryBookData, sampleTranscriptData } from './sample';
import { compileText, type TextTemplate } from './text-templates';

export type { CertificateData, CertificateLocale, RegistryBookData, TranscriptData } from './certificate-data';

/** The variables certificate texts may use (documented in templates/certificates/README.md). */
export const CERTIFICATE_VARIABLES = [
  'kind',
  'holderName',
  'licence',
  'registryNumber',
  'revision',
  'reissued',
  'checkCode',
  'verificationUrl',
  'topic',
  'seminarTitle',
  'dates',
  'startDate',
  'endDate',
  'place',
  'hours',
  'issuedOn',
  'issuer',
] as const;
export const TRANSCRIPT_VARIABLES = [
  'holderName',
  'licence',
  'issuer',
  'generatedOn',
  'year',
  'hours',
  'count',
  'page',
  'pages',
] as const;
export const REGISTRY_BOOK_VARIABLES = ['year', 'issuer', 'generatedOn', 'count', 'page', 'pages'] as const;

const VARIABLES: Record<Layout['kind'], ReadonlySet<string>> = {
  certificate: new Set(CERTIFICATE_VARIABLES),
  transcript: new Set(TRANSCRIPT_VARIABLES),
  'registry-book': new Set(REGISTRY_BOOK_VARIABLES),
};

const STATUS_TEXTS = ['statuses.valid', 'statuses.revoked', 'statuses.superseded'];
/** Texts the renderer itself uses, besides those the layout names. */
const REQUIRED_TEXTS: Record<Layout['kind'], string[]> = {
  certificate: ['documentTitle', 'documentSubject'],
  transcript: [
    'title',
    'holderLine',
    'issuerLine',
    'yearHeading',
    'yearTotal',
    'grandTotal',
    'empty',
    'footer',
    'kinds.attendance',
    'kinds.facilitation',
    ...STATUS_TEXTS,
  ],
  'registry-book': ['title', 'issuerLine', 'empty', 'footer', ...STATUS_TEXTS],
};
const COLUMNS: Record<TableLayout['kind'], readonly string[]> = {
  transcript: ['registryNumber', 'endDate', 'seminarTitle', 'topic', 'kind', 'hours', 'status'],
  'registry-book': ['registryNumber', 'revision', 'holder', 'licence', 'seminarTitle', 'hours', 'issuedOn', 'status'],
};

const LANG: Record<CertificateLocale, string> = { es: 'es-MX', en: 'en' };

interface Template<L extends Layout = Layout> {
  name: string;
  layout: L;
  texts: Record<CertificateLocale, ReadonlyMap<string, TextTemplate>>;
  images: ReadonlyMap<string, Buffer>;
}

type Variables = Record<string, string | boolean>;

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
      throw CertificateRenderError.templateInvalid(
        templatesDir,
        'a transcript and a registry-book template are both needed',
      );
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
    if (!found) return Promise.reject(CertificateRenderError.templateNotFound(template));
    try {
      return finish(this.drawCertificate(found, locale, data));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A person's certificates grouped by year with the credit hours of each year; as many pages as needed. */
  renderTranscript(locale: CertificateLocale, data: TranscriptData): Promise<Buffer> {
    try {
      return finish(this.drawTranscript(locale, data));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Every registry number of a year, a table over as many pages as needed. */
  renderRegistryBook(locale: CertificateLocale, data: RegistryBookData): Promise<Buffer> {
    try {
      return finish(this.drawRegistryBook(locale, data));
    } catch (error) {
      return Promise.reject(error);
    }
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
      throw CertificateRenderError.templateInvalid(name, error instanceof Error ? error.message : String(error));
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

/** The texts of a template in a locale with these variables; a text key the template lacks is a bug. */
function texts(template: Template, locale: CertificateLocale, variables: Variables): (key: string) => string {
  const compiled = template.texts[locale];
  return (key) => {
    const render = compiled.get(key);
    if (!render) throw new Error(`Template ${template.name} has no text ${key}`);
    return render(variables);
  };
}

function loadTemplate(name: string, folder: string, fonts: FontSet): Template {
  const fail = (problem: string) => CertificateRenderError.templateInvalid(name, problem);
  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw fail(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const rawLayout = readJson('layout.json') as { kind?: unknown };
  const kind = rawLayout?.kind;
  if (kind !== 'certificate' && kind !== 'transcript' && kind !== 'registry-book')
    throw fail('layout.json: kind must be certificate, transcript or registry-book');
  const allowed = VARIABLES[kind];
  const texts = {} as Record<CertificateLocale, Map<string, TextTemplate>>;
  for (const locale of CERTIFICATE_LOCALES) {
    const file = `texts.${locale}.json`;
    const compiled = new Map<string, TextTemplate>();
    for (const [key, source] of flatten(readJson(file), file, fail)) {
      try {
        compiled.set(key, compileText(source, allowed));
      } catch (error) {
        throw fail(`${file} "${key}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    texts[locale] = compiled;
  }
  const [es, en] = [texts.es, texts.en];
  const differ = [...es.keys()].filter((key) => !en.has(key)).concat([...en.keys()].filter((key) => !es.has(key)));
  if (differ.length > 0)
    throw fail(`texts.es.json and texts.en.json must have the same texts; differ in ${differ.join(', ')}`);
  const missing = REQUIRED_TEXTS[kind].filter((key) => !es.has(key));
  if (missing.length > 0) throw fail(`missing texts ${missing.join(', ')}`);
  const images = new Map<string, Buffer>();
  for (const file of readdirSync(folder))
    if (/\.(png|jpe?g)$/i.test(file)) images.set(file, readFileSync(join(folder, file)));
  let layout: Layout;
  try {
    layout = parseLayout(rawLayout, {
      hasFont: (font) => fonts.has(font),
      hasText: (key) => es.has(key),
      hasImage: (src) => images.has(src),
      columnKeys: (tableKind) => COLUMNS[tableKind],
    });
  } catch (error) {
    throw fail(`layout.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { name, layout, texts, images };
}

/** A texts file: text keys to Handlebars sources, one level of grouping allowed ("columns": {…} gives "columns.x"). */
function flatten(raw: unknown, file: string, fail: (problem: string) => Error): [string, string][] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(`${file} must be an object`);
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') entries.push([key, value]);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, source] of Object.entries(value)) {
        if (typeof source !== 'string') throw fail(`${file} "${key}.${inner}" must be a string`);
        entries.push([`${key}.${inner}`, source]);
      }
    } else throw fail(`${file} "${key}" must be a string or an object of strings`);
  }
  return entries;
}
