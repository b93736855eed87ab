import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/** A lease left unrenewed, as the sweep finds it. */
export interface StaleLease {
  jobId: string;
  queue: string;
  workerId: string;
  attempt: number;
  /** Seconds since its worker last renewed it. */
  silentSeconds: number;
}

/** The leases of active jobs ({@link JobLease}): who holds each and since when it has been silent. */
@Injectable()
export class JobLeaseRepository {
  /**
   * Takes the leases of jobs just fetched, inside the fetching transaction, so that no job is ever
   * active without one. A lease still held for a job pg-boss expired and handed out again passes
   * to the new holder; the old one finds it gone at its next beat.
   */
  async take(
    workerId: string,
    jobs: { id: string; queue: string; attempt: number }[],
    manager: EntityManager,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await manager.query(
      `INSERT INTO job_lease (job_id, queue, worker_id, attempt)
       SELECT id, queue, $3, attempt FROM unnest($1::uuid[], $2::varchar[], $4::int[]) AS taken(id, queue, attempt)
       ON CONFLICT (job_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, queue = EXCLUDED.queue, attempt = EXCLUDED.attempt, taken_at = now(), heartbeat_at = now()`,
      [jobs.map((job) => job.id), jobs.map((job) => job.queue), workerId, jobs.map((job) => job.attempt)],
    );
  }

  /**
   * Renews the leases a worker holds and returns the ids it still holds. It runs on the job queue's
   * own pool (`db`), not the request pool, so that requests queueing for connections never delay a
   * beat long enough for a live worker to pass for dead.
   */
  async renew(db: PgBoss.Db, workerId: string, jobIds: string[]): Promise<Set<string>> {
    const { rows } = await db.executeSql(
      `UPDATE job_lease SET heartbeat_at = now() WHERE worker_id = $1 AND job_id = ANY($2::uuid[]) RETURNING job_id AS "jobId"`,
      [workerId, jobIds],
    );
    return new Set((rows as { jobId: string }[]).map((row) => row.jobId));
  }

  /**
   * Gives up a worker's lease; false when it is no longer the worker's (the job was handed to another).
   * Whoever deletes a lease settles its job, in the same transaction, so a job is settled once.
   */
  async release(jobId: string, workerId: string, manager: EntityManager): Promise<boolean> {
    const [rows] = await manager.query<[unknown[], number]>(
      `DELETE FROM job_lease WHERE job_id = $1 AND worker_id = $2 RETURNING job_id`,
      [jobId, workerId],
    );
    return rows.length > 0;
  }

  /**
   * Removes the leases not renewed for `deadAfterSeconds` (by the database's clock) and returns
   * them, for the caller to hand their jobs back in the same transaction. A lease being released or
   * renewed at this moment is skipped, not waited for.
   */
  async takeStale(deadAfterSeconds: number, manager: EntityManager): Promise<StaleLease[]> {
    const [rows] = await manager.query<[StaleLease[], number]>(
      `DELETE FROM job_lease WHERE job_id IN (
         SELECT job_id FROM job_lease WHERE heartbeat_at < now() - make_interval(secs => $1) ORDER BY heartbeat_at FOR UPDATE SKIP LOCKED)
       RETURNING job_id AS "jobId", queue, worker_id AS "workerId", attempt, EXTRACT(epoch FROM now() - heartbeat_at)::float8 AS "silentSeconds"`,
      [deadAfterSeconds],
    );
    return rows;
  }
}
