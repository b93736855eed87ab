import { Injectable } from '@nestjs/common';
import { JobLeaseRepository } from './job-lease.repository';
import { JobQueueRepository } from './job-queue.repository';
import { JobWorkerLog } from './job-worker-log.service';

/** A job this worker holds, renewed at every beat. */
export interface HeldJob {
  id: string;
  queue: string;
  controller: AbortController;
}

/** The reason a held job's signal is aborted with. */
export class JobReleased extends Error {
  constructor(readonly why: 'shutdown' | 'lease_lost') {
    super(why === 'shutdown' ? 'The worker is shutting down' : 'The job passed to another worker');
    this.name = 'JobReleased';
  }
}

/**
 * The jobs this worker holds, from their fetch until they are settled, and the beats that renew
 * their leases. A job whose lease passed to another worker is told to stop.
 */
@Injectable()
export class HeldJobs {
  private readonly held = new Map<string, HeldJob>();
  private beating = false;

  constructor(
    private readonly leases: JobLeaseRepository,
    private readonly queues: JobQueueRepository,
    private readonly log: JobWorkerLog,
  ) {}

  /** Holds a job just fetched; one fetched as shutdown began (`stopping`) is handed back without being started. */
  hold(id: string, queue: string, stopping: boolean): HeldJob {
    const held: HeldJob = { id, queue, controller: new AbortController() };
    if (stopping) held.controller.abort(new JobReleased('shutdown'));
    this.held.set(id, held);
    return held;
  }

  letGo(id: string): void {
    this.held.delete(id);
  }

  inHand(): HeldJob[] {
    return [...this.held.values()];
  }

  /** Asks the handler of every job in hand to stop. */
  releaseAll(why: JobReleased['why']): void {
    for (const job of this.held.values()) job.controller.abort(new JobReleased(why));
  }

  /** Renews the leases of the jobs in hand; a job whose lease has passed to another worker is told to stop. */
  async beat(): Promise<void> {
    if (this.beating || this.held.size === 0) return;
    this.beating = true;
    // Only jobs leased before the renewal starts: a lease being taken right now is not yet visible to it.
    const inHand = this.inHand();
    try {
      const kept = await this.leases.renew(
        this.queues.db(),
        this.log.workerId,
        inHand.map((job) => job.id),
      );
      this.log.recovered('renewing job leases');
      for (const job of inHand) {
        if (kept.has(job.id) || this.held.get(job.id) !== job || job.controller.signal.aborted) continue;
        this.log.warn(`Job ${job.id} (${job.queue}) lost its lease to another worker; stopping it here`);
        job.controller.abort(new JobReleased('lease_lost'));
      }
    } catch (error) {
      this.log.trouble('renewing job leases', error);
    } finally {
      this.beating = false;
    }
  }
}
