import type { EntityManager } from 'typeorm';
import type { JobInterruptionReason } from './job.entity';

/** What a handler knows of the job it works. */
export interface JobContext {
  /** The pg-boss job's id, in every log line about it. */
  id: string;
  /** This attempt, 1 for the first; a job handed back on shutdown is taken up again with the same number. */
  attempt: number;
  /** Attempts the job has in all. */
  attempts: number;
  /**
   * Aborted when this worker lets go of the job: it is shutting down (the job is handed back
   * without spending an attempt) or its lease passed to another worker. A handler stops at its
   * next safe point by throwing (`signal.throwIfAborted()`); what it committed stays.
   */
  signal: AbortSignal;
}

/** A worker let go of a job before finishing it. */
export interface JobInterruption {
  reason: JobInterruptionReason;
  /** The attempt that was interrupted. */
  attempt: number;
  /** False when that was the last attempt: the job is given up and `onGiveUp` follows. */
  retrying: boolean;
  at: Date;
}

export interface QueueDefinition<T extends object> {
  name: string;
  /** Attempts after the first one when the handler throws or the worker holding the job dies. */
  retryLimit: number;
  /**
   * Last resort: pg-boss fails a job still active after this long, even while its worker beats (a
   * handler that never returns). A dead worker's job is taken up through its lease long before.
   */
  expireInSeconds: number;
  /** Wait before a retry after a failure, doubled (with jitter) on each further attempt when `retryBackoff` is set. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /**
   * Jobs fetched at once (default 1). A worker waits the polling interval between fetches, so
   * queues of many small jobs (mail) take them in batches.
   */
  batchSize?: number;
  /** A cron expression (five fields, service time zone) on which a job is sent with `{}` as data. */
  cron?: string;
  handler: (data: T, job: JobContext) => Promise<void>;
  /** Called once a job has used every attempt (or expired on the last one): the work is abandoned. */
  onGiveUp?: (data: T) => Promise<void>;
  /**
   * Called in the transaction that hands a job back after its worker died or was shut down, so
   * that what people read (a run's status, a job's progress) says so at once.
   */
  onInterrupted?: (manager: EntityManager, data: T, interruption: JobInterruption) => Promise<void>;
}
