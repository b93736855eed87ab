import { join } from 'node:path';
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

/** Runs pending migrations with a short-lived data source; returns the names it applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
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
