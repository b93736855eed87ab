import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/configuration';
import { startServer } from '../src/server';
import { createEmptyDatabase, type TestDatabase } from './support/test-database';

const ROOT = join(__dirname, '..');
/** With DATABASE_URL set these tests start on an empty database of that server instead of an embedded one. */
const EXTERNAL = Boolean(process.env.DATABASE_URL);

describe('Start-up', () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let databaseEnv: Record<string, string>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'puente-start-'));
    database = EXTERNAL ? await createEmptyDatabase() : undefined;
    databaseEnv = database ? { DATABASE_URL: database.url } : {};
  });
  afterEach(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('starts from an empty data folder on embedded PostgreSQL (or an empty database), creates the office account once, restarts cleanly', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      PUENTE_DATA_DIR: dataDir,
      ...databaseEnv,
    });
    const printed: string[] = [];
    const first = await startServer(config, (line) => printed.push(line));
    try {
      const ready = await fetch(`${first.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
      const password = /password: (\S+)/.exec(printed.join(''))?.[1];
      expect(password).toBeDefined();
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'oficina@puente.local', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      await first.stop();
    }
    if (!EXTERNAL) expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const again: string[] = [];
    const second = await startServer(config, (line) => again.push(line));
    try {
      expect((await fetch(`${second.url}/health/ready`)).status).toBe(200);
      expect(again.join('')).not.toContain('password');
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with a bad setting and names the variable', () => {
    expect(() => loadConfig({ PORT: 'ochenta' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ PUENTE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/PUENTE_TIME_ZONE/);
  });

  it('on SIGTERM finishes the request in flight, then stops the embedded database and exits', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PUENTE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...databaseEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    const port = Number((await output.waitFor(/Puente is listening: API docs http:\/\/localhost:(\d+)/))[1]);

    // A request whose body arrives after the signal is in flight when the signal comes.
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = JSON.stringify({ email: 'nadie@salud.example', password: 'no-importa-123' });
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    await output.waitFor(/SIGTERM received/);
    socket.write(body);
    const response = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(response).toMatch(/^HTTP\/1\.1 401/);
    expect(response).toContain('invalid_credentials');

    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    if (!EXTERNAL) expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

function collect(child: ChildProcess) {
  let text = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = text.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      const match = text.match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        child.once('exit', (code) => reject(new Error(`exited (${code}) before ${pattern}: ${text.slice(-2000)}`)));
      });
    },
  };
}
