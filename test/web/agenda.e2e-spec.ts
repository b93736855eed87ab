import type { Locator, Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createSeminar,
  PASSWORD,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setToday } from '../support/test-app';

const TODAY = '2031-03-03';
const START = '2031-03-17';

/**
 * Two specialists of one seminar on their phones: their home with what the seminar needs from them,
 * the seminar's overview, and the agenda they plan together. The second to save a day meets the
 * first's version, applies theirs over it, and the day keeps both; an overlapping block shows its
 * refusal on that block.
 */
describe('Web: a facilitator’s home and the agenda planned together', () => {
  let web: WebApp;
  let office: SignedIn;
  let seminar: PlannedSeminar;
  let lead: Person;
  let colleague: Person;

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, TODAY);
    office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    // She also attends seminars of other topics, as a physician.
    lead = await createFacilitator(web, 'gynecology_obstetrics', {
      fullName: 'Dra. Marisol Herrera Cruz',
      roles: ['facilitator', 'attendee'],
    });
    colleague = await createFacilitator(web, 'pediatrics', { fullName: 'Dr. Joaquín Ortega Lara', locale: 'en' });
    seminar = await createSeminar(web, {
      office,
      networkId,
      topic: { title: 'Preeclampsia y hemorragia obstétrica' },
      startDate: START,
      facilitators: [lead, colleague],
    });
  }, 120_000);

  afterAll(() => web?.close());

  async function phone(person: Person, path: string, locale: 'es-MX' | 'en'): Promise<Page> {
    const context = await newPhone(web, locale);
    await context.clock.setFixedTime(new Date(`${TODAY}T18:00:00Z`));
    const page = await context.newPage();
    await page.goto(path);
    await page.getByLabel(/^(Correo electrónico|Email)/).fill(person.email);
    await page.getByLabel(/^(Contraseña|Password)/).fill(PASSWORD);
    await page
      .getByRole('button', { name: locale === 'en' ? 'Sign in' : 'Entrar' })
      .last()
      .tap();
    return page;
  }

  const firstDay = (page: Page, locale: 'es-MX' | 'en') =>
    page.getByRole('region', { name: locale === 'en' ? /^Monday, March 17, 2031/ : /^lunes, 17 de marzo de 2031/ });

  /** The words the element's aria-describedby points to: its error, as a screen reader reads it. */
  const description = (field: Locator) =>
    field.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  const savedDay = async () =>
    (await web.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(office.auth).expect(200)).body.days[0].blocks.map(
      (b: { kind: string; start: string; end: string; title: string; responsibleName: string | null }) =>
        `${b.start}-${b.end} ${b.kind} ${b.title} (${b.responsibleName ?? ''})`,
    );

  it('shows each specialist their seminar with what it needs from them, and its sections, in Spanish and in English', async () => {
    const page = await phone(lead, '/entrar', 'es-MX');
    const errors = pageErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Hola, Dra. Marisol Herrera Cruz' }).waitFor();
    const facilitating = page.getByRole('region', { name: 'Seminarios que facilito' });
    const coming = facilitating.getByRole('region', { name: 'Próximos' });
    await coming.getByRole('link', { name: seminar.title }).waitFor();
    await coming.getByText('Coordinador').waitFor();
    await coming.getByRole('link', { name: 'Planear la agenda: 3 días sin bloques' }).waitFor();
    await coming.getByRole('link', { name: 'Escribir su caso clínico' }).waitFor();
    // With work to do as a specialist she is not told, as a physician, that there is nothing to do.
    expect(await page.getByText('Por ahora no tiene nada pendiente.', { exact: false }).count()).toBe(0);
    await expectAccessible(page);

    await coming.getByRole('link', { name: seminar.title }).tap();
    await page.getByRole('heading', { level: 1, name: seminar.title }).waitFor();
    await page.getByText('3 días aún sin bloques.').waitFor();
    for (const section of ['Agenda', 'Casos clínicos', 'Pantalla del aula', 'Informe de evaluación'])
      await page.getByRole('link', { name: section, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Casos clínicos', exact: true }).getAttribute('href')).toBe(
      `/facilitar/${seminar.id}/casos`,
    );
    expect(await page.getByRole('link', { name: /^Asistencia del/ }).count()).toBe(3);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Agenda', exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await firstDay(page, 'es-MX').getByText('Este día aún no tiene bloques.').waitFor();
    await expectAccessible(page);
    await page.goto('/disponibilidad');
    await page.getByRole('heading', { level: 1, name: 'Fechas en que no puedo asistir' }).waitFor();
    await page.getByRole('grid').waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();

    const english = await phone(colleague, '/entrar', 'en');
    const englishErrors = pageErrors(english);
    await english.getByRole('heading', { level: 1, name: 'Hello, Dr. Joaquín Ortega Lara' }).waitFor();
    await english.getByRole('link', { name: 'Plan the agenda: 3 days without blocks' }).waitFor();
    expect(await english.getByText('Coordinator').count()).toBe(0);
    await expectAccessible(english);
    await english.goto(`/facilitar/${seminar.id}/agenda`);
    await firstDay(english, 'en').getByText('This day has no blocks yet.').waitFor();
    await expectAccessible(english);
    await english.goto('/disponibilidad');
    await english.getByRole('heading', { level: 1, name: 'Dates I cannot facilitate' }).waitFor();
    await english.getByRole('grid').waitFor();
    await expectAccessible(english);
    expect(englishErrors).toEqual([]);
    await english.context().close();
  }, 120_000);

  it('the second to save a day sees the first’s version, applies theirs over it, and the day keeps both', async () => {
    const first = await phone(lead, `/facilitar/${seminar.id}/agenda`, 'es-MX');
    const second = await phone(colleague, `/facilitar/${seminar.id}/agenda`, 'en');
    const errors = [...pageErrors(first), ...pageErrors(second)];
    const hers = firstDay(first, 'es-MX');
    const his = firstDay(second, 'en');
    await hers.getByText('Este día aún no tiene bloques.').waitFor();
    await his.getByText('This day has no blocks yet.').waitFor();

    await hers.getByRole('button', { name: /^Agregar un bloque/ }).tap();
    const welcome = hers.getByRole('group', { name: 'Bloque 1: de 08:00 a 09:00' });
    await welcome.getByLabel('Tipo').selectOption({ label: 'Conferencia' });
    await welcome.getByLabel('Título').fill('Bienvenida y diagnóstico inicial');
    await welcome.getByLabel('Quién lo conduce').selectOption({ label: 'Dra. Marisol Herrera Cruz' });
    await hers.getByRole('button', { name: /^Guardar este día/ }).tap();
    await hers.getByText('Guardado.').waitFor();

    await his.getByRole('button', { name: /^Add a block/ }).tap();
    const workshop = his.getByRole('group', { name: /^Block 1:/ });
    await workshop.getByLabel('Kind').selectOption({ label: 'Workshop' });
    await workshop.getByLabel('Starts').fill('10:00');
    await workshop.getByLabel('Ends').fill('12:00');
    await workshop.getByLabel('Title').fill('Reanimación neonatal');
    await workshop.getByLabel('Who leads it').selectOption({ label: 'Dr. Joaquín Ortega Lara' });
    await his.getByRole('button', { name: /^Save this day/ }).tap();

    const conflict = his.getByRole('alert');
    await conflict.getByText('Someone else saved this day meanwhile').waitFor();
    await conflict
      .getByRole('list', { name: 'Their version:' })
      .getByText('08:00 to 09:00: Bienvenida y diagnóstico inicial (Lecture)', { exact: false })
      .waitFor();
    await conflict.getByText('Led by Dra. Marisol Herrera Cruz', { exact: false }).waitFor();
    // Mine is still there to apply.
    expect(await workshop.getByLabel('Title').inputValue()).toBe('Reanimación neonatal');
    expect(await savedDay()).toEqual([
      '08:00-09:00 lecture Bienvenida y diagnóstico inicial (Dra. Marisol Herrera Cruz)',
    ]);
    await expectAccessible(second);

    await conflict.getByRole('button', { name: 'Apply my changes over theirs' }).tap();
    await his.getByText('Saved.').waitFor();
    await his.getByRole('group', { name: 'Block 1: 08:00 to 09:00' }).waitFor();
    await his.getByRole('group', { name: 'Block 2: 10:00 to 12:00' }).waitFor();
    expect(await savedDay()).toEqual([
      '08:00-09:00 lecture Bienvenida y diagnóstico inicial (Dra. Marisol Herrera Cruz)',
      '10:00-12:00 workshop Reanimación neonatal (Dr. Joaquín Ortega Lara)',
    ]);
    await expectAccessible(second);
    expect(errors).toEqual([]);
    await first.context().close();
    await second.context().close();
  }, 120_000);

  it('shows an overlapping block’s refusal on that block, saves once it is moved, then reorders and removes blocks', async () => {
    const page = await phone(lead, `/facilitar/${seminar.id}/agenda`, 'es-MX');
    const errors = pageErrors(page);
    const day = firstDay(page, 'es-MX');
    await day.getByRole('group', { name: 'Bloque 2: de 10:00 a 12:00' }).waitFor();
    await day.getByRole('button', { name: /^Agregar un bloque/ }).tap();
    const added = day.getByRole('group', { name: 'Bloque 3: de 12:00 a 13:00' });
    await added.getByLabel('Título').fill('Caso 1: preeclampsia con datos de severidad');
    await added.getByLabel('Empieza').fill('11:00');
    await day.getByRole('button', { name: /^Guardar este día/ }).tap();

    const overlapping = day.getByRole('group', { name: 'Bloque 3: de 11:00 a 13:00' });
    const start = overlapping.getByLabel('Empieza');
    await overlapping.locator('input[aria-invalid="true"]').waitFor();
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    expect(await description(start)).toContain('Se empalma con el bloque de 10:00 a 12:00.');
    for (const other of ['Bloque 1: de 08:00 a 09:00', 'Bloque 2: de 10:00 a 12:00'])
      expect(await day.getByRole('group', { name: other }).locator('[aria-invalid="true"]').count()).toBe(0);
    await expectAccessible(page);
    expect(await savedDay()).toHaveLength(2);

    await start.fill('12:00');
    await day.getByRole('button', { name: /^Guardar este día/ }).tap();
    await day.getByText('Guardado.').waitFor();
    expect((await savedDay())[2]).toBe('12:00-13:00 case_discussion Caso 1: preeclampsia con datos de severidad ()');

    // Moved earlier, the case takes the workshop's start and the workshop follows it; the welcome goes.
    await day.getByRole('button', { name: 'Antes: Bloque 3: de 12:00 a 13:00' }).tap();
    await day.getByRole('group', { name: 'Bloque 2: de 10:00 a 11:00' }).getByLabel('Título').waitFor();
    expect(await day.getByRole('group', { name: 'Bloque 3: de 11:00 a 13:00' }).getByLabel('Título').inputValue()).toBe(
      'Reanimación neonatal',
    );
    await day.getByRole('button', { name: 'Quitar Bloque 1: de 08:00 a 09:00' }).tap();
    await day.getByRole('button', { name: /^Guardar este día/ }).tap();
    await day.getByText('Guardado.').waitFor();
    expect(await savedDay()).toEqual([
      '10:00-11:00 case_discussion Caso 1: preeclampsia con datos de severidad ()',
      '11:00-13:00 workshop Reanimación neonatal (Dr. Joaquín Ortega Lara)',
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
