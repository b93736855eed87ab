import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded server; nothing for an external one. */
  stop(): Promise<void>;
}

/** The configured PostgreSQL: `DATABASE_URL` when set, otherwise an embedded server under the data folder. */
export async function openDatabase(
  config: AppConfig,
  onLog?: (message: string) => void,
  stopOnSignals = true,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    directory: join(config.dataDir, 'postgres'),
    databaseName: 'puente',
    onLog,
    stopOnSignals,
  });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** The advisory lock key that serialises migrations across every process on one database. */
const MIGRATIONS_LOCK = 7_301_492_016;

/**
 * Runs pending migrations with a short-lived data source; returns the names it applied. Processes
 * starting together on one database take turns under a session advisory lock, so the migrations
 * run exactly once and the others wait for them, then find nothing pending. The lock goes with
 * the session, so a process that dies while migrating frees it.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url, application_name: 'puente-migrations-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}

/** Failures that mean "not there yet" rather than "wrongly configured": worth waiting for. */
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// cannot_connect_now (starting up, shutting down, in recovery), too_many_connections.
const TRANSIENT_SQLSTATE = new Set(['57P03', '53300']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (TRANSIENT_NETWORK.has(code) || TRANSIENT_SQLSTATE.has(code));
}

/** The database a URL points to, without its credentials, for messages. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Waits until the database accepts a connection, retrying transient failures with a doubling
 * pause (0.25 s up to 5 s) for at most `waitMs`, and reports each wait. Anything else (a wrong
 * password, a missing database) fails at once; so does the last transient failure.
 */
export async function waitForDatabase(url: string, waitMs: number, onWait: (message: string) => void): Promise<void> {
  const deadline = performance.now() + waitMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      application_name: 'puente-startup',
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      const left = deadline - performance.now();
      if (!isTransient(error)) throw error;
      if (left <= 0) {
        throw new Error(
          `The database at ${describeDatabase(url)} did not answer within ${Math.round(waitMs / 1000)} s (DATABASE_STARTUP_WAIT_SECONDS): ${(error as Error).message}`,
          { cause: error },
        );
      }
      const wait = Math.min(pause, left);
      onWait(
        `The database at ${describeDatabase(url)} does not answer yet (${(error as Error).message}); retrying in ${(wait / 1000).toFixed(2)} s`,
      );
      await sleep(wait);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * The SQL that would bring the database in line with the entities. Empty when the migrations
 * and the entities agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((query) => query.query),
    down: log.downQueries.map((query) => query.query),
  };
}
