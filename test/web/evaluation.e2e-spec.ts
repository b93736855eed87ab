import type { Locator, Page } from 'playwright-core';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  createSeminar,
  createUnit,
  enrol,
  PASSWORD,
  sessionFor,
  signedInAs,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setNow, setToday } from '../support/test-app';

/**
 * Evaluations on a phone: a pre-test before the first day, the first day's evaluation after it,
 * the final evaluation (each facilitator by name) and the post-test after the last, each answered
 * on one screen and then replaced; and the journey sign in → accept → evaluation with the keyboard
 * alone.
 */
describe('Web: answering evaluations', () => {
  let web: WebApp;
  let office: SignedIn;
  let networkId: string;
  let unitId: string;
  let lead: { id: string; fullName: string };
  let other: { id: string; fullName: string };
  let topicId: string;

  beforeAll(async () => {
    web = await createWebApp();
    office = await signedInAs(web, ['office']);
    networkId = (await createNetwork(web)).id;
    unitId = (await createUnit(web, networkId)).id;
    lead = await createFacilitator(web, 'gynecology_obstetrics', { fullName: 'Dra. Itzel Cruz Hernández' });
    other = await createFacilitator(web, 'gynecology_obstetrics', { fullName: 'Dr. Mario Vázquez Ortiz' });
    const question = (id: string, es: string, en: string, right: string) => ({
      id,
      kind: 'single_choice',
      prompt: { es, en },
      required: true,
      options: [
        { id: 'a', label: { es: 'Sulfato de magnesio', en: 'Magnesium sulfate' } },
        { id: 'b', label: { es: 'Diazepam', en: 'Diazepam' } },
      ],
      correct: right,
      points: 50,
    });
    const test = await web.http
      .post('/api/v1/evaluation-forms')
      .set(office.auth)
      .send({
        kind: 'diagnostic',
        title: { es: 'Prueba de conocimientos', en: 'Knowledge test' },
        items: [
          question('q1', '¿Qué previene las convulsiones en la preeclampsia grave?', 'What prevents seizures?', 'a'),
          question('q2', '¿Cuál es el primer fármaco ante una eclampsia?', 'First drug in eclampsia?', 'a'),
        ],
      })
      .expect(201);
    topicId = (await createTopic(web, { title: 'Urgencias obstétricas', minimumAttendees: 1 })).id;
    await web.http
      .put(`/api/v1/topics/${topicId}/evaluation-forms`)
      .set(office.auth)
      .send({ diagnostic: test.body.id })
      .expect(200);
  }, 90_000);

  afterAll(() => web?.close());

  async function signIn(page: Page, email: string) {
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
  }

  const likert = (page: Page, legend: string | RegExp) => page.getByRole('group', { name: legend });

  /** The physician's own answers, as the API gives them back to her. */
  const mine = async (auth: { Authorization: string }, seminarId: string, occasion: string) =>
    (await web.http.get(`/api/v1/me/evaluations/${seminarId}/${occasion}`).set(auth).expect(200)).body.answers;

  it('answers a pre-test, a daily and a final evaluation and a post-test on a phone, and replaces them while open', async () => {
    const physician = await createPerson(web, { roles: ['attendee'], unitId, fullName: 'Dra. Lucía Pérez Mora' });
    const auth = await sessionFor(web, physician);
    setToday(web, '2031-03-03');
    const seminar = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: '2031-03-17',
      facilitators: [lead, other],
      confirmed: [physician],
      status: 'confirmed',
    });
    setNow(web, '2031-03-16T18:00:00Z');
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/entrar');
    await signIn(page, physician.email);
    await page.getByRole('heading', { name: 'Evaluaciones pendientes' }).waitFor();
    await page.getByRole('link', { name: 'Prueba de conocimientos' }).tap();

    // The pre-test: every item on one screen; sent empty, each required item says so beside it.
    await page.getByRole('heading', { level: 1, name: 'Prueba de conocimientos' }).waitFor();
    await page.getByText('Sus respuestas nunca se vinculan con su nombre en los informes', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enviar mis respuestas' }).tap();
    const first = page.getByRole('group', { name: /previene las convulsiones/ });
    const second = page.getByRole('group', { name: /primer fármaco/ });
    await first.getByRole('alert').waitFor();
    await second.getByRole('alert').waitFor();
    await expectAccessible(page);
    await first.getByRole('radio', { name: 'Sulfato de magnesio' }).tap();
    await second.getByRole('radio', { name: 'Diazepam' }).tap();
    await page.getByRole('button', { name: 'Enviar mis respuestas' }).tap();
    await page.getByRole('status').getByText('Recibimos sus respuestas;', { exact: false }).waitFor();
    expect(await mine(auth, seminar.id, 'pre-test')).toEqual({ q1: 'a', q2: 'b' });
    // While it is open the answers are replaced, and no score is shown that would give the answers away.
    await second.getByRole('radio', { name: 'Sulfato de magnesio' }).tap();
    await page.getByRole('button', { name: 'Guardar los cambios' }).tap();
    await page.getByRole('status').waitFor();
    expect(await mine(auth, seminar.id, 'pre-test')).toEqual({ q1: 'a', q2: 'a' });
    expect(await page.getByText('Su puntaje').count()).toBe(0);

    // The first day's evaluation, once the day has ended: five large buttons per statement.
    setNow(web, '2031-03-17T23:30:00Z');
    await page.goto('/');
    await page.getByRole('link', { name: 'Evaluación de la sesión del día' }).tap();
    await page.getByText('Sobre el día lunes, 17 de marzo de 2031').waitFor();
    const useful = likert(page, /La sesión de hoy fue útil/);
    const box = (await useful.getByRole('radio', { name: '4, de acuerdo' }).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    await useful.getByRole('radio', { name: '5, totalmente de acuerdo' }).tap();
    await likert(page, /fueron claros/)
      .getByRole('radio', { name: '4, de acuerdo' })
      .tap();
    await likert(page, /tiempo suficiente/)
      .getByRole('radio', { name: '3, ni de acuerdo ni en desacuerdo' })
      .tap();
    await page.getByLabel('Un comentario sobre el día (opcional).').fill('Más casos de urgencias');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enviar mis respuestas' }).tap();
    await page.getByRole('status').waitFor();
    await useful.getByRole('radio', { name: '3, ni de acuerdo ni en desacuerdo' }).tap();
    await page.getByRole('button', { name: 'Guardar los cambios' }).tap();
    await page.getByRole('status').waitFor();
    expect(await mine(auth, seminar.id, '2031-03-17')).toEqual({
      usefulness: 3,
      clarity: 4,
      discussion_time: 3,
      comment: 'Más casos de urgencias',
    });

    // After the last day: the final evaluation asks each facilitator's openness by name, in English.
    setNow(web, '2031-03-19T23:30:00Z');
    await page.goto('/');
    await page.getByRole('link', { name: 'Evaluación final del seminario' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Evaluación final del seminario' }).waitFor();
    await page.getByText('English', { exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: 'Final seminar evaluation' }).waitFor();
    const openness = likert(page, /The facilitator was open/);
    await openness.getByRole('group', { name: lead.fullName }).getByRole('radio', { name: '5, strongly agree' }).tap();
    await openness.getByRole('group', { name: other.fullName }).getByRole('radio', { name: '4, agree' }).tap();
    for (const statement of [/Overall/, /relevant/, /climate of equality/, /confident to consult/, /how I refer/])
      await likert(page, statement).getByRole('radio', { name: '4, agree' }).tap();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send my answers' }).tap();
    await page.getByRole('status').getByText('We received your answers;', { exact: false }).waitFor();
    await likert(page, /Overall/)
      .getByRole('radio', { name: '5, strongly agree' })
      .tap();
    await page.getByRole('button', { name: 'Save the changes' }).tap();
    await page.getByRole('status').waitFor();
    expect(await mine(auth, seminar.id, 'final')).toMatchObject({
      overall: 5,
      openness: { [lead.id]: 5, [other.id]: 4 },
    });

    // The post-test; and the pre-test, now closed, read only with its score.
    await page.goto('/');
    await page.getByRole('link', { name: 'Knowledge test' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Knowledge test' }).waitFor();
    for (const question of [/prevents seizures/, /eclampsia/])
      await likert(page, question).getByRole('radio', { name: 'Magnesium sulfate' }).tap();
    await page.getByRole('button', { name: 'Send my answers' }).tap();
    await page.getByRole('status').waitFor();
    expect(await mine(auth, seminar.id, 'post-test')).toEqual({ q1: 'a', q2: 'a' });
    await page.goto(`/evaluaciones/${seminar.id}/pre-test`);
    await page.getByText('Your score: 100 out of 100').waitFor();
    await page.getByText('This evaluation closed on', { exact: false }).waitFor();
    expect(await page.getByRole('radio', { disabled: true }).count()).toBe(4);
    expect(await page.getByRole('button', { name: /Send|Save/ }).count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);

  /** Presses Tab until `target` has the focus (as a keyboard user moves through a page). */
  async function tabTo(page: Page, target: Locator, limit = 40) {
    for (let i = 0; i < limit; i++) {
      const focused = await target.evaluate(
        (element: unknown) =>
          element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      );
      if (focused) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  it('signs in, accepts an invitation and answers the day’s evaluation with the keyboard alone', async () => {
    const physician = await createPerson(web, { roles: ['attendee'], unitId, fullName: 'Dr. Joaquín Ruiz Soto' });
    setToday(web, '2031-03-03');
    const seminar = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: '2031-04-14',
      facilitators: [lead, other],
      status: 'open',
    });
    const enrolment = await enrol(web, seminar.id, physician.id, 'invited');
    const context = await web.browser.newContext({
      locale: 'es-MX',
      viewport: { width: 1280, height: 800 },
      baseURL: web.baseUrl,
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`/inscripciones/${enrolment.id}`);
    // Sent to sign in first, and back to the invitation after.
    await page.getByLabel('Correo electrónico').waitFor();
    await tabTo(page, page.getByLabel('Correo electrónico'));
    await page.keyboard.type(physician.email);
    await tabTo(page, page.getByLabel(/^Contraseña/));
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    const accept = page.getByRole('button', { name: 'Acepto' });
    await accept.waitFor();
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
    await page.getByText('Aceptó.', { exact: false }).waitFor();
    await expectAccessible(page);

    // The office releases him; after the first day his home offers the day's evaluation.
    const [approval] = await web.dataSource.query(`SELECT id FROM release_approval WHERE enrolment_id = $1`, [
      enrolment.id,
    ]);
    await web.http.post(`/api/v1/release-requests/${approval.id}/approve`).set(office.auth).send({}).expect(200);
    setNow(web, '2031-04-14T23:30:00Z');
    await page.goto('/');
    const link = page.getByRole('link', { name: 'Evaluación de la sesión del día' });
    await link.waitFor();
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    const useful = likert(page, /La sesión de hoy fue útil/);
    await useful.waitFor();
    // In a scale, Tab enters it and the arrows choose: 1, then → to 2, 3, 4.
    for (const [group, steps] of [
      [useful, 3],
      [likert(page, /fueron claros/), 4],
      [likert(page, /tiempo suficiente/), 2],
    ] as const) {
      await tabTo(page, group.getByRole('radio').first());
      await page.keyboard.press('Space');
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    }
    await tabTo(page, page.getByRole('button', { name: 'Enviar mis respuestas' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Recibimos sus respuestas;', { exact: false }).waitFor();
    await expectAccessible(page);
    expect(await mine(await sessionFor(web, physician), seminar.id, '2031-04-14')).toEqual({
      usefulness: 4,
      clarity: 5,
      discussion_time: 3,
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
