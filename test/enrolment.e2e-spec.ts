import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import { EnrolmentDeadlinesService } from '../src/modules/enrolment/enrolment-deadlines.service';
import type { Person } from '../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  createVenue,
  enrol,
  sessionFor,
  signIn,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { sentTo, startSmtp, type TestSmtp } from './support/smtp';
import { createTestApp, setToday, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

/** Monday 3 March 2031: invitations sent today must be answered by Thursday the 6th (three working days). */
const TODAY = '2031-03-03';
const SEMINAR_START = '2031-03-17';

const textOf = (mail: ParsedMail) => mail.text ?? '';

describe('Enrolment: invitations, release, waiting list and mail', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let office: SignedIn;
  let networkId: string;
  let unitId: string;
  let manager: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_RETRY_LIMIT: '2',
      MAIL_RETRY_DELAY_SECONDS: '1',
      PUBLIC_BASE_URL: 'https://puente.example',
      // 500 people accept at once through a pool of 10: on a slow machine the last ones wait longer
      // than the default 10 s for a connection, which would answer them 503 instead of a seat.
      DATABASE_ACQUIRE_TIMEOUT_SECONDS: '120',
    });
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

  async function seminar(
    options: { capacity?: number; allowSelfRequests?: boolean; open?: boolean; startDate?: string } = {},
  ): Promise<{ id: string; title: string }> {
    return createSeminar(t, {
      office,
      networkId,
      topic: { allowSelfRequests: options.allowSelfRequests, minimumAttendees: 1 },
      venueId: (await createVenue(t, networkId, 600)).id,
      startDate: options.startDate ?? SEMINAR_START,
      capacity: options.capacity ?? 25,
      status: options.open === false ? 'draft' : 'open',
    });
  }

  const attendee = (overrides: { locale?: 'es' | 'en'; fullName?: string; unitId?: string | null } = {}) =>
    createPerson(t, { roles: ['attendee'], unitId, ...overrides });

  async function invite(seminarId: string, people: Person[], expected = 201) {
    return t.http
      .post(`/api/v1/seminars/${seminarId}/enrolments`)
      .set(office.auth)
      .send({ personIds: people.map((p) => p.id) })
      .expect(expected);
  }

  async function answer(
    enrolmentId: string,
    who: SignedIn | { Authorization: string },
    action: 'accept' | 'decline' | 'withdraw',
    body?: object,
    expected = 200,
  ) {
    const auth = 'auth' in who ? who.auth : who;
    const call = t.http.post(`/api/v1/enrolments/${enrolmentId}/${action}`).set(auth);
    return (body ? call.send(body) : call).expect(expected);
  }

  async function releaseOf(enrolmentId: string): Promise<string> {
    const [row] = await t.dataSource.query(
      `SELECT id FROM release_approval WHERE enrolment_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [enrolmentId],
    );
    return row.id;
  }

  async function auditOf(enrolmentId: string): Promise<string[]> {
    const rows = await t.dataSource.query(
      `SELECT action FROM audit_entry WHERE subject_id = $1 ORDER BY created_at, id`,
      [enrolmentId],
    );
    return rows.map((row: { action: string }) => row.action);
  }

  describe('takes an invitation through acceptance and release to a confirmed seat, with mail in each person’s language', () => {
    let id: string;
    let title: string;
    let ana: Person;
    let bob: Person;
    let anaEnrolment: string;
    let bobEnrolment: string;
    let anaAuth: { Authorization: string };
    let releaseId: string;

    it('invites two people, who have until Thursday to answer', async () => {
      ({ id, title } = await seminar());
      ana = await attendee({ fullName: 'Ana Lucía Torres' });
      bob = await attendee({ fullName: 'Robert King', locale: 'en' });
      const invited = await invite(id, [ana, bob]);
      expect(
        invited.body.map((e: { status: string; respondBy: string; source: string }) => [
          e.status,
          e.respondBy,
          e.source,
        ]),
      ).toEqual([
        ['invited', '2031-03-06', 'office'],
        ['invited', '2031-03-06', 'office'],
      ]);
      anaEnrolment = invited.body[0].id;
      bobEnrolment = invited.body[1].id;
    });

    it('mails each invitation in the person’s language, with links to accept and to decline', async () => {
      const [invitation] = await smtp.waitFor(sentTo(ana.email, /^Invitación al seminario/));
      expect(invitation.subject).toBe(`Invitación al seminario «${title}»`);
      expect(textOf(invitation)).toContain(`https://puente.example/inscripciones/${anaEnrolment}?accion=aceptar`);
      expect(textOf(invitation)).toContain(`https://puente.example/inscripciones/${anaEnrolment}?accion=rechazar`);
      expect(textOf(invitation)).toContain('jueves, 6 de marzo de 2031');
      // The token that lets her answer without signing in follows the "#", which no server ever receives.
      expect(invitation.html).toMatch(
        new RegExp(
          `<a href="https://puente\\.example/inscripciones/${anaEnrolment}\\?accion=aceptar#[A-Za-z0-9_-]{43}">`,
        ),
      );
      const [english] = await smtp.waitFor(sentTo(bob.email));
      expect(english.subject).toBe(`Invitation to the seminar “${title}”`);
      expect(textOf(english)).toContain('Please answer by Thursday, March 6, 2031');
    });

    it('asks the manager of her unit to release the one who accepts, by mail and in their list', async () => {
      anaAuth = await sessionFor(t, ana);
      const accepted = await answer(anaEnrolment, anaAuth, 'accept');
      expect(accepted.body).toMatchObject({ status: 'accepted', release: { status: 'pending', onBehalf: false } });

      const [releaseMail] = await smtp.waitFor(sentTo(manager.person.email, /^Solicitud de liberación/));
      expect(releaseMail.subject).toBe(`Solicitud de liberación: Ana Lucía Torres — «${title}»`);
      const releases = await t.http.get('/api/v1/me/release-requests').set(manager.auth).expect(200);
      expect(releases.body.items).toHaveLength(1);
      expect(releases.body.items[0]).toMatchObject({
        status: 'pending',
        attendee: { id: ana.id, fullName: 'Ana Lucía Torres' },
        unit: { id: unitId },
        awayByDate: [
          { date: '2031-03-17', away: 0 },
          { date: '2031-03-18', away: 0 },
          { date: '2031-03-19', away: 0 },
        ],
      });
      releaseId = releases.body.items[0].id;
      expect(textOf(releaseMail)).toContain(`https://puente.example/liberaciones/${releaseId}`);
    });

    it('confirms her seat when the manager approves, and mails her so', async () => {
      const approved = await t.http.post(`/api/v1/release-requests/${releaseId}/approve`).set(manager.auth).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', enrolmentStatus: 'confirmed', onBehalf: false });
      const [decision] = await smtp.waitFor(sentTo(ana.email, /^Lugar confirmado/));
      expect(textOf(decision)).toContain('su lugar está confirmado');
    });

    it('changes nothing when a decision is repeated, and refuses to reverse it', async () => {
      await t.http.post(`/api/v1/release-requests/${releaseId}/approve`).set(manager.auth).expect(200);
      const reversed = await t.http
        .post(`/api/v1/release-requests/${releaseId}/refuse`)
        .set(manager.auth)
        .send({ reason: 'Falta personal' })
        .expect(409);
      expect(reversed.body.code).toBe('release_already_decided');
      expect((await answer(anaEnrolment, anaAuth, 'accept')).body.status).toBe('confirmed');
      expect((await answer(anaEnrolment, anaAuth, 'decline', undefined, 409)).body.code).toBe('seat_already_accepted');
    });

    it('shows her one confirmed seat, each step audited', async () => {
      const mine = await t.http.get('/api/v1/me/enrolments').set(anaAuth).expect(200);
      expect(mine.body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
        [anaEnrolment, 'confirmed'],
      ]);
      expect(await auditOf(anaEnrolment)).toEqual(['enrolment.invited', 'enrolment.accepted', 'release.approved']);
      const confirmed = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM enrolment WHERE seminar_id = $1 AND status = 'confirmed'`,
        [id],
      );
      expect(confirmed[0].n).toBe(1);
    });

    it('lets the office approve a release on the manager’s behalf', async () => {
      await answer(bobEnrolment, await sessionFor(t, bob), 'accept');
      const onBehalf = await t.http
        .post(`/api/v1/release-requests/${await releaseOf(bobEnrolment)}/approve`)
        .set(office.auth)
        .expect(200);
      expect(onBehalf.body.onBehalf).toBe(true);
    });

    it('asks for a reason to withdraw once the seminar is confirmed', async () => {
      for (let i = 0; i < 2; i++) {
        await t.http
          .post(`/api/v1/seminars/${id}/facilitators`)
          .set(office.auth)
          .send({ personId: (await createFacilitator(t)).id })
          .expect(201);
      }
      await t.http.post(`/api/v1/seminars/${id}/confirm`).set(office.auth).expect(200);
      const noReason = await answer(anaEnrolment, anaAuth, 'withdraw', undefined, 422);
      expect(noReason.body.code).toBe('withdrawal_reason_required');
      await answer(anaEnrolment, anaAuth, 'withdraw', { reason: 'Guardia no cubierta en mi unidad' });
      const withdrawn = await t.http
        .get(`/api/v1/seminars/${id}/enrolments`)
        .query({ status: 'withdrawn' })
        .set(office.auth)
        .expect(200);
      expect(withdrawn.body.items).toEqual([
        expect.objectContaining({ id: anaEnrolment, reason: 'Guardia no cubierta en mi unidad', endedBy: 'attendee' }),
      ]);
    });

    it('freezes enrolments once the seminar is under way', async () => {
      setToday(t, SEMINAR_START);
      await t.http.post(`/api/v1/seminars/${id}/start`).set(office.auth).expect(200);
      const frozen = await answer(bobEnrolment, await sessionFor(t, bob), 'withdraw', { reason: 'Me enfermé' }, 409);
      expect(frozen.body.code).toBe('enrolment_frozen');
    });
  });

  it('keeps a waiting line in order, calls the next person when a release is refused, and lets unanswered calls lapse', async () => {
    const { id, title } = await seminar({ capacity: 2 });
    const people = [await attendee(), await attendee(), await attendee(), await attendee()];
    const invited = (await invite(id, people)).body.map((e: { id: string }) => e.id);
    const auths = await Promise.all(people.map((p) => sessionFor(t, p)));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await answer(invited[i], auths[i], 'accept')).body);
    expect(statuses.map((e) => [e.status, e.waitlistPlace])).toEqual([
      ['accepted', null],
      ['accepted', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);

    const missingReason = await t.http
      .post(`/api/v1/release-requests/${await releaseOf(invited[0])}/refuse`)
      .set(manager.auth)
      .send({})
      .expect(400);
    expect(missingReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    await t.http
      .post(`/api/v1/release-requests/${await releaseOf(invited[0])}/refuse`)
      .set(manager.auth)
      .send({ reason: 'Cubre la consulta de ese mes' })
      .expect(200);
    const [refusal] = await smtp.waitFor(sentTo(people[0].email, /^Liberación no aprobada/));
    expect(textOf(refusal)).toContain('Motivo: Cubre la consulta de ese mes');

    const line = await t.http.get(`/api/v1/seminars/${id}/enrolments`).set(office.auth).expect(200);
    const byId = new Map(line.body.items.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(invited[0])).toMatchObject({ status: 'withdrawn', endedBy: 'release_refused' });
    expect(byId.get(invited[2])).toMatchObject({ status: 'invited', fromWaitlist: true, respondBy: '2031-03-06' });
    expect(byId.get(invited[3])).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 });
    const [promotion] = await smtp.waitFor(sentTo(people[2].email, /^Se liberó un lugar/));
    expect(promotion.subject).toBe(`Se liberó un lugar en «${title}»`);

    // The second person's release, asked for on Monday the 3rd, is still undecided: a reminder to
    // the manager after two working days, a word to the office after five; each only once.
    const deadlines = t.app.get(EnrolmentDeadlinesService);
    setToday(t, '2031-03-04');
    expect(await deadlines.run()).toEqual({ lapsed: 0, reminded: 0, escalated: 0 });
    setToday(t, '2031-03-05');
    expect(await deadlines.run()).toEqual({ lapsed: 0, reminded: 1, escalated: 0 });
    const [reminder] = await smtp.waitFor(sentTo(manager.person.email, /^Recordatorio: liberación pendiente/));
    expect(textOf(reminder)).toContain(`https://puente.example/liberaciones/${await releaseOf(invited[1])}`);
    expect((await deadlines.run()).reminded).toBe(0);

    // Nobody answers by Thursday: on Friday the call lapses and the next person is called.
    setToday(t, '2031-03-06');
    expect((await deadlines.run()).lapsed).toBe(0);
    setToday(t, '2031-03-07');
    expect(await deadlines.run()).toMatchObject({ lapsed: 1 });
    expect((await deadlines.run()).lapsed).toBe(0);
    const late = await answer(invited[2], auths[2], 'accept', undefined, 409);
    expect(late.body.code).toBe('invitation_closed');
    const [third] = (await t.http.get('/api/v1/me/enrolments').set(auths[3]).expect(200)).body.items;
    expect(third).toMatchObject({ status: 'invited', fromWaitlist: true, respondBy: '2031-03-12' });
    expect((await answer(invited[3], auths[3], 'accept')).body.status).toBe('accepted');
    expect(await auditOf(invited[2])).toEqual([
      'enrolment.invited',
      'enrolment.waitlisted',
      'enrolment.promoted',
      'enrolment.lapsed',
    ]);

    setToday(t, '2031-03-10');
    expect(await deadlines.run()).toEqual({ lapsed: 0, reminded: 0, escalated: 1 });
    await smtp.waitFor(sentTo(office.person.email, /^Liberación sin respuesta/));
    expect((await deadlines.run()).escalated).toBe(0);
  });

  it('gives exactly the free seats to 500 people accepting at once and lines up the rest in commit order', async () => {
    const { id } = await seminar({ capacity: 25 });
    const people: Person[] = [];
    for (let i = 0; i < 500; i++) people.push(await createPerson(t, { roles: ['attendee'], unitId, password: null }));
    const enrolments = [];
    for (const person of people) enrolments.push(await enrol(t, id, person.id, 'invited'));
    const auths = await Promise.all(people.map((p) => sessionFor(t, p)));
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const http = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

    const responses = await Promise.all(
      enrolments.map((e, i) => http.post(`/api/v1/enrolments/${e.id}/accept`).set(auths[i])),
    );
    expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual([]);
    const held = responses.filter((r) => r.body.status === 'accepted');
    const waiting = responses.filter((r) => r.body.status === 'waitlisted');
    expect(held).toHaveLength(25);
    expect(waiting).toHaveLength(475);
    // Each answer reports the place it got when it committed: one each, 1 to 475, no gaps or repeats.
    expect(waiting.map((r) => r.body.waitlistPlace).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 475 }, (_, i) => i + 1),
    );

    const [counts] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('accepted','released','confirmed'))::int AS held,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting,
              count(DISTINCT waitlist_position) FILTER (WHERE status = 'waitlisted')::int AS places
         FROM enrolment WHERE seminar_id = $1`,
      [id],
    );
    expect(counts).toEqual({ held: 25, waiting: 475, places: 475 });
    // The database itself refuses a 26th seat, whatever code path tries.
    await expect(
      t.dataSource.query(`UPDATE enrolment SET status = 'accepted' WHERE id = $1`, [waiting[0].body.id]),
    ).rejects.toThrow(/would hold 26 seats of 25/);

    // The first in line is the next one called when a seat comes free.
    const first = waiting.find((r) => r.body.waitlistPlace === 1)!;
    const leaver = enrolments.findIndex((e) => e.id === held[0].body.id);
    await answer(held[0].body.id, auths[leaver], 'withdraw');
    const called = await t.dataSource.query(`SELECT id FROM enrolment WHERE seminar_id = $1 AND status = 'invited'`, [
      id,
    ]);
    expect(called).toEqual([{ id: first.body.id }]);
  }, 120_000);

  it('writes mail only when the change commits, retries a failing mail server and then keeps the message as failed', async () => {
    const { id } = await seminar();
    const elsewhere = await seminar();
    const free = await attendee();
    const busy = await attendee();
    await enrol(t, elsewhere.id, busy.id, 'confirmed');
    const refused = await invite(id, [free, busy], 409);
    expect(refused.body.code).toBe('person_double_booked');
    const [{ n: rows }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_mail WHERE recipient = $1`, [
      free.email,
    ]);
    expect(rows).toBe(0);
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM enrolment WHERE person_id = $1`, [free.id]))[0].n,
    ).toBe(0);

    smtp.failing = true;
    try {
      await invite(id, [free]);
      type OutboxRow = { status: string; attempts: number; subject: string; body: string; last_error: string };
      const row = await waitUntil(
        async () => {
          const [found]: OutboxRow[] = await t.dataSource.query(
            `SELECT status, attempts, subject, body, last_error FROM outbox_mail WHERE recipient = $1`,
            [free.email],
          );
          return found as OutboxRow | undefined;
        },
        {
          until: (found) => found?.status === 'failed',
          timeoutMs: 30_000,
          intervalMs: 200,
          description: `the invitation to ${free.email} to be kept as failed`,
        },
      );
      expect(row).toMatchObject({ status: 'failed', attempts: 3 });
      expect(row!.subject).toMatch(/^Invitación al seminario/);
      expect(row!.body).toContain('accion=aceptar');
      expect(row!.last_error).toMatch(/451/);
      expect(smtp.attemptsFor(free.email)).toBe(3);
      expect(smtp.received.filter(sentTo(free.email))).toEqual([]);
    } finally {
      smtp.failing = false;
    }
  }, 60_000);

  it('shows managers only their unit’s requests and attendees only their own enrolments', async () => {
    const { id } = await seminar();
    const otherUnit = (await createUnit(t, networkId)).id;
    const otherManager = await signedInAs(t, ['manager'], { unitId: otherUnit });
    const mine = await attendee();
    const stranger = await attendee();
    const [enrolment] = (await invite(id, [mine, stranger])).body;
    await answer(enrolment.id, await sessionFor(t, mine), 'accept');
    const releaseId = await releaseOf(enrolment.id);

    expect((await t.http.get('/api/v1/me/release-requests').set(otherManager.auth).expect(200)).body.items).toEqual([]);
    expect(
      (await t.http.post(`/api/v1/release-requests/${releaseId}/approve`).set(otherManager.auth).expect(404)).body.code,
    ).toBe('release_request_not_found');
    const strangerAuth = await sessionFor(t, stranger);
    expect((await answer(enrolment.id, strangerAuth, 'accept', undefined, 404)).body.code).toBe('enrolment_not_found');
    const strangers = await t.http.get('/api/v1/me/enrolments').set(strangerAuth).expect(200);
    expect(strangers.body.items.map((e: { person: { id: string } }) => e.person.id)).toEqual([stranger.id]);
    await t.http.get(`/api/v1/seminars/${id}/enrolments`).set(strangerAuth).expect(403);
    await t.http
      .post(`/api/v1/seminars/${id}/enrolments`)
      .set(manager.auth)
      .send({ personIds: [stranger.id] })
      .expect(403);
  });

  it('lets attendees ask for a place where the topic allows it', async () => {
    const closed = await seminar();
    const open = await seminar({ allowSelfRequests: true, capacity: 1 });
    const draft = await seminar({ allowSelfRequests: true, open: false });
    const first = await signIn(t.http, await attendee());
    const second = await signIn(t.http, await attendee());
    expect(
      (await t.http.post(`/api/v1/seminars/${closed.id}/enrolments/requests`).set(first.auth).expect(422)).body.code,
    ).toBe('self_requests_not_allowed');
    expect(
      (await t.http.post(`/api/v1/seminars/${draft.id}/enrolments/requests`).set(first.auth).expect(409)).body.code,
    ).toBe('seminar_not_open_for_enrolment');
    const granted = await t.http.post(`/api/v1/seminars/${open.id}/enrolments/requests`).set(first.auth).expect(201);
    expect(granted.body).toMatchObject({ status: 'accepted', source: 'request', release: { status: 'pending' } });
    expect(
      (await t.http.post(`/api/v1/seminars/${open.id}/enrolments/requests`).set(first.auth).expect(409)).body.code,
    ).toBe('already_enrolled');
    const waiting = await t.http.post(`/api/v1/seminars/${open.id}/enrolments/requests`).set(second.auth).expect(201);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 });
  });

  it('refuses bad invitations whole, naming who is wrong', async () => {
    const { id } = await seminar();
    const facilitator = await createFacilitator(t);
    const ana = await attendee();
    const notFound = await invite(id, [ana, facilitator], 422);
    expect(notFound.body).toMatchObject({ code: 'not_an_attendee', errors: [{ field: 'personIds[1]' }] });
    const duplicate = await t.http
      .post(`/api/v1/seminars/${id}/enrolments`)
      .set(office.auth)
      .send({ personIds: [ana.id, ana.id] })
      .expect(400);
    expect(duplicate.body.code).toBe('validation_failed');
    await invite(id, [ana]);
    expect((await invite(id, [ana], 409)).body.code).toBe('already_enrolled');
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM enrolment WHERE seminar_id = $1`, [id]))[0].n,
    ).toBe(1);
  });

  it('shows the office every unit’s requests on one page, each with its own unit’s staff away on each date', async () => {
    const clinic = (await createUnit(t, networkId)).id;
    const centre = (await createUnit(t, networkId)).id;
    await signedInAs(t, ['manager'], { unitId: clinic });
    await signedInAs(t, ['manager'], { unitId: centre });
    const first = await seminar({ startDate: '2031-04-07' });
    const overlapping = await seminar({ startDate: '2031-04-08' });
    const [ana, luis, eva] = [
      await attendee({ unitId: clinic }),
      await attendee({ unitId: clinic }),
      await attendee({ unitId: clinic }),
    ];
    const marta = await attendee({ unitId: centre });
    const inFirst = await invite(first.id, [ana, luis, marta]);
    const inOverlapping = await invite(overlapping.id, [eva]);
    for (const [enrolment, person] of [
      [inFirst.body[0], ana],
      [inFirst.body[1], luis],
      [inFirst.body[2], marta],
      [inOverlapping.body[0], eva],
    ] as const) {
      await answer(enrolment.id, await sessionFor(t, person), 'accept');
    }
    const listed = await t.http
      .get('/api/v1/me/release-requests')
      .query({ pageSize: 100 })
      .set(office.auth)
      .expect(200);
    const shown = (enrolmentId: string) => {
      const item = listed.body.items.find((request: { enrolmentId: string }) => request.enrolmentId === enrolmentId);
      return [item.unitStaff, item.awayByDate.map((day: { date: string; away: number }) => `${day.date} ${day.away}`)];
    };
    // Ana sees Luis away on all three days and Eva on the two that overlap; Eva sees both on those two only; Marta's centre has no one else away.
    expect(shown(inFirst.body[0].id)).toEqual([3, ['2031-04-07 1', '2031-04-08 2', '2031-04-09 2']]);
    expect(shown(inFirst.body[1].id)).toEqual([3, ['2031-04-07 1', '2031-04-08 2', '2031-04-09 2']]);
    expect(shown(inFirst.body[2].id)).toEqual([1, ['2031-04-07 0', '2031-04-08 0', '2031-04-09 0']]);
    expect(shown(inOverlapping.body[0].id)).toEqual([3, ['2031-04-08 2', '2031-04-09 2', '2031-04-10 0']]);
  });
});
