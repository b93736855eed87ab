import type { BrowserContext, Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
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
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { pngQrCodes } from '../support/pdf-tools';
import { setNow, setToday } from '../support/test-app';

const START = '2031-03-17';

/**
 * The screen a facilitator projects in the room on Monday 17 March 2031 (08:00–16:00 in Mexico
 * City, 14:00Z–22:00Z): the code changes on the ten-minute marks of the service's clock, which the
 * projector's own clock (three minutes slow here) must not throw off; and the count of arrivals
 * rises as physicians check in from their phones with what the screen shows.
 */
describe('Web: the room’s check-in screen', () => {
  let web: WebApp;
  let seminarId: string;
  let lead: Person;
  let leadAuth: { Authorization: string };
  let attendees: Person[];
  let room: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-03-03');
    const office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const topicId = (await createTopic(web, { minimumAttendees: 1 })).id;
    lead = await createFacilitator(web);
    ({ id: seminarId } = await createSeminar(web, {
      office,
      networkId,
      topicId,
      startDate: START,
      facilitators: [lead, await createFacilitator(web)],
      status: 'open',
    }));
    attendees = [];
    for (const fullName of ['Alma Rivas Tejeda', 'Bruno Céspedes Luna', 'Cecilia Ortega Viveros']) {
      const person = await createPerson(web, { fullName });
      await enrol(web, seminarId, person.id, 'confirmed');
      attendees.push(person);
    }
    leadAuth = await sessionFor(web, lead);
  }, 60_000);

  afterAll(() => web?.close());

  async function signIn(on: Page, email: string, button = 'Entrar') {
    await on.getByLabel(/^Correo electrónico|^Email/).fill(email);
    await on.getByLabel(/^Contraseña|^Password/).fill(PASSWORD);
    await on.getByRole('button', { name: button }).last().click();
  }

  /** The code the service gives at the instant its clock is set to. */
  async function serviceCode(): Promise<string> {
    const { body } = await web.http
      .get(`/api/v1/seminars/${seminarId}/days/${START}/check-in-code`)
      .set(leadAuth)
      .expect(200);
    return body.code;
  }

  const codeOnScreen = () =>
    page.getByRole('region', { name: 'Código para registrar su llegada' }).locator('p').first();

  it('shows today’s code and its QR, and changes it when its period ends on the service’s clock, not the projector’s', async () => {
    setNow(web, '2031-03-17T15:08:00Z');
    const first = await serviceCode();
    room = await web.browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'es-MX',
      baseURL: web.baseUrl,
    });
    page = await room.newPage();
    errors = pageErrors(page);
    // The projector's clock says 09:05 while the service's says 09:08.
    await page.clock.install({ time: new Date('2031-03-17T15:05:00Z') });
    await page.goto(`/facilitar/${seminarId}/sala`);
    await page.waitForURL(/\/entrar\?next=/);
    await signIn(page, lead.email);
    await page.waitForURL((url) => url.pathname === `/facilitar/${seminarId}/sala`);
    await expectText(codeOnScreen(), first);
    await page.getByText('El código cambia a las 09:10.').waitFor();
    await page.getByRole('status').getByText('0 de 3 registrados').waitFor();
    await page.getByRole('img', { name: 'Código QR para registrar su llegada desde el teléfono' }).waitFor();
    await expectAccessible(page);

    // 09:10 on the service: the next code. The screen asks for it when two minutes have passed since it
    // got the first, not when its own clock reaches 09:10 (five minutes).
    setNow(web, '2031-03-17T15:10:01Z');
    const second = await serviceCode();
    expect(second).not.toBe(first);
    await page.clock.fastForward('01:45');
    await page.getByRole('status').getByText('0 de 3 registrados').waitFor();
    expect(await codeOnScreen().textContent()).toBe(first);
    await page.clock.fastForward('00:20');
    await expectText(codeOnScreen(), second);
    await page.getByText('El código cambia a las 09:20.').waitFor();
  }, 120_000);

  it('counts the physicians who check in from their phones with the QR and the code read off the screen', async () => {
    setNow(web, '2031-03-17T15:11:00Z');
    // Alma's camera reads the QR drawn on the screen.
    const [url] = await pngQrCodes(
      await page.getByRole('img', { name: 'Código QR para registrar su llegada desde el teléfono' }).screenshot(),
    );
    const shown = (await codeOnScreen().textContent())!;
    expect(url).toBe(`${web.baseUrl}/check-in?seminar=${seminarId}&code=${shown}`);
    const alma = await newPhone(web);
    const almaPage = await alma.newPage();
    await almaPage.goto(url);
    await signIn(almaPage, attendees[0].email);
    await almaPage.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await almaPage.getByRole('status').getByText('Presente').waitFor();
    await page.clock.fastForward('00:06');
    await page.getByRole('status').getByText('1 de 3 registrados').waitFor();

    // Bruno types the code he reads on the screen.
    const bruno = await newPhone(web);
    const brunoPage = await bruno.newPage();
    await brunoPage.goto('/check-in');
    await signIn(brunoPage, attendees[1].email);
    await brunoPage.getByLabel('Código que se ve en el salón').fill(shown.toLowerCase());
    await brunoPage.getByRole('button', { name: 'Registrar mi llegada' }).tap();
    await brunoPage.getByRole('status').getByText('Presente').waitFor();
    await page.clock.fastForward('00:06');
    await page.getByRole('status').getByText('2 de 3 registrados').waitFor();
    await Promise.all([alma.close(), bruno.close()]);
  }, 120_000);

  it('fills a 1280 × 720 and a 1920 × 1080 screen in full screen, in Spanish and in English, and says when check-in is open once the day is over', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      if (!(await page.evaluate(() => (globalThis as unknown as PageWindow).document.fullscreenElement !== null)))
        await page.getByRole('button', { name: 'Pantalla completa' }).click();
      await page.getByRole('button', { name: 'Salir de pantalla completa' }).waitFor();
      const boxes = await Promise.all(
        [
          codeOnScreen(),
          page.getByRole('img', { name: /^Código QR/ }),
          page.getByRole('status').getByText('2 de 3 registrados'),
        ].map(async (element) => (await element.boundingBox())!),
      );
      for (const box of boxes) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      }
      const [code, qr] = boxes;
      // Read from the back of a room: the code a fifth of the screen's height, the QR a third of it.
      expect(code.height).toBeGreaterThan(size.height / 5);
      expect(qr.height).toBeGreaterThan(size.height / 3);
      expect(
        await page.evaluate(() => {
          const screen = (globalThis as unknown as PageWindow).document.fullscreenElement!;
          return screen.scrollHeight <= screen.clientHeight && screen.scrollWidth <= screen.clientWidth;
        }),
      ).toBe(true);
    }
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Salir de pantalla completa' }).click();
    await page.getByRole('button', { name: 'Pantalla completa' }).waitFor();

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('status').getByText('2 of 3 checked in').waitFor();
    await page.getByRole('button', { name: 'Full screen' }).waitFor();
    await page
      .getByText(/^Scan the QR code with your phone, or open 127\.0\.0\.1:\d+\/check-in and type the code\.$/)
      .waitFor();
    await expectAccessible(page);

    // At 16:00 the day is over: the next time the screen asks, it says when check-in is open.
    setNow(web, '2031-03-17T22:00:30Z');
    await page.clock.fastForward('10:00');
    await page.getByRole('status').getByText('Check-in is open only from 07:30 to 16:00 on the seminar day.').waitFor();
    expect(await codeOnScreen().count()).toBe(0);
    expect(errors).toEqual([]);
    await room.close();
  }, 90_000);
});

/** What the checks read of the page's document (these tests compile without the DOM's types). */
interface PageWindow {
  document: {
    fullscreenElement: { scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number } | null;
  };
}

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
}
