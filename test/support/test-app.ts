import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config/configuration';
import { Clock } from '../../src/common/time/clock';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dataSource: DataSource;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real application on a database of its own. `env` overrides configuration variables the
 * way an operator would set them.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUENTE_DATA_DIR: '/tmp/puente-test-data', JOB_POLLING_INTERVAL_SECONDS: '0.5', ENROLMENT_SWEEP_CRON: '0 0 1 1 *', ...env });
  const { app } = await createApp(config, database.url);
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Sets the service's clock to noon (Mexico City) of `date`. Tests plan seminars in 2031, so by
 * default today is a day before them, whatever the real date.
 */
export function setToday(t: TestApp, date = '2031-01-10'): void {
  jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${date}T18:00:00Z`));
}

/** Sets the service's clock to a precise instant, e.g. '2031-03-17T14:05:00Z'. */
export function setNow(t: TestApp, isoInstant: string): void {
  jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(isoInstant));
}
