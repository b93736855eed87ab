import type { BrowserContext, Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  createUnit,
  enrol,
  sessionFor,
  signedInAs,
  PASSWORD,
} from '../support/factories';
import { createWebApp, expectAccessible, pageErrors, type WebApp } from '../support/browser';
import { setNow, setToday } from '../support/test-app';

const START = '2031-03-17';
/** A tablet held upright, as facilitators take the roster in the room. */
const TABLET = { viewport: { width: 800, height: 1280 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };

/**
 * A facilitator takes the first day's roster on a tablet: the check-in already recorded shows as
 * such and "everyone present" leaves it be; a late arrival with more hours than the day has is
 * refused on its row and nothing is saved; fixed, it saves. The next day the roster is read only,
 * saying why.
 */
describe('Web: a day’s roster on a tablet', () => {
  let web: WebApp;
  let seminarId: string;
  let lead: Person;
  let ana: Person;
  let beto: Person;
  let carla: Person;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-03-03');
    const office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const topicId = (await createTopic(web, { minimumAttendees: 1 })).id;
    const unit = await createUnit(web, networkId, 'primary', { name: 'Centro de Salud Coatepec' });
    lead = await createFacilitator(web);
    ({ id: seminarId } = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: START,
      facilitators: [lead],
      status: 'open',
    }));
    const people: Person[] = [];
    for (const fullName of ['Ana Aguilar Pérez', 'Beto Barrios Ruiz', 'Carla Cruz Méndez']) {
      const person = await createPerson(web, { fullName, unitId: unit.id });
      await enrol(web, seminarId, person.id, 'confirmed');
      people.push(person);
    }
    [ana, beto, carla] = people;

    // Ana checked in with the room's code at 09:20.
    setNow(web, '2031-03-17T15:20:00Z');
    const { body } = await web.http
      .get(`/api/v1/seminars/${seminarId}/days/${START}/check-in-code`)
      .set(await sessionFor(web, lead))
      .expect(200);
    await web.http
      .post('/api/v1/me/check-ins')
      .set(await sessionFor(web, ana))
      .send({ code: body.code })
      .expect(201);
  }, 60_000);

  afterAll(() => web?.close());

  const row = (person: Person) => page.getByRole('group', { name: person.fullName });

  async function records(): Promise<Record<string, [string, number, boolean]>> {
    const rows: { person_id: string; status: string; hours: number; checked_in: boolean }[] =
      await web.dataSource.query(
        `SELECT a.person_id, a.status, a.hours_credited::float8 AS hours, a.checked_in_at IS NOT NULL AS checked_in
         FROM attendance_record a JOIN seminar_day d ON d.id = a.seminar_day_id WHERE d.seminar_id = $1 AND d.date = $2`,
        [seminarId, START],
      );
    const names = new Map([ana, beto, carla].map((person) => [person.id, person.fullName]));
    return Object.fromEntries(rows.map((r) => [names.get(r.person_id)!, [r.status, r.hours, r.checked_in]]));
  }

  it('shows the check-in already recorded, marks everyone else present, and saves nothing while a row is wrong', async () => {
    setNow(web, '2031-03-17T16:00:00Z');
    context = await web.browser.newContext({ ...TABLET, locale: 'es-MX', baseURL: web.baseUrl });
    page = await context.newPage();
    errors = pageErrors(page);
    await page.goto(`/facilitar/${seminarId}/lista/${START}`);
    await page.waitForURL(/\/entrar\?next=/);
    await page.getByLabel('Correo electrónico').fill(lead.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    await page.getByRole('heading', { name: 'Lista de asistencia' }).waitFor();

    await row(ana).getByText('Registró su llegada con el código a las 09:20').waitFor();
    expect(await row(ana).getByRole('radio', { name: 'Presente' }).isChecked()).toBe(true);
    await row(beto).getByText('Sin registro').waitFor();
    expect(await row(beto).getByRole('radio', { checked: true }).count()).toBe(0);
    const days = page.getByRole('navigation', { name: 'Días del seminario' });
    expect(await days.getByRole('link', { name: /^Día 1 · lun/ }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Todos presentes' }).tap();
    expect(await row(beto).getByRole('radio', { name: 'Presente' }).isChecked()).toBe(true);
    expect(await row(carla).getByRole('radio', { name: 'Presente' }).isChecked()).toBe(true);
    // Ana's check-in is already a record: nothing to change there.
    await page.getByRole('button', { name: 'Guardar 2 cambios' }).waitFor();

    // Carla came late; 9 hours is more than the day's 8.
    await row(carla).getByRole('radio', { name: 'Retraso' }).tap();
    await row(carla).getByLabel('Horas en la sesión').fill('9');
    await page.getByRole('button', { name: 'Guardar 2 cambios' }).tap();
    await page.getByRole('alert').getByText('No se guardó nada: corrija la fila marcada.').waitFor();
    await row(carla).getByText('Debe ser más de 0 y menos que las horas del día.').waitFor();
    expect(await row(beto).getByText('Debe ser más de 0').count()).toBe(0);
    expect(await records()).toEqual({ 'Ana Aguilar Pérez': ['present', 8, true] });
    await expectAccessible(page);
  }, 90_000);

  it('saves once the row is fixed, keeping the check-in, in English too', async () => {
    await row(carla).getByLabel('Horas en la sesión').fill('5,5');
    await page.getByRole('button', { name: 'Guardar 2 cambios' }).tap();
    await page.getByRole('status').getByText('Lista guardada.').waitFor();
    expect(await records()).toEqual({
      'Ana Aguilar Pérez': ['present', 8, true],
      'Beto Barrios Ruiz': ['present', 8, false],
      'Carla Cruz Méndez': ['late', 5.5, false],
    });
    await row(carla).getByText('Retraso: 5.5 h en la sesión').waitFor();
    await page.getByRole('button', { name: 'Sin cambios por guardar' }).waitFor();

    await page.getByText('English', { exact: true }).tap();
    await page.getByRole('heading', { name: 'Attendance list' }).waitFor();
    await row(ana).getByText('Checked in with the code at 09:20').waitFor();
    await row(beto).getByRole('radio', { name: 'Absent' }).tap();
    await page.getByRole('button', { name: 'Save 1 change' }).waitFor();
    await expectAccessible(page);
    await page.getByText('Español', { exact: true }).tap();
  }, 60_000);

  it('is read only for the facilitator after the day, and before a day comes, saying why', async () => {
    setNow(web, '2031-03-18T15:00:00Z');
    await page.reload();
    await page.getByRole('heading', { name: 'Lista de asistencia' }).waitFor();
    await page
      .getByText('El día ya terminó. Solo la oficina de capacitación puede corregir la lista, con un motivo.')
      .waitFor();
    expect(await row(carla).getByRole('radio', { name: 'Retraso' }).isChecked()).toBe(true);
    expect(await row(beto).getByRole('radio', { name: 'Ausente' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^Guardar|^Sin cambios/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Todos presentes' }).count()).toBe(0);
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Días del seminario' })
      .getByRole('link', { name: /^Día 3 · / })
      .tap();
    await page.waitForURL((url) => url.pathname === `/facilitar/${seminarId}/lista/2031-03-19`);
    await page.getByText('Este día aún no llega. La lista se pasa el mismo día.').waitFor();
    expect(await row(ana).getByRole('radio', { checked: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
