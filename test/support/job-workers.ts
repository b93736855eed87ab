import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { signedInAs, type SignedIn } from './factories';
import { createTestApp, type TestApp } from './test-app';
import { waitUntil } from './wait-until';

const ROOT = join(__dirname, '..', '..');

/**
 * Short leases for the worker processes of the crash tests: renewed every second, taken as lost
 * after four, polled every half second.
 */
export const FAST_LEASES = {
  JOB_HEARTBEAT_SECONDS: '1',
  JOB_DEAD_AFTER_SECONDS: '4',
  JOB_POLLING_INTERVAL_SECONDS: '0.5',
};

/**
 * The longest a dead worker's job may wait to be taken up again, from the kill: its last beat is at
 * most the kill itself, the lease is stale `JOB_DEAD_AFTER_SECONDS` later, a sweep (every
 * `JOB_HEARTBEAT_SECONDS`) hands it back, and an idle worker fetches it within a poll. The margin
 * is for a loaded machine running other test files beside these.
 */
export const RECOVERY_BOUND_SECONDS =
  Number(FAST_LEASES.JOB_DEAD_AFTER_SECONDS) +
  Number(FAST_LEASES.JOB_HEARTBEAT_SECONDS) +
  Number(FAST_LEASES.JOB_POLLING_INTERVAL_SECONDS) +
  5;

export interface WorkerProcess {
  child: ChildProcess;
  /** The job worker's id in `job_lease.worker_id`, once it has said it started. */
  workerId: string;
  /** The messages it has logged so far, one per line. */
  messages(): string[];
  /** Resolves with the messages once one of them contains `text` (a line may come a moment after the state it logs). */
  logged(text: string): Promise<string[]>;
  exited: Promise<number | null>;
}

/**
 * Starts `node dist/src/main.js` as a job worker on the test's database and resolves once its job
 * worker runs. Only its own settings are passed: nothing of the test process leaks in.
 */
async function startWorker(databaseUrl: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      PUENTE_DATA_DIR: '/tmp/puente-test-data',
      ENROLMENT_SWEEP_CRON: '0 0 1 1 *',
      ...FAST_LEASES,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      try {
        lines.push((JSON.parse(line) as { msg: string }).msg);
      } catch {
        lines.push(line);
      }
    }
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const started = await waitUntil(
    () => {
      if (child.exitCode !== null) throw new Error(`The worker stopped (${child.exitCode}): ${errors.slice(-2000)}`);
      return lines.map((line) => /^Job worker (\S+) started/.exec(line)?.[1]).find(Boolean);
    },
    { until: (id) => id !== undefined, timeoutMs: 60_000, intervalMs: 50, description: 'the job worker to start' },
  );
  const logged = (text: string) =>
    waitUntil(() => [...lines], {
      until: (seen) => seen.some((line) => line.includes(text)),
      timeoutMs: 10_000,
      intervalMs: 50,
      description: `"${text}" in the worker's log`,
    });
  return { child, workerId: started!, messages: () => [...lines], logged, exited };
}

/** Who holds the queue's one active job now (by its lease), and at which attempt. */
async function leaseOf(
  dataSource: DataSource,
  queue: string,
): Promise<{ jobId: string; workerId: string; attempt: number } | undefined> {
  const [lease] = await dataSource.query(
    `SELECT job_id AS "jobId", worker_id AS "workerId", attempt FROM job_lease WHERE queue = $1`,
    [queue],
  );
  return lease;
}

/** The worker process holding the queue's one active job. */
async function holderOf(dataSource: DataSource, queue: string, workers: WorkerProcess[]): Promise<WorkerProcess> {
  const lease = await waitUntil(() => leaseOf(dataSource, queue), {
    until: (l) => l !== undefined,
    timeoutMs: 60_000,
    intervalMs: 50,
    description: `a worker to hold the job of ${queue}`,
  });
  return workers.find((worker) => worker.workerId === lease!.workerId)!;
}

/** A job's lease once a worker other than the one stopped holds it, `seconds` after the signal. */
export interface TakenUp {
  seconds: number;
  jobId: string;
  workerId: string;
  attempt: number;
}

/** Waits until a worker other than `previous` holds the queue's job; `seconds` since `from` (a kill). */
async function takenUpAfter(
  dataSource: DataSource,
  queue: string,
  previous: WorkerProcess,
  from: number,
): Promise<TakenUp> {
  const lease = await waitUntil(() => leaseOf(dataSource, queue), {
    until: (l) => l !== undefined && l.workerId !== previous.workerId,
    timeoutMs: 60_000,
    intervalMs: 50,
    description: `a worker other than ${previous.workerId} to hold the job of ${queue}`,
  });
  return { seconds: (Date.now() - from) / 1000, ...lease! };
}

/** Kills a worker and waits for its exit; returns the moment of the kill. */
async function kill(worker: WorkerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<number> {
  const at = Date.now();
  worker.child.kill(signal);
  await worker.exited;
  return at;
}

/** What `useWorkerProcesses` gives a crash test. */
export interface WorkerProcesses {
  /** The application the test talks to; its own job worker is off, so only the spawned processes work jobs. */
  readonly t: TestApp;
  /** A member of the training office, signed in to it. */
  readonly office: SignedIn;
  /** Every worker process started so far, dead or alive. */
  readonly workers: WorkerProcess[];
  /** Starts `count` worker processes at once and resolves once each one's job worker runs. */
  start(count: number): Promise<WorkerProcess[]>;
  /** The worker process holding the queue's job now (waiting until one does). */
  holder(): Promise<WorkerProcess>;
  /**
   * Stops `worker` with `signal` (a shutdown or a death) and waits for another worker to take its
   * job up: the new lease, how long after the signal, and the worker that holds it now.
   */
  stop(worker: WorkerProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<TakenUp & { by: WorkerProcess }>;
  /** How many retries the queue has spent on the job (a shutdown hands a job back without spending one). */
  retryCount(jobId: string): Promise<number>;
}

/**
 * The set-up the crash tests share: an application on a database of its own with its job worker
 * off, worker processes (`node dist/src/main.js`) started on that database, and whatever is left of
 * them killed after the tests. Call it in a describe block: it adds the beforeAll and afterAll.
 * `queue` is the queue whose one job the test follows; `settings` go to the application and to
 * every worker (FAST_LEASES and whatever the test adds).
 */
export function useWorkerProcesses(queue: string, settings: Record<string, string>): WorkerProcesses {
  let t: TestApp;
  let office: SignedIn;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp({ JOB_WORKER: 'off', ...settings });
    office = await signedInAs(t, ['office']);
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await t?.close();
  });

  return {
    get t() {
      return t;
    },
    get office() {
      return office;
    },
    workers,
    async start(count) {
      const started = await Promise.all(Array.from({ length: count }, () => startWorker(t.database.url, settings)));
      workers.push(...started);
      return started;
    },
    holder: () => holderOf(t.dataSource, queue, workers),
    async stop(worker, signal) {
      const at = await kill(worker, signal);
      const taken = await takenUpAfter(t.dataSource, queue, worker, at);
      return { ...taken, by: workers.find((candidate) => candidate.workerId === taken.workerId)! };
    },
    async retryCount(jobId) {
      const [{ retryCount }] = await t.dataSource.query(
        `SELECT retry_count AS "retryCount" FROM pgboss.job WHERE id = $1`,
        [jobId],
      );
      return retryCount;
    },
  };
}
