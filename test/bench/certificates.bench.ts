/**
 * Certificates: speed and memory (issue "Certificates").
 *
 *   1. Render only: runCertificatesRenderBench (certificates-render.bench.ts), one-page certificates
 *      per second on one core. Target ≥ 120/s.
 *   2. Whole issuance, for N = 2,000 and N = 10,000: a throwaway embedded PostgreSQL, the real
 *      application listening on a loopback port with its job worker (pg-boss, polling every 0.5 s),
 *      one completed seminar whose N confirmed attendees attended every day (bulk SQL, as in
 *      test/certificates-crash.e2e-spec.ts), POST /seminars/{id}/certificates/issue as the office,
 *      GET /jobs/{id} polled until completed. Registry numbers, PDF rendering, local storage, rows
 *      and audit included. Targets: ≥ 100 certificates/s, peak RSS ≤ 400 MB, memory flat as N grows.
 *
 * Every part runs in a child process of its own (this file, re-run with --part), so that each
 * one's RSS and maxRSS are its own and a fresh database serves each N.
 *
 *   npm run bench:certificates
 *   node dist-bench/test/bench/certificates.bench.js 2000 10000 50000   # other counts
 *   node dist-bench/test/bench/certificates.bench.js --no-render 2000   # issuance only
 *   BENCH_RENDER=1000 npm run bench:certificates                          # documents per render variant
 *   BENCH_PHASES=0 ...                                                    # without the phase timers
 *   BENCH_CPU_PROF=/tmp/prof ...                                          # --cpu-prof of each issuance child
 *   CERTIFICATE_BATCH_SIZE=100 ...                                        # passed to the application
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { StorageService } from '../../src/infrastructure/storage/storage.service';
import { CertificateEligibility } from '../../src/modules/certificates/certificate-eligibility.service';
import { CertificateIssuer } from '../../src/modules/certificates/certificate-issuer.service';
import { CertificateRendererService } from '../../src/modules/certificates/certificate-renderer.service';
import { runCertificatesRenderBench } from './certificates-render.bench';
import { waitUntil } from '../support/wait-until';
import { log, runBench, startBenchApp, startBenchDatabase, type BenchScope } from './bench-harness';

const TARGET_PER_SECOND = 100;
const TARGET_PEAK_MB = 400;
const SAMPLE_EVERY_MS = 50;
const POLL_EVERY_MS = 250;
const DEFAULT_COUNTS = [2_000, 10_000];

const MB = 1_000_000;
const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MiB).toFixed(0);

interface JobView {
  status: string;
  total: number | null;
  done: number;
  failures: number;
  rate: number | null;
  attempts: number;
  errors: { item: string; code: string }[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Milliseconds spent inside an async method of a service instance (the issuer holds the same instance). */
class PhaseTimer {
  readonly totals = new Map<string, { ms: number; calls: number }>();

  wrap<T extends object>(target: T, method: keyof T & string, label: string): void {
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    const entry = { ms: 0, calls: 0 };
    this.totals.set(label, entry);
    (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        entry.ms += performance.now() - started;
        entry.calls += 1;
      }
    };
  }
}

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    count += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return count;
}

