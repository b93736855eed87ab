/**
 * The service side of `npm run bench:api`, run as a child process so that it has an event loop of
 * its own, as the bare baseline beside it does: the real application (createApp) on the database
 * the parent prepared. Over IPC the parent can record the SQL that TypeORM sends while it makes
 * one request, which is what the baseline then replays.
 *
 * Environment: BENCH_DATABASE_URL and the service's own settings (JWT_SECRET, PUENTE_DATA_DIR…),
 * passed to loadConfig as they are.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/configuration';
import { OfficeBootstrapService } from '../../src/modules/identity/office-bootstrap.service';
import { listenOnLoopback } from './bench-harness';

/** One statement as the driver received it. */
export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export type ServiceRequest = { kind: 'capture-start' } | { kind: 'capture-stop' } | { kind: 'stop' };
export type ServiceReply =
  | { kind: 'listening'; port: number }
  | { kind: 'capturing' }
  | { kind: 'captured'; queries: CapturedQuery[] }
  | { kind: 'failed'; message: string };

async function main(): Promise<void> {
  const send = (reply: ServiceReply) => process.send!(reply);
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const { app } = await createApp(loadConfig(process.env), databaseUrl);
  await app.get(OfficeBootstrapService).ensureOfficeAccount();

  // Every TypeORM statement passes through the data source's logger before it is sent, with its
  // parameters; wrapping logQuery records them without changing what is sent or logged.
  const logger = app.get(DataSource).logger;
  const logQuery = logger.logQuery.bind(logger);
  let recording: CapturedQuery[] | undefined;
  logger.logQuery = (sql, params, runner) => {
    recording?.push({ sql, params: Array.isArray(params) ? params : [] });
    return logQuery(sql, params, runner);
  };

  process.on('message', async (message: ServiceRequest) => {
    if (message.kind === 'capture-start') {
      recording = [];
      send({ kind: 'capturing' });
    } else if (message.kind === 'capture-stop') {
      send({ kind: 'captured', queries: recording ?? [] });
      recording = undefined;
    } else {
      await app.close();
      process.exit(0);
    }
  });
  send({ kind: 'listening', port: await listenOnLoopback(app) });
}

main().catch((error: unknown) => {
  process.send?.({
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies ServiceReply);
  process.exit(1);
});
