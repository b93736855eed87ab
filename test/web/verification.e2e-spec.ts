import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNetwork, signedInAs, type SignedIn } from '../support/factories';
import { certificatePdf, issuedCertificate, type IssuedCertificate } from '../support/certificate-journey';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { pdfQrCodes } from '../support/pdf-tools';

/**
 * Public verification in a real Chromium on a phone, against the real service: the URL a
 * certificate's QR prints opens a page that says, in large type, whether it is valid; a dropped PDF
 * is recognised only when it is exactly the issued one.
 */
describe('Web: verifying a certificate', () => {
  let web: WebApp;
  let office: SignedIn;
  let certificate: IssuedCertificate;
  let pdf: Buffer;
  let printedUrl: string;

  beforeAll(async () => {
    web = await createWebApp();
    office = await signedInAs(web, ['office']);
    certificate = await issuedCertificate(web, office, (await createNetwork(web)).id);
    pdf = await certificatePdf(web, certificate);
    [printedUrl] = await pdfQrCodes(pdf);
  }, 120_000);

  afterAll(() => web?.close());

  it('opens the URL of the printed QR and reads "valid", in Spanish and in English, accessibly', async () => {
    expect(printedUrl).toBe(`${web.baseUrl}/verify/${certificate.registryNumber}?code=${certificate.checkCode}`);
    for (const [locale, valid, hours] of [
      ['es-MX', 'Constancia válida', '24 horas'],
      ['en', 'Valid certificate', '24 hours'],
    ] as const) {
      const context = await newPhone(web, locale);
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(printedUrl);
      const status = page.locator('[data-status]');
      await expect(status.textContent({ timeout: 10_000 })).resolves.toBe(valid);
      const card = page.getByTestId('verification');
      await expect(card.textContent()).resolves.toContain('Rosa Elena Domínguez Xolo');
      await expect(card.textContent()).resolves.toContain(hours);
      await expect(card.textContent()).resolves.toContain(certificate.pdfSha256);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('recognises the issued PDF dropped on the page, and not a changed one', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto('/verificar');
    const folder = tmpdir();
    const original = join(folder, `constancia-${randomBytes(4).toString('hex')}.pdf`);
    writeFileSync(original, pdf);
    await page.locator('input[type=file]').setInputFiles(original);
    await expect(page.getByTestId('file-match').textContent({ timeout: 10_000 })).resolves.toContain(
      certificate.registryNumber,
    );
    const changed = Buffer.from(pdf);
    changed[changed.length - 20] ^= 1;
    const tampered = join(folder, `constancia-${randomBytes(4).toString('hex')}.pdf`);
    writeFileSync(tampered, changed);
    await page.locator('input[type=file]').setInputFiles(tampered);
    await expect(page.getByTestId('file-no-match').textContent({ timeout: 10_000 })).resolves.toContain(
      'no es exactamente',
    );
    await expectAccessible(page);
    await context.close();
  });

  it('finds a certificate typed into the form, says so plainly for a wrong code, and reads "revoked" after a revocation', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto('/verificar');
    await page.getByLabel('Número de registro').fill(certificate.registryNumber);
    await page.getByLabel('Código de verificación').fill('ZZZ-ZZZ');
    await page.getByRole('button', { name: 'Verificar' }).click();
    await expect(page.getByRole('alert').textContent({ timeout: 10_000 })).resolves.toContain(
      'No hay una constancia con ese número y ese código',
    );
    await expectAccessible(page);

    await page.getByLabel('Código de verificación').fill(certificate.checkCode.toLowerCase());
    await page.getByRole('button', { name: 'Verificar' }).click();
    await expect(page.locator('[data-status]').textContent({ timeout: 10_000 })).resolves.toBe('Constancia válida');

    await web.http
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(office.auth)
      .send({ reason: 'Asistencia registrada por error' })
      .expect(200);
    await page.goto(printedUrl);
    await expect(page.locator('[data-status]').textContent({ timeout: 10_000 })).resolves.toBe('Constancia revocada');
    await expect(page.getByTestId('verification').textContent()).resolves.toMatch(/Revocada el \d+ de \w+ de 2031/);
    await expectAccessible(page);
    await context.close();
  });

  it('answers an unknown address with a page that leads back, and never with the page for the service’s own paths', async () => {
    const context = await newPhone(web, 'en');
    const page = await context.newPage();
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('We could not find this page');
    await expectAccessible(page);
    const api = await page.goto('/api/v1/no-such-thing');
    expect(api?.status()).toBe(404);
    expect(api?.headers()['content-type']).toContain('application/problem+json');
    await context.close();
  });
  it('answers at every URL its signed credential names: the achievement as JSON for machines and as a page for people', async () => {
    const jwt = (
      await web.http
        .get(`/api/v1/certificates/${certificate.id}/credential`)
        .set(certificate.holderAuth)
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => done(null, text));
        })
        .expect(200)
    ).body as string;
    const credential = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
    const achievementUrl: string = credential.credentialSubject.achievement.id;
    expect(achievementUrl).toBe(`${web.baseUrl}/api/v1/public/achievements/${certificate.seminarId}/attendance`);

    const machine = await fetch(achievementUrl, { headers: { Accept: 'application/json' } });
    expect(machine.status).toBe(200);
    const achievement = (await machine.json()) as { name: string; criteria: { narrative: string } };
    expect(achievement).toMatchObject({
      id: achievementUrl,
      type: ['Achievement'],
      name: credential.credentialSubject.achievement.name,
      criteria: credential.credentialSubject.achievement.criteria,
    });
    // The issuer's address, the status list and the PDF answer too (the PDF to its holder only).
    expect((await fetch(credential.issuer.id)).status).toBe(200);
    expect((await fetch(credential.credentialStatus.statusListCredential)).status).toBe(200);
    expect((await fetch(credential.relatedResource[0].id)).status).toBe(401);
    expect((await fetch(credential.relatedResource[0].id, { headers: certificate.holderAuth })).status).toBe(200);
    const unknown = await fetch(`${web.baseUrl}/api/v1/public/achievements/${certificate.seminarId}/tea`);
    expect(unknown.status).toBe(404);

    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto(achievementUrl);
    expect(new URL(page.url()).pathname).toBe(`/logros/${certificate.seminarId}/attendance`);
    await page.getByRole('heading', { level: 1, name: achievement.name }).waitFor();
    await page.getByText(achievement.criteria.narrative).waitFor();
    await expectAccessible(page);
    await context.close();
  }, 60_000);
});
