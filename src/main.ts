import { ConfigError, loadConfig } from './config/configuration';
import { startServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Signals are taken from the first moment: the job worker starts before the server listens, and a
  // SIGTERM in between must still hand its jobs back rather than end the process on the spot.
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let stopping: string | undefined;
  const stop = () => {
    server!.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    process.stderr.write(`${signal} received: finishing requests and stopping\n`);
    if (server) stop();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  server = await startServer(config, (line) => process.stdout.write(line));
  if (stopping) stop();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Puente could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
