import { createPerson, PASSWORD } from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { startSmtp, type TestSmtp } from '../support/smtp';

/**
 * Signing in from a phone's browser, against the real service: the session lives in cookies no
 * script can read, the person returns to the page they came from with its query, and a password
 * is chosen from the link of a real mail.
 */
describe('Web: signing in, out, and choosing a password', () => {
  let web: WebApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    web = await createWebApp({ SMTP_URL: smtp.url });
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await smtp?.close();
  });

  it('signs in with the keyboard alone and returns to the page it came from, query intact, with no token a script can read', async () => {
    const person = await createPerson(web, { fullName: 'Guadalupe Tepetla Cuautle' });
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const next = '/verificar/PUENTE-2031-000001?code=K7Q-M2P';
    await page.goto(`/entrar?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Correo electrónico').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Correo electrónico').focus();
    await page.keyboard.type(person.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('no-es-la-contraseña');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent({ timeout: 10_000 })).resolves.toBe(
      'El correo o la contraseña no son correctos.',
    );
    await expectAccessible(page);
    await page.getByLabel(/^Contraseña/).fill('');
    await page.getByLabel(/^Contraseña/).focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${next}`, { timeout: 8000 });
    expect(new URL(page.url()).search).toBe('?code=K7Q-M2P');
    await page.getByRole('button', { name: 'Salir' }).waitFor();
    // What a script on the page can read: no session cookie, nothing like a token in storage.
    const readable = (await page.evaluate(
      '({ cookies: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) })',
    )) as { cookies: string; local: string; session: string };
    expect(readable.cookies).not.toContain('puente_');
    expect(`${readable.local}${readable.session}`).not.toMatch(/eyJ|token/i);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'puente_access')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(errors).toEqual([]);

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Hola, Guadalupe Tepetla Cuautle' }).waitFor();
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('link', { name: 'Entrar' }).waitFor();
    const me = await page.evaluate('fetch("/api/v1/me").then((r) => r.status)');
    expect(me).toBe(401);
    await context.close();
  }, 90_000);

  it('chooses a password from the link of a real mail, with the API’s refusal beside the field, then signs in with it', async () => {
    const person = await createPerson(web, { password: null, locale: 'en' });
    const context = await newPhone(web, 'en');
    const page = await context.newPage();
    await page.goto('/contrasena/olvide');
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('status').textContent({ timeout: 10_000 })).resolves.toContain(person.email);
    await expectAccessible(page);

    const [mail] = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(person.email));
    const link = /https?:\/\/\S+restablecer-contrasena\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
    expect(link.startsWith(web.baseUrl)).toBe(true);
    await page.goto(link);
    await page.getByLabel('New password').waitFor();
    await expectAccessible(page);
    await page.getByLabel('New password').fill('password12');
    await page.getByLabel('Repeat the password').fill('password12');
    await page.getByRole('button', { name: 'Save the password' }).click();
    const field = page.getByLabel('New password');
    await page.locator('input[aria-invalid="true"]').first().waitFor({ timeout: 10_000 });
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(/\s+/).filter(Boolean);
    const said = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(said.join(' ')).toContain('Use at least 10 characters and avoid common words or your email.');
    await expectAccessible(page);

    await page.getByLabel('New password').fill('Guayaba-de-Coatepec-7');
    await page.getByLabel('Repeat the password').fill('Guayaba-de-Coatepec-7');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel(/^Password/).fill('Guayaba-de-Coatepec-7');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.close();
  }, 90_000);
});
