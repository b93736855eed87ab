/**
 * Benchmark of the people CSV import, end to end: a throwaway embedded PostgreSQL, the real
 * application listening on a loopback port, and multipart uploads of a 10,000-row file through
 * POST /api/v1/people/import (dry run, commit, then the same file again).
 *
 * Target: committing 10,000 people takes under 10 s. Prints the time of each phase and the peak
 * resident memory of the process (client, server and their buffers all live in this process; the
 * PostgreSQL server does not), and how long after the commit's answer the background jobs had
 * written every new person's invitation to the outbox. Exits non-zero when a response is not what
 * the import should say.
 *
 *   npm run bench:import
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { runBench, startBenchApp, startBenchDatabase } from './bench-harness';

const PEOPLE = 10_000;
const TARGET_SECONDS = 10;
const SAMPLE_EVERY_MS = 20;
const INVITATIONS_TIMEOUT_MS = 300_000;
const UNIT_CODES = ['BENCH-CS-001', 'BENCH-CS-002', 'BENCH-CS-003'];
const SPECIALTY_CODES = ['family_medicine', 'general_medicine'];

type Outcome = 'created' | 'updated' | 'unchanged' | 'error';
interface ImportReport {
  committed: boolean;
  summary: Record<Outcome, number>;
  invited: number;
  rows: unknown[];
}

interface PhaseResult {
  name: string;
  seconds: number;
  peakRssBytes: number;
  report: ImportReport;
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round(bytes / MiB);
const secs = (seconds: number) => seconds.toFixed(2);

// ---------------------------------------------------------------------------------------------
// The CSV: Spanish names (accents, ñ), unique emails and unique 8-digit licence numbers.
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'José',
  'María',
  'Sofía',
  'Íñigo',
  'Begoña',
  'Ramón',
  'Lucía',
  'Andrés',
  'Inés',
  'Jesús',
  'Ángela',
  'Martín',
  'Verónica',
  'Raúl',
  'Mónica',
  'Joaquín',
  'Noé',
  'Zoé',
  'Héctor',
  'Citlalli',
  'Germán',
  'Rocío',
  'Nicolás',
  'Fátima',
  'Óscar',
  'Ximena',
  'Tomás',
  'Itzel',
  'Sebastián',
  'Úrsula',
];
const SURNAMES = [
  'Muñoz',
  'Peña',
  'Ibáñez',
  'Castañeda',
  'Núñez',
  'Gómez',
  'Hernández',
  'López',
  'Martínez',
  'Rodríguez',
  'Sánchez',
  'Pérez',
  'Ordóñez',
  'Cortés',
  'Méndez',
  'Ávila',
  'Jiménez',
  'Zúñiga',
  'Montaño',
  'Saldaña',
  'Alarcón',
  'Valdés',
  'Gutiérrez',
  'Cañas',
  'Álvarez',
  'Nuño',
  'Beltrán',
  'Ruíz',
  'Quiñones',
  'Domínguez',
];

/** Small deterministic PRNG (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ascii(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function buildCsv(count: number): Buffer {
  const next = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const lines = ['full_name,email,licence_number,phone,unit_code,specialty_code,roles'];
  for (let i = 0; i < count; i += 1) {
    const first = pick(FIRST_NAMES);
    const surname1 = pick(SURNAMES);
    const surname2 = pick(SURNAMES);
    const fullName = `${first} ${surname1} ${surname2}`;
    const email = `${ascii(first)}.${ascii(surname1)}.${String(i + 1).padStart(5, '0')}@bench.example`;
    // i ↦ 10,000,000 + (i · 7919 mod 90,000,000): a permutation, so every number has 8 digits and none repeats.
    const licence = String(10_000_000 + ((i * 7919) % 90_000_000));
    const phone = i % 3 === 0 ? '' : `+52 228 ${String(100 + (i % 900))} ${String(1000 + (i % 9000))}`;
    const unitCode = i % 10 === 9 ? '' : UNIT_CODES[i % UNIT_CODES.length];
    const specialty = SPECIALTY_CODES[i % SPECIALTY_CODES.length];
    lines.push([fullName, email, licence, phone, unitCode, specialty, 'attendee'].map(csvCell).join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Memory sampling: RSS every 20 ms while a phase runs. The server shares this thread, so samples
// are skipped while it computes synchronously; process.resourceUsage().maxRSS is the exact peak.
// ---------------------------------------------------------------------------------------------

async function measured<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssBytes: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  const started = performance.now();
  try {
    const value = await run();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, peakRssBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------

runBench('bench:import', async (scope) => {
  const setupStarted = performance.now();
  const database = await startBenchDatabase(scope);
  const { api } = await startBenchApp(scope, database, { UPLOAD_LIMIT_MB: '50' });
  const network = await api.json<{ id: string }>('POST', '/networks', { name: 'Red de Benchmark Xalapa' });
  for (const [index, code] of UNIT_CODES.entries()) {
    await api.json('POST', '/units', {
      code,
      name: `Centro de Salud Señor de la Peña ${index + 1}`,
      level: 'primary',
      networkId: network.id,
    });
  }

  const csv = buildCsv(PEOPLE);
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  process.stdout.write(
    `bench:import: ${PEOPLE} people, CSV ${(csv.length / MiB).toFixed(2)} MiB, node ${process.version}; setup (PostgreSQL, migrations, app) ${secs(setupSeconds)} s, RSS before import ${mib(process.memoryUsage.rss())} MiB\n`,
  );

  const phases: PhaseResult[] = [];
  const phase = async (name: string, query: string, expected: Partial<Record<Outcome, number>>, committed: boolean) => {
    const {
      value: report,
      seconds,
      peakRssBytes,
    } = await measured(() => api.upload<ImportReport>(`/people/import${query}`, csv, 'personal.csv'));
    phases.push({ name, seconds, peakRssBytes, report });
    const want = { created: 0, updated: 0, unchanged: 0, error: 0, ...expected };
    const got = report.summary;
    const ok =
      report.committed === committed &&
      report.rows.length === PEOPLE &&
      (Object.keys(want) as Outcome[]).every((outcome) => got[outcome] === want[outcome]);
    if (!ok) {
      scope.fail(
        `${name}: expected committed=${committed} ${JSON.stringify(want)} over ${PEOPLE} rows, ` +
          `got committed=${report.committed} ${JSON.stringify(got)} over ${report.rows.length} rows`,
      );
    }
    const counts = (Object.keys(got) as Outcome[])
      .filter((outcome) => got[outcome] > 0)
      .map((outcome) => `${outcome} ${got[outcome]}`)
      .join(', ');
    process.stdout.write(
      `  ${name.padEnd(9)} ${secs(seconds).padStart(6)} s  peak RSS ${String(mib(peakRssBytes)).padStart(4)} MiB  ` +
        `${counts || 'no rows'}${report.committed ? ' (committed)' : ''}${ok ? '' : '  ✗ UNEXPECTED'}\n`,
    );
  };

  await phase('dry-run', '', { created: PEOPLE }, false);
  await phase('commit', '?commit=true', { created: PEOPLE }, true);
  const committedAt = performance.now();
  await phase('re-import', '?commit=true', { unchanged: PEOPLE }, true);
  const invitedReported = phases.map((entry) => entry.report.invited);
  if (invitedReported.join() !== [PEOPLE, PEOPLE, 0].join()) {
    scope.fail(`invited: expected ${PEOPLE}, ${PEOPLE}, 0 for the three phases, got ${invitedReported.join(', ')}`);
  }

  // The invitations go out from background jobs after the commit; without SMTP each one is an outbox row.
  let mailed = 0;
  while (mailed < PEOPLE && performance.now() - committedAt < INVITATIONS_TIMEOUT_MS) {
    mailed = (await api.json<{ total: number }>('GET', '/outbox?pageSize=1')).total;
    if (mailed < PEOPLE) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const invitationsSeconds = (performance.now() - committedAt) / 1000;
  if (mailed < PEOPLE)
    scope.fail(`only ${mailed} of ${PEOPLE} invitations written ${secs(invitationsSeconds)} s after the commit`);
  process.stdout.write(
    `  invitations ${PEOPLE} in the outbox ${secs(invitationsSeconds)} s after the commit answered (background jobs, during the re-import)\n`,
  );

  const [dryRun, commit, reImport] = phases;
  const sampledPeak = Math.max(...phases.map((entry) => entry.peakRssBytes));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
  const met = commit.seconds < TARGET_SECONDS;
  process.stdout.write(
    `import ${PEOPLE} people: dry-run ${secs(dryRun.seconds)} s · commit ${secs(commit.seconds)} s · re-import ${secs(reImport.seconds)} s · ` +
      `peak RSS ${mib(sampledPeak)} MiB sampled, ${mib(maxRssBytes)} MiB maxRSS (target commit < ${TARGET_SECONDS} s: ${met ? 'met' : 'MISSED'})\n`,
  );
});
