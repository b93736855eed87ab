import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { JobLeaseRepository, type StaleLease } from './job-lease.repository';
import { JobQueueRegistry } from './job-queue-registry.service';
import { JobQueueRepository } from './job-queue.repository';
import { JobWorkerLog } from './job-worker-log.service';
import { SWEEP_LOCK } from './pg-boss-sql';

/** A stale lease whose job the sweep handed back (or gave up). */
interface HandedBack extends StaleLease {
  attempts: number;
  retrying: boolean;
}

/** Takes up the jobs of workers that stopped renewing their leases, on behalf of every worker. */
@Injectable()
export class StaleLeaseSweeper {
  private sweeping = false;

  constructor(
    private readonly config: ConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: JobLeaseRepository,
    private readonly queues: JobQueueRepository,
    private readonly registry: JobQueueRegistry,
    private readonly clock: Clock,
    private readonly log: JobWorkerLog,
  ) {}

  /**
   * Hands back the jobs of workers that stopped renewing their leases: pg-boss's own `fail` spends
   * the attempt (or gives the job up after the last one, through the dead letter), the retry is
   * due at once, and the queue's `onInterrupted` records it, all in one transaction. Returns how
   * many jobs it handed back.
   */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const deadAfter = this.config.get('jobs').deadAfterSeconds;
      const handedBack = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(SWEEP_LOCK);
        if (!locked) return [];
        const done: HandedBack[] = [];
        for (const lease of await this.leases.takeStale(deadAfter, manager)) {
          const job = await this.queues.lockActive(lease.queue, lease.jobId, manager);
          // Settled, or expired by pg-boss, meanwhile: only the lease was left behind.
          if (!job) continue;
          const message = `Its worker ${lease.workerId} stopped renewing its lease`;
          await this.queues.fail(lease.queue, lease.jobId, message, lease.workerId, manager);
          const retrying = job.retryCount < job.retryLimit;
          if (retrying) await this.queues.retryNow(lease.queue, lease.jobId, manager);
          await this.registry.get(lease.queue)?.onInterrupted?.(manager, job.data, {
            reason: 'worker_lost',
            attempt: lease.attempt,
            retrying,
            at: this.clock.now(),
          });
          done.push({ ...lease, attempts: job.retryLimit + 1, retrying });
        }
        return done;
      });
      this.log.recovered('sweeping stale job leases');
      for (const lease of handedBack) {
        const next = lease.retrying
          ? `handed back for attempt ${lease.attempt + 1} of ${lease.attempts}`
          : `that was its last attempt (of ${lease.attempts}), so it is given up`;
        this.log.warn(
          `Job ${lease.jobId} (${lease.queue}) lost its worker ${lease.workerId} (no heartbeat for ${Math.round(lease.silentSeconds)} s) at attempt ${lease.attempt}; ${next}`,
        );
      }
      return handedBack.length;
    } catch (error) {
      this.log.trouble('sweeping stale job leases', error);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
