import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  PASSWORD,
  sessionFor,
  signedInAs,
  type PlannedSeminar,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setNow } from '../support/test-app';

/**
 * A seminar's evaluation report as its facilitators read it: Monday 17 to Wednesday 19 March 2031,
 * six confirmed attendees; four answered the first day's evaluation (under the five a figure needs),
 * all six the final one (each facilitator's openness apart), six the pre-test and five the post-test.
 */
describe('Web: a facilitator reads the evaluation report of their seminar', () => {
  let web: WebApp;
  let seminar: PlannedSeminar;
  let lead: Person;
  let other: Person;
  let attendee: Person;

  beforeAll(async () => {
    web = await createWebApp();
    const office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    lead = await createFacilitator(web, 'gynecology_obstetrics', { fullName: 'Dra. Itzel Cruz Hernández' });
    other = await createFacilitator(web, 'gynecology_obstetrics', {
      fullName: 'Dr. Mario Vázquez Ortiz',
      locale: 'en',
    });
    const question = (id: string) => ({
      id,
      kind: 'single_choice',
      prompt: { es: `Pregunta ${id}`, en: `Question ${id}` },
      required: true,
      options: [
        { id: 'a', label: { es: 'A', en: 'A' } },
        { id: 'b', label: { es: 'B', en: 'B' } },
      ],
      correct: 'a',
      points: 25,
    });
    const test = await web.http
      .post('/api/v1/evaluation-forms')
      .set(office.auth)
      .send({
        kind: 'diagnostic',
        title: { es: 'Prueba de conocimientos', en: 'Knowledge test' },
        items: ['q1', 'q2', 'q3', 'q4'].map(question),
      })
      .expect(201);
    const topicId = (await createTopic(web, { title: 'Urgencias obstétricas', minimumAttendees: 1 })).id;
    await web.http
      .put(`/api/v1/topics/${topicId}/evaluation-forms`)
      .set(office.auth)
      .send({ diagnostic: test.body.id })
      .expect(200);
    const people: Person[] = [];
    for (let i = 0; i < 6; i++) people.push(await createPerson(web, { roles: ['attendee'] }));
    attendee = people[0];
    setNow(web, '2031-03-03T18:00:00Z');
    seminar = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: '2031-03-17',
      facilitators: [lead, other],
      confirmed: people,
    });
    const auths: { Authorization: string }[] = [];
    for (const person of people) auths.push(await sessionFor(web, person));
    const answer = (i: number, occasion: string, answers: object) =>
      web.http
        .put(`/api/v1/me/evaluations/${seminar.id}/${occasion}`)
        .set(auths[i])
        .send({ formVersion: 1, answers })
        .expect(200);
    const scored = (correct: number) =>
      Object.fromEntries(['q1', 'q2', 'q3', 'q4'].map((q, i) => [q, i < correct ? 'a' : 'b']));

    // The pre-test before 08:00 of the first day: 25, 50, 50, 75, 0 and 25 %.
    setNow(web, '2031-03-17T13:59:00Z');
    for (const [i, correct] of [1, 2, 2, 3, 0, 1].entries()) await answer(i, 'pre-test', scored(correct));
    // The first day's evaluation, from four of the six.
    setNow(web, '2031-03-17T23:00:00Z');
    for (let i = 0; i < 4; i++)
      await answer(i, '2031-03-17', { usefulness: 5 - i, clarity: 4, discussion_time: 3, comment: `Día ${i}` });
    // After the last day: the final evaluation from all six, the post-test from the first five.
    setNow(web, '2031-03-19T23:00:00Z');
    const overall = [5, 5, 4, 4, 3, 5];
    const leadOpenness = [5, 5, 5, 4, 4, 5];
    const otherOpenness = [3, 2, 3, 3, 4, 3];
    for (let i = 0; i < 6; i++)
      await answer(i, 'final', {
        overall: overall[i],
        relevance: 5,
        openness: { [lead.id]: leadOpenness[i], [other.id]: otherOpenness[i] },
        equality: 4,
        confidence_consult: 4,
        referral_change: 3,
        ...(i < 3 ? { next_time: `Sugerencia ${i}` } : {}),
      });
    // 75, 75, 100, 75, 50 %: improvements of 50, 25, 50, 0 and 50 points.
    for (const [i, correct] of [3, 3, 4, 3, 2].entries()) await answer(i, 'post-test', scored(correct));
  }, 120_000);

  afterAll(() => web?.close());

  // The day after the seminar.
  beforeEach(() => setNow(web, '2031-03-20T18:00:00Z'));

  const report = () => `/facilitar/${seminar.id}/informe`;

  async function signIn(page: Page, person: Person, labels = { email: 'Correo electrónico', submit: 'Entrar' }) {
    await page.goto(report());
    // Sent to sign in first, and back to the report after.
    await page.getByLabel(labels.email).fill(person.email);
    await page.getByLabel(/^(Contraseña|Password)/).fill(PASSWORD);
    await page.getByRole('button', { name: labels.submit }).last().tap();
  }

  /** The rows of a chart's text alternative: each answer with its count. */
  async function rowsOf(table: Locator): Promise<[string, number][]> {
    const rows = table.locator('tbody tr');
    const found: [string, number][] = [];
    for (let i = 0; i < (await rows.count()); i++)
      found.push([
        (await rows.nth(i).locator('th').textContent())!,
        Number(await rows.nth(i).locator('td').textContent()),
      ]);
    return found;
  }

  it('shows the lead facilitator on a phone who answered, each item’s chart, only her own openness, the tests and the comments', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, lead);
    await page.getByRole('heading', { level: 1, name: 'Informe de evaluación' }).waitFor();
    await page.getByText('Las cifras de menos de 5 respuestas se ocultan', { exact: false }).waitFor();

    // Who answered, per occasion: 4 of 18 daily evaluations (three days, six attendees), 6 of 6 final ones.
    const rates = page.getByRole('region', { name: 'Quién respondió' });
    await rates.getByText(/^4 de 18 \(22\s?%\)$/).waitFor();
    await rates.getByText(/^6 de 6 \(100\s?%\)$/).waitFor();
    await rates.getByText('Prueba de conocimientos: 6 personas antes y 5 personas después del seminario').waitFor();

    // A chart's counts, read from its text alternative, and its mean.
    const final = page.getByRole('region', { name: 'Evaluación final del seminario' });
    const satisfied = final.getByRole('region', { name: 'En general, estoy satisfecho con el seminario.' });
    await satisfied.getByText('Promedio: 4.33 de 5 · 6 respuestas').waitFor();
    expect(
      await rowsOf(
        satisfied.getByRole('table', { name: 'Respuestas a «En general, estoy satisfecho con el seminario.»' }),
      ),
    ).toEqual([
      ['1 · Totalmente en desacuerdo', 0],
      ['2 · En desacuerdo', 0],
      ['3 · Ni de acuerdo ni en desacuerdo', 1],
      ['4 · De acuerdo', 2],
      ['5 · Totalmente de acuerdo', 3],
    ]);
    // Each bar has its count and share written beside it.
    await satisfied.getByText(/^3 \(50\s?%\)$/).waitFor();

    // What was said about her, and nothing about her co-facilitator.
    const aboutMe = page.getByRole('region', { name: 'Lo que dijeron de usted' });
    await aboutMe.getByText('Promedio: 4.67 de 5 · 6 respuestas').waitFor();
    expect((await rowsOf(aboutMe.getByRole('table'))).map(([, count]) => count)).toEqual([0, 0, 0, 2, 4]);
    expect(await page.getByText(other.fullName).count()).toBe(0);
    expect(await aboutMe.getByText(/^Promedio/).count()).toBe(1);
    expect(await final.getByRole('region', { name: /El facilitador se mostró abierto/ }).count()).toBe(0);

    // The first day's figures and comments are hidden: four answers are under the five a figure needs.
    const daily = page.getByRole('region', { name: 'Evaluación de la sesión del día' });
    await daily.getByText('Oculto: menos de 5 respuestas').waitFor();
    await daily.getByText('Respondieron 4;', { exact: false }).waitFor();
    expect(await daily.getByRole('table').count()).toBe(0);
    expect(await daily.getByText(/Promedio/).count()).toBe(0);
    expect(await page.getByText(/^Día \d$/).count()).toBe(0);

    // The comments on the final evaluation, as a list.
    const comments = final.getByRole('region', { name: '¿Qué cambiaría para la próxima vez?' }).getByRole('listitem');
    expect((await comments.allTextContents()).sort()).toEqual(['Sugerencia 0', 'Sugerencia 1', 'Sugerencia 2']);

    // The tests: 37.5 % before (six), 75 % after (five), 35 points of improvement over five pairs.
    const tests = page.getByRole('region', { name: 'Prueba de conocimientos: antes y después' });
    await tests.getByText(/^37\.5\s?% de aciertos en promedio$/).waitFor();
    await tests.getByText(/^75\s?% de aciertos en promedio$/).waitFor();
    await tests.getByText('+35 puntos en promedio').waitFor();
    await tests.getByText('5 personas hicieron las dos pruebas').waitFor();

    const download = (await page.getByRole('link', { name: 'Descargar el informe (CSV)' }).boundingBox())!;
    expect(download.height).toBeGreaterThanOrEqual(44);
    expect(download.x + download.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the co-facilitator his own openness in English on a desk, and downloads the report as CSV', async () => {
    const context = await newPhone(web, 'en');
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = pageErrors(page);
    await signIn(page, other, { email: 'Email', submit: 'Sign in' });
    await page.getByRole('heading', { level: 1, name: 'Evaluation report' }).waitFor();
    const aboutMe = page.getByRole('region', { name: 'What they said about you' });
    await aboutMe.getByText('Average: 3 out of 5 · 6 answers').waitFor();
    expect((await rowsOf(aboutMe.getByRole('table'))).map(([, count]) => count)).toEqual([0, 1, 4, 1, 0]);
    expect(await page.getByText(lead.fullName).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Daily session evaluation' })
      .getByText('Hidden: fewer than 5 answers')
      .waitFor();
    await page.getByText('+35 points on average').waitFor();
    await expectAccessible(page);

    // The plain link downloads the CSV with the session cookie, in the browser's language.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the report (CSV)' }).click(),
    ]);
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFsection,form,question,facilitator,respondents,suppressed,mean,value,label,count,text');
    expect(lines).toContain('daily:response_rate,Daily session evaluation,,,4,false,0.2222,18,,,');
    expect(csv).toContain(other.fullName);
    expect(csv).not.toContain(lead.fullName);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('tells an attendee the report is not for them', async () => {
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, attendee);
    await page.getByRole('heading', { level: 1, name: 'Este informe no está disponible' }).waitFor();
    expect(await page.getByText('Evaluación final del seminario').count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);
});
