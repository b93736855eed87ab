/** The statements the job workers run on pg-boss's own tables, beside its API. */
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/** The schema pg-boss keeps its tables in. */
export const JOBS_SCHEMA = 'pgboss';

/**
 * pg-boss 10 counts an attempt when it fetches a job that was started before (`started_on` set,
 * see fetchNextJob in pg-boss's plans.js); clearing it hands the job back as if this attempt had
 * never been fetched, so a shutdown costs no attempt.
 */
export const HAND_BACK = `UPDATE ${JOBS_SCHEMA}.job SET state = 'created', started_on = NULL, start_after = now() WHERE name = $1 AND id = $2 AND state = 'active'`;

/** A lost worker is no fault of the job: its retry starts at once rather than after the queue's back-off. */
export const RETRY_NOW = `UPDATE ${JOBS_SCHEMA}.job SET start_after = now() WHERE name = $1 AND id = $2 AND state = 'retry'`;

/** One sweep at a time across every worker; the others skip their turn rather than queue behind it. */
export const SWEEP_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('puente:job-lease-sweep')) AS locked`;

export const QUEUE_SETUP_LOCK = `SELECT pg_advisory_xact_lock(hashtext('puente:job-queue-setup'))`;

/** pg-boss's statements run on the caller's transaction, with the rows of any statement (UPDATE … RETURNING too). */
export function onTransaction(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await manager.queryRunner!.query(text, values, true);
      return { rows: result.records ?? [] };
    },
  };
}

/** The active job a stale lease was left on, locked for the sweep that fails it; none once it was settled or expired. */
export const ACTIVE_JOB = `SELECT data, retry_count AS "retryCount", retry_limit AS "retryLimit" FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND id = $2 AND state = 'active' FOR UPDATE`;
