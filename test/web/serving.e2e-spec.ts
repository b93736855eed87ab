import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { binary } from '../support/certificate-journey';
import { createTestApp, type TestApp } from '../support/test-app';

const ASSETS = join(process.cwd(), 'web', 'dist', 'assets');

/**
 * How the service serves the built pages: every application path opens the page, never cached;
 * assets are immutable, and sent compressed to a browser that accepts it, byte for byte the build.
 */
describe('Web: serving the pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers the links Puente mails and prints with the page, not cached, and keeps its own paths its own', async () => {
    for (const path of [
      '/',
      '/inscripciones/0b2f5d5e-1d7a-4c53-9a43-3a8d1f6c2b10?accion=aceptar',
      '/check-in?seminar=x&code=ABC234',
      '/verify/PUENTE-2031-000001?code=K7Q-M2P',
    ]) {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    }
    await t.http.get('/api/v1/no-such-thing').expect(404);
    await t.http.get('/favicon-that-does-not-exist.png').expect(404);
  });

  it('sends each script compressed to a browser that accepts Brotli or gzip, immutable, and plain to one that does not', async () => {
    const script = readdirSync(ASSETS).find((name) => /^index-.*\.js$/.test(name))!;
    const raw = readFileSync(join(ASSETS, script));
    const get = (encoding?: string) => {
      const call = t.http
        .get(`/assets/${script}`)
        .buffer(true)
        .parse(binary as never);
      return (encoding ? call.set('Accept-Encoding', encoding) : call.set('Accept-Encoding', 'identity')).expect(200);
    };
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/);
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    // What travelled is the Brotli copy; the client may have decoded it already.
    expect(Number(brotli.headers['content-length'])).toBeLessThan(raw.length / 2);
    const body = brotli.body as Buffer;
    expect((body.equals(raw) ? body : brotliDecompressSync(body)).equals(raw)).toBe(true);

    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.body as Buffer).equals(raw)).toBe(true);
  });
});
