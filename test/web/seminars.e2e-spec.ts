import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import { buildPng } from '../fixtures/attachments/builders';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  enrol,
  PASSWORD,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { parseCalendar } from '../support/ics';
import { setToday } from '../support/test-app';

const START = '2031-03-17';
const TODAY = '2031-03-12';
const REQUIREMENTS = [
  { specialtyCode: 'gynecology_obstetrics', count: 1 },
  { specialtyCode: 'pediatrics', count: 1 },
];

/**
 * A physician's seminars on a phone: the list, coming then past; a seminar's page with its agenda,
 * facilitators, calendar file and published cases (their files exactly as uploaded); and
 * withdrawing, with the reason the rules require once the seminar is confirmed.
 */
describe('Web: my seminars, a seminar’s page and withdrawing', () => {
  let web: WebApp;
  let office: SignedIn;
  let seminar: PlannedSeminar;
  let past: PlannedSeminar;
  let physician: Person;
  let waiting: Person;
  let caseId: string;
  let caseTitle: string;
  const photo = buildPng();

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-01-10');
    office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const hospital = await createUnit(web, networkId, 'secondary', { name: 'Hospital General de Xalapa' });
    const lead = await createFacilitator(web, 'gynecology_obstetrics', {
      fullName: 'Dra. Marisol Herrera Cruz',
      unitId: hospital.id,
    });
    const paediatrician = await createFacilitator(web, 'pediatrics', {
      fullName: 'Dr. Joaquín Ortega Lara',
      unitId: hospital.id,
    });
    physician = await createPerson(web, { fullName: 'Rosa Elena Domínguez Xolo' });
    waiting = await createPerson(web, { fullName: 'Alan Ruiz Méndez', locale: 'en' });
    past = await createSeminar(web, {
      office,
      networkId,
      topic: { title: 'Diabetes en el primer nivel', minimumAttendees: 1, requirements: REQUIREMENTS },
      startDate: '2031-02-03',
      facilitators: [lead, paediatrician],
      confirmed: [physician],
      status: 'completed',
    });
    seminar = await createSeminar(web, {
      office,
      networkId,
      topic: { title: 'Preeclampsia y hemorragia obstétrica', minimumAttendees: 1, requirements: REQUIREMENTS },
      startDate: START,
      facilitators: [lead, paediatrician],
      confirmed: [physician],
      status: 'confirmed',
    });
    await enrol(web, seminar.id, waiting.id, 'waitlisted');

    const agenda = (await web.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(office.auth).expect(200)).body;
    const day = (
      await web.http
        .put(`/api/v1/seminars/${seminar.id}/days/${START}/agenda`)
        .set(office.auth)
        .send({
          version: agenda.days[0].agendaVersion,
          blocks: [
            {
              kind: 'case_discussion',
              start: '08:00',
              end: '10:00',
              title: 'Caso 1: preeclampsia con datos de severidad',
              responsibleId: lead.id,
            },
            { kind: 'break', start: '10:00', end: '10:30' },
            {
              kind: 'workshop',
              start: '10:30',
              end: '12:30',
              title: 'Reanimación neonatal',
              responsibleId: paediatrician.id,
            },
          ],
        })
        .expect(200)
    ).body;

    caseTitle = 'Preeclampsia con datos de severidad en el primer nivel';
    caseId = (
      await web.http
        .post(`/api/v1/seminars/${seminar.id}/cases`)
        .set(office.auth)
        .send({
          title: caseTitle,
          summary:
            'Mujer de 34 años, gesta 2, con 35 semanas de embarazo, cefalea y tensión arterial de 160/110 mmHg.\n\nProteinuria en tira reactiva.',
          learningObjectives: ['Reconocer los datos de severidad de la preeclampsia'],
          discussionQuestions: ['¿Qué estudios pide antes de referir?'],
          agendaBlockId: day.blocks[0].id,
        })
        .expect(201)
    ).body.id;
    await web.http
      .post(`/api/v1/cases/${caseId}/attachments`)
      .set(office.auth)
      .attach('file', photo, 'tira-reactiva.png')
      .expect(201);
    await web.http.post(`/api/v1/cases/${caseId}/submit`).set(office.auth).expect(200);
    await web.http.post(`/api/v1/cases/${caseId}/review`).set(office.auth).send({ decision: 'approve' }).expect(200);
    await web.http.post(`/api/v1/cases/${caseId}/publish`).set(office.auth).expect(200);
    // Five days before: its confirmed attendees read the published cases.
    setToday(web, TODAY);
  }, 120_000);

  afterAll(() => web?.close());

  /** A phone whose clock reads the service's today, which the pages split coming and past seminars by. */
  async function phone(locale: 'es-MX' | 'en' = 'es-MX'): Promise<Page> {
    const context = await newPhone(web, locale);
    await context.clock.setFixedTime(new Date(`${TODAY}T18:00:00Z`));
    return context.newPage();
  }

  async function signIn(page: Page, email: string, button: string) {
    await page.getByLabel(/^(Correo electrónico|Email)/).fill(email);
    await page.getByLabel(/^(Contraseña|Password)/).fill(PASSWORD);
    await page.getByRole('button', { name: button }).last().tap();
  }

  async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return readFileSync((await file.path())!);
  }

  const enrolmentOf = async (person: Person) =>
    (
      await web.dataSource.query(`SELECT status, reason FROM enrolment WHERE seminar_id = $1 AND person_id = $2`, [
        seminar.id,
        person.id,
      ])
    )[0];

  it('in English, gives up a place on the waiting list without a reason, and says when a seminar is not there', async () => {
    const page = await phone('en');
    const errors = pageErrors(page);
    await page.goto(`/seminarios/${randomUUID()}`);
    await page.waitForURL(/\/entrar\?next=/);
    await signIn(page, waiting.email, 'Sign in');
    await page.getByRole('heading', { level: 1, name: 'We could not find this seminar' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Back to my seminars' }).tap();
    await page.getByRole('heading', { level: 1, name: 'My seminars' }).waitFor();
    await page.getByText('Waiting list').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: seminar.title }).tap();
    await page.getByText('You are on the waiting list, in place 1.', { exact: false }).waitFor();
    await page.getByText('Monday, March 17, 2031, 08:00 to 16:00').waitFor();
    // Only confirmed attendees read the cases.
    expect(await page.getByRole('heading', { name: 'Clinical cases' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Withdraw from this seminar' }).tap();
    await page.getByLabel('Reason (optional)').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, withdraw from the seminar' }).tap();
    await page.getByText('You withdrew from this seminar.').first().waitFor();
    await expectAccessible(page);
    expect(await enrolmentOf(waiting)).toEqual({ status: 'withdrawn', reason: null });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('lists my seminars, shows the agenda, facilitators, calendar and cases, and withdraws with the reason required', async () => {
    const page = await phone();
    const errors = pageErrors(page);
    await page.goto('/seminarios');
    await signIn(page, physician.email, 'Entrar');
    await page.getByRole('heading', { level: 1, name: 'Mis seminarios' }).waitFor();
    const coming = page.getByRole('region', { name: 'Próximos' });
    const earlier = page.getByRole('region', { name: 'Anteriores' });
    await coming.getByRole('link', { name: seminar.title }).waitFor();
    await coming.getByText('Confirmada').waitFor();
    await earlier.getByRole('link', { name: past.title }).waitFor();
    await expectAccessible(page);

    await coming.getByRole('link', { name: seminar.title }).tap();
    await page.getByRole('heading', { level: 1, name: seminar.title }).waitFor();
    await page.getByText('Su lugar está confirmado. Le esperamos.').waitFor();
    await page.getByRole('heading', { name: 'lunes, 17 de marzo de 2031, de 08:00 a 16:00' }).waitFor();
    const blocks = page.getByRole('region', { name: 'Programa' }).getByRole('listitem');
    await blocks
      .filter({ hasText: 'Caso 1: preeclampsia con datos de severidad' })
      .getByText('Lo conduce: Dra. Marisol Herrera Cruz')
      .waitFor();
    await blocks.filter({ hasText: 'Reanimación neonatal' }).getByText('Lo conduce: Dr. Joaquín Ortega Lara').waitFor();
    const facilitators = page.getByRole('region', { name: 'Especialistas que lo conducen' });
    await facilitators.getByText('Dr. Joaquín Ortega Lara').waitFor();
    await facilitators.getByText('Pediatría').waitFor();
    await facilitators.getByText('Hospital General de Xalapa').first().waitFor();
    await page.getByText('Se discute el lunes, 17 de marzo de 2031 a las 08:00').waitFor();
    await expectAccessible(page);

    const ics = await download(page, () => page.getByRole('link', { name: 'Agregar a mi calendario' }).tap());
    const { events } = parseCalendar(ics.toString('utf8'));
    expect(events.map((e) => e.summary)).toEqual([1, 2, 3].map((n) => `${seminar.title} (día ${n} de 3)`));

    await page.getByRole('link', { name: caseTitle }).tap();
    await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
    await page.getByText('¿Qué estudios pide antes de referir?').waitFor();
    await expectAccessible(page);
    const file = await download(page, () => page.getByRole('link', { name: /^Descargar tira-reactiva\.png/ }).tap());
    expect(file.equals(photo)).toBe(true);

    await page.getByRole('link', { name: 'Volver al seminario' }).tap();
    await page.getByRole('button', { name: 'Dejar este seminario' }).tap();
    await page.getByText('Su lugar pasará a la siguiente persona de la lista de espera.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Sí, dejar el seminario' }).tap();
    // The seminar is confirmed: the service asks for the reason, beside its field.
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    await expectAccessible(page);
    expect((await enrolmentOf(physician)).status).toBe('confirmed');
    await page.getByLabel(/^Motivo/).fill('Me asignaron una guardia en el hospital esa semana');
    await page.getByRole('button', { name: 'Sí, dejar el seminario' }).tap();
    await page.getByRole('status').getByText('Dejó este seminario.').first().waitFor();
    await expectAccessible(page);
    expect(await enrolmentOf(physician)).toEqual({
      status: 'withdrawn',
      reason: 'Me asignaron una guardia en el hospital esa semana',
    });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
