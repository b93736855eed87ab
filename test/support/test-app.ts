import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config/configuration';
import { Clock } from '../../src/common/time/clock';
import { buildOpenApiDocument } from '../../src/openapi';
import { createResponseValidator, type ResponseValidator } from './openapi-validator';
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
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUENTE_DATA_DIR: '/tmp/puente-test-data',
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
    ENROLMENT_SWEEP_CRON: '0 0 1 1 *',
    ...env,
  });
  const { app } = await createApp(config, database.url);
  return {
    app,
    http: checkedAgainstDocument(
      request(app.getHttpServer()),
      createResponseValidator(buildOpenApiDocument(app), {
        ignoreUnknownOperations: true,
        forbidUndocumentedProperties: true,
      }),
    ),
    dataSource: app.get(DataSource),
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

type Assertion = (response: request.Response) => void;
type CheckedTest = request.Test & {
  _asserts: Assertion[];
  assert(error: unknown, response: request.Response | undefined, done: unknown): void;
};

/**
 * Every response a test receives is checked against the OpenAPI document, so that the document
 * cannot drift from what the server does. The check runs after the test's own expectations, whose
 * failures say more; a mismatch fails the request with the operation, the status and ajv's errors.
 */
function checkedAgainstDocument(agent: TestAgent, validate: ResponseValidator): TestAgent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (url: string) => {
        const test = (value as (url: string) => CheckedTest).call(target, url);
        const assert = test.assert;
        test.assert = function (error, response, done) {
          if (response) {
            this._asserts.push(() => {
              const problems = validate({
                method: this.method,
                path: new URL(this.url).pathname,
                status: response.status,
                contentType: response.headers['content-type'],
                body: response.body,
              });
              if (problems.length > 0)
                throw new Error(`The response does not match the OpenAPI document:\n${problems.join('\n')}`);
            });
          }
          assert.call(this, error, response, done);
        };
        return test;
      };
    },
  });
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
