import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { pdfFonts, pdfInfo, pdfQrCodes, pdfText, pdfWords } from '../../../../test/support/pdf-tools';
import type { CertificateData } from './certificate-data';
import { CertificateRenderError, CertificateRenderErrorCode } from './render.errors';
import { CertificateRenderer } from './renderer';
import { sampleCertificateData, sampleRegistryBookData, sampleTranscriptData } from './sample';

const TEMPLATES = join(__dirname, '..', '..', '..', '..', 'templates', 'certificates');

const certificate = (overrides: Partial<CertificateData> = {}): CertificateData => ({
  ...sampleCertificateData(),
  holder: { name: 'José Ñúñez Güémez', licence: '87654321' },
  hours: 22.5,
  ...overrides,
});

/** Names covering what Spanish (and some other Latin) names carry: accents, capitals, ñ, ü, signs. */
const NAMES = [
  'José Ñúñez Güémez',
  'María Fernanda Ávila Íñiguez',
  'Nora Alba Iris',
  'ÁNGEL ÉBANO ÍÑIGO ÓSCAR ÚRSULA ÑOÑO ÜBEDA',
  'Úrsula Ébano «la Güera» Oñate',
  'Nº 5 Raúl Peña 3º 2ª',
  'Çelik Øster Àlex Ëmma Ïsa Ôlga',
  'Agustín Nava Ibarra',
  'Zoë Müller Straße',
  'Iñaki Ugalde Eíza',
];

