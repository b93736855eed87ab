/**
 * Drives every operation of the OpenAPI document with generated and malformed input as the
 * training office, an attendee and an anonymous caller, and holds each answer to the document:
 * no 5xx, only documented statuses and media types, bodies matching their schemas, and no success
 * for a caller whose roles the operation does not admit.
 *
 * Reproducible by default (a fixed seed). FUZZ_SEED picks another, FUZZ_RUNS the runs per
 * operation for a principal it admits, FUZZ_ONLY keeps the operations whose "METHOD /path"
 * contains the text, FUZZ_FIGURES=1 prints the figures of the run, FUZZ_TRACE=1 every exchange,
 * FUZZ_LOG=1 the server's error log (the cause of a 500).
 */
import fc from 'fast-check';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { sessionFor } from '../support/factories';
import { createResponseValidator } from '../support/openapi-validator';
import { createTestApp, type TestApp } from '../support/test-app';
import { ApiFuzzer, admits, nameOf, operationsOf, type Principal } from './api-fuzzer';
import { seedWorld, type World } from './seed-world';

const SEED = Number(process.env.FUZZ_SEED ?? 20310408);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const ONLY = process.env.FUZZ_ONLY;
/** A principal an operation refuses is refused before anything is read: a few tries show it. */
const REFUSED_RUNS = 3;

describe('API fuzzing against the OpenAPI document', () => {
  let t: TestApp;
  let world: World;
  // Unchecked: the test app's own agent fails any request whose answer breaks the document, and
  // the fuzzer must see every answer to report it with its request.
  let http: TestAgent;

  beforeAll(async () => {
    // A short matching search keeps the runs the fuzzer starts from using the machine for long.
    t = await createTestApp({ MATCHING_SEARCH_SECONDS: '1', ...(process.env.FUZZ_LOG ? { LOG_LEVEL: 'error' } : {}) });
    http = request(t.app.getHttpServer());
    world = await seedWorld(t, http);
  }, 120_000);

  afterAll(() => t?.close());

  it('answers every operation, for every principal, as the document says and never with a 5xx', async () => {
    const started = performance.now();
    const document = (await http.get('/openapi.json').expect(200)).body;
    const fuzzer = new ApiFuzzer(
      http,
      document,
      world.pools,
      createResponseValidator(document),
      world.principalIds,
      Boolean(process.env.FUZZ_TRACE),
    );

    const office: Principal = { name: 'office', roles: ['office'], headers: async () => sessionFor(t, world.office) };
    const attendee: Principal = {
      name: 'attendee',
      roles: ['attendee'],
      headers: async () => sessionFor(t, world.attendee),
    };
    const anonymous: Principal = { name: 'anonymous', roles: [], headers: async () => ({}) };
    const forged = (payload: object, header = { alg: 'none', typ: 'JWT' }) =>
      `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const officeToken = (await sessionFor(t, world.office)).Authorization.slice('Bearer '.length);
    // Anonymous callers also present broken credentials: none of them may get through.
    const anonymousCredentials = fc.constantFrom<Record<string, string>>(
      {},
      {},
      { Authorization: 'Bearer' },
      { Authorization: 'Bearer not.a.token' },
      { Authorization: `Bearer ${officeToken.slice(0, -2)}xx` },
      { Authorization: `Bearer ${forged({ sub: world.office.id, sid: world.office.id })}` },
      { Authorization: `Bearer ${forged({ sub: world.office.id }, { alg: 'HS512', typ: 'JWT' })}sig` },
      { Authorization: 'Basic b2ZpY2luYTpzZWNyZXRv' },
    );

    const operations = operationsOf(document).filter((operation) => !ONLY || nameOf(operation).includes(ONLY));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      for (const principal of [anonymous, attendee, office]) {
        const runs = admits(operation, principal) ? RUNS : REFUSED_RUNS;
        await fuzzer.fuzz(operation, principal, runs, SEED, principal === anonymous ? anonymousCredentials : undefined);
      }
    }

    const figures = fuzzer.figures();
    if (process.env.FUZZ_FIGURES) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `fuzz: ${figures.operations} operations, ${figures.requests} requests, ${figures.succeeded} with a success, ${seconds} s; statuses ${JSON.stringify(figures.statuses)}\n`,
      );
      process.stdout.write(`never a success:\n  ${figures.neverSucceeded.join('\n  ')}\n`);
    }
    expect(figures.operations).toBe(operations.length);
    const failures = fuzzer.report();
    if (failures.length > 0)
      throw new Error(
        `${failures.length} kinds of answers broke the contract (seed ${SEED}):\n\n${failures.join('\n\n')}`,
      );
  }, 240_000);
});
