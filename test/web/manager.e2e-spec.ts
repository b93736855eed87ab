import type { Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import {
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  createUnit,
  PASSWORD,
  sessionFor,
  setTrainingNeeds,
  setUnavailable,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setToday } from '../support/test-app';

/** Thursday 6 March 2031, in the service and on the manager's phone. */
const TODAY = '2031-03-06';

/**
 * A unit's manager on a phone: the release requests of their unit, pending first with how long each
 * has waited, approved and refused (with the reason it requires) until they show as decided; and
 * their unit's page: who is away on which days, and what the staff want to learn.
 */
describe('Web: a manager’s releases and unit', () => {
  let web: WebApp;
  let office: SignedIn;
  let manager: Person;
  let preeclampsia: PlannedSeminar;
  let diabetes: PlannedSeminar;
  let ana: Person;
  let beto: Person;
  let carla: Person;
  let dora: Person;
  const enrolments = new Map<string, string>();

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-03-03');
    office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const unitId = (await createUnit(web, networkId, 'primary', { name: 'Centro de Salud Xalapa Norte' })).id;
    manager = await createPerson(web, { roles: ['manager'], unitId, fullName: 'Dra. Rosa Méndez' });
    ana = await createPerson(web, { fullName: 'Ana Castillo Ruiz', unitId });
    beto = await createPerson(web, { fullName: 'Beto Lara Soto', unitId });
    carla = await createPerson(web, { fullName: 'Carla Díaz Mora', unitId });
    dora = await createPerson(web, { fullName: 'Dora Gil Pérez', unitId });
    const plan = (title: string, startDate: string) =>
      createSeminar(web, { office, networkId, topic: { title, minimumAttendees: 1 }, startDate, status: 'open' });
    preeclampsia = await plan('Preeclampsia en el primer nivel', '2031-03-17');
    diabetes = await plan('Diabetes tipo 2', '2031-04-07');

    const invite = async (seminarId: string, person: Person) => {
      const [enrolment] = (
        await web.http
          .post(`/api/v1/seminars/${seminarId}/enrolments`)
          .set(office.auth)
          .send({ personIds: [person.id] })
          .expect(201)
      ).body;
      enrolments.set(person.id, enrolment.id);
    };
    const accept = async (person: Person) =>
      web.http
        .post(`/api/v1/enrolments/${enrolments.get(person.id)}/accept`)
        .set(await sessionFor(web, person))
        .expect(200);
    // Ana asks on Monday for the soonest seminar, Beto on Wednesday for the later one.
    await invite(preeclampsia.id, ana);
    await invite(diabetes.id, beto);
    await invite(diabetes.id, dora);
    await accept(ana);
    setToday(web, '2031-03-05');
    await accept(beto);
    setToday(web, TODAY);

    await setUnavailable(web, carla.id, [{ from: '2031-03-24', to: '2031-03-26', reason: 'Vacaciones' }]);
    const hypertension = await createTopic(web, { title: 'Hipertensión arterial' });
    await setTrainingNeeds(web, carla.id, {
      willingToAttend: true,
      interests: [{ topicId: hypertension.id, interest: 3 }],
    });
  }, 90_000);

  afterAll(() => web?.close());

  const statusOf = async (person: Person) =>
    (await web.dataSource.query(`SELECT status FROM enrolment WHERE id = $1`, [enrolments.get(person.id)]))[0].status;

  async function signInAt(path: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.clock.setFixedTime(new Date(`${TODAY}T18:00:00Z`));
    await page.goto(path);
    await page.waitForURL(/\/entrar\?next=/);
    await page.getByLabel('Correo electrónico').fill(manager.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    return { page, errors, close: () => context.close() };
  }

  const decided = (page: Page) => page.getByRole('region', { name: /Ya decididas|Already decided/ });

  it('lists the pending requests first with how long each waits, approves one, refuses another with its reason, and shows them decided', async () => {
    const { page, errors, close } = await signInAt('/liberaciones');
    await page.getByRole('heading', { level: 1, name: 'Liberaciones por decidir' }).waitFor();
    // Soonest seminar first, each with its wait; nothing decided yet.
    const cards = page.getByRole('listitem');
    await expect(cards.nth(0).textContent()).resolves.toMatch(
      /Ana Castillo Ruiz.*Preeclampsia en el primer nivel.*17 de marzo de 2031 al 19 de marzo de 2031.*Espera desde hace 3 días/,
    );
    await expect(cards.nth(1).textContent()).resolves.toMatch(
      /Beto Lara Soto.*Diabetes tipo 2.*Espera desde hace 1 día$/,
    );
    await decided(page).getByText('Aún no ha decidido ninguna solicitud.').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ana Castillo Ruiz' }).tap();
    await page.getByRole('button', { name: 'Lo libero' }).tap();
    await page.getByText('Lo liberó: su lugar está confirmado.').waitFor();
    expect(await statusOf(ana)).toBe('confirmed');

    await page.getByRole('link', { name: 'Volver a las liberaciones' }).tap();
    await decided(page).getByText('Aprobada').waitFor();
    await page.getByRole('link', { name: 'Beto Lara Soto' }).tap();
    await page.getByRole('button', { name: 'No puedo liberarlo' }).tap();
    // The reason is required: refusing without one is refused beside the field, and changes nothing.
    await page.getByRole('button', { name: 'Rechazar la liberación' }).tap();
    const reason = page.getByRole('textbox', { name: 'Motivo' });
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    expect(await statusOf(beto)).toBe('accepted');
    await reason.fill('Cubre la consulta de urgencias esa semana.');
    await page.getByRole('button', { name: 'Rechazar la liberación' }).tap();
    await page.getByText('Rechazó la liberación; su lugar pasó a otra persona.').waitFor();
    await page.getByText('Motivo: Cubre la consulta de urgencias esa semana.').waitFor();
    expect(await statusOf(beto)).toBe('withdrawn');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Volver a las liberaciones' }).tap();
    await page.getByText('No tiene solicitudes de liberación pendientes.').waitFor();
    const ruled = decided(page).getByRole('listitem');
    await expect(ruled.filter({ hasText: 'Ana Castillo Ruiz' }).textContent()).resolves.toMatch(
      /Aprobada.*Decidida el 6 de marzo de 2031/,
    );
    await expect(ruled.filter({ hasText: 'Beto Lara Soto' }).textContent()).resolves.toMatch(
      /Rechazada.*Decidida el 6 de marzo de 2031.*Motivo: Cubre la consulta de urgencias esa semana\./,
    );

    await page.getByText('English', { exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: 'Releases to decide' }).waitFor();
    await decided(page).getByText('Refused').waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('shows on the unit’s page who is away on which days, and what the staff want to learn', async () => {
    // The last visit switched the pages, and so her profile, to English.
    await web.http
      .patch('/api/v1/me')
      .set(await sessionFor(web, manager))
      .send({ locale: 'es' })
      .expect(200);
    const { page, errors, close } = await signInAt('/mi-unidad');
    await page.getByRole('heading', { level: 1, name: 'Mi unidad' }).waitFor();
    await page.getByText('Del 3 de marzo de 2031 al 30 de marzo de 2031').waitFor();

    const byDay = page.getByRole('region', { name: 'Ausencias por día' });
    const day = (pattern: RegExp) => byDay.getByRole('listitem').filter({ hasText: pattern }).first();
    // Ana on each of her seminar's days, Carla on the days she said she is away.
    for (const date of [/lun.*17.*mar/, /mar.*18.*mar/, /mié.*19.*mar/])
      await expect(day(date).textContent()).resolves.toMatch(
        /1 de 4 fuera.*Ana Castillo Ruiz: Seminario «Preeclampsia en el primer nivel» · Confirmado/,
      );
    for (const date of [/lun.*24.*mar/, /mar.*25.*mar/, /mié.*26.*mar/])
      await expect(day(date).textContent()).resolves.toMatch(/Carla Díaz Mora: No disponible/);
    expect(await byDay.getByRole('listitem').filter({ hasText: 'fuera' }).count()).toBe(6);

    const staff = page.getByRole('region', { name: 'Su personal' });
    const person = (name: string) => staff.getByRole('listitem').filter({ hasText: name });
    await expect(person('Ana Castillo Ruiz').textContent()).resolves.toMatch(/17.*19.*mar.*Confirmado/);
    await expect(person('Carla Díaz Mora').textContent()).resolves.toMatch(/24.*26.*mar.*No disponible/);
    await expect(person('Beto Lara Soto').textContent()).resolves.toMatch(/Sin ausencias en estas semanas/);

    const demand = page.getByRole('region', { name: 'Necesidades de capacitación' });
    await expect(demand.getByRole('listitem').textContent()).resolves.toBe(
      'Hipertensión arterial1 persona interesada · 1 con interés alto · 1 dispuesta a asistir',
    );
    await expectAccessible(page);

    // The next four weeks: Dora, invited to the April seminar, has not answered yet.
    await page.getByRole('link', { name: 'Semanas siguientes' }).tap();
    await page.getByText('Del 31 de marzo de 2031 al 27 de abril de 2031').waitFor();
    await expect(day(/lun.*7.*abr/).textContent()).resolves.toMatch(
      /Dora Gil Pérez: Seminario «Diabetes tipo 2» · Invitado, aún no responde/,
    );
    expect(await byDay.getByText('Beto Lara Soto').count()).toBe(0);

    await page.getByText('English', { exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: 'My unit' }).waitFor();
    await page.getByRole('region', { name: 'Away by day' }).getByText('Invited, not answered yet').first().waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
