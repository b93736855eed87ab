import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../config/config.service';
import { HeldJobs } from './held-jobs.service';
import { JobLeaseRepository } from './job-lease.repository';
import { JobQueueRegistry, type WorkedQueue } from './job-queue-registry.service';
import { JobQueueRepository } from './job-queue.repository';
import { JobRunner } from './job-runner.service';
import { JobWorkerLog } from './job-worker-log.service';
import { StaleLeaseSweeper } from './stale-lease-sweeper.service';

/** Handlers in hand at shutdown get this long to stop at a safe point and be handed back. */
const SHUTDOWN_WAIT_MS = 30_000;

/**
 * The worker of this process: a loop per queue that fetches and leases jobs, the beats that renew
 * the leases of the jobs in hand, and the sweep for the leases of workers gone silent.
 */
@Injectable()
export class JobWorker {
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;

  constructor(
    private readonly config: ConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: JobLeaseRepository,
    private readonly queues: JobQueueRepository,
    private readonly registry: JobQueueRegistry,
    private readonly held: HeldJobs,
    private readonly runner: JobRunner,
    private readonly sweeper: StaleLeaseSweeper,
    private readonly log: JobWorkerLog,
  ) {}

  /** Starts a loop for every queue set up, the beats and the sweeps. */
  start(): void {
    const jobs = this.config.get('jobs');
    for (const queue of this.registry.workedQueues()) this.loops.push(this.work(queue));
    this.timers.push(setInterval(() => void this.held.beat(), jobs.heartbeatSeconds * 1000));
    this.timers.push(setInterval(() => void this.sweep(), jobs.heartbeatSeconds * 1000));
    this.log.log(
      `Job worker ${this.log.workerId} started: heartbeat every ${jobs.heartbeatSeconds} s; a worker silent for ${jobs.deadAfterSeconds} s is taken as lost`,
    );
  }

  /**
   * Stops fetching, asks the handlers in hand to stop and hands their jobs back without spending an
   * attempt, so another worker takes them up at once. Beats go on meanwhile, so that nothing is
   * taken from this worker while it lets go.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    this.held.releaseAll('shutdown');
    let timeout: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all(this.loops).then(() => true),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timeout);
    for (const timer of this.timers) clearInterval(timer);
    if (!drained) {
      for (const job of this.held.inHand()) {
        this.log.warn(
          `Job ${job.id} (${job.queue}) did not stop within ${SHUTDOWN_WAIT_MS / 1000} s of shutdown; another worker takes it up once its lease is stale`,
        );
      }
    }
  }

  /** One queue's loop: fetch (and lease) a batch, run it, or wait the polling interval. */
  private async work(queue: WorkedQueue): Promise<void> {
    while (!this.stopping) {
      let batch: PgBoss.JobWithMetadata<object>[] = [];
      try {
        batch = await this.dataSource.transaction(async (manager) => {
          const fetched = await this.queues.fetch(queue.name, queue.batchSize, manager);
          await this.leases.take(
            this.log.workerId,
            fetched.map((job) => ({ id: job.id, queue: queue.name, attempt: job.retryCount + 1 })),
            manager,
          );
          return fetched;
        });
        this.log.recovered(`fetching from ${queue.name}`);
      } catch (error) {
        this.log.trouble(`fetching from ${queue.name}`, error);
      }
      if (batch.length === 0) await this.idle();
      // Every job of a batch is held (and its lease renewed) from the fetch on, not only while it runs.
      const held = batch.map((job) => this.held.hold(job.id, queue.name, this.stopping));
      for (const [at, job] of batch.entries()) await this.runner.perform(queue, job, held[at]);
    }
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

  private wakeAll(): void {
    for (const wake of this.wakers) wake();
  }

  private async sweep(): Promise<void> {
    if (this.stopping) return;
    // This worker may take up the jobs handed back itself without waiting for its next poll.
    if ((await this.sweeper.sweep()) > 0) this.wakeAll();
  }
}
