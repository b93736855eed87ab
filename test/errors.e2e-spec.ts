import { ProblemFilter } from '../src/common/errors/problem.filter';
import { createPerson, signedInAs } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: `urn:puente:problem:${code}`,
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
  });
  const text = JSON.stringify(response.body);
  // Never a stack trace, SQL or an internal path.
  expect(text).not.toMatch(/\bat .+\(|node_modules|\/work\/|\.ts:\d|SELECT |INSERT |QueryFailedError/);
}

describe(ProblemFilter.name, () => {
  let t: TestApp;
  let office: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_KB: '4' });
    office = await signedInAs(t, ['office']);
  });
  afterAll(() => t.close());

  it('400 for malformed JSON, unknown fields (named) and invalid values (per field)', async () => {
    const malformed = await t.http
      .post('/api/v1/networks')
      .set(office.auth)
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expectProblem(malformed, 400, 'malformed_body');

    const unknown = await t.http
      .post('/api/v1/networks')
      .set(office.auth)
      .send({ name: 'Xalapa', color: 'azul', owner: 'x' });
    expectProblem(unknown, 400, 'unknown_fields');
    expect(unknown.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['color', 'owner']);
    expect(unknown.body.detail).toContain('color');

    const invalid = await t.http
      .post('/api/v1/people')
      .set(office.auth)
      .send({ fullName: 'A', email: 'no-es-correo', roles: ['chief'] });
    expectProblem(invalid, 400, 'validation_failed');
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'email',
      'fullName',
      'roles',
    ]);
    expect(invalid.body.errors.find((error: { field: string }) => error.field === 'email').message).toBe(
      'Debe ser un correo electrónico válido.',
    );
  });

  it('400 body_too_deep for JSON nested past the limit, before any account is checked; nesting inside strings does not count', async () => {
    const deep = '['.repeat(1500) + ']'.repeat(1500);
    for (const path of ['/api/v1/auth/login', '/api/v1/networks']) {
      const response = await t.http.post(path).set('Content-Type', 'application/json').send(`{"email":${deep}}`);
      expectProblem(response, 400, 'body_too_deep');
    }
    const justAbove = `{"name":${'['.repeat(32)}${']'.repeat(32)}}`;
    expectProblem(
      await t.http.post('/api/v1/networks').set(office.auth).set('Content-Type', 'application/json').send(justAbove),
      400,
      'body_too_deep',
    );
    const bracketsInText = await t.http
      .post('/api/v1/networks')
      .set(office.auth)
      .send({ name: `Red ${'[{'.repeat(20)} "\\` });
    expect(bracketsInText.status).toBe(201);
  });

  it('400 for null in a required field of a partial update, and nothing changes', async () => {
    const person = await createPerson(t, { fullName: 'Rocío Ibáñez Muñoz' });
    const response = await t.http
      .patch(`/api/v1/people/${person.id}`)
      .set(office.auth)
      .send({ fullName: null, phone: null });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['fullName']);
    const after = await t.http.get(`/api/v1/people/${person.id}`).set(office.auth).expect(200);
    expect(after.body.fullName).toBe('Rocío Ibáñez Muñoz');
    expectProblem(await t.http.patch('/api/v1/me').set(office.auth).send({ locale: null }), 400, 'validation_failed');
  });

  it('400 for text PostgreSQL cannot store (a NUL character), not a 500', async () => {
    expectProblem(
      await t.http.post('/api/v1/networks').set(office.auth).send({ name: 'Red\u0000Sur' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http.get('/api/v1/people').query({ q: 'a\u0000b' }).set(office.auth),
      400,
      'validation_failed',
    );
  });

  it('says what a licence number and a phone must look like', async () => {
    const response = await t.http
      .post('/api/v1/people')
      .set(office.auth)
      .send({
        fullName: 'Iñaki Ruiz',
        email: 'inaki@salud.example',
        roles: ['attendee'],
        licenceNumber: 'A-12',
        phone: 'llámame',
      });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors).toEqual([
      { field: 'phone', message: 'Debe ser un teléfono válido.' },
      { field: 'licenceNumber', message: 'Debe ser una cédula profesional de 5 a 12 dígitos.' },
    ]);
  });

  it('speaks English when the caller prefers it', async () => {
    const response = await t.http
      .post('/api/v1/people')
      .set(office.auth)
      .set('Accept-Language', 'en-US,en;q=0.9,es;q=0.5')
      .send({ email: 'x' });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.detail).toBe('Some fields are not valid.');
  });

  it('400 for a malformed id, 404 for a missing row and for an unknown route', async () => {
    expectProblem(await t.http.get('/api/v1/networks/123').set(office.auth), 400, 'invalid_id');
    expectProblem(
      await t.http.get('/api/v1/networks/6f1c1d0e-8a43-4d7e-9a59-2a1f4c3b7e10').set(office.auth),
      404,
      'network_not_found',
    );
    expectProblem(await t.http.get('/api/v1/no-such-thing').set(office.auth), 404, 'route_not_found');
  });

  it('401 without a token, 403 for the wrong role', async () => {
    expectProblem(await t.http.get('/api/v1/networks'), 401, 'unauthenticated');
    const attendee = await signedInAs(t, ['attendee']);
    expectProblem(await t.http.post('/api/v1/networks').set(attendee.auth).send({ name: 'Otra' }), 403, 'forbidden');
  });

  it('409 for a conflict, and nothing changes', async () => {
    await t.http.post('/api/v1/networks').set(office.auth).send({ name: 'Coatepec' }).expect(201);
    expectProblem(
      await t.http.post('/api/v1/networks').set(office.auth).send({ name: 'Coatepec' }),
      409,
      'network_name_taken',
    );
    const list = await t.http.get('/api/v1/networks').query({ q: 'Coatepec' }).set(office.auth).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('413 for a body over the limit and 415 for a body that is not JSON', async () => {
    expectProblem(
      await t.http
        .post('/api/v1/networks')
        .set(office.auth)
        .send({ name: 'x'.repeat(10_000) }),
      413,
      'payload_too_large',
    );
    expectProblem(
      await t.http.post('/api/v1/networks').set(office.auth).set('Content-Type', 'text/plain').send('name=Xalapa'),
      415,
      'unsupported_media_type',
    );
  });

  it('422 for a business rule', async () => {
    const person = await createPerson(t);
    const session = await t.http
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'Seminario-Xalapa-2026' })
      .expect(200);
    const response = await t.http
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .send({ currentPassword: 'Seminario-Xalapa-2026', newPassword: 'contraseña1' });
    expectProblem(response, 422, 'weak_password');
  });
});

describe('Unexpected errors', () => {
  it('become a 500 with the correlation id, logged, with no SQL, stack or path in the body', async () => {
    const t = await createTestApp();
    try {
      const office = await signedInAs(t, ['office']);
      // Something the code does not expect: the table behind the endpoint has gone.
      await t.dataSource.query('ALTER TABLE network RENAME TO network_gone');
      const response = await t.http.get('/api/v1/networks').set(office.auth).set('X-Request-Id', 'corr-1234-abcd');
      expectProblem(response, 500, 'internal_error');
      expect(response.body.requestId).toBe('corr-1234-abcd');
      expect(response.headers['x-request-id']).toBe('corr-1234-abcd');
      expect(JSON.stringify(response.body)).not.toMatch(/network_gone|relation|does not exist/);
    } finally {
      await t.close();
    }
  });
});
