import type { Locator, Page } from 'playwright-core';
import { createPerson, createTopic, PASSWORD, signIn, type SignedIn } from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';

/**
 * A physician on a phone states their training needs and the dates they cannot attend: kept across
 * a reload as the service keeps them, the service's refusal beside the field it names, accessible in
 * Spanish and in English.
 */
describe('Web: training needs and availability', () => {
  let web: WebApp;
  let physician: SignedIn;
  const maternal = 'Salud materna y perinatal';
  const paediatric = 'Urgencias pediátricas';

  beforeAll(async () => {
    web = await createWebApp();
    await createTopic(web, { title: maternal });
    await createTopic(web, { title: paediatric });
    await createTopic(web, { title: 'Diabetes en el primer nivel' });
    physician = await signIn(web.http, await createPerson(web, { roles: ['attendee'], fullName: 'Rosa Elena Xolo' }));
  }, 120_000);

  afterAll(() => web?.close());

  /** The words the element's aria-describedby points to: its error, as a screen reader reads it. */
  const description = (field: Locator) =>
    field.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  const interest = (page: Page, topic: string, level: string) =>
    page.getByRole('radiogroup', { name: topic }).getByRole('radio', { name: level });

  const saved = async () =>
    (await web.http.get('/api/v1/me/availability').set(physician.auth).expect(200)).body.unavailable;

  it('keeps the interest per topic and the unavailable dates, with the service’s refusal beside its field', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/entrar?next=%2Fnecesidades');
    await page.getByLabel('Correo electrónico').fill(physician.person.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    await page.getByRole('heading', { level: 1, name: 'Mis necesidades de capacitación' }).waitFor();
    await page.getByRole('radiogroup', { name: maternal }).waitFor();
    await expectAccessible(page);

    // Never stated: whether they would attend is asked, not assumed.
    await page.getByRole('button', { name: 'Guardar' }).tap();
    await page.getByText('Elija sí o no.').waitFor();
    await expectAccessible(page);

    await page
      .getByRole('radiogroup', { name: /Asistiría/ })
      .getByText('Sí', { exact: true })
      .tap();
    await page.getByRole('radiogroup', { name: maternal }).getByText('Mucho').tap();
    await page.getByRole('radiogroup', { name: paediatric }).getByText('Poco').tap();
    await page.getByRole('button', { name: 'Guardar' }).tap();
    await page.getByText('Guardado.').waitFor();
    await expectAccessible(page);
    const needs = (await web.http.get('/api/v1/me/training-needs').set(physician.auth).expect(200)).body;
    expect(needs).toMatchObject({ stated: true, willingToAttend: true });
    expect(needs.interests.map((i: { topicTitle: string; interest: number }) => [i.topicTitle, i.interest])).toEqual([
      [maternal, 3],
      [paediatric, 1],
    ]);

    await page.reload();
    await page.getByRole('radiogroup', { name: maternal }).waitFor();
    expect(await interest(page, maternal, 'Mucho').isChecked()).toBe(true);
    expect(await interest(page, paediatric, 'Poco').isChecked()).toBe(true);
    expect(await interest(page, 'Diabetes en el primer nivel', 'Nada').isChecked()).toBe(true);

    await page.getByRole('link', { name: 'Marcar las fechas en que no puedo asistir' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Fechas en que no puedo asistir' }).waitFor();
    await page.getByText('No ha marcado ninguna fecha.').waitFor();
    await expectAccessible(page);

    const row = (n: number) => page.getByRole('group', { name: `Fechas nuevas ${n}` });
    await row(1).getByLabel('Desde').fill('2031-03-17');
    await row(1).getByLabel('Hasta').fill('2031-03-21');
    await row(1).getByLabel('Motivo').fill('Vacaciones');
    await page.getByRole('button', { name: 'Agregar otras fechas' }).tap();
    await row(2).getByLabel('Desde').fill('2031-04-10');
    await page.getByRole('button', { name: 'Agregar otras fechas' }).tap();
    await row(3).getByLabel('Desde').fill('2031-05-10');
    await row(3).getByLabel('Hasta').fill('2031-05-01');
    await page.getByRole('button', { name: 'Guardar' }).tap();
    const wrong = row(3).getByLabel('Hasta');
    await row(3).locator('input[aria-invalid="true"]').waitFor();
    expect(await wrong.getAttribute('aria-invalid')).toBe('true');
    expect(await description(wrong)).toContain('No puede ser anterior a la fecha inicial.');
    expect(await row(1).locator('input[aria-invalid="true"]').count()).toBe(0);
    await expectAccessible(page);
    expect(await saved()).toEqual([]);

    await row(3).getByRole('button', { name: 'Descartar estas fechas' }).tap();
    await page.getByRole('button', { name: 'Guardar' }).tap();
    await page.getByText('Guardado.').waitFor();
    expect(await saved()).toEqual([
      { from: '2031-03-17', to: '2031-03-21', reason: 'Vacaciones' },
      { from: '2031-04-10', to: '2031-04-10', reason: null },
    ]);

    await page.reload();
    const april = page.getByRole('button', { name: 'Quitar: jueves, 10 de abril de 2031' });
    await april.waitFor();
    await page.getByText('Del 17 de marzo de 2031 al 21 de marzo de 2031').waitFor();
    await expectAccessible(page);
    await april.tap();
    await page.getByText('Tiene cambios sin guardar.').waitFor();
    await page.getByRole('button', { name: 'Guardar' }).tap();
    await page.getByText('Guardado.').waitFor();
    await page.reload();
    await page.getByText('Del 17 de marzo de 2031 al 21 de marzo de 2031').waitFor();
    expect(await april.count()).toBe(0);
    expect(await saved()).toEqual([{ from: '2031-03-17', to: '2031-03-21', reason: 'Vacaciones' }]);

    // Once in English: the language switch in the header, which becomes the person's.
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
    await page.getByText('English', { exact: true }).first().tap();
    expect((await patched).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Dates I cannot attend' }).waitFor();
    await page.getByText('From March 17, 2031 to March 21, 2031').waitFor();
    await expectAccessible(page);
    await page.goto('/necesidades');
    await page.getByRole('heading', { level: 1, name: 'My training needs' }).waitFor();
    await page.getByRole('radiogroup', { name: maternal }).waitFor();
    expect(await interest(page, maternal, 'High').isChecked()).toBe(true);
    await expectAccessible(page);

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
