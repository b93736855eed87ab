import { pdfInfo, pdfText, pdfWords } from '../../../../test/support/pdf-tools';
import { CertificateRenderer } from './renderer';
import { TEMPLATES } from './renderer.fixtures';
import { sampleRegistryBookData, sampleTranscriptData } from './sample';

describe(CertificateRenderer.name, () => {
  let renderer: CertificateRenderer;

  beforeAll(() => {
    renderer = CertificateRenderer.load(TEMPLATES);
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
});
