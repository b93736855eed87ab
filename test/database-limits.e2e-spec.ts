import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { signedInAs, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

function expectBusy(response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.body).toMatchObject({ code: 'service_unavailable', status: 503 });
  expect(JSON.stringify(response.body)).not.toMatch(/timeout exceeded|statement|QueryFailedError/);
}

describe('When the database cannot serve', () => {
  let t: TestApp;
  let office: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({
      DATABASE_POOL_SIZE: '2',
      DATABASE_ACQUIRE_TIMEOUT_SECONDS: '0.3',
      DATABASE_STATEMENT_TIMEOUT_SECONDS: '0.5',
    });
    office = await signedInAs(t, ['office']);
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After while every pooled connection is taken, readiness says busy (not failed migrations), and both recover', async () => {
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        const runner = t.dataSource.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const waiting = t.http.get('/api/v1/networks').set(office.auth);
      const ready = await t.http.get('/health/ready');
      expect([ready.status, ready.body.checks]).toEqual([503, { database: 'busy', migrations: 'unknown' }]);
      expectBusy(await waiting);
      const create = await t.http.post('/api/v1/networks').set(office.auth).send({ name: 'Red que no se guarda' });
      expectBusy(create);
    } finally {
      await Promise.all(held.map((runner) => runner.release()));
    }
    // Once the connections are back, readiness recovers within a few seconds, however loaded the machine.
    const ready = await waitUntil(() => t.http.get('/health/ready'), {
      until: (response) => response.status === 200,
      timeoutMs: 10_000,
      intervalMs: 50,
      description: 'readiness to recover',
    });
    expect(ready.body.checks).toEqual({ database: 'ok', migrations: 'ok' });
    const names = (
      await t.http.get('/api/v1/networks').set(office.auth).query({ pageSize: 100 }).expect(200)
    ).body.items.map((n: { name: string }) => n.name);
    expect(names).not.toContain('Red que no se guarda');
  });

  it('answers 503 when a statement outlasts DATABASE_STATEMENT_TIMEOUT_SECONDS, and the request after it is served', async () => {
    const blocker = new Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE network IN ACCESS EXCLUSIVE MODE');
      expectBusy(await t.http.get('/api/v1/networks').set(office.auth));
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await t.http.get('/api/v1/networks').set(office.auth).expect(200);
  });
});
