import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { HeldJobs, type HeldJob, type JobReleased } from './held-jobs.service';
import { JobLeaseRepository } from './job-lease.repository';
import type { WorkedQueue } from './job-queue-registry.service';
import { JobQueueRepository } from './job-queue.repository';
import { JobWorkerLog, messageOf } from './job-worker-log.service';

/** Runs the jobs this worker leased and settles each one as whoever holds its lease. */
@Injectable()
export class JobRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: JobLeaseRepository,
    private readonly queues: JobQueueRepository,
    private readonly held: HeldJobs,
    private readonly clock: Clock,
    private readonly log: JobWorkerLog,
  ) {}

  /** Runs one leased job and settles it: completed, failed (retried or given up), or handed back. */
  async perform(queue: WorkedQueue, job: PgBoss.JobWithMetadata<object>, held: HeldJob): Promise<void> {
    const attempt = job.retryCount + 1;
    const attempts = job.retryLimit + 1;
    const label = `Job ${job.id} (${queue.name})`;
    const started = performance.now();
    let finished = false;
    let failure: unknown;
    try {
      if (!held.controller.signal.aborted) {
        this.log.log(`${label} started: attempt ${attempt} of ${attempts}${attempt > 1 ? ', a retry' : ''}`);
        await queue.run(job.data, { id: job.id, attempt, attempts, signal: held.controller.signal });
        finished = true;
      }
    } catch (error) {
      failure = error;
    }
    this.held.letGo(job.id);
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const released = held.controller.signal.aborted ? (held.controller.signal.reason as JobReleased).why : undefined;
    try {
      if (!finished && released === 'lease_lost') {
        this.log.warn(`${label} stopped after ${took}: its lease passed to another worker, whose attempt stands`);
      } else if (!finished && released === 'shutdown') {
        const handedBack = await this.settle(job.id, async (manager) => {
          await this.queues.handBack(queue.name, job.id, manager);
          await queue.onInterrupted?.(manager, job.data, {
            reason: 'worker_stopped',
            attempt,
            retrying: true,
            at: this.clock.now(),
          });
        });
        if (handedBack)
          this.log.log(
            `${label} handed back on shutdown after ${took}; it is taken up again as attempt ${attempt} of ${attempts}`,
          );
        else
          this.log.warn(`${label} stopped on shutdown after ${took}; its lease had already passed to another worker`);
      } else if (finished) {
        const completed = await this.settle(job.id, (manager) =>
          this.queues.complete(queue.name, job.id, this.log.workerId, manager),
        );
        if (completed) this.log.log(`${label} completed in ${took}`);
        else
          this.log.warn(
            `${label} finished in ${took}, but its lease had passed to another worker, whose attempt stands`,
          );
      } else {
        const message = messageOf(failure);
        const failed = await this.settle(job.id, (manager) =>
          this.queues.fail(queue.name, job.id, message, this.log.workerId, manager),
        );
        if (!failed)
          this.log.warn(
            `${label} failed after ${took}, but its lease had passed to another worker, whose attempt stands: ${message}`,
          );
        else if (attempt < attempts)
          this.log.warn(
            `${label} failed on attempt ${attempt} of ${attempts} after ${took}; it will be retried: ${message}`,
          );
        else
          this.log.error(`${label} failed on its last attempt (${attempt} of ${attempts}) after ${took}: ${message}`);
      }
    } catch (error) {
      // The lease is no longer renewed: the sweep hands the job back once it is stale.
      this.log.error(
        `${label} could not be settled after ${took}: ${messageOf(error)}; it is taken up again once its lease is stale`,
      );
    }
  }

  /** Settles a job in the transaction that releases its lease; false when the lease was no longer ours. */
  private async settle(jobId: string, work: (manager: EntityManager) => Promise<unknown>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.leases.release(jobId, this.log.workerId, manager))) return false;
      await work(manager);
      return true;
    });
  }
}
