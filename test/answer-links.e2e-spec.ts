import type { ParsedMail } from 'mailparser';
import type { Person } from '../src/modules/identity/person.entity';
import {
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  createVenue,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { sentTo, startSmtp, type TestSmtp } from './support/smtp';
import { createTestApp, setToday, type TestApp } from './support/test-app';

/** Monday 3 March 2031: invitations sent today must be answered by Thursday the 6th. */
const TODAY = '2031-03-03';

/** The token after the `#` of a mailed link to `path`. */
function tokenIn(mail: ParsedMail, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`https://puente\\.example${escaped}(?:\\?[^#\\s]*)?#([A-Za-z0-9_.-]+)`).exec(
    mail.text ?? '',
  );
  if (!match) throw new Error(`no link to ${path} in: ${mail.text}`);
  return match[1];
}

/**
 * The links Puente mails so that a physician answers an invitation, and a manager a release, from
 * a phone where they are not signed in: each token opens that one question, until it is answered,
 * its deadline passes or the seminar's dates change.
 */
describe('Mailed links: answering without signing in', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let office: SignedIn;
  let networkId: string;
  let unitId: string;
  let manager: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://puente.example' });
    office = await signedInAs(t, ['office']);
    networkId = (await createNetwork(t)).id;
    unitId = (await createUnit(t, networkId)).id;
    manager = await signedInAs(t, ['manager'], { unitId, fullName: 'Dra. Rosa Méndez' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  beforeEach(() => setToday(t, TODAY));

  async function invited(count: number): Promise<{ seminarId: string; people: Person[]; enrolments: string[] }> {
    const { id: seminarId } = await createSeminar(t, {
      office,
      networkId,
      topic: { minimumAttendees: 1 },
      venueId: (await createVenue(t, networkId, 100)).id,
      startDate: '2031-03-17',
      capacity: 20,
      status: 'open',
    });
    const people: Person[] = [];
    for (let i = 0; i < count; i++) people.push(await createPerson(t, { roles: ['attendee'], unitId }));
    const response = await t.http
      .post(`/api/v1/seminars/${seminarId}/enrolments`)
      .set(office.auth)
      .send({ personIds: people.map((p) => p.id) })
      .expect(201);
    return { seminarId, people, enrolments: response.body.map((e: { id: string }) => e.id) };
  }

  async function invitationToken(person: Person, enrolmentId: string): Promise<string> {
    const [mail] = await smtp.waitFor(sentTo(person.email, /^Invitación al seminario/));
    return tokenIn(mail, `/inscripciones/${enrolmentId}`);
  }

  const link = (token: string) => ({ 'X-Puente-Link': token });

  it('opens exactly the invitation it was mailed for, answers it once, and then no longer works', async () => {
    const { people, enrolments } = await invited(2);
    const token = await invitationToken(people[0], enrolments[0]);

    const shown = await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(token)).expect(200);
    expect(shown.body.enrolment).toMatchObject({ id: enrolments[0], status: 'invited', respondBy: '2031-03-06' });
    expect(shown.body.seminar.days.map((d: { date: string }) => d.date)).toEqual([
      '2031-03-17',
      '2031-03-18',
      '2031-03-19',
    ]);
    expect(shown.body.seminar.topic.creditHours).toBeGreaterThan(0);

    // Another person's invitation, anything else, or no token at all.
    const other = await t.http.get(`/api/v1/enrolments/${enrolments[1]}`).set(link(token)).expect(403);
    expect(other.body.code).toBe('answer_link_invalid');
    await t.http.post(`/api/v1/enrolments/${enrolments[1]}/accept`).set(link(token)).expect(403);
    await t.http.get('/api/v1/me').set(link(token)).expect(401);
    await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).expect(401);

    const accepted = await t.http.post(`/api/v1/enrolments/${enrolments[0]}/accept`).set(link(token)).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', release: { status: 'pending' } });

    const again = await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(token)).expect(403);
    expect(again.body.code).toBe('answer_link_invalid');
    await t.http.post(`/api/v1/enrolments/${enrolments[0]}/decline`).set(link(token)).send({}).expect(403);
    const [row] = await t.dataSource.query(`SELECT status FROM enrolment WHERE id = $1`, [enrolments[0]]);
    expect(row.status).toBe('accepted');
  });

  it('declines with a reason through the link', async () => {
    const { people, enrolments } = await invited(1);
    const token = await invitationToken(people[0], enrolments[0]);
    const declined = await t.http
      .post(`/api/v1/enrolments/${enrolments[0]}/decline`)
      .set(link(token))
      .send({ reason: 'Guardia en el centro de salud esa semana' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'Guardia en el centro de salud esa semana' });
  });

  it('no longer works after the deadline to answer', async () => {
    const { people, enrolments } = await invited(1);
    const token = await invitationToken(people[0], enrolments[0]);
    await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(token)).expect(200);
    await setToday(t, '2031-03-07');
    const late = await t.http.post(`/api/v1/enrolments/${enrolments[0]}/accept`).set(link(token)).expect(403);
    expect(late.body.code).toBe('answer_link_invalid');
  });

  it('no longer works once the seminar moves to other dates', async () => {
    const { seminarId, people, enrolments } = await invited(1);
    const token = await invitationToken(people[0], enrolments[0]);
    await t.http
      .post(`/api/v1/seminars/${seminarId}/reschedule`)
      .set(office.auth)
      .send({ startDate: '2031-03-24', reason: 'La sede no estará disponible' })
      .expect(200);
    const moved = await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(token)).expect(403);
    expect(moved.body.code).toBe('answer_link_invalid');
  });

  it('refuses a made-up or altered token', async () => {
    const { people, enrolments } = await invited(1);
    const token = await invitationToken(people[0], enrolments[0]);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(altered)).expect(403);
    await t.http
      .get(`/api/v1/enrolments/${enrolments[0]}`)
      .set(link('x'.repeat(43)))
      .expect(403);
  });

  it('lets the manager it was mailed to decide a release, once, and no one else', async () => {
    const { people, enrolments } = await invited(1);
    const token = await invitationToken(people[0], enrolments[0]);
    await t.http.post(`/api/v1/enrolments/${enrolments[0]}/accept`).set(link(token)).expect(200);
    const [{ id: releaseId }] = await t.dataSource.query(`SELECT id FROM release_approval WHERE enrolment_id = $1`, [
      enrolments[0],
    ]);
    const [mail] = await smtp.waitFor(
      (m) => sentTo(manager.person.email, /^Solicitud de liberación/)(m) && (m.text ?? '').includes(releaseId),
    );
    const managerToken = tokenIn(mail, `/liberaciones/${releaseId}`);

    const shown = await t.http.get(`/api/v1/release-requests/${releaseId}`).set(link(managerToken)).expect(200);
    expect(shown.body).toMatchObject({ status: 'pending', attendee: { id: people[0].id }, unit: { id: unitId } });
    expect(shown.body.awayByDate).toHaveLength(3);

    // The same signature claimed for someone else, or used on the attendee's own invitation.
    const [, mac] = managerToken.split('.');
    await t.http
      .post(`/api/v1/release-requests/${releaseId}/approve`)
      .set(link(`${office.person.id}.${mac}`))
      .expect(403);
    await t.http.get(`/api/v1/enrolments/${enrolments[0]}`).set(link(managerToken)).expect(403);
    const refused = await t.http
      .post(`/api/v1/release-requests/${releaseId}/refuse`)
      .set(link(managerToken))
      .send({})
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);

    const approved = await t.http
      .post(`/api/v1/release-requests/${releaseId}/approve`)
      .set(link(managerToken))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', enrolmentStatus: 'confirmed', onBehalf: false });
    await t.http.get(`/api/v1/release-requests/${releaseId}`).set(link(managerToken)).expect(403);
  });
});
