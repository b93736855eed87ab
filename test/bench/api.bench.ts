/**
 * List endpoints beside a bare server: every GET that answers `{ items, page, pageSize, total }`
 * (and GET /me/certificates, the one list that is not paged), measured with autocannon against the
 * service and against a `node:http` + `pg` server that checks the same token and session and runs
 * the same SQL (recorded from the service's own requests), on the same database in the same minute.
 *
 * A fresh database (embedded, or one of its own on DATABASE_URL's server) with 10,000 people and
 * 1,000 seminars and the rows of the other lists (api-bench-data.ts). The service and the baseline
 * each run in a child process of their own; autocannon runs here. Per endpoint: a warm-up of each,
 * then several rounds that alternate which goes first; the table shows medians over the rounds and
 * the range of the ratio. Target: every list within 1.5× of the baseline's requests per second.
 *
 *   npm run bench:api
 *   BENCH_SECONDS=5 BENCH_ROUNDS=5 npm run bench:api        # longer runs
 *   BENCH_ONLY=/people,/seminars npm run bench:api          # some endpoints (paths that start so)
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:api              # CPU profiles of the service and the baseline
 *   BENCH_SHOW_SQL=1 npm run bench:api                      # print the SQL recorded for each list
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { BaselineReply, BaselineRequest, BaselineRoute } from './api-bench-baseline';
import { loadListBenchData } from './api-bench-data';
import type { CapturedQuery, ServiceReply, ServiceRequest } from './api-bench-service';
import { BenchApi } from './bench-api';
import { BENCH_OFFICE, benchAppEnv, log, runBench, startBenchDatabase, type BenchScope } from './bench-harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
const CONNECTIONS = 10;
const POOL_SIZE = 10;
const TARGET_RATIO = 1.5;
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const SESSION_QUERY = /FROM person p\s+JOIN auth_session s/;

interface Endpoint {
  path: string;
  who: 'office' | 'attendee';
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

/** Asks a bench child to stop, and waits until it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ kind: 'stop' });
  await exited;
}

/** Forks a bench child, stopped when the run ends, and resolves with its port once it listens. */
function startChild<Reply extends { kind: string }>(
  scope: BenchScope,
  script: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, script), [], {
    env,
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  scope.defer(`stopping ${script}`, () => stopChild(child));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    child.on('message', (message: Reply & { port?: number; message?: string }) => {
      if (message.kind === 'listening') resolve({ child, port: message.port! });
      if (message.kind === 'failed') reject(new Error(`${script}: ${message.message}`));
    });
  });
}

