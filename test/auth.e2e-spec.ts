import { JwtService } from '@nestjs/jwt';
import { AuthService } from '../src/modules/identity/auth.service';
import { createPerson, PASSWORD, signIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe('Mail with a configured SMTP server', () => {
  it('never shows a reset link to the office once the mail has a server to go to', async () => {
    // Nothing listens on this port: the message stays pending, as after a failed delivery.
    const t = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const person = await createPerson(t);
      await t.http.post('/api/v1/auth/password-reset').send({ email: person.email }).expect(202);
      const office = await signIn(t.http, await createPerson(t, { roles: ['office'] }));
      const outbox = await t.http.get('/api/v1/outbox').query({ recipient: person.email }).set(office.auth).expect(200);
      expect(outbox.body.items).toHaveLength(1);
      expect(outbox.body.items[0].status).toBe('pending');
      expect(outbox.body.items[0].body).toContain('token=…');
      expect(outbox.body.items[0].body).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
    } finally {
      await t.close();
    }
  });
});

describe('Password resets from one address', () => {
  it('lets a training room of a hundred physicians behind one address ask for their links; the ceiling is configurable and per address', async () => {
    const t = await createTestApp({ PASSWORD_RESET_MAX_PER_IP: '105', TRUST_PROXY_HOPS: '1' });
    try {
      const room = await Promise.all(Array.from({ length: 100 }, () => createPerson(t, { password: null })));
      const statuses: number[] = [];
      for (const person of room) {
        statuses.push(
          (
            await t.http
              .post('/api/v1/auth/password-reset')
              .set('X-Forwarded-For', '10.20.30.40')
              .send({ email: person.email })
          ).status,
        );
      }
      expect(statuses.filter((status) => status === 202)).toHaveLength(100);
      const mails = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_mail WHERE template = 'password-reset'`,
      );
      expect(mails[0].n).toBe(100);
      // Past the configured ceiling the same address waits; another address does not.
      const more = await Promise.all(Array.from({ length: 6 }, () => createPerson(t, { password: null })));
      const last: number[] = [];
      for (const person of more)
        last.push(
          (
            await t.http
              .post('/api/v1/auth/password-reset')
              .set('X-Forwarded-For', '10.20.30.40')
              .send({ email: person.email })
          ).status,
        );
      expect(last).toEqual([202, 202, 202, 202, 202, 429]);
      await t.http
        .post('/api/v1/auth/password-reset')
        .set('X-Forwarded-For', '10.20.30.41')
        .send({ email: more[5].email })
        .expect(202);
    } finally {
      await t.close();
    }
  });
});

describe(AuthService.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '50' });
  });
  afterAll(() => t.close());

  it('signs in with email and password and answers /me', async () => {
    const person = await createPerson(t, { fullName: 'Ana Núñez Peña' });
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: person.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: person.id, fullName: 'Ana Núñez Peña', roles: ['attendee'] });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const person = await createPerson(t);
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nadie@salud.example', password: 'whatever-123' })
      .expect(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('refuses an email with a lone surrogate as invalid, on sign-in and on reset requests', async () => {
    // JSON.stringify writes the lone surrogate as the escape "\ud800", as a hostile client would.
    const email = 'ana\ud800@salud.example';
    for (const [path, body] of [
      ['/api/v1/auth/login', { email, password: 'whatever-123' }],
      ['/api/v1/auth/password-reset', { email }],
    ] as const) {
      const refused = await t.http.post(path).send(body).expect(400);
      expect([path, refused.body]).toMatchObject([
        path,
        { code: 'validation_failed', errors: [{ field: 'email', message: 'Debe ser un correo electrónico válido.' }] },
      ]);
    }
  });

  it('rotates refresh tokens, and reuse of a rotated token ends the whole session', async () => {
    const session = await signIn(t.http, await createPerson(t));
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);

    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    // Neither the newest refresh token nor its access token work any more.
    const after = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    expect(after.body.code).toBe('session_ended');
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(401);
  });

  it('decides two concurrent refreshes with the same token one after the other', async () => {
    const session = await signIn(t.http, await createPerson(t));
    const results = await Promise.all([
      t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
      t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 401]);
  });

  it('logs out: the access token and the refresh token stop working at once', async () => {
    const session = await signIn(t.http, await createPerson(t));
    await t.http.post('/api/v1/auth/logout').set(session.auth).expect(204);
    const me = await t.http.get('/api/v1/me').set(session.auth).expect(401);
    expect(me.body.code).toBe('session_ended');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('refuses tokens signed with another algorithm or key', async () => {
    const session = await signIn(t.http, await createPerson(t));
    const [header, payload] = session.token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    const jwt = t.app.get(JwtService);
    const claims = { sub: session.person.id, sid: JSON.parse(Buffer.from(payload, 'base64url').toString()).sid };
    // Signed with the right secret, but never expiring, or for another issuer or audience.
    const forever = await jwt.signAsync(claims, { algorithm: 'HS256' });
    const otherIssuer = await jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: 600, issuer: 'elsewhere' });
    const otherAudience = await jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: 600, audience: 'elsewhere' });
    await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: 600 })}`)
      .expect(200);
    for (const token of [unsigned, tampered, 'not-a-token', forever, otherIssuer, otherAudience]) {
      const response = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body.code).toMatch(/^(invalid_token|unauthenticated)$/);
    }
  });

  it('throttles failed sign-ins per account with 429 and Retry-After, even for the right password', async () => {
    const person = await createPerson(t);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await t.http.post('/api/v1/auth/login').send({ email: person.email, password: 'wrong-password' }).expect(401);
    }
    const blocked = await t.http
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: PASSWORD })
      .expect(429);
    expect(blocked.body.code).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets no burst of parallel sign-ins past the limit', async () => {
    const person = await createPerson(t);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http.post('/api/v1/auth/login').send({ email: person.email, password: 'wrong-password' }),
      ),
    ).then((responses) => responses.map((response) => response.status));
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('throttles reset requests alike for known and unknown addresses, without locking sign-in', async () => {
    const person = await createPerson(t);
    const known = [];
    const unknown = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      known.push((await t.http.post('/api/v1/auth/password-reset').send({ email: person.email })).status);
      unknown.push(
        (await t.http.post('/api/v1/auth/password-reset').send({ email: 'nadie.reset@salud.example' })).status,
      );
    }
    expect(known).toEqual([202, 202, 202, 429]);
    expect(unknown).toEqual(known);
    await t.http.post('/api/v1/auth/login').send({ email: person.email, password: PASSWORD }).expect(200);
  });

  it('resets a password through a one-time mailed link that ends every session', async () => {
    const person = await createPerson(t);
    const before = await signIn(t.http, person);
    await t.http.post('/api/v1/auth/password-reset').send({ email: person.email }).expect(202);
    await t.http.post('/api/v1/auth/password-reset').send({ email: 'nadie@salud.example' }).expect(202);

    const office = await signIn(t.http, await createPerson(t, { roles: ['office'] }));
    const outbox = await t.http.get('/api/v1/outbox').query({ recipient: person.email }).set(office.auth).expect(200);
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0].subject).toBe('Restablezca su contraseña de Puente');
    const token = /token=([A-Za-z0-9_-]+)/.exec(outbox.body.items[0].body)![1];

    const weak = await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'password12' })
      .expect(422);
    expect(weak.body.code).toBe('weak_password');
    await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'Guayaba-de-Coatepec-7' })
      .expect(204);
    const again = await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'Otra-Clave-Segura-8' })
      .expect(422);
    expect(again.body.code).toBe('password_reset_token_invalid');

    await t.http.get('/api/v1/me').set(before.auth).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: person.email, password: PASSWORD }).expect(401);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'Guayaba-de-Coatepec-7' })
      .expect(200);
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const person = await createPerson(t);
    const current = await signIn(t.http, person);
    const other = await signIn(t.http, person);
    const wrong = await t.http
      .post('/api/v1/me/password')
      .set(current.auth)
      .send({ currentPassword: 'nope-nope-nope', newPassword: 'Cafe-de-Xico-2026' })
      .expect(422);
    expect(wrong.body.code).toBe('current_password_wrong');
    await t.http
      .post('/api/v1/me/password')
      .set(current.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'Cafe-de-Xico-2026' })
      .expect(204);
    await t.http.get('/api/v1/me').set(current.auth).expect(200);
    await t.http.get('/api/v1/me').set(other.auth).expect(401);
  });

  it('lets a person update only their phone and language', async () => {
    const session = await signIn(t.http, await createPerson(t));
    const updated = await t.http
      .patch('/api/v1/me')
      .set(session.auth)
      .send({ phone: '+52 228 812 3456', locale: 'en' })
      .expect(200);
    expect(updated.body).toMatchObject({ phone: '+52 228 812 3456', locale: 'en' });
    const refused = await t.http
      .patch('/api/v1/me')
      .set(session.auth)
      .send({ roles: ['office'] })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'unknown_fields', errors: [{ field: 'roles' }] });
    const me = await t.http.get('/api/v1/me').set(session.auth).expect(200);
    expect(me.body.roles).toEqual(['attendee']);
  });
});
