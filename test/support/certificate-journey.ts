import type { Person } from '../../src/modules/identity/person.entity';
import { createFacilitator, createPerson, createSeminar, sessionFor, type SignedIn } from './factories';
import { setNow, type TestApp } from './test-app';
import { waitUntil } from './wait-until';

/** Seminars of the journey run 17–19 March 2031, 08:00–16:00 in Mexico City; certificates are issued on the 25th. */
const DAYS = ['2031-03-17', '2031-03-18', '2031-03-19'];

export interface IssuedCertificate {
  id: string;
  registryNumber: string;
  checkCode: string;
  pdfSha256: string;
  holder: Person;
  holderAuth: { Authorization: string };
  seminarId: string;
}

/** A response body read as raw bytes (supertest's parser for binary answers). */
export function binary(response: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * A physician's whole way to a certificate, through the API as the office and the physician use
 * it: a seminar of a new topic with one confirmed attendee, present all three days, the final
 * evaluation answered, the seminar completed and its certificates issued. Leaves the clock on the
 * 25th.
 */
export async function issuedCertificate(
  t: TestApp,
  office: SignedIn,
  networkId: string,
  holderName = 'Rosa Elena Domínguez Xolo',
): Promise<IssuedCertificate> {
  setNow(t, '2031-03-03T18:00:00Z');
  const lead = await createFacilitator(t);
  const other = await createFacilitator(t);
  const holder = await createPerson(t, {
    roles: ['attendee'],
    fullName: holderName,
    licenceNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
  });
  const { id: seminarId } = await createSeminar(t, {
    office,
    networkId,
    startDate: DAYS[0],
    topic: { minimumAttendees: 1, minAttendancePercent: 80, creditHours: 24 },
    facilitators: [lead, other],
    confirmed: [holder],
  });
  const holderAuth = await sessionFor(t, holder);
  // In the order the certificates' own tests take: the days' rosters, the final evaluation, then
  // the seminar confirmed, started and completed.
  setNow(t, '2031-03-24T18:00:00Z');
  for (const date of DAYS)
    await t.http
      .put(`/api/v1/seminars/${seminarId}/days/${date}/attendance`)
      .set(office.auth)
      .send({ reason: 'Lista en papel del día', records: [{ personId: holder.id, status: 'present' }] })
      .expect(200);
  setNow(t, '2031-03-20T18:00:00Z');
  await t.http
    .put(`/api/v1/me/evaluations/${seminarId}/final`)
    .set(holderAuth)
    .send({
      formVersion: 1,
      answers: {
        overall: 5,
        relevance: 5,
        openness: { [lead.id]: 5, [other.id]: 4 },
        equality: 5,
        confidence_consult: 4,
        referral_change: 4,
      },
    })
    .expect(200);
  for (const [step, now] of [
    ['confirm', '2031-03-10T18:00:00Z'],
    ['start', '2031-03-17T15:00:00Z'],
    ['complete', '2031-03-19T23:00:00Z'],
  ]) {
    setNow(t, now);
    await t.http.post(`/api/v1/seminars/${seminarId}/${step}`).set(office.auth).expect(200);
  }
  setNow(t, '2031-03-25T18:00:00Z');
  const { jobId } = (await t.http.post(`/api/v1/seminars/${seminarId}/certificates/issue`).set(office.auth).expect(202))
    .body as { jobId: string };
  await waitUntil(async () => (await t.http.get(`/api/v1/jobs/${jobId}`).set(office.auth).expect(200)).body, {
    until: (job: { status: string }) => job.status === 'completed',
    timeoutMs: 20_000,
    intervalMs: 100,
    description: `the issuing job ${jobId} to complete`,
  });
  const [certificate] = (await t.http.get('/api/v1/me/certificates').set(holderAuth).expect(200)).body as {
    id: string;
    registryNumber: string;
    checkCode: string;
    pdfSha256: string;
  }[];
  return { ...certificate, holder, holderAuth, seminarId };
}

/** The stored PDF of a certificate, as its holder downloads it. */
export async function certificatePdf(t: TestApp, certificate: IssuedCertificate): Promise<Buffer> {
  const response = await t.http
    .get(`/api/v1/certificates/${certificate.id}/pdf`)
    .set(certificate.holderAuth)
    .buffer(true)
    .parse(binary as never)
    .expect(200);
  return response.body as Buffer;
}
