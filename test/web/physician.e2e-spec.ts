import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createNetwork, PASSWORD, signedInAs, type SignedIn } from '../support/factories';
import { binary, certificatePdf, issuedCertificate, type IssuedCertificate } from '../support/certificate-journey';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { pdfWords } from '../support/pdf-tools';

/**
 * A physician's home and certificates on a phone: what there is to do now, and each certificate's
 * PDF, transcript, credential and verification link, exactly as the service keeps them.
 */
describe('Web: a physician’s home and certificates', () => {
  let web: WebApp;
  let office: SignedIn;
  let certificate: IssuedCertificate;

  beforeAll(async () => {
    web = await createWebApp();
    office = await signedInAs(web, ['office']);
    certificate = await issuedCertificate(web, office, (await createNetwork(web)).id);
  }, 120_000);

  afterAll(() => web?.close());

  async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return readFileSync((await file.path())!);
  }

  it('shows the new certificate on the home page, and downloads its PDF and the transcript as the service keeps them', async () => {
    const context = await newPhone(web);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.baseUrl });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/entrar');
    await page.getByLabel('Correo electrónico').fill(certificate.holder.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    await page.getByRole('heading', { level: 1, name: 'Hola, Rosa Elena Domínguez Xolo' }).waitFor();
    await page.getByRole('heading', { name: 'Constancias nuevas' }).waitFor();
    await page.getByText(certificate.registryNumber).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ver todas mis constancias' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Mis constancias' }).waitFor();
    await page.getByText('24 horas de crédito').waitFor();
    await expectAccessible(page);

    const pdf = await download(page, () => page.getByRole('link', { name: 'Descargar la constancia (PDF)' }).tap());
    expect(pdf.equals(await certificatePdf(web, certificate))).toBe(true);

    const transcript = await download(page, () =>
      page.getByRole('link', { name: 'Descargar mi historial (PDF)' }).tap(),
    );
    const served = (
      await web.http
        .get('/api/v1/me/transcript.pdf')
        .set(certificate.holderAuth)
        .buffer(true)
        .parse(binary as never)
        .expect(200)
    ).body as Buffer;
    expect(await pdfWords(transcript)).toBe(await pdfWords(served));
    expect(await pdfWords(transcript)).toContain(certificate.registryNumber);

    await page.getByRole('button', { name: 'Copiar el enlace de verificación' }).tap();
    await page.getByText('Enlace copiado.', { exact: false }).waitFor();
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe(`${web.baseUrl}/verify/${certificate.registryNumber}?code=${certificate.checkCode}`);

    const credential = await download(page, () =>
      page.getByRole('link', { name: 'Descargar la credencial firmada' }).tap(),
    );
    expect(credential.toString().split('.')).toHaveLength(3);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
  it('keeps a profile: phone and language saved, a wrong current password refused beside its field, a calendar address created and revoked', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto('/entrar?next=%2Fperfil');
    await page.getByLabel('Correo electrónico').fill(certificate.holder.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Contraseña actual').fill('no-es-esta-contraseña');
    await page.getByLabel('Contraseña nueva').fill('Cafetal-de-Coatepec-2031');
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).tap();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Crear mi dirección de calendario' }).tap();
    const address = await page.getByLabel('Dirección del calendario').inputValue();
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await page.getByRole('button', { name: 'Dejar de publicar mi calendario' }).tap();
    await page.getByText('Su dirección de calendario ya no funciona.').waitFor();
    expect((await fetch(address)).status).toBe(404);

    await page.getByLabel('Teléfono').fill('228 812 3456');
    await page.getByText('English', { exact: true }).last().tap();
    await page.getByRole('button', { name: 'Guardar' }).tap();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.getByText('Saved.').waitFor();
    await expectAccessible(page);
    const [row] = await web.dataSource.query(`SELECT phone, locale FROM person WHERE id = $1`, [certificate.holder.id]);
    expect(row).toEqual({ phone: '228 812 3456', locale: 'en' });
    await context.close();
  }, 120_000);
});
