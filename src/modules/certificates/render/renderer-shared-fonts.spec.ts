import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { pdfWords } from '../../../../test/support/pdf-tools';
import { CertificateRenderer } from './renderer';
import { certificate, TEMPLATES } from './renderer.fixtures';

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
});
