import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { Job, type JobInterruptionReason } from './job.entity';
import { jobNotFound } from './jobs.errors';
import type { JobInterruption } from './queue-definition';

/** Progress of a job as people read it: counts, rate and an estimate of the time left. */
export interface JobView {
  id: string;
  kind: string;
  subjectId: string | null;
  status: Job['status'];
  total: number | null;
  done: number;
  failures: number;
  /** Items per second in the current attempt. */
  rate: number | null;
  estimatedSecondsLeft: number | null;
  errors: { item: string; code: string }[];
  attempts: number;
  interruptions: number;
  interruptedAt: string | null;
  interruptionReason: JobInterruptionReason | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const ERRORS_KEPT = 50;

/** The `job` rows behind `GET /jobs/{id}`, written by the handlers as they go. */
@Injectable()
export class JobProgressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(manager: EntityManager, kind: string, subjectId: string | null, createdBy: string | null): Promise<Job> {
    return manager.save(manager.create(Job, { kind, subjectId, createdBy, status: 'queued' }));
  }

  /** Marks an attempt (the queue's number for it) started with what is already done; returns false when the job is over. */
  async start(id: string, total: number, done: number, now: Date, attempt: number): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE job SET status = 'running', total = $2, done = $3, done_at_start = $3, failures = 0, started_at = $4, attempts = $5, updated_at = now()
        WHERE id = $1 AND status IN ('queued','running') RETURNING id`,
      [id, total, done, now, attempt],
    );
    return result[0].length > 0;
  }

  /**
   * Records that the worker of the running attempt let go of the job; while it waits to be taken up
   * again it shows as queued. On the last attempt it stays as it is until the job is given up.
   */
  async interrupted(manager: EntityManager, id: string, interruption: JobInterruption): Promise<void> {
    await manager.query(
      `UPDATE job SET status = CASE WHEN $2 THEN 'queued' ELSE status END, interruptions = interruptions + 1, interrupted_at = $3, interruption_reason = $4, updated_at = now()
        WHERE id = $1 AND status = 'running' AND attempts = $5`,
      [id, interruption.retrying, interruption.at, interruption.reason, interruption.attempt],
    );
  }

  async advance(
    manager: EntityManager,
    id: string,
    done: number,
    failed: { item: string; code: string }[],
  ): Promise<void> {
    await manager.query(
      `UPDATE job SET done = done + $2, failures = failures + $3,
              errors = (SELECT COALESCE(jsonb_agg(e), '[]') FROM (SELECT e FROM jsonb_array_elements(errors || $4::jsonb) e LIMIT ${ERRORS_KEPT}) x),
              updated_at = now()
        WHERE id = $1`,
      [id, done, failed.length, JSON.stringify(failed)],
    );
  }

  async finish(id: string, status: 'completed' | 'failed', now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE job SET status = $2, finished_at = $3, updated_at = now() WHERE id = $1`, [
      id,
      status,
      now,
    ]);
  }

  /** The office sees every job; others only the jobs they started. */
  async view(actor: Principal, id: string, now: Date): Promise<JobView> {
    const job = await this.dataSource.manager.findOneBy(Job, { id });
    if (!job || (!hasRole(actor, 'office') && job.createdBy !== actor.personId)) throw jobNotFound();
    const elapsed = job.startedAt ? ((job.finishedAt ?? now).getTime() - job.startedAt.getTime()) / 1000 : 0;
    const processed = job.done - job.doneAtStart + job.failures;
    const rate = elapsed > 0 && processed > 0 ? Math.round((processed / elapsed) * 10) / 10 : null;
    const left = job.total === null ? null : Math.max(0, job.total - job.done - job.failures);
    return {
      id: job.id,
      kind: job.kind,
      subjectId: job.subjectId,
      status: job.status,
      total: job.total,
      done: job.done,
      failures: job.failures,
      rate,
      estimatedSecondsLeft:
        job.status === 'completed' || job.status === 'failed'
          ? 0
          : rate && left !== null
            ? Math.ceil(left / rate)
            : null,
      errors: job.errors,
      attempts: job.attempts,
      interruptions: job.interruptions,
      interruptedAt: job.interruptedAt?.toISOString() ?? null,
      interruptionReason: job.interruptionReason,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