function ask<Reply extends { kind: string }>(
  child: ChildProcess,
  request: unknown,
  expect: Reply['kind'],
): Promise<Reply> {
  return new Promise((resolve) => {
    const listener = (message: Reply) => {
      if (message.kind !== expect) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
    child.send(request as never);
  });
}

async function load(url: string, token: string, seconds: number): Promise<Run> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

runBench('bench:api', async (scope) => {
  const missed: string[] = [];
  const database = await startBenchDatabase(scope);
  const fillStarted = performance.now();
  const data = await loadListBenchData(database.url, log);
  log(
    `  filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s: ${Object.entries(data.counts)
      .map(([name, count]) => `${count.toLocaleString('en')} ${name}`)
      .join(', ')}`,
  );

  const jwtSecret = randomBytes(32).toString('base64url');
  const serviceEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...benchAppEnv(scope),
    DATABASE_URL: database.url,
    BENCH_DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    JWT_SECRET: jwtSecret,
    // A token that outlives the benchmark, so that no run is cut by a refresh.
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    JOB_WORKER: 'off',
  };
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const service = await startChild<ServiceReply>(scope, 'api-bench-service.js', serviceEnv, profile);
  const serviceBase = `http://127.0.0.1:${service.port}/api/v1`;
  const signIn = (email: string, password: string) => new BenchApi(serviceBase).signInAs(email, password);
  const tokens = {
    office: await signIn(BENCH_OFFICE.email, BENCH_OFFICE.password),
    attendee: await signIn(data.attendeeEmail, data.attendeePassword),
  };

  const paged = (path: string) => `${path}?pageSize=20`;
  const officeLists = [
    '/seminars',
    '/people',
    '/units',
    '/networks',
    '/specialties',
    '/topics',
    '/venues',
    '/cases',
    `/seminars/${data.seminarId}/enrolments`,
    '/me/release-requests',
    '/matching/runs',
    '/matching/pins',
    '/outbox',
  ].map(paged);
  const attendeeLists = [paged('/me/seminars'), paged('/me/enrolments'), '/me/certificates'];
  const endpoints: Endpoint[] = [
    ...officeLists.map((path) => ({ path, who: 'office' as const })),
    ...attendeeLists.map((path) => ({ path, who: 'attendee' as const })),
  ].filter((endpoint) => !ONLY || ONLY.some((prefix) => endpoint.path.startsWith(prefix)));

  // The SQL of each list, recorded from one request after two that warm the service's caches.
  const routes: BaselineRoute[] = [];
  const itemCounts = new Map<string, number>();
  for (const endpoint of endpoints) {
    const api = new BenchApi(serviceBase, tokens[endpoint.who]);
    await api.json('GET', endpoint.path);
    await api.json('GET', endpoint.path);
    await ask(service.child, { kind: 'capture-start' } satisfies ServiceRequest, 'capturing');
    const body = await api.json<{ items: unknown[]; total: number } | unknown[]>('GET', endpoint.path);
    const { queries } = await ask<Extract<ServiceReply, { kind: 'captured' }>>(
      service.child,
      { kind: 'capture-stop' } satisfies ServiceRequest,
      'captured',
    );
    const items = Array.isArray(body) ? body : body.items;
    if (items.length < 5) scope.fail(`${endpoint.path} lists ${items.length} items: the data does not fill a page`);
    itemCounts.set(endpoint.path, items.length);
    const session = queries.find((query) => SESSION_QUERY.test(query.sql));
    if (!session) throw new Error(`${endpoint.path}: no session lookup among ${queries.length} recorded queries`);
    routes.push({
      path: `/api/v1${endpoint.path}`,
      session,
      queries: queries.filter((query: CapturedQuery) => query !== session),
      array: Array.isArray(body),
    });
    if (process.env.BENCH_SHOW_SQL === '1') {
      log(`\n  GET ${endpoint.path}`);
      for (const query of queries) log(`    ${query.sql.replace(/\s+/g, ' ')}  -- ${JSON.stringify(query.params)}`);
    }
  }

  log(`  recorded the SQL of ${routes.length} lists`);
  const baseline = await startChild<BaselineReply>(
    scope,
    'api-bench-baseline.js',
    {
      PATH: process.env.PATH,
      BENCH_DATABASE_URL: database.url,
      BENCH_JWT_SECRET: jwtSecret,
      BENCH_POOL_SIZE: String(POOL_SIZE),
    },
    profile,
  );
  await ask(baseline.child, { kind: 'routes', routes } satisfies BaselineRequest, 'routes-set');
  const baselineBase = `http://127.0.0.1:${baseline.port}/api/v1`;
  for (const endpoint of endpoints) {
    const body = await new BenchApi(baselineBase, tokens[endpoint.who]).json<{ items: unknown[] } | unknown[]>(
      'GET',
      endpoint.path,
    );
    if (!(Array.isArray(body) ? body : body.items).length)
      scope.fail(`the baseline lists nothing for ${endpoint.path}`);
  }

  log(
    `\n${endpoints.length} lists, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up each, then ${ROUNDS} rounds of ${SECONDS} s each, alternating which goes first\n`,
  );
  const rows: string[][] = [];
  for (const endpoint of endpoints) {
    const token = tokens[endpoint.who];
    const serviceUrl = `${serviceBase}${endpoint.path}`;
    const baselineUrl = `${baselineBase}${endpoint.path}`;
    await load(serviceUrl, token, WARM_UP_SECONDS);
    await load(baselineUrl, token, WARM_UP_SECONDS);
    const serviceRuns: Run[] = [];
    const baselineRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) {
        serviceRuns.push(await load(serviceUrl, token, SECONDS));
        baselineRuns.push(await load(baselineUrl, token, SECONDS));
      } else {
        baselineRuns.push(await load(baselineUrl, token, SECONDS));
        serviceRuns.push(await load(serviceUrl, token, SECONDS));
      }
    }
    const bad = [...serviceRuns, ...baselineRuns].reduce((sum, run) => sum + run.bad, 0);
    if (bad > 0) scope.fail(`${endpoint.path}: ${bad} failed requests`);
    const ratios = serviceRuns.map((run, i) => baselineRuns[i].rps / run.rps);
    const ratio = median(ratios);
    if (ratio > TARGET_RATIO) missed.push(endpoint.path);
    const route = routes.find((r) => r.path === `/api/v1${endpoint.path}`)!;
    const row = [
      `GET ${endpoint.path.replace(data.seminarId, '{id}')}`,
      String(route.queries.length + 1),
      median(serviceRuns.map((run) => run.rps)).toFixed(0),
      `${median(serviceRuns.map((run) => run.p50))} / ${median(serviceRuns.map((run) => run.p99))}`,
      median(baselineRuns.map((run) => run.rps)).toFixed(0),
      `${median(baselineRuns.map((run) => run.p50))} / ${median(baselineRuns.map((run) => run.p99))}`,
      `${ratio.toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      ratio <= TARGET_RATIO ? 'met' : 'MISSED',
    ];
    rows.push(row);
    log(`  ${row.join('  ')}`);
  }

  const header = [
    'list',
    'queries',
    'service req/s',
    'p50 / p99 ms',
    'baseline req/s',
    'p50 / p99 ms',
    'baseline ÷ service',
    `≤ ${TARGET_RATIO}×`,
  ];
  log(`\n| ${header.join(' | ')} |\n| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) log(`| ${row.join(' | ')} |`);
  log(
    `\n(queries: statements per request, the session lookup included; ${[...itemCounts.values()].every((n) => n === 20) ? '20 items each' : 'items per page vary'})`,
  );
  log(
    `target: every list within ${TARGET_RATIO}× of the baseline: ${missed.length === 0 ? 'met' : `MISSED by ${missed.join(', ')}`}`,
  );
});
