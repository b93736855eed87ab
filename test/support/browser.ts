import { createServer } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './test-app';

/** Debian's Chromium; test tools cannot download browsers here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A phone: 360 × 640 CSS pixels, touch, as the physicians' journeys run. */
export const PHONE = { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

export interface WebApp extends TestApp {
  /** The address the service listens on, which is also its public base URL. */
  baseUrl: string;
  browser: Browser;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The real service, listening on a port of its own and serving the built pages (`web/dist`), with
 * its public base URL set to that address so that every link it mails or prints opens here; and a
 * headless Chromium to open them.
 */
export async function createWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // PUENTE_WEB_DIR in the test's environment points at another build of the pages than web/dist.
  const webDir: Record<string, string> = process.env.PUENTE_WEB_DIR
    ? { PUENTE_WEB_DIR: process.env.PUENTE_WEB_DIR }
    : {};
  const t = await createTestApp({ PUBLIC_BASE_URL: baseUrl, ...webDir, ...env });
  await t.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    ...t,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A new browser profile (no cookies) in `locale`, on a phone unless told otherwise. */
export async function newPhone(web: WebApp, locale: 'es-MX' | 'en' = 'es-MX'): Promise<BrowserContext> {
  const context = await web.browser.newContext({ ...PHONE, locale, baseURL: web.baseUrl });
  // The page's own choice of language starts from the person's.
  await context.addInitScript((language) => {
    const storage = (
      globalThis as unknown as {
        localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
      }
    ).localStorage;
    if (!storage.getItem('puente.language')) storage.setItem('puente.language', language);
  }, locale);
  return context;
}

/**
 * axe's WCAG 2.1 A and AA rules on the page as it is now; fails with each violation's rule, impact
 * and the elements it found.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  expect(found).toEqual([]);
}

/** Errors the page's scripts raised or the console reported (a CSP refusal among them). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // An error status the page handles (a 404 it explains) is logged by the browser, not an error of the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return errors;
}
