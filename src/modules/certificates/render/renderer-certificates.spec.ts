import { pdfFonts, pdfInfo, pdfQrCodes, pdfWords } from '../../../../test/support/pdf-tools';
import { CertificateRenderError, CertificateRenderErrorCode } from './render.errors';
import { CertificateRenderer } from './renderer';
import { certificate, TEMPLATES } from './renderer.fixtures';
import { sampleRegistryBookData, sampleTranscriptData } from './sample';

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
});
