import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../../config/config.service';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

/** The schema pg-boss keeps its queues in, beside the application's tables. */
export const JOBS_SCHEMA = 'pgboss';

export interface QueueDefinition<T extends object> {
  name: string;
  /** Attempts after the first one when the handler throws or the process dies while holding the job. */
  retryLimit: number;
  /** A job still active after this long is taken as lost and retried. */
  expireInSeconds: number;
  /** Wait before a retry, doubled (with jitter) on each further attempt when `retryBackoff` is set. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /**
   * Jobs fetched at once (default 1). A worker waits the polling interval between fetches, so
   * queues of many small jobs (mail) take them in batches.
   */
  batchSize?: number;
  /** A cron expression (five fields, service time zone) on which a job is sent with `{}` as data. */
  cron?: string;
  handler: (data: T, job: { id: string; attempt: number }) => Promise<void>;
  /** Called once a job has used every attempt (or expired on the last one): the work is abandoned. */
  onGiveUp?: (data: T) => Promise<void>;
}

/**
 * Background jobs on the application's own database (pg-boss). Jobs are sent inside the
 * transaction that creates the work they describe, so a job exists exactly when its work does,
 * and a job whose process dies is picked up again when it expires.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly boss: PgBoss;
  private readonly queues: QueueDefinition<object>[] = [];
  private readonly logger = new Logger(JobsService.name);
  private started = false;

  constructor(
    @Inject(JOBS_DATABASE_URL) databaseUrl: string,
    private readonly config: ConfigService,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOBS_SCHEMA,
      max: 3,
      application_name: 'puente-jobs',
      // Expired and archived jobs are swept by whichever process supervises; every worker may.
      supervise: true,
      maintenanceIntervalSeconds: config.get('jobs').maintenanceIntervalSeconds,
      // Cron schedules are kept in the database; worker processes send the jobs they ask for.
      schedule: config.get('jobs').worker,
    });
    this.boss.on('error', (error) => this.logger.error(`Job queue error: ${error.message}`, error.stack));
  }

  /** Registers a queue and its handler; workers start with the application. */
  define<T extends object>(queue: QueueDefinition<T>): void {
    this.queues.push(queue as unknown as QueueDefinition<object>);
  }

  /**
   * Sends a job within the caller's transaction: it becomes visible to workers only if the
   * transaction commits.
   */
  async send<T extends object>(manager: EntityManager, queue: string, data: T): Promise<string> {
    const db = { executeSql: async (sql: string, values: unknown[]) => ({ rows: await manager.query(sql, values) }) };
    const id = await this.boss.send(queue, data, { db });
    if (!id) throw new Error(`The job queue ${queue} refused a job`);
    return id;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    this.started = true;
    const jobs = this.config.get('jobs');
    for (const queue of this.queues) {
      const deadLetter = queue.onGiveUp ? `${queue.name}.abandoned` : undefined;
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
      if (!jobs.worker) continue;
      if (deadLetter) {
        await this.boss.work<object>(deadLetter, { batchSize: 1, pollingIntervalSeconds: jobs.pollingIntervalSeconds }, async ([job]) => {
          await queue.onGiveUp!(job.data);
        });
      }
      const batchSize = queue.batchSize ?? 1;
      await this.boss.work<object>(queue.name, { batchSize, pollingIntervalSeconds: jobs.pollingIntervalSeconds, includeMetadata: true }, async (batch) => {
        if (batchSize === 1) {
          await queue.handler(batch[0].data, { id: batch[0].id, attempt: batch[0].retryCount + 1 });
          return;
        }
        // Each job of a batch succeeds or fails on its own: a failed one is retried (or given up)
        // alone, and the rest complete when the batch returns.
        for (const job of batch) {
          try {
            await queue.handler(job.data, { id: job.id, attempt: job.retryCount + 1 });
          } catch (error) {
            await this.boss.fail(queue.name, job.id, { message: (error as Error).message });
          }
        }
      });
    }
  }

  /** Stops fetching new jobs and waits (up to a limit) for the ones in hand. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
