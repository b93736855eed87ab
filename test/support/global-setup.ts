import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { runMigrations } from '../../src/database/database';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { JOBS_SCHEMA } from '../../src/infrastructure/jobs/pg-boss-sql';

/**
 * Starts PostgreSQL for the run (embedded in a fresh folder, or the server of DATABASE_URL) and
 * migrates the template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const directory = mkdtempSync(join(tmpdir(), 'puente-test-pg-'));
    const server = await startEmbeddedPostgres({ directory, databaseName: 'postgres', persistent: false });
    (globalThis as { puenteTestDatabase?: { stop(): Promise<void> } }).puenteTestDatabase = server;
    adminUrl = server.adminUrl;
  }
  process.env.PUENTE_TEST_ADMIN_URL = adminUrl;
  const template = `puente_template_${randomBytes(6).toString('hex')}`;
  process.env.PUENTE_TEST_TEMPLATE = template;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString());
  // The job queue's schema too, so each clone starts its queue without creating it.
  const boss = new PgBoss({
    connectionString: templateUrl.toString(),
    schema: JOBS_SCHEMA,
    supervise: false,
    schedule: false,
    max: 1,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}