describe(CertificateRenderer.name, () => {
  let renderer: CertificateRenderer;

  beforeAll(() => {
    renderer = CertificateRenderer.load(TEMPLATES);
  });

  it('lists the certificate templates, not the transcript or the registry book', () => {
    expect(renderer.templateNames()).toEqual(['attendance', 'facilitation']);
  });

  it('prints every field of an attendance certificate in Spanish, accents included', async () => {
    const data = certificate();
    const words = await pdfWords(await renderer.render('attendance', 'es', data));
    for (const phrase of [
      'Oficina de Formación, Secretaría de Salud',
      'CONSTANCIA',
      'José Ñúñez Güémez',
      'Cédula profesional 87654321',
      'por su asistencia al seminario «Atención compartida del embarazo de alto riesgo»',
      'del tema Control prenatal y emergencias obstétricas',
      'realizado del 17 al 19 de marzo de 2031 en Hospital General de Xalapa, Xalapa, Veracruz',
      'con una duración de 22.5 horas de crédito.',
      'Expedida el 21 de marzo de 2031.',
      'Dra. Lucía Ramírez Ochoa',
      'Jefa de la Oficina de Formación',
      'Facilitador principal',
      'Código K7Q-M2P',
      'Número de registro PUENTE-2031-000042',
      data.verificationUrl,
    ]) {
      expect(words).toContain(phrase);
    }
    expect(words).not.toMatch(/Revisión|revisión/);
  });

  it('prints a facilitation certificate in English, with its revision', async () => {
    const words = await pdfWords(
      await renderer.render(
        'facilitation',
        'en',
        certificate({ kind: 'facilitation', revision: 2, startDate: '2031-02-27', endDate: '2031-03-03' }),
      ),
    );
    for (const phrase of [
      'CERTIFICATE',
      'hereby certifies that',
      'José Ñúñez Güémez',
      'Professional licence 87654321',
      'took part as a facilitator in the seminar “Atención compartida del embarazo de alto riesgo”',
      'held on February 27 – March 3, 2031 at Hospital General de Xalapa',
      'for a total of 22.5 credit hours.',
      'Issued on March 21, 2031.',
      'Revision 2',
      'Registry number PUENTE-2031-000042, revision 2',
    ]) {
      expect(words).toContain(phrase);
    }
  });

  it('leaves out the licence and the place when there are none', async () => {
    const words = await pdfWords(
      await renderer.render(
        'attendance',
        'es',
        certificate({
          holder: { name: 'Nora Alba Iris', licence: null },
          place: '',
          startDate: '2031-03-17',
          endDate: '2031-03-17',
        }),
      ),
    );
    expect(words).toContain('Nora Alba Iris');
    expect(words).not.toContain('Cédula');
    expect(words).toContain('realizado del 17 de marzo de 2031, con una duración');
  });

  it('encodes the verification URL in a QR code that decodes from the rendered page', async () => {
    const url = 'https://puente.example.org/verificar/PUENTE-2031-000777?c=Z9X-4RT';
    expect(await pdfQrCodes(await renderer.render('attendance', 'es', certificate({ verificationUrl: url })))).toEqual([
      url,
    ]);
    expect(
      await pdfQrCodes(await renderer.render('facilitation', 'en', certificate({ verificationUrl: url }))),
    ).toEqual([url]);
  });

  it('embeds subset fonts with a Unicode map, and sets the document information from the data', async () => {
    const pdf = await renderer.render('attendance', 'es', certificate());
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fonts.map((font) => font.name.split('+')[1]).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSerif',
      'DejaVuSerif-Bold',
      'DejaVuSerif-Italic',
    ]);
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({
      Title: 'Constancia PUENTE-2031-000042',
      Author: 'Oficina de Formación, Secretaría de Salud',
      Subject: 'Atención compartida del embarazo de alto riesgo — José Ñúñez Güémez',
      CreationDate: '2031-03-21T12:00:00Z',
      ModDate: '2031-03-21T12:00:00Z',
      Pages: '1',
    });
  });

  it('extracts every name from 50 documents rendered in sequence through one renderer (shared fonts)', async () => {
    const rendered: { name: string; pdf: Buffer }[] = [];
    for (let index = 0; index < 50; index++) {
      const name = `${NAMES[index % NAMES.length]} ${index}`;
      const template = index % 3 === 0 ? 'facilitation' : 'attendance';
      rendered.push({
        name,
        pdf: await renderer.render(
          template,
          index % 2 === 0 ? 'es' : 'en',
          certificate({ holder: { name, licence: String(1000 + index) } }),
        ),
      });
    }
    const texts = await Promise.all(rendered.map(({ pdf }) => pdfWords(pdf)));
    texts.forEach((words, index) => {
      expect(words).toContain(rendered[index].name);
      expect(words).toContain('Atención compartida del embarazo de alto riesgo');
      expect(words).toContain('Dr. José Ñúñez Güémez');
    });
  });

  it('(control) a fontkit font shared without the fix loses letters from later documents', async () => {
    // Why the test above can fail: 'Ñ', 'Á' and 'Í' are composite glyphs; embedding the first
    // document caches 'N', 'A' and 'I' without code points, and the second one loses them.
    const font = fontkit.create(readFileSync(join(TEMPLATES, 'fonts', 'DejaVuSerif.ttf')));
    const render = (text: string) =>
      new Promise<Buffer>((resolve) => {
        const doc = new PDFDocument({ font: null as unknown as string });
        const chunks: Buffer[] = [];
        doc.on('data', (chunk: Buffer) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.registerFont('shared', font as unknown as PDFKit.Mixins.PDFFontSource);
        doc.font('shared').fontSize(14).text(text);
        doc.end();
      });
    expect(await pdfWords(await render('Ñandú Ávila Íñiguez'))).toBe('Ñandú Ávila Íñiguez');
    expect(await pdfWords(await render('Nora Alba Iris'))).not.toContain('Nora Alba Iris');
  });

  it('gives the same bytes for the same data, whatever was rendered before', async () => {
    const first = await renderer.render('attendance', 'es', certificate());
    await renderer.render(
      'facilitation',
      'en',
      certificate({ holder: { name: 'Ñandú Ávila Íñiguez «Ü»', licence: null } }),
    );
    await renderer.renderRegistryBook('es', sampleRegistryBookData(30));
    const again = await renderer.render('attendance', 'es', certificate());
    expect(again.equals(first)).toBe(true);
    expect(
      (await renderer.renderTranscript('en', sampleTranscriptData())).equals(
        await renderer.renderTranscript('en', sampleTranscriptData()),
      ),
    ).toBe(true);
    // And the data does show: another name gives other bytes.
    expect(
      (
        await renderer.render('attendance', 'es', certificate({ holder: { name: 'Nora Alba Iris', licence: null } }))
      ).equals(first),
    ).toBe(false);
  });

  it('refuses an unknown template with a 404 error', async () => {
    for (const name of ['diploma', 'transcript', 'registry-book', 'fonts', '../attendance']) {
      await expect(renderer.render(name, 'es', certificate())).rejects.toMatchObject({
        code: CertificateRenderErrorCode.TemplateNotFound,
        status: 404,
      });
    }
    await expect(renderer.render('diploma', 'es', certificate())).rejects.toBeInstanceOf(CertificateRenderError);
  });

  it('renders a transcript grouped by year with the credit hours of each year', async () => {
    const data = sampleTranscriptData();
    data.rows.push({
      year: 2031,
      registryNumber: 'PUENTE-2031-001200',
      revision: 2,
      topic: 'Salud mental',
      seminarTitle: 'Depresión y ansiedad en consulta',
      endDate: '2031-12-03',
      hours: 16,
      kind: 'attendance',
      status: 'revoked',
    });
    const words = await pdfWords(await renderer.renderTranscript('es', { ...data, totals: undefined }));
    for (const phrase of [
      'Historial de constancias',
      'María Fernanda Ávila Íñiguez · Cédula profesional 12345678',
      'Generado el 15 de enero de 2032',
      'PUENTE-2030-000318',
      'PUENTE-2031-000977',
      'PUENTE-2031-001200 (2)',
      'Revocada',
      'Facilitación',
      'Total 2030: 24 horas de crédito',
      // The revoked certificate's 16 hours do not count.
      'Total 2031: 46.5 horas de crédito',
      'Total general: 70.5 horas de crédito',
      'Página 1 de 1',
    ]) {
      expect(words).toContain(phrase);
    }
    const english = await pdfWords(await renderer.renderTranscript('en', sampleTranscriptData()));
    expect(english).toContain('Total 2031: 46.5 credit hours');
    expect(english).toContain('Generated on January 15, 2032');
  });

  it('renders a transcript of many certificates over several pages', async () => {
    const base = sampleTranscriptData().rows[1];
    const rows = Array.from({ length: 80 }, (_, index) => ({
      ...base,
      year: 2020 + Math.floor(index / 10),
      registryNumber: `PUENTE-${2020 + Math.floor(index / 10)}-${String(index + 1).padStart(6, '0')}`,
    }));
    const pdf = await renderer.renderTranscript('es', { ...sampleTranscriptData(), rows, totals: undefined });
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThan(1);
    const text = await pdfText(pdf);
    for (const row of rows) expect(text).toContain(row.registryNumber);
    expect(text).toContain(`Página ${pages} de ${pages}`);
  });

  it('renders a registry book of 120 entries over several pages, the header on each', async () => {
    const data = sampleRegistryBookData(120);
    const pdf = await renderer.renderRegistryBook('es', data);
    const pages = (await pdfText(pdf, { layout: true })).split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(Number((await pdfInfo(pdf)).Pages)).toBe(pages.length);
    pages.forEach((page, index) => {
      const words = page.replace(/\s+/g, ' ');
      expect(words).toContain('Libro de registro de constancias 2031');
      expect(words).toContain('Número de registro Rev. Titular Cédula Seminario Horas Emisión Estado');
      expect(words).toContain(`Página ${index + 1} de ${pages.length}`);
    });
    const all = pages.join(' ').replace(/\s+/g, ' ');
    for (const row of data.rows) {
      expect(all).toContain(row.registryNumber);
      expect(all).toContain(row.holder);
    }
    expect(all).toContain('Revocada');
    expect(all).toContain('120 registros');
  });

  it('renders an empty registry book and an empty transcript', async () => {
    expect(
      await pdfWords(await renderer.renderRegistryBook('en', { ...sampleRegistryBookData(0), year: 2040 })),
    ).toContain('No entries in 2040.');
    expect(
      await pdfWords(await renderer.renderTranscript('es', { ...sampleTranscriptData(), rows: [], totals: [] })),
    ).toContain('Sin constancias registradas.');
  });

  describe('template checks at load', () => {
    let folder: string;

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'puente-templates-'));
      cpSync(TEMPLATES, folder, { recursive: true });
    });

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const editTexts = (template: string, locale: string, edit: (texts: Record<string, unknown>) => void) => {
      const file = join(folder, template, `texts.${locale}.json`);
      const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(texts);
      writeFileSync(file, JSON.stringify(texts));
    };

    const loadError = (): CertificateRenderError => {
      try {
        CertificateRenderer.load(folder);
      } catch (error) {
        return error as CertificateRenderError;
      }
      throw new Error('load accepted the templates');
    };

    it('loads a copy of the shipped templates', () => {
      expect(CertificateRenderer.load(folder).templateNames()).toEqual(['attendance', 'facilitation']);
    });

    it.each([
      [
        'an unknown variable, even in a branch samples never take',
        '{{#if reissued}}{{holderNmae}}{{/if}}',
        'holderNmae',
      ],
      ['{{constructor}}', 'x {{constructor}}', 'constructor'],
      ['{{__proto__}}', '{{__proto__}}', '__proto__'],
      ['a path into a variable', '{{holderName.length}}', 'holderName.length'],
      ['this', '{{this}}', 'this'],
      ['a parent context', '{{#if licence}}{{../holderName}}{{/if}}', '../holderName'],
      ['@root data', '{{@root.holderName}}', 'holderName'],
      ['the lookup helper', '{{lookup holderName "constructor"}}', 'helpers are not allowed'],
      ['an each block', '{{#each signatories}}x{{/each}}', 'only {{#if}} and {{#unless}}'],
      ['a partial', '{{> signature}}', 'PartialStatement'],
    ])('refuses %s', (_, source, named) => {
      editTexts('attendance', 'es', (texts) => (texts.body = source));
      const error = loadError();
      expect(error).toBeInstanceOf(CertificateRenderError);
      expect(error.code).toBe(CertificateRenderErrorCode.TemplateInvalid);
      expect(error.message).toContain('attendance');
      expect(error.message).toContain(named);
    });

    it('refuses texts missing from one locale, a layout naming an unknown font, and a broken layout', () => {
      editTexts('facilitation', 'en', (texts) => delete texts.issued);
      expect(loadError().message).toContain('issued');
      cpSync(TEMPLATES, folder, { recursive: true });
      const layoutFile = join(folder, 'attendance', 'layout.json');
      writeFileSync(layoutFile, readFileSync(layoutFile, 'utf8').replace('"DejaVuSerif-Italic"', '"Comic-Sans"'));
      expect(loadError().message).toContain('Comic-Sans');
      writeFileSync(layoutFile, '{ "kind": "certificate", ');
      expect(loadError().code).toBe(CertificateRenderErrorCode.TemplateInvalid);
    });
  });
});
