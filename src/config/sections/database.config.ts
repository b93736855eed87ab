import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const DATABASE_SETTINGS = {
  url: {
    kind: 'url',
    name: 'DATABASE_URL',
    protocols: ['postgres:', 'postgresql:'],
    // It carries the database password.
    secret: true,
    whenUnset: 'an embedded PostgreSQL in `$PUENTE_DATA_DIR/postgres`',
    description: 'The address `postgres://user:password@host:5432/db` of an external PostgreSQL 14 or later.',
  },
  poolSize: {
    kind: 'integer',
    name: 'DATABASE_POOL_SIZE',
    default: 10,
    min: 1,
    max: 200,
    description:
      "The connections of this process's pool; the job queue and start-up open their own (see [operations.md](operations.md)).",
  },
  acquireTimeoutSeconds: {
    kind: 'decimal',
    name: 'DATABASE_ACQUIRE_TIMEOUT_SECONDS',
    default: 10,
    min: 0.1,
    max: 600,
    description: 'How long a request waits for a free pooled connection before it is answered 503 with `Retry-After`.',
  },
  statementTimeoutSeconds: {
    kind: 'decimal',
    name: 'DATABASE_STATEMENT_TIMEOUT_SECONDS',
    default: 60,
    min: 0.1,
    max: 3600,
    description:
      'The longest a single statement may run before PostgreSQL cancels it and the request is answered 503 (migrations are not limited).',
  },
  startupWaitSeconds: {
    kind: 'integer',
    name: 'DATABASE_STARTUP_WAIT_SECONDS',
    default: 60,
    min: 0,
    max: 3600,
    description:
      'How long start-up keeps retrying an external database that does not answer yet, logging each wait, before it stops.',
  },
} as const satisfies SettingGroup;

export const databaseSection: ConfigSection = {
  title: 'Database',
  summary: 'The PostgreSQL that holds all the data, and the limits of the connections to it.',
  settings: settingsOf(DATABASE_SETTINGS),
};

export function databaseConfig(env: Env): Pick<AppConfig, 'databaseUrl' | 'database'> {
  const database = readSettings(env, DATABASE_SETTINGS);
  return {
    databaseUrl: database.url,
    database: {
      poolSize: database.poolSize,
      acquireTimeoutMs: database.acquireTimeoutSeconds * 1000,
      statementTimeoutMs: database.statementTimeoutSeconds * 1000,
      startupWaitMs: database.startupWaitSeconds * 1000,
    },
  };
}
