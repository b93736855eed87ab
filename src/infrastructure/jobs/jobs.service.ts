import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { ConfigService } from '../../config/config.service';
import { JobQueueRegistry } from './job-queue-registry.service';
import { JobQueueRepository } from './job-queue.repository';
import { JobWorker } from './job-worker.service';
import { JobWorkerLog } from './job-worker-log.service';
import type { QueueDefinition } from './queue-definition';

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
  private started = false;

  constructor(
    private readonly config: ConfigService,
    private readonly queues: JobQueueRepository,
    private readonly registry: JobQueueRegistry,
    private readonly worker: JobWorker,
    private readonly log: JobWorkerLog,
  ) {}

  /** This process's worker, as `job_lease.worker_id` names it. */
  get workerId(): string {
    return this.log.workerId;
  }

  /** Registers a queue and its handler; workers start with the application. */
  define<T extends object>(queue: QueueDefinition<T>): void {
    this.registry.define(queue);
  }

  /**
   * Sends a job within the caller's transaction: it becomes visible to workers only if the
   * transaction commits.
   */
  send<T extends object>(manager: EntityManager, queue: string, data: T): Promise<string> {
    return this.queues.send(queue, data, manager);
  }

  /** `send` for many jobs of one queue, in one statement. */
  sendMany<T extends object>(manager: EntityManager, queue: string, data: T[]): Promise<void> {
    return this.queues.sendMany(queue, data, manager);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.start();
    this.started = true;
    await this.registry.setUp();
    if (this.config.get('jobs').worker) this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.worker.stop();
    await this.queues.stop();
  }
}
