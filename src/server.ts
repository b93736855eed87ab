import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { AppConfig } from './config/configuration';
import { openDatabase, runMigrations, waitForDatabase } from './database/database';
import { shareGeneratedSecrets } from './database/generated-secrets';
import { createLogger } from './infrastructure/logging/logger';
import { OfficeBootstrapService } from './modules/identity/office-bootstrap.service';

export interface RunningServer {
  url: string;
  databaseUrl: string;
  /** Stops taking requests, lets in-flight ones finish, closes the pool, stops an embedded database. */
  stop(): Promise<void>;
}

/** Starts Puente: database (embedded unless DATABASE_URL), migrations, first office account, HTTP. */
export async function startServer(givenConfig: AppConfig, output: (line: string) => void): Promise<RunningServer> {
  const bootLogger = createLogger(givenConfig.logLevel);
  // The server stops the database itself, after the last request, so it keeps the signals.
  const database = await openDatabase(
    givenConfig,
    (message) => bootLogger.debug({ component: 'postgres' }, message),
    false,
  );
  try {
    if (!database.embedded)
      await waitForDatabase(database.url, givenConfig.database.startupWaitMs, (message) => bootLogger.warn(message));
    const applied = await runMigrations(database.url);
    if (applied.length > 0) bootLogger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
    const config = await shareGeneratedSecrets(givenConfig, database.url);
    const { app, logger } = await createApp(config, database.url);
    const office = await app.get(OfficeBootstrapService).ensureOfficeAccount();
    if (office?.generatedPassword) {
      output(
        `\nFirst start: created the training office account ${office.email}\n` +
          `  password: ${office.generatedPassword}\n` +
          '  (shown only this once; set PUENTE_ADMIN_EMAIL and PUENTE_ADMIN_PASSWORD to choose them)\n\n',
      );
    } else if (office) {
      logger.info('Created the training office account from PUENTE_ADMIN_EMAIL');
    }
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://localhost:${port}`;
    logger.info(`Puente is listening: API docs ${base}/docs · readiness ${base}/health/ready`);
    let stopping: Promise<void> | undefined;
    return {
      url: base,
      databaseUrl: database.url,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await database.stop();
        })()),
    };
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}
