import type { Page } from 'playwright-core';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  enrol,
  sessionFor,
  signedInAs,
  PASSWORD,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { pngQrCodes } from '../support/pdf-tools';
import { setNow, setToday } from '../support/test-app';

const START = '2031-03-17';
/** 09:00 in Mexico City on the seminar's first day; codes change on the ten-minute marks. */
const NINE = '2031-03-17T15:00:00Z';

/**
 * Checking in from the room's QR code on a phone: the camera opens the URL, the physician signs in
 * on the way and lands back with the code, one tap records them present; an expired code asks for
 * the one on the screen now; a wrong one says so.
 */
describe('Web: checking in from the room’s QR code', () => {
  let web: WebApp;
  let office: SignedIn;
  let seminarId: string;
  let lead: { Authorization: string };

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-03-03');
    office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const topicId = (await createTopic(web, { minimumAttendees: 1 })).id;
    const facilitators = [await createFacilitator(web), await createFacilitator(web)];
    ({ id: seminarId } = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: START,
      facilitators,
      status: 'open',
    }));
    lead = await sessionFor(web, facilitators[0]);
  }, 60_000);

  afterAll(() => web?.close());

  async function roomCode(instant: string): Promise<{ code: string; url: string }> {
    setNow(web, instant);
    const { body } = await web.http
      .get(`/api/v1/seminars/${seminarId}/days/${START}/check-in-code`)
      .set(lead)
      .expect(200);
    // What the phone's camera reads: the QR drawn on a screen, decoded.
    const screen = await web.browser.newPage();
    await screen.setContent(`<body style="margin:40px;background:#fff">${body.qrSvg}</body>`);
    const [url] = await pngQrCodes(await screen.screenshot({ fullPage: true }));
    await screen.close();
    return { code: body.code, url };
  }

  async function confirmedAttendee(fullName: string) {
    const person = await createPerson(web, { fullName });
    await enrol(web, seminarId, person.id, 'confirmed');
    return person;
  }

  async function signIn(page: Page, email: string) {
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
  }

  it('opens the QR’s URL, signs in on the way, and records the physician present with one tap', async () => {
    const person = await confirmedAttendee('Teresa Landa Olmos');
    const { code, url } = await roomCode(NINE);
    expect(url).toBe(`${web.baseUrl}/check-in?seminar=${seminarId}&code=${code}`);
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(url);
    await page.waitForURL(/\/entrar\?next=/);
    await signIn(page, person.email);
    await page.waitForURL((u) => u.pathname === '/check-in' && u.searchParams.get('code') === code);
    await page.getByText(`Código del salón: ${code}`).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await page.getByRole('status').getByText('Presente').waitFor();
    await expectAccessible(page);
    const [row] = await web.dataSource.query(
      `SELECT a.status FROM attendance_record a JOIN seminar_day d ON d.id = a.seminar_day_id WHERE a.person_id = $1 AND d.date = $2`,
      [person.id, START],
    );
    expect(row.status).toBe('present');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('asks for the code on the screen now when the QR’s has expired, and says when a typed code is wrong', async () => {
    const person = await confirmedAttendee('Rubén Hoyos Pale');
    const old = await roomCode(NINE);
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto(old.url);
    await signIn(page, person.email);
    await page.getByRole('button', { name: 'Registrar mi llegada' }).waitFor();
    // Twenty-five minutes later the QR's code is no longer taken.
    const now = await roomCode('2031-03-17T15:25:00Z');
    await page.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await page.getByRole('alert').waitFor();
    const field = page.getByLabel('Código que se ve en el salón');
    await field.waitFor();
    await expectAccessible(page);

    await field.fill('zzz-zz2');
    expect(await field.inputValue()).toBe('ZZZZZ2');
    await page.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await page
      .getByRole('alert')
      .getByText(/código/i)
      .waitFor();

    await field.fill(now.code.toLowerCase());
    await page.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await page.getByRole('status').getByText('Presente').waitFor();
    await context.close();
  }, 90_000);

  it('offers the same code field on the home page on a seminar day', async () => {
    const person = await confirmedAttendee('Inés Tlapa Morales');
    const now = await roomCode('2031-03-17T15:05:00Z');
    const context = await newPhone(web);
    const page = await context.newPage();
    // The phone's own clock says it is the seminar's first day.
    await page.clock.setFixedTime(new Date('2031-03-17T15:05:00Z'));
    await page.goto('/entrar');
    await signIn(page, person.email);
    await page.getByRole('heading', { name: /^Hoy: / }).waitFor();
    await page.getByLabel('Código que se ve en el salón').fill(now.code);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await page.getByRole('status').getByText('Presente').waitFor();
    await context.close();
  }, 60_000);
});
