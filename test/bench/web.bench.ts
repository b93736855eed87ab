/**
 * `npm run bench:web`: what a phone downloads for each page, and how soon the check-in button shows
 * on a slow connection.
 *
 * - Sizes: from the build's manifest (`web/dist/.vite/manifest.json`), the scripts and style sheets
 *   each route loads with a cold cache (the entry, the route's chunk and everything they import), at
 *   the size the service sends them (their Brotli copies). Targets: 170 KB for each physician route,
 *   100 KB for the verification page.
 * - Slow 3G: the real service on a fresh database and Debian's Chromium with 400 ms of latency and
 *   50 KB/s each way, a cold cache, a signed-in session: the time from navigation to the check-in
 *   button visible (target 5 s), the median of three runs.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { log, runBench, startBenchApp, startBenchDatabase, BENCH_OFFICE } from './bench-harness';

const DIST = join(process.cwd(), 'web', 'dist');
const KB = 1024;

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const ROUTES: { name: string; chunks: string[]; target: number; entry?: string }[] = [
  { name: 'home (physician)', chunks: ['src/pages/home/PhysicianHome.tsx'], target: 170 },
  { name: 'invitation', chunks: ['src/pages/enrolment/InvitationPage.tsx'], target: 170 },
  { name: 'check-in', chunks: ['src/pages/attendance/CheckInPage.tsx'], target: 170 },
  { name: 'certificates', chunks: ['src/pages/certificates/MyCertificatesPage.tsx'], target: 170 },
  { name: 'evaluation', chunks: ['src/pages/evaluations/EvaluationPage.tsx'], target: 170 },
  { name: 'seminar', chunks: ['src/pages/seminars/SeminarPage.tsx'], target: 170 },
  { name: 'release (manager)', chunks: ['src/pages/enrolment/ReleasePage.tsx'], target: 170 },
  { name: 'verification', chunks: [], target: 100, entry: 'verify.html' },
];

function routeBytes(
  manifest: Record<string, Chunk>,
  chunks: string[],
  entry = 'index.html',
): { js: number; css: number } {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  for (const key of chunks) {
    if (!manifest[key]) throw new Error(`${key} is not in the build's manifest`);
    visit(key);
  }
  let js = 0;
  let css = 0;
  for (const file of files) {
    const size = statSync(join(DIST, `${file}.br`)).size;
    if (file.endsWith('.css')) css += size;
    else js += size;
  }
  return { js, css };
}

runBench('bench:web', async (scope) => {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  for (const route of ROUTES) {
    const { js, css } = routeBytes(manifest, route.chunks, route.entry);
    const total = (js + css) / KB;
    const met = total <= route.target;
    log(
      `web ${route.name}: JS ${(js / KB).toFixed(1)} KB + CSS ${(css / KB).toFixed(1)} KB = ${total.toFixed(1)} KB transferred (target ≤ ${route.target} KB: ${met ? 'met' : 'NOT met'})`,
    );
  }

  const database = await startBenchDatabase(scope);
  const { app } = await startBenchApp(scope, database);
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  scope.defer('closing Chromium', () => browser.close());
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      baseURL: base,
    });
    const signIn = await context.request.post('/api/v1/auth/browser-session', {
      headers: { 'x-puente-csrf': '1', origin: base },
      data: { email: BENCH_OFFICE.email, password: BENCH_OFFICE.password },
    });
    if (!signIn.ok()) throw new Error(`signing in answered ${signIn.status()}`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: 50 * KB,
      uploadThroughput: 50 * KB,
    });
    const started = Date.now();
    await page.goto('/check-in?seminar=8d3f0c1e-5b6a-4f7e-9c2d-1a2b3c4d5e6f&code=K7M2QX', { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Registrar mi llegada' }).waitFor({ timeout: 60_000 });
    times.push(Date.now() - started);
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[1];
  log(
    `web check-in on slow 3G (400 ms, 50 KB/s, cold cache): button visible after ${(median / 1000).toFixed(2)} s median of ${times
      .map((ms) => (ms / 1000).toFixed(2))
      .join(' / ')} s (target ≤ 5 s: ${median <= 5000 ? 'met' : 'NOT met'})`,
  );
});
