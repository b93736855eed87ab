import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { ConfigError, loadConfig } from '../../config/configuration';
import { dataSourceOptions } from '../../database/data-source-options';
import { JobLeaseRepository } from './job-lease.repository';
import { JOBS_DATABASE_URL } from './job-queue.repository';
import { JOB_QUEUE_PROVIDERS } from './jobs.module';
import { JobsService } from './jobs.service';
import { JOBS_SCHEMA } from './pg-boss-sql';
import { type JobContext, type JobInterruption } from './queue-definition';

const QUEUE = 'lease-test';
const ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ENROLMENT_SWEEP_CRON: '0 0 1 1 *',
  JOB_POLLING_INTERVAL_SECONDS: '0.5',
  JOB_HEARTBEAT_SECONDS: '1',
  JOB_DEAD_AFTER_SECONDS: '2',
};

interface Worker {
  jobs: JobsService;
  leases: JobLeaseRepository;
  /** Attempts this worker started, with the signal it was given. */
  started: JobContext[];
  /** Resolves the handler of the attempt this worker holds. */
  finish(): void;
}

/**
 * Two job workers in one process on a real database, each with the job providers of a testing module
 * of its own, working a queue whose handler waits until told to finish (or until its signal is aborted).
 */
describe(JobsService.name, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const interruptions: JobInterruption[] = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    // No application here to route Nest's logger to a silent pino.
    Logger.overrideLogger(false);
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 6 })).initialize();
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      worker.finish();
      await worker.jobs.beforeApplicationShutdown();
    }
    interruptions.length = 0;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function startWorker(): Promise<Worker> {
    const module = await Test.createTestingModule({
      providers: [
        ...JOB_QUEUE_PROVIDERS,
        { provide: JOBS_DATABASE_URL, useValue: database.url },
        { provide: ConfigService, useValue: new ConfigService(loadConfig(ENV)) },
        { provide: getDataSourceToken(), useValue: dataSource },
        Clock,
      ],
    }).compile();
    const jobs = module.get(JobsService);
    const leases = module.get(JobLeaseRepository);
    let release: () => void = () => undefined;
    const worker: Worker = { jobs, leases, started: [], finish: () => release() };
    jobs.define<{ n: number }>({
      name: QUEUE,
      retryLimit: 2,
      // Long enough that a retry after a failure would not come within the test.
      retryDelaySeconds: 600,
      expireInSeconds: 3600,
      handler: (_data, job) => {
        worker.started.push(job);
        return new Promise<void>((resolve, reject) => {
          release = resolve;
          job.signal.addEventListener('abort', () => reject(job.signal.reason as Error), { once: true });
        });
      },
      onInterrupted: async (manager: EntityManager, _data, interruption) => {
        // Inside the hand-back transaction: the lease is already gone.
        const [{ count }] = await manager.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM job_lease`);
        expect(count).toBe(0);
        interruptions.push(interruption);
      },
    });
    await jobs.onApplicationBootstrap();
    workers.push(worker);
    return worker;
  }

  async function send(): Promise<string> {
    return dataSource.transaction((manager) => workers[0].jobs.send(manager, QUEUE, { n: 1 }));
  }

  async function pgBossJob(id: string): Promise<{ state: string; retryCount: number }> {
    const [job] = await dataSource.query(
      `SELECT state, retry_count AS "retryCount" FROM ${JOBS_SCHEMA}.job WHERE id = $1`,
      [id],
    );
    return job;
  }

  async function until<T>(what: () => T | Promise<T>, ok: (value: T) => boolean, seconds = 20): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const value = await what();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('hands a silent worker’s job to another at once, spending an attempt, and the silent one, back, lets go without settling it', async () => {
    const a = await startWorker();
    const id = await send();
    await until(
      () => a.started.length,
      (n) => n === 1,
    );
    const b = await startWorker();
    // A stops reaching the database, but goes on believing its beats are heard.
    const renew = jest.spyOn(a.leases, 'renew').mockImplementation(async (_db, _worker, ids) => new Set(ids));

    await until(
      () => b.started.length,
      (n) => n === 1,
    );
    expect(b.started[0]).toMatchObject({ id, attempt: 2, attempts: 3 });
    expect(interruptions).toEqual([{ reason: 'worker_lost', attempt: 1, retrying: true, at: expect.any(Date) }]);
    const [lease] = await dataSource.query(`SELECT worker_id AS "workerId", attempt FROM job_lease WHERE job_id = $1`, [
      id,
    ]);
    expect(lease).toEqual({ workerId: b.jobs.workerId, attempt: 2 });

    // A hears again: its next beat finds the lease gone, and its handler is told to stop.
    renew.mockRestore();
    await until(
      () => a.started[0].signal.aborted,
      (aborted) => aborted,
    );
    expect(a.started[0].signal.reason).toMatchObject({ why: 'lease_lost' });
    expect(await pgBossJob(id)).toEqual({ state: 'active', retryCount: 1 });

    b.finish();
    await until(
      () => pgBossJob(id),
      (job) => job.state === 'completed',
    );
    expect(await dataSource.query(`SELECT * FROM job_lease`)).toEqual([]);
    expect(interruptions).toHaveLength(1);
  });

  it('hands a job back on shutdown without spending an attempt, and another worker takes it up at once', async () => {
    const a = await startWorker();
    const b = await startWorker();
    const id = await send();
    const holder = await until(
      () => [a, b].find((worker) => worker.started.length === 1),
      (worker) => worker !== undefined,
    );
    const other = holder === a ? b : a;

    await holder!.jobs.beforeApplicationShutdown();
    workers.splice(workers.indexOf(holder!), 1);
    expect(holder!.started[0].signal.reason).toMatchObject({ why: 'shutdown' });
    expect(interruptions).toEqual([{ reason: 'worker_stopped', attempt: 1, retrying: true, at: expect.any(Date) }]);

    await until(
      () => other.started.length,
      (n) => n === 1,
    );
    expect(other.started[0]).toMatchObject({ id, attempt: 1 });
    expect(await pgBossJob(id)).toEqual({ state: 'active', retryCount: 0 });
    other.finish();
    await until(
      () => pgBossJob(id),
      (job) => job.state === 'completed',
    );
  });

  it('refuses a heartbeat that a live worker could miss and an expiry shorter than the lease, naming the variables; derives the matching expiry from the search budget', () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
      } catch (error) {
        return error instanceof ConfigError ? error.message : String(error);
      }
      return 'accepted';
    };
    expect(refused({ JOB_HEARTBEAT_SECONDS: '10', JOB_DEAD_AFTER_SECONDS: '15' })).toMatch(
      /JOB_DEAD_AFTER_SECONDS must be at least twice JOB_HEARTBEAT_SECONDS \(10\), got 15/,
    );
    expect(refused({ JOB_DEAD_AFTER_SECONDS: '600', CERTIFICATE_JOB_EXPIRE_SECONDS: '900' })).toMatch(
      /CERTIFICATE_JOB_EXPIRE_SECONDS must be at least twice JOB_DEAD_AFTER_SECONDS \(600\)/,
    );
    const config = loadConfig({ NODE_ENV: 'test', MATCHING_SEARCH_SECONDS: '600' });
    expect(config.jobs).toMatchObject({ heartbeatSeconds: 10, deadAfterSeconds: 45 });
    expect(config.matching.jobExpireSeconds).toBeGreaterThan(5 * 600);
    expect(loadConfig({ NODE_ENV: 'test' }).matching.jobExpireSeconds).toBeGreaterThanOrEqual(900);
  });
});
