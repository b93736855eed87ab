import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one definition of how Puente talks to PostgreSQL, shared by the application, the CLI and the
 * tests. The schema changes only through the migrations folder; `synchronize` stays off.
 */
export interface PoolLimits {
  /** Connections the pool opens at most. */
  poolSize: number;
  /** How long a request waits for a free connection before it is answered 503. */
  acquireTimeoutMs?: number;
  /** How long one statement may run before PostgreSQL cancels it; 0 for no limit. */
  statementTimeoutMs?: number;
}

export function dataSourceOptions(url: string, limits: PoolLimits = { poolSize: 10 }): DataSourceOptions {
  const root = join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: limits.poolSize,
      application_name: 'puente',
      // pg-pool applies this to waiting for a free connection as well as to opening one.
      ...(limits.acquireTimeoutMs ? { connectionTimeoutMillis: limits.acquireTimeoutMs } : {}),
      ...(limits.statementTimeoutMs ? { statement_timeout: limits.statementTimeoutMs } : {}),
    },
  };
}
