import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { CertificateIssuer } from '../src/modules/certificates/certificate-issuer.service';
import type { Person } from '../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { pdfText } from './support/pdf-tools';
import { createTestApp, setNow, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

/** Seminars run 17–19 March 2031, 08:00–16:00 in Mexico City; certificates are issued on the 25th. */
const START = '2031-03-17';
const DAYS = ['2031-03-17', '2031-03-18', '2031-03-19'];

/**
 * What an outside verifier does, with `jose` and gunzip alone: checks the credential's signature
 * against the published keys, fetches the status list it points to, checks that signature too and
 * reads the certificate's bit.
 */
async function verifyAsOutsider(
  t: TestApp,
  credentialJwt: string,
): Promise<{ status: 'valid' | 'revoked'; credential: Record<string, unknown> }> {
  const jwks = (await t.http.get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet;
  const keys = createLocalJWKSet(jwks);
  const options = { algorithms: ['EdDSA'], typ: 'vc+jwt' };
  const { payload: credential } = await jwtVerify(credentialJwt, keys, options);
  const entry = credential.credentialStatus as { statusListCredential: string; statusListIndex: string };
  const listPath = new URL(entry.statusListCredential).pathname;
  const listJwt = (
    await t.http
      .get(listPath)
      .buffer(true)
      .parse(binary as never)
      .expect(200)
  ).body.toString();
  const { payload: list } = await jwtVerify(listJwt, keys, options);
  const bits = gunzipSync(
    Buffer.from((list.credentialSubject as { encodedList: string }).encodedList.slice(1), 'base64url'),
  );
  const index = Number(entry.statusListIndex);
  return { status: (bits[index >> 3] & (0x80 >> (index & 7))) !== 0 ? 'revoked' : 'valid', credential };
}

/** Reads a response body as bytes (supertest parses only text and JSON by default). */
function binary(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('Certificates: eligibility, gap-free registry numbers, frozen PDFs, revocation and public verification', () => {
  let t: TestApp;
  let office: SignedIn;
  let networkId: string;

  beforeAll(async () => {
    // Hundreds of issuances queue for the pool at once below; they wait as long as they need.
    t = await createTestApp({ VERIFY_MAX_FAILURES: '4', DATABASE_ACQUIRE_TIMEOUT_SECONDS: '300' });
    office = await signedInAs(t, ['office']);
    networkId = (await createNetwork(t)).id;
  });

  afterAll(() => t?.close());

  beforeEach(() => setNow(t, '2031-03-03T18:00:00Z'));

  interface Held {
    id: string;
    topicId: string;
    lead: Person;
    other: Person;
    attendees: Person[];
  }

  /** An open seminar of a new topic (80 % attendance for a certificate) with two facilitators and `count` confirmed attendees. */
  async function seminar(count: number, names: string[] = []): Promise<Held> {
    const lead = await createFacilitator(t);
    const other = await createFacilitator(t);
    const attendees: Person[] = [];
    for (let i = 0; i < count; i++) {
      attendees.push(
        await createPerson(t, {
          roles: ['attendee'],
          ...(names[i] ? { fullName: names[i] } : {}),
          licenceNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
        }),
      );
    }
    const { id, topicId } = await createSeminar(t, {
      office,
      networkId,
      startDate: START,
      topic: { minimumAttendees: 1, minAttendancePercent: 80, creditHours: 24 },
      facilitators: [lead, other],
      confirmed: attendees,
    });
    return { id, topicId, lead, other, attendees };
  }

  /** The roster of each day as the office records it after the days (with a reason). */
  async function attendance(
    held: Held,
    records: Record<string, { status: string; hoursAttended?: number }[]>,
  ): Promise<void> {
    setNow(t, '2031-03-24T18:00:00Z');
    for (const [index, date] of DAYS.entries()) {
      await t.http
        .put(`/api/v1/seminars/${held.id}/days/${date}/attendance`)
        .set(office.auth)
        .send({
          reason: 'Lista en papel del día',
          records: Object.entries(records).map(([personId, days]) => ({ personId, ...days[index] })),
        })
        .expect(200);
    }
  }

  async function finalEvaluation(held: Held, person: Person): Promise<void> {
    setNow(t, '2031-03-20T18:00:00Z');
    const auth = await sessionFor(t, person);
    const answers = {
      overall: 5,
      relevance: 5,
      openness: { [held.lead.id]: 5, [held.other.id]: 4 },
      equality: 5,
      confidence_consult: 4,
      referral_change: 4,
    };
    await t.http.put(`/api/v1/me/evaluations/${held.id}/final`).set(auth).send({ formVersion: 1, answers }).expect(200);
  }

  async function complete(held: Held): Promise<void> {
    // Confirmed before the first day, started on it, completed after the last.
    for (const [step, now] of [
      ['confirm', '2031-03-10T18:00:00Z'],
      ['start', '2031-03-17T15:00:00Z'],
      ['complete', '2031-03-19T23:00:00Z'],
    ]) {
      setNow(t, now);
      const response = await t.http.post(`/api/v1/seminars/${held.id}/${step}`).set(office.auth);
      expect([step, response.status, response.body.code]).toEqual([step, 200, undefined]);
    }
  }

  async function issueAndWait(seminarId: string): Promise<{
    id: string;
    status: string;
    total: number;
    done: number;
    failures: number;
    rate: number | null;
    estimatedSecondsLeft: number | null;
    attempts: number;
  }> {
    const { jobId } = (
      await t.http.post(`/api/v1/seminars/${seminarId}/certificates/issue`).set(office.auth).expect(202)
    ).body;
    return waitUntil(async () => (await t.http.get(`/api/v1/jobs/${jobId}`).set(office.auth).expect(200)).body, {
      until: (job) => job.status === 'completed' || job.status === 'failed',
      timeoutMs: 20_000,
      intervalMs: 100,
      description: `the issuing job ${jobId} to finish`,
    });
  }

  const present = { status: 'present' };
  const absent = { status: 'absent' };

  it('issues exactly the eligible certificates, numbered without gaps, once; frozen, reissued, revoked and verifiable', async () => {
    const held = await seminar(4, ['José Ñúñez Güémez', 'María Fernanda Ávila Íñiguez', 'Carlos Ruiz', 'Lucía Peña']);
    const [jose, maria, carlos, lucia] = held.attendees;
    // José attends all; María arrives late on day 2 (4 of 8 hours: 20 of 24, 83 %); Carlos misses day 3
    // (67 %, under the 80 % the topic asks); Lucía attends all but does not answer the final evaluation.
    await attendance(held, {
      [jose.id]: [present, present, present],
      [maria.id]: [present, { status: 'late', hoursAttended: 4 }, present],
      [carlos.id]: [present, present, absent],
      [lucia.id]: [present, present, present],
    });
    for (const person of [jose, maria, carlos]) await finalEvaluation(held, person);

    setNow(t, '2031-03-25T18:00:00Z');
    expect(
      (await t.http.post(`/api/v1/seminars/${held.id}/certificates/issue`).set(office.auth).expect(409)).body.code,
    ).toBe('seminar_not_completed');
    await complete(held);
    setNow(t, '2031-03-25T18:00:00Z');

    const eligibility = (
      await t.http.get(`/api/v1/seminars/${held.id}/certificates/eligibility`).set(office.auth).expect(200)
    ).body;
    const byPerson = (person: Person) => eligibility.find((row: { personId: string }) => row.personId === person.id);
    expect(byPerson(jose)).toMatchObject({
      kind: 'attendance',
      eligible: true,
      reasons: [],
      hours: 24,
      attendanceShare: 1,
    });
    expect(byPerson(maria)).toMatchObject({ eligible: true, reasons: [], hours: 20, attendanceShare: 0.8333 });
    expect(byPerson(carlos)).toMatchObject({
      eligible: false,
      reasons: ['attendance_below_minimum'],
      attendanceShare: 0.6667,
    });
    expect(byPerson(lucia)).toMatchObject({ eligible: false, reasons: ['final_evaluation_missing'] });
    // No agenda block names anyone: each facilitator is credited the seminar's 24 hours.
    expect(byPerson(held.lead)).toMatchObject({ kind: 'facilitation', eligible: true, hours: 24 });

    const job = await issueAndWait(held.id);
    expect(job).toMatchObject({
      status: 'completed',
      total: 4,
      done: 4,
      failures: 0,
      estimatedSecondsLeft: 0,
      attempts: 1,
    });
    const issued = await t.dataSource.query(
      `SELECT person_id, registry_number, sequence, kind, hours::float8 AS hours FROM certificate WHERE seminar_id = $1 ORDER BY sequence`,
      [held.id],
    );
    expect(issued.map((c: { sequence: number }) => c.sequence)).toEqual([1, 2, 3, 4]);
    expect(issued.map((c: { registry_number: string }) => c.registry_number)).toEqual([
      'PUENTE-2031-000001',
      'PUENTE-2031-000002',
      'PUENTE-2031-000003',
      'PUENTE-2031-000004',
    ]);
    expect(new Set(issued.map((c: { person_id: string }) => c.person_id))).toEqual(
      new Set([jose.id, maria.id, held.lead.id, held.other.id]),
    );

    // Running it again issues nothing more.
    expect(await issueAndWait(held.id)).toMatchObject({ status: 'completed', total: 4, done: 4, failures: 0 });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM certificate WHERE seminar_id = $1`,
      [held.id],
    );
    expect(count).toBe(4);

    // The holder reads and downloads it; the printed text is the snapshot; nobody else sees it.
    const joseAuth = await sessionFor(t, jose);
    const mine = (await t.http.get('/api/v1/me/certificates').set(joseAuth).expect(200)).body;
    expect(mine).toEqual([
      expect.objectContaining({
        holderName: 'José Ñúñez Güémez',
        hours: 24,
        status: 'valid',
        revision: 1,
        kind: 'attendance',
      }),
    ]);
    const certificate = mine[0];
    const download = await t.http
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(joseAuth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const pdf = download.body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(certificate.pdfSha256);
    const printed = await pdfText(pdf);
    for (const word of [
      'José',
      'Ñúñez',
      'Güémez',
      certificate.registryNumber,
      certificate.checkCode,
      jose.licenceNumber!,
    ])
      expect(printed).toContain(word);
    await t.http
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(await sessionFor(t, maria))
      .expect(404);

    // Frozen: a later change of name alters nothing issued.
    await t.http
      .patch(`/api/v1/people/${jose.id}`)
      .set(office.auth)
      .send({ fullName: 'José Núñez Güémez' })
      .expect(200);
    const after = (await t.http.get(`/api/v1/certificates/${certificate.id}`).set(joseAuth).expect(200)).body;
    expect(after).toMatchObject({ holderName: 'José Ñúñez Güémez', pdfSha256: certificate.pdfSha256 });
    const verified = (
      await t.http
        .get(
          `/api/v1/public/verify/${certificate.registryNumber}?code=${certificate.checkCode.toLowerCase().replace('-', '')}`,
        )
        .expect(200)
    ).body;
    expect(verified).toMatchObject({
      match: true,
      status: 'valid',
      revision: 1,
      holderName: 'José Ñúñez Güémez',
      hours: 24,
      pdfSha256: certificate.pdfSha256,
      startDate: '2031-03-17',
      endDate: '2031-03-19',
    });
    const upload = await t.http.post('/api/v1/public/verify').attach('file', pdf, 'certificado.pdf').expect(200);
    expect(upload.body).toMatchObject({ match: true, registryNumber: certificate.registryNumber, status: 'valid' });
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 20] ^= 1;
    expect(
      (await t.http.post('/api/v1/public/verify').attach('file', tampered, 'certificado.pdf').expect(200)).body,
    ).toEqual({ match: false });

    // Reissue with the corrected name: same number, revision 2; the earlier one is superseded.
    const reissued = (
      await t.http
        .post(`/api/v1/certificates/${certificate.id}/reissue`)
        .set(office.auth)
        .send({ reason: 'Nombre corregido a petición del titular' })
        .expect(200)
    ).body;
    expect(reissued).toMatchObject({
      registryNumber: certificate.registryNumber,
      revision: 2,
      status: 'valid',
      holderName: 'José Núñez Güémez',
    });
    expect(
      await pdfText(
        (
          await t.http
            .get(`/api/v1/certificates/${reissued.id}/pdf`)
            .set(joseAuth)
            .buffer(true)
            .parse(binary as never)
            .expect(200)
        ).body,
      ),
    ).toContain('Núñez');
    const old = (
      await t.http.get(`/api/v1/public/verify/${certificate.registryNumber}?code=${certificate.checkCode}`).expect(200)
    ).body;
    expect(old).toMatchObject({ status: 'superseded', revision: 1, supersededByRevision: 2 });
    expect(
      (await t.http.get(`/api/v1/public/verify/${certificate.registryNumber}?code=${reissued.checkCode}`).expect(200))
        .body,
    ).toMatchObject({ status: 'valid', revision: 2 });
    expect(
      (
        await t.http
          .post(`/api/v1/certificates/${certificate.id}/reissue`)
          .set(office.auth)
          .send({ reason: 'Otra vez' })
          .expect(409)
      ).body.code,
    ).toBe('certificate_status_conflict');

    // Revocation shows on the public verification with its date; issuing again does not bring it back.
    const mariaCertificate = (
      await t.http
        .get('/api/v1/me/certificates')
        .set(await sessionFor(t, maria))
        .expect(200)
    ).body[0];
    await t.http.post(`/api/v1/certificates/${mariaCertificate.id}/revoke`).set(office.auth).send({}).expect(400);
    await t.http
      .post(`/api/v1/certificates/${mariaCertificate.id}/revoke`)
      .set(office.auth)
      .send({ reason: 'Asistencia registrada por error' })
      .expect(200);
    const revoked = (
      await t.http
        .get(`/api/v1/public/verify/${mariaCertificate.registryNumber}?code=${mariaCertificate.checkCode}`)
        .expect(200)
    ).body;
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: '2031-03-25T18:00:00.000Z' });
    expect(await issueAndWait(held.id)).toMatchObject({ total: 3, done: 3 });

    // The signed credentials say the same to an outside verifier; a changed byte breaks the signature.
    const officeCredential = async (id: string) =>
      (
        await t.http
          .get(`/api/v1/certificates/${id}/credential`)
          .set(office.auth)
          .buffer(true)
          .parse(binary as never)
          .expect(200)
      ).body.toString();
    const revokedJwt = await officeCredential(mariaCertificate.id);
    expect(await verifyAsOutsider(t, revokedJwt)).toMatchObject({ status: 'revoked' });
    const validJwt = (
      await t.http
        .get(`/api/v1/certificates/${reissued.id}/credential`)
        .set(joseAuth)
        .buffer(true)
        .parse(binary as never)
        .expect(200)
    ).body.toString();
    const outside = await verifyAsOutsider(t, validJwt);
    expect(outside.status).toBe('valid');
    expect(outside.credential).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: { creditsEarned: 24 },
    });
    const [header, payload, signature] = validJwt.split('.');
    const changed = Buffer.from(payload, 'base64url').toString().replace('"creditsEarned":24', '"creditsEarned":48');
    await expect(
      verifyAsOutsider(t, [header, Buffer.from(changed).toString('base64url'), signature].join('.')),
    ).rejects.toThrow(/signature/);
    await t.http
      .get(`/api/v1/certificates/${reissued.id}/credential`)
      .set(await sessionFor(t, maria))
      .expect(404);
    const audit = await t.dataSource.query(
      `SELECT action, reason FROM audit_entry WHERE action IN ('certificate.revoked','certificate.reissued') ORDER BY created_at`,
    );
    expect(audit).toEqual([
      { action: 'certificate.reissued', reason: 'Nombre corregido a petición del titular' },
      { action: 'certificate.revoked', reason: 'Asistencia registrada por error' },
    ]);

    // The registry book lists every number and revision with its status.
    const book = await t.http
      .get('/api/v1/certificates/registry?year=2031')
      .set(office.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    const lines = book.text.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^registry_number,revision,status,holder,licence,/);
    const expected = issued.flatMap((c: { person_id: string; registry_number: string }) =>
      c.person_id === jose.id
        ? [`${c.registry_number},1,superseded`, `${c.registry_number},2,valid`]
        : [`${c.registry_number},1,${c.person_id === maria.id ? 'revoked' : 'valid'}`],
    );
    expect(lines.slice(1).map((line: string) => line.split(',').slice(0, 3).join(','))).toEqual(expected);

    // The registry book as PDF, the holder's transcript, and a template preview all read back as text.
    const bookPdf = await t.http
      .get('/api/v1/certificates/registry?year=2031&format=pdf')
      .set(office.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const bookText = await pdfText(bookPdf.body);
    for (const c of issued) expect(bookText).toContain(c.registry_number);
    const transcript = await pdfText(
      (
        await t.http
          .get('/api/v1/me/transcript.pdf')
          .set(joseAuth)
          .buffer(true)
          .parse(binary as never)
          .expect(200)
      ).body,
    );
    expect(transcript).toContain(reissued.registryNumber);
    expect(transcript).toContain('José Núñez Güémez');
    expect(transcript).toContain('2031');
    const preview = await t.http
      .get('/api/v1/certificates/templates/attendance/preview.pdf?locale=en')
      .set(office.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    await t.http.get('/api/v1/certificates/templates/unknown/preview.pdf').set(office.auth).expect(404);
    await t.http.get('/api/v1/certificates/registry?year=2031').set(joseAuth).expect(403);

    // A wrong code and an unknown number get the same answer; repeated misses are throttled.
    const wrong = await t.http.get(`/api/v1/public/verify/${reissued.registryNumber}?code=AAA-AAA`).expect(404);
    const unknown = await t.http.get('/api/v1/public/verify/PUENTE-2031-999999?code=AAA-AAA').expect(404);
    expect(wrong.body.code).toBe('certificate_not_found');
    expect(unknown.body).toEqual({ ...wrong.body, instance: unknown.body.instance, requestId: unknown.body.requestId });
    await t.http.get('/api/v1/public/verify/PUENTE-2031-999998?code=AAA-AAA').expect(404);
    const throttled = await t.http
      .get(`/api/v1/public/verify/${reissued.registryNumber}?code=${reissued.checkCode}`)
      .expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps registry numbers gap-free when 200 issuances run at once across seminars, some racing for the same person', async () => {
    const seminars: { id: string; attendees: Person[] }[] = [];
    for (let s = 0; s < 9; s++) {
      setNow(t, '2031-03-03T18:00:00Z');
      const attendees: Person[] = [];
      for (let i = 0; i < 20; i++) attendees.push(await createPerson(t, { roles: ['attendee'] }));
      // Everyone attended every day, and the topic asks no final evaluation: all are eligible.
      const { id } = await createSeminar(t, {
        office,
        networkId,
        startDate: START,
        topic: { minimumAttendees: 1, minAttendancePercent: 1, evaluationRequired: false, creditHours: 24 },
        facilitators: [await createFacilitator(t), await createFacilitator(t)],
        confirmed: attendees,
        everyonePresent: true,
        status: 'completed',
      });
      seminars.push({ id, attendees });
    }
    setNow(t, '2032-01-12T18:00:00Z');
    const issuer = t.app.get(CertificateIssuer);
    // 180 people, and 20 of them asked twice at the same time.
    const calls = seminars.flatMap((held) => held.attendees.map((person) => [held.id, person.id] as const));
    const doubled = [...calls, ...calls.slice(0, 20)];
    const outcomes = await Promise.all(
      doubled.map(([seminarId, personId]) => issuer.issueMissing(seminarId, personId, 'attendance', null)),
    );
    expect(outcomes.filter((o) => o === 'issued')).toHaveLength(180);
    expect(outcomes.filter((o) => o === 'already_issued')).toHaveLength(20);

    const rows = await t.dataSource.query(
      `SELECT sequence, person_id FROM certificate WHERE year = 2032 ORDER BY sequence`,
    );
    expect(rows.map((r: { sequence: number }) => r.sequence)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(new Set(rows.map((r: { person_id: string }) => r.person_id)).size).toBe(180);
    const [counter] = await t.dataSource.query(`SELECT last FROM certificate_counter WHERE year = 2032`);
    expect(counter.last).toBe(180);
  }, 120_000);
});
