import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/project-root';
import { createTestApp, type TestApp } from '../support/test-app';

const API = join(projectRoot(), 'web', 'src', 'api');

/**
 * The pages' typed client is generated from the service's own OpenAPI document
 * (`npm run client:generate`). These fail when the committed document or client no longer match
 * the server, so that the document, the server and the pages cannot drift apart.
 */
describe('Web: the generated API client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t?.close());

  it('was generated from the document the server serves today', async () => {
    const served = (await t.http.get('/openapi.json').expect(200)).body;
    const committed = JSON.parse(readFileSync(join(API, 'openapi.json'), 'utf8'));
    // On a mismatch: run `npm run client:generate` and commit web/src/api.
    expect(committed).toEqual(served);
  });

  it('is exactly what openapi-typescript writes from that document', async () => {
    const bin = join(projectRoot(), 'node_modules', '.bin', 'openapi-typescript');
    const { stdout } = await promisify(execFile)(bin, [join(API, 'openapi.json')], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout.trim()).toBe(readFileSync(join(API, 'schema.ts'), 'utf8').trim());
  });
});
