import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
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
  exited: Promise<number | null>;
}

/**
 * Starts `node dist/src/main.js` as a job worker on the test's database and resolves once its job
 * worker runs. Only its own settings are passed: nothing of the test process leaks in.
 */
export async function startWorker(databaseUrl: string, env: Record<string, string>): Promise<WorkerProcess> {
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
  return { child, workerId: started!, messages: () => [...lines], exited };
}

/** Who holds the queue's one active job now (by its lease), and at which attempt. */
export async function leaseOf(
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
export async function holderOf(
  dataSource: DataSource,
  queue: string,
  workers: WorkerProcess[],
): Promise<WorkerProcess> {
  const lease = await waitUntil(() => leaseOf(dataSource, queue), {
    until: (l) => l !== undefined,
    timeoutMs: 60_000,
    intervalMs: 50,
    description: `a worker to hold the job of ${queue}`,
  });
  return workers.find((worker) => worker.workerId === lease!.workerId)!;
}

/** Waits until a worker other than `previous` holds the queue's job; `seconds` since `from` (a kill). */
export async function takenUpAfter(
  dataSource: DataSource,
  queue: string,
  previous: WorkerProcess,
  from: number,
): Promise<{ seconds: number; jobId: string; workerId: string; attempt: number }> {
  const lease = await waitUntil(() => leaseOf(dataSource, queue), {
    until: (l) => l !== undefined && l.workerId !== previous.workerId,
    timeoutMs: 60_000,
    intervalMs: 50,
    description: `a worker other than ${previous.workerId} to hold the job of ${queue}`,
  });
  return { seconds: (Date.now() - from) / 1000, ...lease! };
}

/** Kills a worker and waits for its exit; returns the moment of the kill. */
export async function kill(worker: WorkerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<number> {
  const at = Date.now();
  worker.child.kill(signal);
  await worker.exited;
  return at;
}
