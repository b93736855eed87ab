import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { JobLeaseRepository } from './job-lease.repository';
import type { JobContext, QueueDefinition } from './queue-definition';
import { HAND_BACK, JOBS_SCHEMA, onTransaction, QUEUE_SETUP_LOCK, RETRY_NOW, SWEEP_LOCK } from './pg-boss-sql';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

/** What one worker loop fetches and runs: a queue, or the dead letters of one. */
interface WorkedQueue {
  name: string;
  batchSize: number;
  run: (data: object, job: JobContext) => Promise<void>;
  onInterrupted?: QueueDefinition<object>['onInterrupted'];
}

/** A job this worker holds, renewed at every beat. */
interface HeldJob {
  id: string;
  queue: string;
  controller: AbortController;
}

/** The reason a held job's signal is aborted with. */
class JobReleased extends Error {
  constructor(readonly why: 'shutdown' | 'lease_lost') {
    super(why === 'shutdown' ? 'The worker is shutting down' : 'The job passed to another worker');
    this.name = 'JobReleased';
  }
}

/** Handlers in hand at shutdown get this long to stop at a safe point and be handed back. */
const SHUTDOWN_WAIT_MS = 30_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Background jobs on the application's own database (pg-boss). Jobs are sent inside the
 * transaction that creates the work they describe, so a job exists exactly when its work does.
 *
 * Workers fetch jobs themselves rather than through pg-boss's `work()`, because every job must be
 * leased (`job_lease`) in the transaction that fetches it and settled by whoever holds the lease:
 * the holder renews it every `JOB_HEARTBEAT_SECONDS`, and every worker sweeps for leases silent for
 * `JOB_DEAD_AFTER_SECONDS`, failing their jobs the way pg-boss does (an attempt spent, the dead
 * letter after the last) so that another worker takes them up within about a minute. A worker shut
 * down gracefully asks its handlers to stop and hands their jobs back without spending an attempt.
 *
 * Beats come from this process's main thread: it must stay free for them, which is why the
 * matching engine, the one CPU-bound handler, solves on a worker thread (`engine-runner.ts`). A
 * main thread that stops beating is stuck as surely as a dead one, and its job is better taken up.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly boss: PgBoss;
  private readonly queues: QueueDefinition<object>[] = [];
  private readonly worked = new Map<string, WorkedQueue>();
  private readonly held = new Map<string, HeldJob>();
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private readonly failing = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly logger = new Logger(JobsService.name);
  /** Host, process and a random part: a process restarted with the same pid is another worker. */
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private started = false;
  private stopping = false;
  private beating = false;
  private sweeping = false;

  constructor(
    @Inject(JOBS_DATABASE_URL) databaseUrl: string,
    private readonly config: ConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: JobLeaseRepository,
    private readonly clock: Clock,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOBS_SCHEMA,
      max: 3,
      application_name: 'puente-jobs',
      // pg-boss's own maintenance (the last-resort expiry, archiving) may run on any worker.
      supervise: true,
      maintenanceIntervalSeconds: config.get('jobs').maintenanceIntervalSeconds,
      // Cron schedules are kept in the database; worker processes send the jobs they ask for.
      schedule: config.get('jobs').worker,
    });
    this.boss.on('error', (error) => this.logger.error(`Job queue error: ${error.message}`, error.stack));
  }

  /** Registers a queue and its handler; workers start with the application. */
  define<T extends object>(queue: QueueDefinition<T>): void {
    this.queues.push(queue as unknown as QueueDefinition<object>);
  }

  /**
   * Sends a job within the caller's transaction: it becomes visible to workers only if the
   * transaction commits.
   */
  async send<T extends object>(manager: EntityManager, queue: string, data: T): Promise<string> {
    const db = { executeSql: async (sql: string, values: unknown[]) => ({ rows: await manager.query(sql, values) }) };
    const id = await this.boss.send(queue, data, { db });
    if (!id) throw new Error(`The job queue ${queue} refused a job`);
    return id;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    this.started = true;
    // pg-boss creates each queue's partition with DDL that deadlocks when processes starting
    // together create different queues at once; one process at a time sets them up.
    await this.dataSource.transaction(async (manager) => {
      await manager.query(QUEUE_SETUP_LOCK);
      for (const queue of this.queues) await this.setUp(queue);
    });
    const jobs = this.config.get('jobs');
    if (!jobs.worker) return;
    for (const queue of this.worked.values()) this.loops.push(this.work(queue));
    this.timers.push(setInterval(() => void this.beat(), jobs.heartbeatSeconds * 1000));
    this.timers.push(setInterval(() => void this.sweep(), jobs.heartbeatSeconds * 1000));
    this.logger.log(
      `Job worker ${this.workerId} started: heartbeat every ${jobs.heartbeatSeconds} s; a worker silent for ${jobs.deadAfterSeconds} s is taken as lost`,
    );
  }

  private async setUp(queue: QueueDefinition<object>): Promise<void> {
    const deadLetter = queue.onGiveUp ? `${queue.name}.abandoned` : undefined;
    if (deadLetter) await this.boss.createQueue(deadLetter, { name: deadLetter });
    const options = {
      name: queue.name,
      retryLimit: queue.retryLimit,
      retryDelay: queue.retryDelaySeconds ?? 0,
      retryBackoff: queue.retryBackoff ?? false,
      expireInSeconds: queue.expireInSeconds,
      ...(deadLetter ? { deadLetter } : {}),
    };
    await this.boss.createQueue(queue.name, options);
    // A queue created by an earlier version keeps its options unless they are updated.
    await this.boss.updateQueue(queue.name, options);
    if (queue.cron) await this.boss.schedule(queue.name, queue.cron, {}, { tz: this.config.get('timeZone') });
    this.worked.set(queue.name, {
      name: queue.name,
      batchSize: queue.batchSize ?? 1,
      run: queue.handler,
      onInterrupted: queue.onInterrupted,
    });
    if (deadLetter)
      this.worked.set(deadLetter, { name: deadLetter, batchSize: 1, run: (data) => queue.onGiveUp!(data) });
  }

  /**
   * Stops fetching, asks the handlers in hand to stop and hands their jobs back without spending an
   * attempt, so another worker takes them up at once. Beats go on meanwhile, so that nothing is
   * taken from this worker while it lets go.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopping = true;
    for (const wake of this.wakers) wake();
    for (const job of this.held.values()) job.controller.abort(new JobReleased('shutdown'));
    let timeout: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all(this.loops).then(() => true),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timeout);
    for (const timer of this.timers) clearInterval(timer);
    if (!drained) {
      for (const job of this.held.values()) {
        this.logger.warn(
          `Job ${job.id} (${job.queue}) did not stop within ${SHUTDOWN_WAIT_MS / 1000} s of shutdown; another worker takes it up once its lease is stale`,
        );
      }
    }
    await this.boss.stop({ graceful: false, wait: true });
  }

  /** One queue's loop: fetch (and lease) a batch, run it, or wait the polling interval. */
  private async work(queue: WorkedQueue): Promise<void> {
    while (!this.stopping) {
      let batch: PgBoss.JobWithMetadata<object>[] = [];
      try {
        batch = await this.dataSource.transaction(async (manager) => {
          const fetched = await this.boss.fetch<object>(queue.name, {
            batchSize: queue.batchSize,
            includeMetadata: true,
            db: onTransaction(manager),
          });
          await this.leases.take(
            this.workerId,
            fetched.map((job) => ({ id: job.id, queue: queue.name, attempt: job.retryCount + 1 })),
            manager,
          );
          return fetched;
        });
        this.recovered(`fetching from ${queue.name}`);
      } catch (error) {
        this.trouble(`fetching from ${queue.name}`, error);
      }
      if (batch.length === 0) await this.idle();
      // Every job of a batch is held (and its lease renewed) from the fetch on, not only while it runs.
      const held = batch.map((job) => this.hold(queue, job));
      for (const [at, job] of batch.entries()) await this.perform(queue, job, held[at]);
    }
  }

  private hold(queue: WorkedQueue, job: PgBoss.JobWithMetadata<object>): HeldJob {
    const held: HeldJob = { id: job.id, queue: queue.name, controller: new AbortController() };
    // A batch fetched as shutdown began is handed back without being started.
    if (this.stopping) held.controller.abort(new JobReleased('shutdown'));
    this.held.set(job.id, held);
    return held;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.config.get('jobs').pollingIntervalSeconds * 1000);
      this.wakers.add(wake);
    });
  }

  /** Runs one leased job and settles it: completed, failed (retried or given up), or handed back. */
  private async perform(queue: WorkedQueue, job: PgBoss.JobWithMetadata<object>, held: HeldJob): Promise<void> {
    const attempt = job.retryCount + 1;
    const attempts = job.retryLimit + 1;
    const label = `Job ${job.id} (${queue.name})`;
    const started = performance.now();
    let finished = false;
    let failure: unknown;
    try {
      if (!held.controller.signal.aborted) {
        this.logger.log(`${label} started: attempt ${attempt} of ${attempts}${attempt > 1 ? ', a retry' : ''}`);
        await queue.run(job.data, { id: job.id, attempt, attempts, signal: held.controller.signal });
        finished = true;
      }
    } catch (error) {
      failure = error;
    }
    this.held.delete(job.id);
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const released = held.controller.signal.aborted ? (held.controller.signal.reason as JobReleased).why : undefined;
    try {
      if (!finished && released === 'lease_lost') {
        this.logger.warn(`${label} stopped after ${took}: its lease passed to another worker, whose attempt stands`);
      } else if (!finished && released === 'shutdown') {
        const handedBack = await this.settle(job.id, async (manager) => {
          await manager.query(HAND_BACK, [queue.name, job.id]);
          await queue.onInterrupted?.(manager, job.data, {
            reason: 'worker_stopped',
            attempt,
            retrying: true,
            at: this.clock.now(),
          });
        });
        if (handedBack)
          this.logger.log(
            `${label} handed back on shutdown after ${took}; it is taken up again as attempt ${attempt} of ${attempts}`,
          );
        else
          this.logger.warn(
            `${label} stopped on shutdown after ${took}; its lease had already passed to another worker`,
          );
      } else if (finished) {
        const completed = await this.settle(job.id, (manager) =>
          this.boss.complete(queue.name, job.id, { worker: this.workerId }, { db: onTransaction(manager) }),
        );
        if (completed) this.logger.log(`${label} completed in ${took}`);
        else
          this.logger.warn(
            `${label} finished in ${took}, but its lease had passed to another worker, whose attempt stands`,
          );
      } else {
        const message = messageOf(failure);
        const failed = await this.settle(job.id, (manager) =>
          this.boss.fail(queue.name, job.id, { message, worker: this.workerId }, { db: onTransaction(manager) }),
        );
        if (!failed)
          this.logger.warn(
            `${label} failed after ${took}, but its lease had passed to another worker, whose attempt stands: ${message}`,
          );
        else if (attempt < attempts)
          this.logger.warn(
            `${label} failed on attempt ${attempt} of ${attempts} after ${took}; it will be retried: ${message}`,
          );
        else
          this.logger.error(
            `${label} failed on its last attempt (${attempt} of ${attempts}) after ${took}: ${message}`,
          );
      }
    } catch (error) {
      // The lease is no longer renewed: the sweep hands the job back once it is stale.
      this.logger.error(
        `${label} could not be settled after ${took}: ${messageOf(error)}; it is taken up again once its lease is stale`,
      );
    }
  }

  /** Settles a job in the transaction that releases its lease; false when the lease was no longer ours. */
  private async settle(jobId: string, work: (manager: EntityManager) => Promise<unknown>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.leases.release(jobId, this.workerId, manager))) return false;
      await work(manager);
      return true;
    });
  }

  /** Renews the leases of the jobs in hand; a job whose lease has passed to another worker is told to stop. */
  private async beat(): Promise<void> {
    if (this.beating || this.held.size === 0) return;
    this.beating = true;
    // Only jobs leased before the renewal starts: a lease being taken right now is not yet visible to it.
    const inHand = [...this.held.values()];
    try {
      const kept = await this.leases.renew(
        this.boss.getDb(),
        this.workerId,
        inHand.map((job) => job.id),
      );
      this.recovered('renewing job leases');
      for (const job of inHand) {
        if (kept.has(job.id) || this.held.get(job.id) !== job || job.controller.signal.aborted) continue;
        this.logger.warn(`Job ${job.id} (${job.queue}) lost its lease to another worker; stopping it here`);
        job.controller.abort(new JobReleased('lease_lost'));
      }
    } catch (error) {
      this.trouble('renewing job leases', error);
    } finally {
      this.beating = false;
    }
  }

  /**
   * Hands back the jobs of workers that stopped renewing their leases: pg-boss's own `fail` spends
   * the attempt (or gives the job up after the last one, through the dead letter), the retry is
   * due at once, and the queue's `onInterrupted` records it, all in one transaction.
   */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.stopping) return;
    this.sweeping = true;
    try {
      const deadAfter = this.config.get('jobs').deadAfterSeconds;
      const handedBack = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(SWEEP_LOCK);
        if (!locked) return [];
        const done: {
          jobId: string;
          queue: string;
          workerId: string;
          attempt: number;
          silentSeconds: number;
          attempts: number;
          retrying: boolean;
        }[] = [];
        for (const lease of await this.leases.takeStale(deadAfter, manager)) {
          const [job] = await manager.query<{ data: object; retryCount: number; retryLimit: number }[]>(
            `SELECT data, retry_count AS "retryCount", retry_limit AS "retryLimit" FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND id = $2 AND state = 'active' FOR UPDATE`,
            [lease.queue, lease.jobId],
          );
          // Settled, or expired by pg-boss, meanwhile: only the lease was left behind.
          if (!job) continue;
          const message = `Its worker ${lease.workerId} stopped renewing its lease`;
          await this.boss.fail(
            lease.queue,
            lease.jobId,
            { message, worker: lease.workerId },
            { db: onTransaction(manager) },
          );
          const retrying = job.retryCount < job.retryLimit;
          if (retrying) await manager.query(RETRY_NOW, [lease.queue, lease.jobId]);
          await this.worked.get(lease.queue)?.onInterrupted?.(manager, job.data, {
            reason: 'worker_lost',
            attempt: lease.attempt,
            retrying,
            at: this.clock.now(),
          });
          done.push({ ...lease, attempts: job.retryLimit + 1, retrying });
        }
        return done;
      });
      this.recovered('sweeping stale job leases');
      for (const lease of handedBack) {
        const next = lease.retrying
          ? `handed back for attempt ${lease.attempt + 1} of ${lease.attempts}`
          : `that was its last attempt (of ${lease.attempts}), so it is given up`;
        this.logger.warn(
          `Job ${lease.jobId} (${lease.queue}) lost its worker ${lease.workerId} (no heartbeat for ${Math.round(lease.silentSeconds)} s) at attempt ${lease.attempt}; ${next}`,
        );
      }
      // This worker may take them up itself without waiting for its next poll.
      if (handedBack.length > 0) for (const wake of this.wakers) wake();
    } catch (error) {
      this.trouble('sweeping stale job leases', error);
    } finally {
      this.sweeping = false;
    }
  }

  /** One warning when something starts failing, one line when it works again, not one per try. */
  private trouble(what: string, error: unknown): void {
    if (this.failing.has(what)) return;
    this.failing.add(what);
    this.logger.warn(
      `Job worker ${this.workerId}: ${what} failed (retrying quietly until it works): ${messageOf(error)}`,
    );
  }

  private recovered(what: string): void {
    if (this.failing.delete(what)) this.logger.log(`Job worker ${this.workerId}: ${what} works again`);
  }
}
