import { AttendanceLedger } from '../src/modules/attendance/attendance-ledger';
import type { Person } from '../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  createUnit,
  enrol,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setNow, setToday, type TestApp } from './support/test-app';

/**
 * Seminars of three eight-hour days from Monday 17 March 2031, 08:00–16:00 in Mexico City (UTC−6):
 * 08:00 there is 14:00Z. Check-in opens 30 minutes before (13:30Z) and closes at the end (22:00Z);
 * codes change every ten minutes, on the epoch's ten-minute marks.
 */
const START = '2031-03-17';
const DAY2 = '2031-03-18';
const DAY3 = '2031-03-19';

type Auth = { Authorization: string };

describe('Attendance: rosters, hours and self check-in', () => {
  let t: TestApp;
  let office: SignedIn;
  let networkId: string;
  let topicId: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    networkId = (await createNetwork(t)).id;
    topicId = (await createTopic(t, { minimumAttendees: 1 })).id;
  });

  afterAll(() => t?.close());

  beforeEach(() => setToday(t, '2031-03-03'));

  /** A seminar with two facilitators, opened unless told otherwise. */
  async function seminar(open = true): Promise<{ id: string; title: string; lead: Auth; other: Auth }> {
    const lead = await createFacilitator(t);
    const other = await createFacilitator(t);
    const { id, title } = await createSeminar(t, {
      office,
      networkId,
      topicId,
      startDate: START,
      facilitators: [lead, other],
      status: open ? 'open' : 'draft',
    });
    return { id, title, lead: await sessionFor(t, lead), other: await sessionFor(t, other) };
  }

  /** Confirmed attendees of the seminar, working at a named unit, named so they sort in this order. */
  async function attendees(seminarId: string, names: string[]): Promise<{ person: Person; auth: Auth }[]> {
    const unit = await createUnit(t, networkId, 'primary', { name: 'Centro de Salud Xalapa Norte' });
    const created: { person: Person; auth: Auth }[] = [];
    for (const fullName of names) {
      const person = await createPerson(t, { fullName, unitId: unit.id });
      await enrol(t, seminarId, person.id, 'confirmed');
      created.push({ person, auth: await sessionFor(t, person) });
    }
    return created;
  }

  const rosterPath = (id: string, date: string) => `/api/v1/seminars/${id}/days/${date}/attendance`;
  const codePath = (id: string, date = START) => `/api/v1/seminars/${id}/days/${date}/check-in-code`;

  async function codeAt(id: string, auth: Auth, instant: string): Promise<string> {
    setNow(t, instant);
    return (await t.http.get(codePath(id)).set(auth).expect(200)).body.code;
  }

  const statuses = (body: { attendees: { fullName: string; status: string; hoursCredited: number }[] }) =>
    body.attendees.map((line) => [line.fullName, line.status, line.hoursCredited]);

  describe('roster', () => {
    it('is recorded by a facilitator on the day for confirmed attendees, with names and units, and refused before the day', async () => {
      const s = await seminar();
      const [ana, beto, carla] = await attendees(s.id, ['Ana Aguilar', 'Beto Barrios', 'Carla Cruz']);
      setNow(t, '2031-03-17T15:00:00Z');

      const empty = await t.http.get(rosterPath(s.id, START)).set(s.lead).expect(200);
      expect(empty.body).toMatchObject({
        seminarId: s.id,
        date: START,
        dayHours: 8,
        editable: true,
        reasonRequired: false,
        readOnlyReason: null,
      });
      expect(statuses(empty.body)).toEqual([
        ['Ana Aguilar', 'unrecorded', 0],
        ['Beto Barrios', 'unrecorded', 0],
        ['Carla Cruz', 'unrecorded', 0],
      ]);
      expect(empty.body.attendees[0]).toMatchObject({
        personId: ana.person.id,
        unitName: 'Centro de Salud Xalapa Norte',
        checkedInAt: null,
      });

      const saved = await t.http
        .put(rosterPath(s.id, START))
        .set(s.other)
        .send({
          records: [
            { personId: ana.person.id, status: 'present' },
            { personId: beto.person.id, status: 'late', hoursAttended: 5.5 },
            { personId: carla.person.id, status: 'absent' },
          ],
        })
        .expect(200);
      expect(statuses(saved.body)).toEqual([
        ['Ana Aguilar', 'present', 8],
        ['Beto Barrios', 'late', 5.5],
        ['Carla Cruz', 'absent', 0],
      ]);
      const [audit] = await t.dataSource.query(
        `SELECT action, actor_id, details FROM audit_entry WHERE subject_id = $1`,
        [saved.body.seminarDayId],
      );
      expect(audit).toMatchObject({ action: 'attendance.recorded', details: { seminarId: s.id, date: START } });
      expect(audit.details.records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            personId: beto.person.id,
            status: 'late',
            hoursCredited: 5.5,
            previousStatus: null,
          }),
        ]),
      );

      // A later day cannot be recorded yet, and nothing is written for it.
      const future = await t.http
        .put(rosterPath(s.id, DAY2))
        .set(s.lead)
        .send({ records: [{ personId: ana.person.id, status: 'present' }] })
        .expect(422);
      expect(future.body.code).toBe('attendance_day_in_future');
      const later = await t.http.get(rosterPath(s.id, DAY2)).set(s.lead).expect(200);
      expect(later.body).toMatchObject({ editable: false, readOnlyReason: 'attendance_day_in_future' });
      expect(statuses(later.body).map((line) => line[1])).toEqual(['unrecorded', 'unrecorded', 'unrecorded']);
      // A date that is not one of the seminar's days.
      expect(
        (
          await t.http
            .put(rosterPath(s.id, '2031-03-20'))
            .set(s.lead)
            .send({ records: [{ personId: ana.person.id, status: 'present' }] })
            .expect(404)
        ).body.code,
      ).toBe('seminar_day_not_found');
    });

    it('refuses wrong hours, people twice, callers who do not take its attendance, and seminars not taking attendance', async () => {
      const s = await seminar();
      const [ana, beto] = await attendees(s.id, ['Ana Aguilar', 'Beto Barrios']);
      setNow(t, '2031-03-17T15:00:00Z');
      const put = (records: unknown[], auth: Auth = s.lead, id = s.id) =>
        t.http.put(rosterPath(id, START)).set(auth).send({ records });

      for (const [record, field] of [
        [{ personId: ana.person.id, status: 'late' }, 'records.0.hoursAttended'],
        [{ personId: ana.person.id, status: 'late', hoursAttended: 8 }, 'records.0.hoursAttended'],
        [{ personId: ana.person.id, status: 'late', hoursAttended: 2.25 }, 'records.0.hoursAttended'],
        [{ personId: ana.person.id, status: 'present', hoursAttended: 8 }, 'records.0.hoursAttended'],
      ] as const) {
        const refused = await put([record]).expect(422);
        expect(refused.body).toMatchObject({
          code: 'attendance_records_invalid',
          errors: [expect.objectContaining({ field })],
        });
      }
      const twice = await put([
        { personId: beto.person.id, status: 'present' },
        { personId: beto.person.id, status: 'absent' },
      ]).expect(422);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'records.1.personId' })]);
      await put([{ personId: ana.person.id, status: 'asleep' }]).expect(400);

      const elsewhere = await seminar();
      expect((await put([{ personId: ana.person.id, status: 'present' }], elsewhere.lead).expect(403)).body.code).toBe(
        'not_seminar_facilitator',
      );
      expect((await t.http.get(rosterPath(s.id, START)).set(elsewhere.lead).expect(403)).body.code).toBe(
        'not_seminar_facilitator',
      );
      expect((await put([{ personId: ana.person.id, status: 'present' }], ana.auth).expect(403)).body.code).toBe(
        'forbidden',
      );

      const draft = await seminar(false);
      await enrol(t, draft.id, beto.person.id, 'confirmed');
      expect(
        (await put([{ personId: beto.person.id, status: 'present' }], office.auth, draft.id).expect(409)).body.code,
      ).toBe('attendance_not_open');
      expect(
        statuses((await t.http.get(rosterPath(s.id, START)).set(s.lead).expect(200)).body).map((line) => line[1]),
      ).toEqual(['unrecorded', 'unrecorded']);
    });

    it('after the day is changed by the office only, with a reason that is kept and audited', async () => {
      const s = await seminar();
      const [ana, beto] = await attendees(s.id, ['Ana Aguilar', 'Beto Barrios']);
      setNow(t, '2031-03-17T15:00:00Z');
      await t.http
        .put(rosterPath(s.id, START))
        .set(s.lead)
        .send({
          records: [
            { personId: ana.person.id, status: 'absent' },
            { personId: beto.person.id, status: 'present' },
          ],
        })
        .expect(200);

      setNow(t, '2031-03-18T18:00:00Z');
      const change = { records: [{ personId: ana.person.id, status: 'excused' }] };
      expect(
        (
          await t.http
            .put(rosterPath(s.id, START))
            .set(s.lead)
            .send({ ...change, reason: 'Justificante médico' })
            .expect(403)
        ).body.code,
      ).toBe('attendance_after_day_office_only');
      expect((await t.http.get(rosterPath(s.id, START)).set(s.lead).expect(200)).body).toMatchObject({
        editable: false,
        reasonRequired: false,
        readOnlyReason: 'attendance_after_day_office_only',
      });
      expect((await t.http.get(rosterPath(s.id, START)).set(office.auth).expect(200)).body).toMatchObject({
        editable: true,
        reasonRequired: true,
        readOnlyReason: null,
      });
      const noReason = await t.http.put(rosterPath(s.id, START)).set(office.auth).send(change).expect(422);
      expect(noReason.body).toMatchObject({
        code: 'attendance_reason_required',
        errors: [expect.objectContaining({ field: 'reason' })],
      });

      const corrected = await t.http
        .put(rosterPath(s.id, START))
        .set(office.auth)
        .send({ ...change, reason: 'Justificante médico entregado' })
        .expect(200);
      expect(corrected.body.attendees).toEqual([
        expect.objectContaining({
          personId: ana.person.id,
          status: 'excused',
          hoursCredited: 0,
          reason: 'Justificante médico entregado',
        }),
        expect.objectContaining({ personId: beto.person.id, status: 'present', hoursCredited: 8, reason: null }),
      ]);
      const audit = await t.dataSource.query(
        `SELECT action, actor_id, reason, details FROM audit_entry WHERE subject_id = $1 ORDER BY created_at, id`,
        [corrected.body.seminarDayId],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual([
        'attendance.recorded',
        'attendance.corrected',
      ]);
      expect(audit[1]).toMatchObject({
        actor_id: office.person.id,
        reason: 'Justificante médico entregado',
        details: {
          records: [
            {
              personId: ana.person.id,
              status: 'excused',
              hoursCredited: 0,
              previousStatus: 'absent',
              previousHours: 0,
            },
          ],
        },
      });
    });

    it('refuses people without a confirmed seat, naming them, and writes nothing of the batch', async () => {
      const s = await seminar();
      const [ana] = await attendees(s.id, ['Ana Aguilar']);
      const accepted = await createPerson(t);
      await enrol(t, s.id, accepted.id, 'accepted');
      const stranger = await createPerson(t);
      setNow(t, '2031-03-17T15:00:00Z');
      const refused = await t.http
        .put(rosterPath(s.id, START))
        .set(s.lead)
        .send({
          records: [
            { personId: ana.person.id, status: 'present' },
            { personId: accepted.id, status: 'present' },
            { personId: stranger.id, status: 'absent' },
          ],
        })
        .expect(422);
      expect(refused.body.code).toBe('attendance_not_confirmed');
      expect([...refused.body.personIds].sort()).toEqual([accepted.id, stranger.id].sort());
      const roster = await t.http.get(rosterPath(s.id, START)).set(s.lead).expect(200);
      expect(statuses(roster.body)).toEqual([['Ana Aguilar', 'unrecorded', 0]]);
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM attendance_record WHERE seminar_id = $1`, [s.id]),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('adds up hours and the share of the topic’s hours across present, late, excused, absent and unrecorded days', async () => {
    const s = await seminar();
    const elsewhere = await seminar();
    const [ana, beto, carla] = await attendees(s.id, ['Ana Aguilar', 'Beto Barrios', 'Carla Cruz']);
    const record = async (date: string, records: unknown[]) => {
      setNow(t, `${date}T20:00:00Z`);
      await t.http.put(rosterPath(s.id, date)).set(s.lead).send({ records }).expect(200);
    };
    await record(START, [
      { personId: ana.person.id, status: 'present' },
      { personId: beto.person.id, status: 'absent' },
    ]);
    await record(DAY2, [
      { personId: ana.person.id, status: 'late', hoursAttended: 5.5 },
      { personId: beto.person.id, status: 'late', hoursAttended: 2.5 },
    ]);
    await record(DAY3, [{ personId: ana.person.id, status: 'excused' }]);

    const summary = await t.http.get(`/api/v1/seminars/${s.id}/attendance`).set(s.other).expect(200);
    expect(summary.body).toMatchObject({ seminarId: s.id, dayCount: 3, hoursPerDay: 8, topicHours: 24 });
    const expected = {
      [ana.person.id]: {
        hoursAttended: 13.5,
        topicHours: 24,
        share: 0.5625,
        presentDays: 1,
        lateDays: 1,
        absentDays: 0,
        excusedDays: 1,
        unrecordedDays: 0,
      },
      [beto.person.id]: {
        hoursAttended: 2.5,
        topicHours: 24,
        share: 0.1042,
        presentDays: 0,
        lateDays: 1,
        absentDays: 1,
        excusedDays: 0,
        unrecordedDays: 1,
      },
      [carla.person.id]: {
        hoursAttended: 0,
        topicHours: 24,
        share: 0,
        presentDays: 0,
        lateDays: 0,
        absentDays: 0,
        excusedDays: 0,
        unrecordedDays: 3,
      },
    };
    expect(summary.body.attendees).toEqual([
      {
        personId: ana.person.id,
        fullName: 'Ana Aguilar',
        unitId: ana.person.unitId,
        unitName: 'Centro de Salud Xalapa Norte',
        ...expected[ana.person.id],
      },
      expect.objectContaining({ personId: beto.person.id, ...expected[beto.person.id] }),
      expect.objectContaining({ personId: carla.person.id, ...expected[carla.person.id] }),
    ]);
    // What certificates will read: the same numbers from the ledger.
    const ledger = await t.app.get(AttendanceLedger).summaries(t.dataSource.manager, s.id);
    expect(Object.fromEntries(ledger)).toEqual(expected);

    await t.http.get(`/api/v1/seminars/${s.id}/attendance`).set(ana.auth).expect(403);
    expect((await t.http.get(`/api/v1/seminars/${s.id}/attendance`).set(elsewhere.lead).expect(403)).body.code).toBe(
      'not_seminar_facilitator',
    );
  });

  describe('check-in code', () => {
    it('is shown to the seminar’s facilitators only on the day inside its hours, changes every period, and is not cached', async () => {
      const s = await seminar();
      const [ana] = await attendees(s.id, ['Ana Aguilar']);
      const elsewhere = await seminar();

      setNow(t, '2031-03-17T13:30:00Z');
      const shown = await t.http.get(codePath(s.id)).set(s.lead).expect(200);
      expect(shown.headers['cache-control']).toBe('no-store');
      expect(shown.body).toMatchObject({
        code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{6}$/),
        validFrom: '2031-03-17T13:30:00.000Z',
        validUntil: '2031-03-17T13:40:00.000Z',
        serverTime: '2031-03-17T13:30:00.000Z',
        checkInUrl: `${t.config.publicBaseUrl}/check-in?seminar=${s.id}&code=${shown.body.code}`,
        qrSvg: expect.stringContaining('<svg'),
      });
      setNow(t, '2031-03-17T13:39:59Z');
      expect((await t.http.get(codePath(s.id)).set(s.other).expect(200)).body.code).toBe(shown.body.code);
      setNow(t, '2031-03-17T13:40:00Z');
      const next = await t.http.get(codePath(s.id)).set(office.auth).expect(200);
      expect(next.body.code).not.toBe(shown.body.code);
      expect(next.body.validFrom).toBe('2031-03-17T13:40:00.000Z');
      // The last window ends when the day does.
      setNow(t, '2031-03-17T21:55:00Z');
      expect((await t.http.get(codePath(s.id)).set(s.lead).expect(200)).body.validUntil).toBe(
        '2031-03-17T22:00:00.000Z',
      );

      expect((await t.http.get(codePath(s.id)).set(elsewhere.lead).expect(403)).body.code).toBe(
        'not_seminar_facilitator',
      );
      expect((await t.http.get(codePath(s.id)).set(ana.auth).expect(403)).body.code).toBe('forbidden');
      for (const [instant, date] of [
        ['2031-03-17T13:29:59Z', START],
        ['2031-03-17T22:00:00Z', START],
        ['2031-03-17T15:00:00Z', DAY2],
      ]) {
        setNow(t, instant);
        const closed = await t.http.get(codePath(s.id, date)).set(s.lead).expect(409);
        expect(closed.body.code).toBe('check_in_closed');
      }
      expect((await t.http.get(codePath(s.id, '2031-03-20')).set(s.lead).expect(404)).body.code).toBe(
        'seminar_day_not_found',
      );
    });
  });

  describe('self check-in', () => {
    const checkIn = (auth: Auth, body: object) => t.http.post('/api/v1/me/check-ins').set(auth).send(body);

    describe('marks a confirmed attendee present, keeps a roster status, and refuses reused, later, expired, foreign, unknown and closed codes', () => {
      let s: Awaited<ReturnType<typeof seminar>>;
      let other: Awaited<ReturnType<typeof seminar>>;
      let ana: { person: Person; auth: Auth };
      let beto: { person: Person; auth: Auth };
      let carla: { person: Person; auth: Auth };
      let dora: { person: Person; auth: Auth };
      let eva: { person: Person; auth: Auth };
      let accepted: Person;
      let first: string;
      let second: string;

      it('marks present an attendee who types the code of the moment, in lower case with a dash, once', async () => {
        s = await seminar();
        [ana, beto, carla, dora, eva] = await attendees(s.id, [
          'Ana Aguilar',
          'Beto Barrios',
          'Carla Cruz',
          'Dora Díaz',
          'Eva Estrada',
        ]);
        accepted = await createPerson(t);
        await enrol(t, s.id, accepted.id, 'accepted');
        other = await seminar();

        first = await codeAt(s.id, s.lead, '2031-03-17T14:05:00Z');
        const typed = `${first.slice(0, 3)}-${first.slice(3)}`.toLowerCase();
        const done = await checkIn(ana.auth, { code: typed, seminarId: s.id }).expect(201);
        expect(done.body).toEqual({
          seminarId: s.id,
          seminarTitle: s.title,
          date: START,
          checkedInAt: '2031-03-17T14:05:00.000Z',
          status: 'present',
        });
        expect((await checkIn(ana.auth, { code: first }).expect(409)).body.code).toBe('check_in_code_reused');
      });

      it('lets the facilitator record on the roster that Dora arrived late', async () => {
        setNow(t, '2031-03-17T14:05:00Z');
        await t.http
          .put(rosterPath(s.id, START))
          .set(s.lead)
          .send({ records: [{ personId: dora.person.id, status: 'late', hoursAttended: 6 }] })
          .expect(200);
      });

      it('takes a code for a minute’s grace after it changes, and calls it expired after that', async () => {
        setNow(t, '2031-03-17T14:10:30Z');
        expect((await checkIn(beto.auth, { code: first }).expect(201)).body.status).toBe('present');
        setNow(t, '2031-03-17T14:11:00Z');
        const expired = await checkIn(carla.auth, { code: first }).expect(422);
        expect(expired.body).toMatchObject({
          code: 'check_in_code_expired',
          errors: [expect.objectContaining({ field: 'code' })],
        });
      });

      it('with the next code, refuses who already checked in (saying when), keeps Dora late and takes Carla', async () => {
        second = await codeAt(s.id, s.other, '2031-03-17T14:15:00Z');
        expect(second).not.toBe(first);
        const again = await checkIn(ana.auth, { code: second }).expect(409);
        expect(again.body).toMatchObject({ code: 'already_checked_in', checkedInAt: '2031-03-17T14:05:00.000Z' });
        expect(again.body.detail).toMatch(/08:05/);
        expect((await checkIn(dora.auth, { code: second }).expect(201)).body.status).toBe('late');
        expect((await checkIn(carla.auth, { code: second }).expect(201)).body.checkedInAt).toBe(
          '2031-03-17T14:15:00.000Z',
        );
      });

      it('refuses a seat not confirmed, another seminar’s code, an unknown code and an empty one', async () => {
        setNow(t, '2031-03-17T14:15:00Z');
        expect((await checkIn(await sessionFor(t, accepted), { code: second }).expect(403)).body.code).toBe(
          'check_in_not_confirmed',
        );
        const foreign = await codeAt(other.id, other.lead, '2031-03-17T14:15:00Z');
        expect((await checkIn(eva.auth, { code: foreign, seminarId: s.id }).expect(422)).body.code).toBe(
          'check_in_code_other_seminar',
        );
        // Without the seminar named, the other seminar's code is simply not hers to use.
        expect((await checkIn(eva.auth, { code: foreign }).expect(403)).body.code).toBe('check_in_not_confirmed');
        expect((await checkIn(eva.auth, { code: 'ZZZZZZ' }).expect(422)).body.code).toBe('check_in_code_invalid');
        await checkIn(eva.auth, { code: '' }).expect(400);
      });

      it('refuses a code shown just before the end once the day is over', async () => {
        const last = await codeAt(s.id, s.lead, '2031-03-17T21:55:00Z');
        setNow(t, '2031-03-17T22:00:30Z');
        expect((await checkIn(eva.auth, { code: last }).expect(409)).body.code).toBe('check_in_closed');
      });

      it('leaves each check-in on the day’s roster with its time, and whoever did not come unrecorded', async () => {
        setNow(t, '2031-03-17T22:00:30Z');
        const roster = await t.http.get(rosterPath(s.id, START)).set(s.lead).expect(200);
        expect(
          roster.body.attendees.map(
            (line: { fullName: string; status: string; hoursCredited: number; checkedInAt: string | null }) => [
              line.fullName,
              line.status,
              line.hoursCredited,
              line.checkedInAt,
            ],
          ),
        ).toEqual([
          ['Ana Aguilar', 'present', 8, '2031-03-17T14:05:00.000Z'],
          ['Beto Barrios', 'present', 8, '2031-03-17T14:10:30.000Z'],
          ['Carla Cruz', 'present', 8, '2031-03-17T14:15:00.000Z'],
          ['Dora Díaz', 'late', 6, '2031-03-17T14:15:00.000Z'],
          ['Eva Estrada', 'unrecorded', 0, null],
        ]);
      });

      it('counts for the room’s screen the confirmed attendees and those who checked in, for its facilitators only', async () => {
        setNow(t, '2031-03-17T22:00:30Z');
        const countPath = `/api/v1/seminars/${s.id}/days/${START}/check-ins/count`;
        const counted = await t.http.get(countPath).set(s.other).expect(200);
        expect(counted.headers['cache-control']).toBe('no-store');
        // Dora's late arrival was recorded on the roster and stamped by her check-in; the accepted seat is not counted.
        expect(counted.body).toEqual({ date: START, checkedIn: 4, confirmed: 5 });
        expect(
          (await t.http.get(`/api/v1/seminars/${s.id}/days/${DAY2}/check-ins/count`).set(s.lead).expect(200)).body,
        ).toEqual({ date: DAY2, checkedIn: 0, confirmed: 5 });
        expect((await t.http.get(countPath).set(other.lead).expect(403)).body.code).toBe('not_seminar_facilitator');
        expect((await t.http.get(countPath).set(eva.auth).expect(403)).body.code).toBe('forbidden');
        expect(
          (await t.http.get(`/api/v1/seminars/${s.id}/days/2031-03-20/check-ins/count`).set(s.lead).expect(404)).body
            .code,
        ).toBe('seminar_day_not_found');
      });
    });

    it('makes a person wait after five wrong codes in ten minutes, even with the right code, until the oldest leaves the window', async () => {
      const s = await seminar();
      const [gil, hugo] = await attendees(s.id, ['Gil Galván', 'Hugo Hernández']);
      const right = await codeAt(s.id, s.lead, '2031-03-17T14:20:00Z');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await checkIn(gil.auth, { code: 'ZZZZZZ' }).expect(422)).body.code).toBe('check_in_code_invalid');
      }
      // The sixth try waits, whatever the code: the right one too.
      const throttled = await checkIn(gil.auth, { code: right }).expect(429);
      expect(throttled.body.code).toBe('too_many_requests');
      expect(throttled.headers['retry-after']).toBe('600');
      setNow(t, '2031-03-17T14:25:00Z');
      const stillThrottled = await checkIn(gil.auth, { code: 'ZZZZZZ' }).expect(429);
      expect(stillThrottled.headers['retry-after']).toBe('300');
      // Someone else is not affected.
      expect((await checkIn(hugo.auth, { code: right }).expect(201)).body.status).toBe('present');

      const later = await codeAt(s.id, s.lead, '2031-03-17T14:30:01Z');
      expect((await checkIn(gil.auth, { code: later }).expect(201)).body).toMatchObject({
        status: 'present',
        checkedInAt: '2031-03-17T14:30:01.000Z',
      });
    });
  });
});
