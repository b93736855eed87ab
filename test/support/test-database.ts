import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The migrated template this run's test files clone, named per run (global-setup chooses it) so
 * that two runs on one shared PostgreSQL never touch each other's databases.
 */
export function templateDatabase(): string {
  const name = process.env.PUENTE_TEST_TEMPLATE;
  if (!name) throw new Error('PUENTE_TEST_TEMPLATE is not set: run the tests through jest (global-setup)');
  return name;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.PUENTE_TEST_ADMIN_URL;
  if (!url) throw new Error('PUENTE_TEST_ADMIN_URL is not set: run the tests through jest (global-setup)');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `puente_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        return;
      } catch (error) {
        // Two clones of the template at the same instant can collide; the second one waits.
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
      }
    }
  });
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** An empty database (not migrated), for tests of start-up and migrations. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `puente_e_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
