import type { Response } from 'supertest';
import { createPerson, PASSWORD } from './support/factories';
import { createTestApp, setNow, type TestApp } from './support/test-app';

/** The cookies a response sets, by name: their value and attributes as the browser reads them. */
function cookies(response: Response): Map<string, { value: string; attributes: string[] }> {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return new Map(
    (header ?? []).map((line) => {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, ...value] = pair.split('=');
      return [name, { value: value.join('='), attributes: attributes.map((a) => a.toLowerCase()) }];
    }),
  );
}

const PAGE = { 'x-puente-csrf': '1', 'sec-fetch-site': 'same-origin' };

describe('Browser sessions: httpOnly cookies, renewal and protection against cross-site requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY_HOPS: '1', PUBLIC_BASE_URL: 'https://puente.example.org' });
  });

  afterAll(() => t?.close());

  beforeEach(() => setNow(t, '2031-03-03T18:00:00Z'));

  async function signIn(email: string) {
    const response = await t.http
      .post('/api/v1/auth/browser-session')
      .set(PAGE)
      .set('X-Forwarded-Proto', 'https')
      .send({ email, password: PASSWORD })
      .expect(200);
    const set = cookies(response);
    return {
      response,
      access: set.get('puente_access')!,
      refresh: set.get('puente_refresh')!,
      cookie: `puente_access=${set.get('puente_access')!.value}`,
      refreshCookie: `puente_refresh=${set.get('puente_refresh')!.value}`,
    };
  }

  it('signs in into httpOnly, SameSite, Secure cookies and never hands the tokens to the page', async () => {
    const person = await createPerson(t);
    const { response, access, refresh } = await signIn(person.email);
    expect(response.body).toEqual({ expiresIn: 900 });
    expect(access.attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']));
    expect(refresh.attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/v1/auth/browser-session']),
    );
    // 30 days.
    expect(refresh.attributes).toContain('max-age=2592000');
    // Over plain http (development on localhost) the cookies cannot be Secure, or the browser would drop them.
    const plain = await t.http
      .post('/api/v1/auth/browser-session')
      .set(PAGE)
      .send({ email: person.email, password: PASSWORD });
    expect(cookies(plain).get('puente_access')!.attributes).not.toContain('secure');
  });

  it('refuses a sign-in another site makes the browser send, and a wrong password, without setting a cookie', async () => {
    const person = await createPerson(t);
    for (const headers of [
      {},
      { 'x-puente-csrf': '1', 'sec-fetch-site': 'cross-site' },
      { 'x-puente-csrf': '1', origin: 'https://evil.example' },
    ]) {
      const refused = await t.http
        .post('/api/v1/auth/browser-session')
        .set(headers)
        .send({ email: person.email, password: PASSWORD });
      expect([refused.status, refused.body.code]).toEqual([403, 'cross_site_request_refused']);
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    const wrong = await t.http
      .post('/api/v1/auth/browser-session')
      .set(PAGE)
      .send({ email: person.email, password: 'no-es-esta' });
    expect([wrong.status, wrong.body.code, wrong.headers['set-cookie']]).toEqual([
      401,
      'invalid_credentials',
      undefined,
    ]);
  });

  it('reads with the cookie alone, and changes something only with the page’s header from the service’s own origin', async () => {
    const person = await createPerson(t);
    const { cookie } = await signIn(person.email);
    expect((await t.http.get('/api/v1/me').set('Cookie', cookie).expect(200)).body.id).toBe(person.id);
    for (const headers of [
      {},
      { 'x-puente-csrf': '1', 'sec-fetch-site': 'cross-site' },
      { 'x-puente-csrf': '1', 'sec-fetch-site': 'same-site' },
      { 'x-puente-csrf': '1', origin: 'https://puente.example.org.evil.example' },
    ]) {
      const forged = await t.http.patch('/api/v1/me').set('Cookie', cookie).set(headers).send({ phone: '2281234567' });
      expect([forged.status, forged.body.code]).toEqual([403, 'cross_site_request_refused']);
    }
    expect((await t.http.get('/api/v1/me').set('Cookie', cookie).expect(200)).body.phone).toBeNull();
    await t.http
      .patch('/api/v1/me')
      .set('Cookie', cookie)
      .set({ ...PAGE, origin: 'https://puente.example.org' })
      .send({ phone: '2281234567' })
      .expect(200);
    expect((await t.http.get('/api/v1/me').set('Cookie', cookie).expect(200)).body.phone).toBe('2281234567');
  });

  it('keeps bearer tokens working for API clients, with no header needed', async () => {
    const person = await createPerson(t);
    const { accessToken } = (
      await t.http.post('/api/v1/auth/login').send({ email: person.email, password: PASSWORD }).expect(200)
    ).body;
    await t.http
      .patch('/api/v1/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ phone: '2297654321' })
      .expect(200);
  });

  it('renews the session for 30 days from each renewal, and ends it when a used refresh cookie comes back', async () => {
    const person = await createPerson(t);
    let { refreshCookie } = await signIn(person.email);
    // A physician who opens Puente every 20 days stays signed in past the first 30.
    for (const day of ['2031-03-23T18:00:00Z', '2031-04-12T18:00:00Z', '2031-05-02T18:00:00Z']) {
      setNow(t, day);
      const renewed = await t.http
        .post('/api/v1/auth/browser-session/refresh')
        .set(PAGE)
        .set('Cookie', refreshCookie)
        .expect(200);
      refreshCookie = `puente_refresh=${cookies(renewed).get('puente_refresh')!.value}`;
    }
    const stolen = refreshCookie;
    const renewed = await t.http
      .post('/api/v1/auth/browser-session/refresh')
      .set(PAGE)
      .set('Cookie', stolen)
      .expect(200);
    const current = `puente_access=${cookies(renewed).get('puente_access')!.value}`;
    const reuse = await t.http.post('/api/v1/auth/browser-session/refresh').set(PAGE).set('Cookie', stolen);
    expect([reuse.status, reuse.body.code]).toEqual([401, 'refresh_token_reused']);
    expect(cookies(reuse).get('puente_access')?.value).toBe('');
    expect((await t.http.get('/api/v1/me').set('Cookie', current)).status).toBe(401);
    // Without any use for more than 30 days the session is over.
    setNow(t, '2031-03-03T18:00:00Z');
    const idle = await signIn(person.email);
    setNow(t, '2031-04-03T18:01:00Z');
    const late = await t.http.post('/api/v1/auth/browser-session/refresh').set(PAGE).set('Cookie', idle.refreshCookie);
    expect(late.status).toBe(401);
  });

  it('signs out: the session ends and the cookies are cleared', async () => {
    const person = await createPerson(t);
    const { cookie, refreshCookie } = await signIn(person.email);
    const out = await t.http.post('/api/v1/auth/browser-session/sign-out').set(PAGE).set('Cookie', cookie).expect(204);
    expect(cookies(out).get('puente_access')?.value).toBe('');
    expect((await t.http.get('/api/v1/me').set('Cookie', cookie)).status).toBe(401);
    expect(
      (await t.http.post('/api/v1/auth/browser-session/refresh').set(PAGE).set('Cookie', refreshCookie)).status,
    ).toBe(401);
  });
});
