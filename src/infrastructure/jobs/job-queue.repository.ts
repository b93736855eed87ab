import { Inject, Injectable, Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { type EntityManager } from 'typeorm';
import { ConfigService } from '../../config/config.service';
import { JOBS_LOG_CONTEXT } from './job-worker-log.service';
import { ACTIVE_JOB, HAND_BACK, JOBS_SCHEMA, onTransaction, RETRY_NOW } from './pg-boss-sql';
import type { QueueDefinition } from './queue-definition';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

/** A job as the sweep finds it under a stale lease. */
export interface ActiveJob {
  data: object;
  retryCount: number;
  retryLimit: number;
}

/**
 * pg-boss on the application's own database: its lifecycle, its queues and the jobs in them. Every
 * call that takes an `EntityManager` runs on the caller's transaction.
 */
@Injectable()
export class JobQueueRepository {
  private readonly boss: PgBoss;
  private readonly logger = new Logger(JOBS_LOG_CONTEXT);

  constructor(
    @Inject(JOBS_DATABASE_URL) databaseUrl: string,
    private readonly config: ConfigService,
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

  async start(): Promise<void> {
    await this.boss.start();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }

  /** Creates (or updates) a queue, its dead letter when it has one, and its cron schedule. */
  async setUp(queue: QueueDefinition<object>, deadLetter: string | undefined): Promise<void> {
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
  }

  /**
   * Sends a job within the caller's transaction: it becomes visible to workers only if the
   * transaction commits.
   */
  async send<T extends object>(queue: string, data: T, manager: EntityManager): Promise<string> {
    const db = { executeSql: async (sql: string, values: unknown[]) => ({ rows: await manager.query(sql, values) }) };
    const id = await this.boss.send(queue, data, { db });
    if (!id) throw new Error(`The job queue ${queue} refused a job`);
    return id;
  }

  /** Many jobs of one queue in one statement, within the caller's transaction like `send`. */
  async sendMany<T extends object>(queue: string, data: T[], manager: EntityManager): Promise<void> {
    if (data.length === 0) return;
    await this.boss.insert(
      data.map((each) => ({ name: queue, data: each })),
      { db: onTransaction(manager) },
    );
  }

  fetch(queue: string, batchSize: number, manager: EntityManager): Promise<PgBoss.JobWithMetadata<object>[]> {
    return this.boss.fetch<object>(queue, { batchSize, includeMetadata: true, db: onTransaction(manager) });
  }

  async complete(queue: string, jobId: string, workerId: string, manager: EntityManager): Promise<void> {
    await this.boss.complete(queue, jobId, { worker: workerId }, { db: onTransaction(manager) });
  }

  /** Fails an attempt the way pg-boss does: retried, or given up (to the dead letter) after the last. */
  async fail(queue: string, jobId: string, message: string, workerId: string, manager: EntityManager): Promise<void> {
    await this.boss.fail(queue, jobId, { message, worker: workerId }, { db: onTransaction(manager) });
  }

  /** Hands an active job back without spending its attempt ({@link HAND_BACK}). */
  async handBack(queue: string, jobId: string, manager: EntityManager): Promise<void> {
    await manager.query(HAND_BACK, [queue, jobId]);
  }

  /** Makes a job's pending retry due at once ({@link RETRY_NOW}). */
  async retryNow(queue: string, jobId: string, manager: EntityManager): Promise<void> {
    await manager.query(RETRY_NOW, [queue, jobId]);
  }

  /** The job, locked, while it is still active. */
  async lockActive(queue: string, jobId: string, manager: EntityManager): Promise<ActiveJob | undefined> {
    const [job] = await manager.query<ActiveJob[]>(ACTIVE_JOB, [queue, jobId]);
    return job;
  }

  /** The job queue's own pool, apart from the requests' pool. */
  db(): PgBoss.Db {
    return this.boss.getDb();
  }
}
