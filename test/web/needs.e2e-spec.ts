import type { Locator, Page } from 'playwright-core';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  PASSWORD,
  sessionFor,
  signedInAs,
  signIn,
  type SignedIn,
} from '../support/factories';
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

  it('marks and unmarks days on a month calendar, by touch and by keyboard, with the person’s seminars on it', async () => {
    const office = await signedInAs(web, ['office']);
    const specialist = await createFacilitator(web, 'gynecology_obstetrics', { fullName: 'Dra. Marisol Herrera Cruz' });
    const seminar = await createSeminar(web, {
      office,
      networkId: (await createNetwork(web)).id,
      topic: { title: 'Hemorragia obstétrica' },
      startDate: '2031-03-17',
      facilitators: [specialist],
    });
    const auth = await sessionFor(web, specialist);
    const marked = async () => (await web.http.get('/api/v1/me/availability').set(auth).expect(200)).body.unavailable;

    const context = await newPhone(web);
    await context.clock.setFixedTime(new Date('2031-03-03T18:00:00Z'));
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/entrar?next=%2Fdisponibilidad');
    await page.getByLabel('Correo electrónico').fill(specialist.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    const march = page.getByRole('grid', { name: 'marzo de 2031' });
    await march.waitFor();
    const day = (name: string) => march.getByRole('button', { name, exact: true });
    await day(`lunes, 17 de marzo de 2031. Mi seminario: ${seminar.title}`).waitFor();
    await expectAccessible(page);

    // A tap marks a day; the arrows move from day to day and a week down, Enter and Space mark.
    const tenth = day('lunes, 10 de marzo de 2031');
    await tenth.tap();
    await day('lunes, 10 de marzo de 2031. No puedo asistir').waitFor();
    const marked10 = day('lunes, 10 de marzo de 2031. No puedo asistir');
    expect(await marked10.getAttribute('aria-pressed')).toBe('true');
    await marked10.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await day(`martes, 18 de marzo de 2031. No puedo asistir. Mi seminario: ${seminar.title}`).waitFor();
    await page.getByText('Del 10 de marzo de 2031 al 11 de marzo de 2031').waitFor();
    await page.getByText('Tiene cambios sin guardar.').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Guardar', exact: true }).tap();
    await page.getByText('Guardado.').waitFor();
    // The seminar day marked is one to tell the office about.
    await page.getByText(`${seminar.title}: 18 de marzo de 2031`).waitFor();
    expect(await marked()).toEqual([
      { from: '2031-03-10', to: '2031-03-11', reason: null },
      { from: '2031-03-18', to: '2031-03-18', reason: null },
    ]);

    // A range typed in the fields shows on the calendar, and a day taps out of it.
    await page.getByRole('button', { name: 'Agregar fechas', exact: true }).tap();
    const typed = page.getByRole('group', { name: 'Fechas nuevas 1' });
    await typed.getByLabel('Desde').fill('2031-03-24');
    await typed.getByLabel('Hasta').fill('2031-03-26');
    await day('martes, 25 de marzo de 2031. No puedo asistir').tap();
    await day(`martes, 18 de marzo de 2031. No puedo asistir. Mi seminario: ${seminar.title}`).tap();
    await day('martes, 11 de marzo de 2031. No puedo asistir').tap();
    await page.getByRole('button', { name: 'Guardar', exact: true }).tap();
    await page.getByText('Guardado.').waitFor();
    expect(await marked()).toEqual([
      { from: '2031-03-10', to: '2031-03-10', reason: null },
      { from: '2031-03-24', to: '2031-03-24', reason: null },
      { from: '2031-03-26', to: '2031-03-26', reason: null },
    ]);

    // Page Down shows the next month, in English too.
    await day('lunes, 31 de marzo de 2031').focus();
    await page.keyboard.press('PageDown');
    await page.getByRole('grid', { name: 'abril de 2031' }).waitFor();
    const lastOfApril = page.getByRole('button', { name: 'miércoles, 30 de abril de 2031', exact: true });
    expect(await lastOfApril.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.getByText('English', { exact: true }).first().tap();
    await page.getByRole('grid', { name: 'April 2031' }).waitFor();
    await page.getByRole('button', { name: 'Previous month' }).tap();
    await page
      .getByRole('grid', { name: 'March 2031' })
      .getByRole('button', { name: 'Monday, March 10, 2031. I cannot attend' })
      .waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);
});
