import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface BenchDatabase {
  url: string;
  /** Drops the bench's database on an external server, or stops the embedded one. */
  stop(): Promise<void>;
}

/**
 * A fresh, empty database for one benchmark run: on the server of DATABASE_URL when it is set (a
 * database of its own, dropped afterwards), otherwise an embedded PostgreSQL in `directory`.
 */
export async function benchDatabase(directory: string): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (!external) {
    const server = await startEmbeddedPostgres({ directory, databaseName: 'puente', persistent: false });
    return { url: server.url, stop: () => server.stop() };
  }
  const admin = new URL(external);
  admin.pathname = '/postgres';
  const name = `puente_bench_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(external);
  url.pathname = `/${name}`;
  return { url: url.toString(), stop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