/** One issuance of `count` certificates on a fresh database. */
async function issuancePart(scope: BenchScope, count: number): Promise<void> {
  const setupStarted = performance.now();
  const database = await startBenchDatabase(scope);
  const storageDir = scope.tempDir('puente-bench-files-');
  const batchSize = process.env.CERTIFICATE_BATCH_SIZE ?? '25';
  const { app, api } = await startBenchApp(scope, database, {
    STORAGE_DIR: storageDir,
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
    CERTIFICATE_BATCH_SIZE: batchSize,
    ENROLMENT_SWEEP_CRON: '0 0 1 1 *',
  });
  const dataSource = app.get(DataSource);

  // ---- Through the API: network, topic, venue, seminar. Then, by SQL, N confirmed attendees present every day.
  const network = await api.json<{ id: string }>('POST', '/networks', { name: 'Red de Benchmark Xalapa' });
  const topic = await api.json<{ id: string }>('POST', '/topics', {
    title: 'Referencia y contrarreferencia en ginecología y obstetricia',
    dayCount: 3,
    hoursPerDay: 8,
    defaultCapacity: 30,
    minimumAttendees: 1,
  });
  const venue = await api.json<{ id: string }>('POST', '/venues', {
    name: 'Auditorio del Hospital General',
    address: 'Av. Xalapa 100, Xalapa, Ver.',
    networkId: network.id,
    capacity: 30,
    notes: '',
  });
  const seminar = await api.json<{ id: string }>('POST', '/seminars', {
    topicId: topic.id,
    networkId: network.id,
    venueId: venue.id,
    startDate: '2031-03-17',
    capacity: 30,
  });
  await dataSource.query(`UPDATE topic SET evaluation_required = false WHERE id = $1`, [topic.id]);
  await dataSource.query(`UPDATE venue SET capacity = 2000 WHERE id = $1`, [venue.id]);
  await dataSource.query(`UPDATE seminar SET capacity = $2 WHERE id = $1`, [seminar.id, count]);
  const fillStarted = performance.now();
  // The capacity trigger recounts the seminar's seats for every inserted row (quadratic for 10,000):
  // off for the bulk insert only, the capacity having been raised to N anyway.
  await dataSource.transaction(async (manager) => {
    await manager.query(`ALTER TABLE enrolment DISABLE TRIGGER enrolment_within_capacity`);
    await manager.query(
      `WITH people AS (
           INSERT INTO person (full_name, email, roles, licence_number, locale)
           SELECT (ARRAY['José Ñúñez Güémez','María Fernanda Ávila Íñiguez','Óscar Peña Ibáñez','Úrsula Muñoz Calderón','Ángel Éibar Oñate'])[1 + n % 5] || ' ' || n,
                  'asistente.' || n || '@bench.example', '{attendee}', (20000000 + n)::text, 'es'
             FROM generate_series(1, $2::int) n RETURNING id
         ), enrolled AS (
           INSERT INTO enrolment (seminar_id, person_id, status, source) SELECT $1, id, 'confirmed', 'office' FROM people RETURNING person_id
         )
         INSERT INTO attendance_record (seminar_id, seminar_day_id, person_id, status, hours_credited)
         SELECT $1, d.id, e.person_id, 'present', 8 FROM enrolled e CROSS JOIN seminar_day d WHERE d.seminar_id = $1`,
      [seminar.id, count],
    );
    await manager.query(`ALTER TABLE enrolment ENABLE TRIGGER enrolment_within_capacity`);
  });
  await dataSource.query(`UPDATE seminar SET status = 'completed' WHERE id = $1`, [seminar.id]);
  await dataSource.query(`ANALYZE`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  // ---- Phase timers inside the job (same instances the issuer calls).
  const phases = new PhaseTimer();
  if (process.env.BENCH_PHASES !== '0') {
    phases.wrap(app.get(CertificateEligibility), 'of', 'eligibility (all rows)');
    phases.wrap(app.get(CertificateRendererService), 'render', 'render (pdfkit)');
    phases.wrap(app.get(StorageService), 'put', 'storage put');
    phases.wrap(app.get(CertificateIssuer), 'issueBatch', 'issueBatch (counter+render+put+insert+audit)');
  }

  // ---- The issuance, RSS sampled every 50 ms, the job polled.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  let peakHeap = heapBefore;
  let samples = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    samples += 1;
  }, SAMPLE_EVERY_MS);
  const cpuBefore = process.cpuUsage();
  const requested = performance.now();
  let job: JobView;
  let jobId: string;
  try {
    ({ jobId } = await api.json<{ jobId: string }>('POST', `/seminars/${seminar.id}/certificates/issue`));
    job = await waitUntil(() => api.json<JobView>('GET', `/jobs/${jobId}`), {
      until: (view) => view.status === 'completed' || view.status === 'failed',
      timeoutMs: Math.max(600, count / 5) * 1000,
      intervalMs: POLL_EVERY_MS,
      description: `the issuing job ${jobId} to finish`,
    });
  } finally {
    clearInterval(sampler);
  }
  const endToEnd = (performance.now() - requested) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const created = Date.parse(job.createdAt);
  const started = Date.parse(job.startedAt ?? job.createdAt);
  const finished = Date.parse(job.finishedAt ?? new Date().toISOString());
  const jobSeconds = (finished - started) / 1000;
  const pickup = (started - created) / 1000;
  const perSecondJob = job.done / jobSeconds;
  const perSecondEndToEnd = job.done / endToEnd;

  // ---- What the database and the storage hold.
  const [rows] = await dataSource.query(
    `SELECT count(*)::int AS certificates, count(DISTINCT person_id)::int AS people, min(sequence)::int AS low, max(sequence)::int AS high,
              count(DISTINCT sequence)::int AS sequences, count(DISTINCT pdf_key)::int AS keys, COALESCE(sum(pdf_size), 0)::bigint AS bytes,
              COALESCE(avg(pdf_size), 0)::int AS mean_size
         FROM certificate WHERE seminar_id = $1`,
    [seminar.id],
  );
  const [{ audits }] = await dataSource
    .query(`SELECT count(*)::int AS audits FROM audit_entry WHERE action = 'certificate.issued'`)
    .catch(() => [{ audits: -1 }]);
  const [{ last: counterLast }] = await dataSource.query(`SELECT max(last)::int AS last FROM certificate_counter`);
  const files = countFiles(storageDir);
  const span = rows.certificates > 0 ? rows.high - rows.low + 1 : 0;

  const met = perSecondJob >= TARGET_PER_SECOND && peakRss <= TARGET_PEAK_MB * MB;
  log(
    `issuance N=${count} (batch ${batchSize}, polling 0.5 s): setup ${setupSeconds.toFixed(1)} s (fill ${fillSeconds.toFixed(1)} s)\n` +
      `  job ${job.status}: done ${job.done}/${job.total}, failures ${job.failures}, attempts ${job.attempts}${job.errors.length ? `, errors ${JSON.stringify(job.errors.slice(0, 3))}` : ''}\n` +
      `  wall time request → completion ${endToEnd.toFixed(2)} s; pickup delay (createdAt → startedAt, eligibility included) ${pickup.toFixed(2)} s; job start → finish ${jobSeconds.toFixed(2)} s\n` +
      `  certificates/s: ${perSecondJob.toFixed(1)} job start → finish, ${perSecondEndToEnd.toFixed(1)} end to end (target ≥ ${TARGET_PER_SECOND}/s)\n` +
      `  CPU of this process during issuance: user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s (${(((cpu.user + cpu.system) / 1e6 / endToEnd) * 100).toFixed(0)} % of one core)\n` +
      `  memory: RSS before ${mib(rssBefore)} MiB, peak ${mib(peakRss)} MiB (${(peakRss / MB).toFixed(0)} MB; ${samples} samples every ${SAMPLE_EVERY_MS} ms), maxRSS ${mib(maxRss)} MiB; ` +
      `heap used before ${mib(heapBefore)} MiB, peak ${mib(peakHeap)} MiB, after ${mib(usage.heapUsed)} MiB (target peak ≤ ${TARGET_PEAK_MB} MB)\n` +
      `  rows: ${rows.certificates} certificates for ${rows.people} people, sequences ${rows.low}–${rows.high} (span ${span}, distinct ${rows.sequences}), counter last ${counterLast}, ` +
      `${rows.keys} pdf keys, ${files} files stored (${(Number(rows.bytes) / MiB).toFixed(1)} MiB, mean ${(rows.mean_size / 1024).toFixed(1)} KiB), ${audits} 'certificate.issued' audit rows`,
  );
  if (phases.totals.size > 0) {
    const wallMs = jobSeconds * 1000;
    log(
      `  phases (summed wall time inside the calls; the job runs on this thread): ` +
        [...phases.totals.entries()]
          .map(
            ([label, entry]) =>
              `${label} ${(entry.ms / 1000).toFixed(2)} s / ${entry.calls} calls (${(entry.ms / Math.max(entry.calls, 1)).toFixed(2)} ms each${label.startsWith('eligibility') ? '' : `, ${((entry.ms / wallMs) * 100).toFixed(0)} % of job`})`,
          )
          .join('; '),
    );
  }
  log(
    `  N=${count}: ${met ? 'targets met' : 'targets NOT met'} (${perSecondJob.toFixed(1)}/s, peak ${(peakRss / MB).toFixed(0)} MB)`,
  );
  log(
    `RESULT ${JSON.stringify({ count, perSecondJob, perSecondEndToEnd, endToEnd, pickup, peakRss, rssBefore, heapBefore, peakHeap })}`,
  );

  if (job.status !== 'completed') scope.fail(`N=${count}: job ended ${job.status}`);
  if (job.done !== count) scope.fail(`N=${count}: job done ${job.done}, expected ${count}`);
  if (rows.certificates !== count || rows.people !== count)
    scope.fail(`N=${count}: ${rows.certificates} certificates for ${rows.people} people`);
  if (span !== count || rows.sequences !== count)
    scope.fail(`N=${count}: sequences not gap-free (span ${span}, distinct ${rows.sequences})`);
  if (files !== count) scope.fail(`N=${count}: ${files} files stored, expected ${count}`);
}

