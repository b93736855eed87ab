import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../src/database/embedded-postgres';
import { createEmptyDatabase, type TestDatabase } from './support/test-database';
import { waitUntil } from './support/wait-until';

const ROOT = join(__dirname, '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** `node dist/src/main.js` with only the given environment (no NODE_ENV: a development process). */
function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', JOB_POLLING_INTERVAL_SECONDS: '0.5', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => text,
    exited,
    async waitFor(pattern, timeoutMs = 60_000) {
      const seen = await waitUntil(
        () => {
          const match = text.match(pattern);
          if (!match && child.exitCode !== null)
            throw new Error(`no ${pattern} (exit ${child.exitCode}): ${text.slice(-3000)}`);
          return { match, output: text.slice(-3000) };
        },
        { until: (last) => last.match !== null, timeoutMs, intervalMs: 50, description: `${pattern} in the output` },
      );
      return seen.match!;
    },
  };
}

async function stop(process: Started): Promise<void> {
  if (process.child.exitCode === null) process.child.kill('SIGTERM');
  await process.exited;
}

const LISTENING = /Puente is listening: API docs http:\/\/localhost:(\d+)/;

describe('Many processes on one database', () => {
  let database: TestDatabase;
  const started: Started[] = [];
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'puente-proc-'));
    folders.push(dir);
    return dir;
  };

  beforeEach(async () => {
    database = await createEmptyDatabase();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map(stop));
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('three processes started at once on an empty database migrate it exactly once, all become ready and share the generated secrets', async () => {
    for (const worker of ['off', 'off', 'on'])
      started.push(start({ DATABASE_URL: database.url, PUENTE_DATA_DIR: folder(), JOB_WORKER: worker }));
    const ports = await Promise.all(started.map(async (process) => Number((await process.waitFor(LISTENING))[1])));
    for (const port of ports) expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query<{ name: string }>('SELECT name FROM schema_migration');
      const files = readdirSync(join(ROOT, 'migrations')).filter((file) => file.endsWith('.ts'));
      expect(applied.rows).toHaveLength(files.length);
      expect(new Set(applied.rows.map((row) => row.name)).size).toBe(files.length);
    } finally {
      await client.end();
    }

    // One process created the office account and printed its password; the others say nothing of it.
    const printed = started.map((process) => /password: (\S+)/.exec(process.output())?.[1]).filter(Boolean);
    expect(printed).toHaveLength(1);
    const login = await fetch(`http://127.0.0.1:${ports[0]}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'oficina@puente.local', password: printed[0] }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const keySets = new Set<string>();
    for (const port of ports) {
      expect(
        (await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } }))
          .status,
      ).toBe(200);
      keySets.add(await (await fetch(`http://127.0.0.1:${port}/.well-known/jwks.json`)).text());
    }
    expect(keySets.size).toBe(1);
  }, 120_000);

  it('waits for a database that is not there yet, saying so, and starts when it comes', async () => {
    const real = new URL(database.url);
    const port = await findFreePort();
    const late = new URL(database.url);
    late.hostname = '127.0.0.1';
    late.port = String(port);
    const process = start({
      DATABASE_URL: late.toString(),
      PUENTE_DATA_DIR: folder(),
      DATABASE_STARTUP_WAIT_SECONDS: '60',
    });
    started.push(process);
    await process.waitFor(/does not answer yet .*retrying in/);
    // The database "comes up": a relay on the awaited port to the real server.
    const relay: Server = createServer((socket) => {
      const upstream = connect(Number(real.port || 5432), real.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    try {
      const listening = Number((await process.waitFor(LISTENING))[1]);
      expect((await fetch(`http://127.0.0.1:${listening}/health/ready`)).status).toBe(200);
      await stop(process);
    } finally {
      await new Promise((resolve) => relay.close(resolve));
    }
  }, 120_000);

  it('gives up after DATABASE_STARTUP_WAIT_SECONDS with a message that names the database and the setting', async () => {
    const nowhere = new URL(database.url);
    nowhere.hostname = '127.0.0.1';
    nowhere.port = String(await findFreePort());
    nowhere.password = 'clave-que-no-se-imprime';
    const process = start({
      DATABASE_URL: nowhere.toString(),
      PUENTE_DATA_DIR: folder(),
      DATABASE_STARTUP_WAIT_SECONDS: '1',
    });
    started.push(process);
    expect(await process.exited).toBe(1);
    expect(process.output()).toMatch(
      new RegExp(
        `database at 127\\.0\\.0\\.1:${nowhere.port}/\\w+ did not answer within 1 s \\(DATABASE_STARTUP_WAIT_SECONDS\\)`,
      ),
    );
    expect(process.output()).not.toContain('clave-que-no-se-imprime');
  }, 60_000);
});