/** Runs this file again as a child with `--part ...`; resolves with its exit code and RESULT lines. */
function child(args: string[], execArgv: string[] = []): Promise<{ code: number; results: Record<string, number>[] }> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, ['--part', ...args], {
      execArgv: ['--expose-gc', ...execArgv],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const results: Record<string, number>[] = [];
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice(7)));
        else log(line);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code: code ?? 1, results }));
  });
}

/** Each part in a child process of its own, then how memory grows with the count. */
async function parts(scope: BenchScope, args: string[]): Promise<void> {
  const counts = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
  const render = !args.includes('--no-render');
  let failed = false;
  log(`bench:certificates: node ${process.version}; each part in a child process of its own`);
  if (render) failed = (await child(['render'])).code !== 0 || failed;
  const issued: Record<string, number>[] = [];
  for (const count of counts.length > 0 ? counts : DEFAULT_COUNTS) {
    const prof = process.env.BENCH_CPU_PROF
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`,
          `--cpu-prof-name=certificates-${count}.cpuprofile`,
        ]
      : [];
    const { code, results } = await child(['issue', String(count)], prof);
    failed = code !== 0 || failed;
    issued.push(...results);
  }
  if (issued.length > 1) {
    log('memory as the count grows (peak RSS / heap used at peak, per fresh process):');
    for (const r of issued) {
      log(
        `  N=${String(r.count).padStart(6)}: ${r.perSecondJob.toFixed(1)} certificates/s (job), ${r.perSecondEndToEnd.toFixed(1)}/s end to end; RSS before ${mib(r.rssBefore)} MiB, peak ${mib(r.peakRss)} MiB (+${mib(r.peakRss - r.rssBefore)}); heap peak ${mib(r.peakHeap)} MiB`,
      );
    }
    const first = issued[0];
    const last = issued[issued.length - 1];
    const growth = (last.peakRss - last.rssBefore) / Math.max(first.peakRss - first.rssBefore, 1);
    log(
      `  growth of RSS above the start from N=${first.count} to N=${last.count} (${(last.count / first.count).toFixed(0)}× the certificates): ${growth.toFixed(2)}× ; peak ${mib(first.peakRss)} → ${mib(last.peakRss)} MiB`,
    );
  }
  if (failed) scope.fail('a part failed (see above)');
}

/** Render only, no database: runCertificatesRenderBench. */
async function renderPart(): Promise<void> {
  log(`render only (child process, node ${process.version}):`);
  await runCertificatesRenderBench(Number(process.env.BENCH_RENDER ?? 500));
}

const args = process.argv.slice(2);
runBench('bench:certificates', async (scope) => {
  if (args[0] !== '--part') await parts(scope, args);
  else if (args[1] === 'render') await renderPart();
  else await issuancePart(scope, Number(args[2]));
});
