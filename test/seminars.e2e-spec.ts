import type { Network } from '../src/modules/directory/network.entity';
import type { Person } from '../src/modules/identity/person.entity';
import { SeminarLifecycleService } from '../src/modules/seminars/seminar-lifecycle.service';
import { SeminarsService } from '../src/modules/seminars/seminars.service';
import { AgendaService } from '../src/modules/seminars/agenda.service';
import { FacilitatorsService } from '../src/modules/seminars/facilitators.service';
import type { Topic } from '../src/modules/topics/topic.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  createVenue,
  enrol,
  signedInAs,
  signIn,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

describe('Seminars', () => {
  let t: TestApp;
  let office: SignedIn;
  let network: Network;
  let topic: Topic;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    network = await createNetwork(t);
    topic = await createTopic(t, { minimumAttendees: 2 });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  /** Pretends the service's clock reads noon of that day in Mexico City. */
  function today(date: string): void {
    setToday(t, date);
  }

  async function plan(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; days: { date: string }[]; title: string; venue: { id: string } | null }> {
    const venueId = overrides.venueId === undefined ? (await createVenue(t, network.id)).id : overrides.venueId;
    const response = await t.http
      .post('/api/v1/seminars')
      .set(office.auth)
      .send({
        topicId: topic.id,
        networkId: network.id,
        startDate: '2031-03-17',
        ...overrides,
        venueId: venueId ?? undefined,
      })
      .expect(201);
    return response.body;
  }

  async function act(id: string, action: string, body?: object, expected = 200) {
    const request = t.http.post(`/api/v1/seminars/${id}/${action}`).set(office.auth);
    return (body ? request.send(body) : request).expect(expected);
  }

  async function addFacilitators(id: string, count = 2, lead = false) {
    const people = [];
    for (let index = 0; index < count; index += 1) {
      const person = await createFacilitator(t);
      await t.http
        .post(`/api/v1/seminars/${id}/facilitators`)
        .set(office.auth)
        .send({ personId: person.id, lead: lead && index === 0 })
        .expect(201);
      people.push(person);
    }
    return people;
  }

  async function auditActions(id: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ action: string }[]>(
      'SELECT action FROM audit_entry WHERE subject_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((row) => row.action);
  }

  describe(SeminarsService.name, () => {
    it('lays out consecutive working days across weekends and holidays, with the topic hours in the service time zone', async () => {
      today('2031-01-10');
      const thursday = await plan({ startDate: '2031-03-13' });
      expect(thursday.days).toEqual([
        expect.objectContaining({
          position: 1,
          date: '2031-03-13',
          startTime: '08:00',
          endTime: '16:00',
          startsAt: '2031-03-13T08:00:00-06:00',
          endsAt: '2031-03-13T16:00:00-06:00',
        }),
        expect.objectContaining({ position: 2, date: '2031-03-14' }),
        expect.objectContaining({ position: 3, date: '2031-03-17' }),
      ]);
      expect(thursday).toMatchObject({
        status: 'draft',
        title: topic.title,
        capacity: 25,
        startDate: '2031-03-13',
        endDate: '2031-03-17',
      });

      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-05-05', name: 'Batalla de Puebla' })
        .expect(201);
      const overHoliday = await plan({ startDate: '2031-05-01' });
      expect(overHoliday.days.map((day) => day.date)).toEqual(['2031-05-01', '2031-05-02', '2031-05-06']);

      const shortTopic = await createTopic(t, { dayCount: 2, hoursPerDay: 6, minimumAttendees: 2 });
      const short = await plan({ topicId: shortTopic.id, startDate: '2031-05-06' });
      expect(short.days).toEqual([
        expect.objectContaining({ date: '2031-05-06', startTime: '08:00', endTime: '14:00' }),
        expect.objectContaining({ date: '2031-05-07', startTime: '08:00', endTime: '14:00' }),
      ]);
    });

    it('refuses a start on a weekend, a holiday or in the past, naming the next valid date, and creates nothing', async () => {
      today('2031-01-10');
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM seminar');
      const venue = await createVenue(t, network.id);
      const saturday = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, venueId: venue.id, startDate: '2031-03-15' })
        .expect(422);
      expect(saturday.body).toMatchObject({
        code: 'start_date_not_working_day',
        errors: [{ field: 'startDate', message: 'Siguiente fecha válida: 2031-03-17.' }],
      });
      expect(saturday.body.detail).toContain('lunes, 17 de marzo de 2031');

      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-09-16', name: 'Día de la Independencia' })
        .expect(201);
      const holiday = await t.http
        .post('/api/v1/seminars')
        .set({ ...office.auth, 'Accept-Language': 'en' })
        .send({ topicId: topic.id, networkId: network.id, startDate: '2031-09-16' })
        .expect(422);
      expect(holiday.body.code).toBe('start_date_not_working_day');
      expect(holiday.body.detail).toBe(
        'Tuesday, September 16, 2031 is not a working day; the next valid date is Wednesday, September 17, 2031 (2031-09-17).',
      );

      const past = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, startDate: '2031-01-09' })
        .expect(422);
      expect(past.body.code).toBe('start_date_in_past');
      const farAway = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, startDate: '9999-06-01' })
        .expect(422);
      expect(farAway.body).toMatchObject({ code: 'seminar_rule_broken', errors: [{ field: 'startDate' }] });
      const tooBig = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, venueId: venue.id, startDate: '2031-03-17', capacity: 31 })
        .expect(422);
      expect(tooBig.body.code).toBe('venue_capacity_exceeded');
      const badDate = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, startDate: '2031-02-30' })
        .expect(400);
      expect(badDate.body.errors).toEqual([{ field: 'startDate', message: 'Debe ser una fecha válida AAAA-MM-DD.' }]);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM seminar')).toEqual(before);
    });

    it('keeps drafts from people who do not plan them, and lists by topic, status, dates and person', async () => {
      today('2031-01-10');
      const attendee = await signedInAs(t, ['attendee']);
      const listTopic = await createTopic(t, { minimumAttendees: 2 });
      const draft = await plan({ topicId: listTopic.id, startDate: '2031-06-02' });
      const opened = await plan({ topicId: listTopic.id, startDate: '2031-06-09' });
      await act(opened.id, 'open');
      await t.http.get(`/api/v1/seminars/${draft.id}`).set(attendee.auth).expect(404);
      await t.http.get(`/api/v1/seminars/${opened.id}`).set(attendee.auth).expect(200);

      const forAttendee = await t.http.get(`/api/v1/seminars?topicId=${listTopic.id}`).set(attendee.auth).expect(200);
      expect(forAttendee.body.items.map((item: { id: string }) => item.id)).toEqual([opened.id]);
      const forOffice = await t.http
        .get(`/api/v1/seminars?topicId=${listTopic.id}&sort=-startDate`)
        .set(office.auth)
        .expect(200);
      expect(forOffice.body).toMatchObject({ total: 2, items: [{ id: opened.id }, { id: draft.id }] });
      const drafts = await t.http
        .get(`/api/v1/seminars?topicId=${listTopic.id}&status=draft`)
        .set(office.auth)
        .expect(200);
      expect(drafts.body.items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
      const range = await t.http
        .get(`/api/v1/seminars?topicId=${listTopic.id}&from=2031-06-05&to=2031-06-30`)
        .set(office.auth)
        .expect(200);
      expect(range.body.items.map((item: { id: string }) => item.id)).toEqual([opened.id]);

      const [facilitator] = await addFacilitators(draft.id, 1);
      const mine = await t.http
        .get('/api/v1/me/seminars')
        .set((await signIn(t.http, facilitator)).auth)
        .expect(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: draft.id, myRole: 'facilitator', status: 'draft' }),
      ]);
      const byPerson = await t.http.get(`/api/v1/seminars?personId=${facilitator.id}`).set(office.auth).expect(200);
      expect(byPerson.body.items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
      await t.http.get(`/api/v1/seminars?personId=${facilitator.id}`).set(attendee.auth).expect(403);
      await t.http.get(`/api/v1/me/seminars?personId=${facilitator.id}`).set(attendee.auth).expect(400);

      // A plan cancelled before it ever opened stays with those who planned it.
      await act(draft.id, 'cancel', { reason: 'No se abrirá este año' });
      await t.http.get(`/api/v1/seminars/${draft.id}`).set(attendee.auth).expect(404);
      await t.http
        .get(`/api/v1/seminars/${draft.id}`)
        .set((await signIn(t.http, facilitator)).auth)
        .expect(200);
      const afterCancel = await t.http.get(`/api/v1/seminars?topicId=${listTopic.id}`).set(attendee.auth).expect(200);
      expect(afterCancel.body.items.map((item: { id: string }) => item.id)).toEqual([opened.id]);
      await t.http.get('/api/v1/seminars?status=finished').set(office.auth).expect(400);
    });
  });

  describe(SeminarLifecycleService.name, () => {
    it('walks a seminar from draft to closed, checking each precondition and auditing each step', async () => {
      today('2031-01-10');
      const noVenue = await plan({ venueId: null, startDate: '2031-04-07' });
      const missingVenue = await act(noVenue.id, 'open', undefined, 422);
      expect(missingVenue.body.code).toBe('venue_required');

      const unchanged = await act(noVenue.id, 'reschedule', { startDate: '2031-04-07', reason: 'Sin cambio' }, 422);
      expect(unchanged.body.code).toBe('nothing_to_reschedule');

      const seminar = await plan({ startDate: '2031-04-07' });
      await act(seminar.id, 'confirm', undefined, 409);
      await act(seminar.id, 'open');

      const [gynaecologist] = await addFacilitators(seminar.id, 1, true);
      const uncovered = await act(seminar.id, 'confirm', undefined, 422);
      expect(uncovered.body).toMatchObject({
        code: 'specialties_not_covered',
        errors: [{ field: 'facilitators', message: 'Falta 1 de Ginecología y obstetricia (se requieren 2).' }],
      });
      const covered = await addFacilitators(seminar.id, 1);
      const facilitators = await t.http.get(`/api/v1/seminars/${seminar.id}/facilitators`).set(office.auth).expect(200);
      expect(facilitators.body).toMatchObject({
        covered: true,
        coverage: [{ specialty: { code: 'gynecology_obstetrics' }, required: 2, assigned: 2, missing: 0 }],
      });
      expect(
        facilitators.body.items.map((item: { personId: string; lead: boolean }) => [item.personId, item.lead]),
      ).toEqual([
        [gynaecologist.id, true],
        [covered[0].id, false],
      ]);

      const first = await createPerson(t);
      await enrol(t, seminar.id, first.id, 'confirmed');
      await enrol(t, seminar.id, (await createPerson(t)).id, 'accepted');
      const few = await act(seminar.id, 'confirm', undefined, 422);
      expect(few.body).toMatchObject({
        code: 'too_few_attendees',
        detail: 'Hay 1 asistentes confirmados; el tema pide al menos 2.',
      });
      await enrol(t, seminar.id, (await createPerson(t)).id, 'confirmed');
      expect((await act(seminar.id, 'confirm')).body.status).toBe('confirmed');

      const early = await act(seminar.id, 'start', undefined, 422);
      expect(early.body.code).toBe('seminar_not_started');
      today('2031-04-07');
      expect((await act(seminar.id, 'start')).body.status).toBe('in_progress');
      await act(seminar.id, 'reschedule', { startDate: '2031-05-05', reason: 'Cambio de fechas' }, 409);
      const remaining = await act(seminar.id, 'complete', undefined, 422);
      expect(remaining.body.code).toBe('seminar_days_remaining');
      today('2031-04-09');
      expect((await act(seminar.id, 'complete')).body.status).toBe('completed');
      const tooLate = await act(seminar.id, 'cancel', { reason: 'Ya no hace falta' }, 409);
      expect(tooLate.body).toMatchObject({
        code: 'seminar_status_conflict',
        detail: 'No se puede cancelar un seminario en estado «concluido».',
      });
      expect((await act(seminar.id, 'close')).body.status).toBe('closed');
      await act(seminar.id, 'close', undefined, 409);

      expect(await auditActions(seminar.id)).toEqual(
        expect.arrayContaining([
          'seminar.created',
          'seminar.open',
          'seminar.confirm',
          'seminar.start',
          'seminar.complete',
          'seminar.close',
        ]),
      );
      const steps = await t.dataSource.query(
        `SELECT details FROM audit_entry WHERE subject_id = $1 AND action = 'seminar.confirm'`,
        [seminar.id],
      );
      expect(steps).toEqual([{ details: { from: 'open', to: 'confirmed' } }]);
    });

    it('refuses every action that the current status does not allow', async () => {
      today('2031-01-10');
      const seminar = await plan({ startDate: '2031-05-19' });
      for (const action of ['confirm', 'start', 'complete', 'close']) {
        expect((await act(seminar.id, action, undefined, 409)).body.code).toBe('seminar_status_conflict');
      }
      await act(seminar.id, 'open');
      for (const action of ['open', 'start', 'complete', 'close']) {
        expect((await act(seminar.id, action, undefined, 409)).body.code).toBe('seminar_status_conflict');
      }
      await act(seminar.id, 'cancel', { reason: 'Cambio de prioridades' });
      for (const action of ['open', 'confirm', 'start', 'complete', 'close'])
        await act(seminar.id, action, undefined, 409);
      await act(seminar.id, 'cancel', { reason: 'Otra vez' }, 409);
      await act(seminar.id, 'reschedule', { startDate: '2031-05-26', reason: 'Nuevas fechas' }, 409);
      expect((await t.http.get(`/api/v1/seminars/${seminar.id}`).set(office.auth).expect(200)).body.status).toBe(
        'cancelled',
      );
    });

    it('needs a reason to cancel, and tells every facilitator and enrolled person in their own language', async () => {
      today('2031-01-10');
      const seminar = await plan({ startDate: '2031-04-14' });
      await act(seminar.id, 'open');
      const [facilitator] = await addFacilitators(seminar.id, 1);
      const english = await createPerson(t, { locale: 'en' });
      const spanish = await createPerson(t);
      const waiting = await createPerson(t);
      const declined = await createPerson(t);
      await enrol(t, seminar.id, english.id, 'confirmed');
      await enrol(t, seminar.id, spanish.id, 'invited');
      await enrol(t, seminar.id, waiting.id, 'waitlisted');
      await enrol(t, seminar.id, declined.id, 'declined');

      const noReason = await t.http.post(`/api/v1/seminars/${seminar.id}/cancel`).set(office.auth).send({}).expect(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      const cancelled = await act(seminar.id, 'cancel', { reason: 'Contingencia sanitaria en la red' });
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancellation: { reason: 'Contingencia sanitaria en la red' },
        revision: 2,
      });

      const mail = await t.dataSource.query<{ recipient: string; locale: string; subject: string; body: string }[]>(
        `SELECT recipient, locale, subject, body FROM outbox_mail WHERE template = 'seminar-cancelled' AND recipient = ANY($1) ORDER BY recipient`,
        [[facilitator.email, english.email, spanish.email, waiting.email, declined.email]],
      );
      expect(mail.map((message) => message.recipient).sort()).toEqual(
        [facilitator.email, english.email, spanish.email, waiting.email].sort(),
      );
      const toEnglish = mail.find((message) => message.recipient === english.email)!;
      expect(toEnglish).toMatchObject({ locale: 'en', subject: `Seminar cancelled: ${seminar.title}` });
      expect(toEnglish.body).toContain('Reason: Contingencia sanitaria en la red');
      expect(toEnglish.body).toContain('Monday, April 14, 2031');
      const toFacilitator = mail.find((message) => message.recipient === facilitator.email)!;
      expect(toFacilitator.subject).toBe(`Seminario cancelado: ${seminar.title}`);
      expect(toFacilitator.body).toContain('participa como facilitador(a)');
      expect(toFacilitator.body).toContain('lunes, 14 de abril de 2031');
      expect(await auditActions(seminar.id)).toContain('seminar.cancel');
      const [entry] = await t.dataSource.query(
        `SELECT reason FROM audit_entry WHERE subject_id = $1 AND action = 'seminar.cancel'`,
        [seminar.id],
      );
      expect(entry.reason).toBe('Contingencia sanitaria en la red');
    });

    it('reschedules to new working days, keeping each day and its agenda, the history, and telling everyone', async () => {
      today('2031-01-10');
      const seminar = await plan({ startDate: '2031-06-16' });
      const [facilitator] = await addFacilitators(seminar.id, 1);
      await act(seminar.id, 'open');
      const attendee = await createPerson(t, { locale: 'en' });
      await enrol(t, seminar.id, attendee.id, 'confirmed');
      await t.http
        .put(`/api/v1/seminars/${seminar.id}/days/2031-06-17/agenda`)
        .set(office.auth)
        .send({
          version: 0,
          blocks: [{ kind: 'lecture', start: '08:00', end: '10:00', title: 'Diabetes gestacional' }],
        })
        .expect(200);

      const weekend = await act(seminar.id, 'reschedule', { startDate: '2031-06-21', reason: 'Cambio de sede' }, 422);
      expect(weekend.body.code).toBe('start_date_not_working_day');
      const same = await act(seminar.id, 'reschedule', { startDate: '2031-06-16', reason: 'Sin cambio' }, 422);
      expect(same.body.code).toBe('nothing_to_reschedule');
      const moved = await act(seminar.id, 'reschedule', { startDate: '2031-06-19', reason: 'Congreso estatal' });
      expect(moved.body).toMatchObject({ startDate: '2031-06-19', endDate: '2031-06-23', revision: 2 });
      expect(moved.body.scheduleHistory).toEqual([
        expect.objectContaining({
          previousDates: ['2031-06-16', '2031-06-17', '2031-06-18'],
          newDates: ['2031-06-19', '2031-06-20', '2031-06-23'],
          reason: 'Congreso estatal',
        }),
      ]);
      const agenda = await t.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(office.auth).expect(200);
      expect(agenda.body.days[1]).toMatchObject({
        date: '2031-06-20',
        blocks: [{ title: 'Diabetes gestacional', start: '08:00' }],
      });

      const mail = await t.dataSource.query<{ recipient: string; subject: string; body: string }[]>(
        `SELECT recipient, subject, body FROM outbox_mail WHERE template = 'seminar-rescheduled' AND recipient = ANY($1)`,
        [[facilitator.email, attendee.email]],
      );
      expect(mail).toHaveLength(2);
      const toAttendee = mail.find((message) => message.recipient === attendee.email)!;
      expect(toAttendee.subject).toBe(`New dates: ${seminar.title}`);
      expect(toAttendee.body).toContain(
        'Before: Monday, June 16, 2031; Tuesday, June 17, 2031; Wednesday, June 18, 2031',
      );
      expect(toAttendee.body).toContain(
        'Now: Thursday, June 19, 2031; Friday, June 20, 2031; Monday, June 23, 2031, from 08:00 to 16:00',
      );
    });
  });

  describe('double bookings', () => {
    it('refuses a facilitator in two overlapping seminars, naming the other one; on a draft it is a warning', async () => {
      today('2031-01-10');
      const first = await plan({ startDate: '2031-07-07', title: 'Salud materna — Coatepec' });
      const [busy] = await addFacilitators(first.id, 1);
      await act(first.id, 'open');
      const second = await plan({ startDate: '2031-07-09' });
      await act(second.id, 'open');

      const refused = await t.http
        .post(`/api/v1/seminars/${second.id}/facilitators`)
        .set(office.auth)
        .send({ personId: busy.id })
        .expect(409);
      expect(refused.body.code).toBe('person_double_booked');
      expect(refused.body.detail).toContain('«Salud materna — Coatepec»');
      // The same seminar also takes up the specialist's one seminar of July.
      expect(refused.body.conflicts).toEqual([
        expect.objectContaining({
          kind: 'person_double_booked',
          personId: busy.id,
          dates: ['2031-07-09'],
          otherSeminar: expect.objectContaining({ id: first.id }),
        }),
        expect.objectContaining({
          kind: 'facilitator_monthly_limit',
          personId: busy.id,
          dates: ['2031-07'],
          otherSeminar: expect.objectContaining({ id: first.id }),
        }),
      ]);
      const listed = await t.http.get(`/api/v1/seminars/${second.id}/facilitators`).set(office.auth).expect(200);
      expect(listed.body.items).toEqual([]);

      const draft = await plan({ startDate: '2031-07-08' });
      await t.http
        .post(`/api/v1/seminars/${draft.id}/facilitators`)
        .set(office.auth)
        .send({ personId: busy.id })
        .expect(201);
      const warnings = await t.http.get(`/api/v1/seminars/${draft.id}/conflicts`).set(office.auth).expect(200);
      expect(warnings.body).toMatchObject({
        comparedWith: 'all_plans',
        items: [
          { kind: 'person_double_booked', otherSeminar: { id: first.id }, dates: ['2031-07-08', '2031-07-09'] },
          { kind: 'facilitator_monthly_limit', otherSeminar: { id: first.id } },
        ],
      });
      const opening = await act(draft.id, 'open', undefined, 409);
      expect(opening.body.code).toBe('person_double_booked');
    });

    it('refuses an attendee whose seminars would overlap after a reschedule', async () => {
      today('2031-01-10');
      const attending = await plan({ startDate: '2031-08-04', title: 'Enfermedades crónicas — Banderilla' });
      await act(attending.id, 'open');
      const other = await plan({ startDate: '2031-08-11' });
      await act(other.id, 'open');
      const person = await createPerson(t);
      await enrol(t, attending.id, person.id, 'confirmed');
      await enrol(t, other.id, person.id, 'accepted');

      const refused = await act(
        other.id,
        'reschedule',
        { startDate: '2031-08-06', reason: 'Ajuste de calendario' },
        409,
      );
      expect(refused.body).toMatchObject({
        code: 'person_double_booked',
        conflicts: [{ personId: person.id, otherSeminar: { id: attending.id } }],
      });
      expect(refused.body.detail).toContain('ya asiste a «Enfermedades crónicas — Banderilla»');
      const unchanged = await t.http.get(`/api/v1/seminars/${other.id}`).set(office.auth).expect(200);
      expect(unchanged.body).toMatchObject({ startDate: '2031-08-11', revision: 1, scheduleHistory: [] });
    });

    it('refuses a venue booked twice on a day', async () => {
      today('2031-01-10');
      const venue = await createVenue(t, network.id);
      const held = await plan({ venueId: venue.id, startDate: '2031-09-01', title: 'Salud materna — Xalapa' });
      await act(held.id, 'open');
      const clash = await plan({ venueId: venue.id, startDate: '2031-09-03' });
      const refused = await act(clash.id, 'open', undefined, 409);
      expect(refused.body).toMatchObject({
        code: 'venue_double_booked',
        conflicts: [{ venueId: venue.id, dates: ['2031-09-03'], otherSeminar: { id: held.id } }],
      });
      expect(refused.body.detail).toContain(
        `La sede «${venue.name}» ya está reservada el 3 de septiembre de 2031 para «Salud materna — Xalapa»`,
      );
      expect((await t.http.get(`/api/v1/seminars/${clash.id}`).set(office.auth).expect(200)).body.status).toBe('draft');
      await act(clash.id, 'reschedule', { startDate: '2031-09-08', reason: 'La sede está ocupada' });
      await act(clash.id, 'open');
    });

    it('lets only one of two concurrent bookings of the same specialist or venue through', async () => {
      today('2031-01-10');
      const venue = await createVenue(t, network.id);
      const [left, right] = [
        await plan({ venueId: venue.id, startDate: '2032-02-02' }),
        await plan({ venueId: venue.id, startDate: '2032-02-03' }),
      ];
      const opened = await Promise.all(
        [left, right].map((seminar) => t.http.post(`/api/v1/seminars/${seminar.id}/open`).set(office.auth)),
      );
      expect(opened.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(opened.find((response) => response.status === 409)!.body.code).toBe('venue_double_booked');

      const specialist = await createFacilitator(t);
      const [one, other] = [await plan({ startDate: '2032-03-01' }), await plan({ startDate: '2032-03-02' })];
      await act(one.id, 'open');
      await act(other.id, 'open');
      const added = await Promise.all(
        [one, other].map((seminar) =>
          t.http.post(`/api/v1/seminars/${seminar.id}/facilitators`).set(office.auth).send({ personId: specialist.id }),
        ),
      );
      expect(added.map((response) => response.status).sort()).toEqual([201, 409]);
      const [{ count }] = await t.dataSource.query(
        'SELECT count(*)::int AS count FROM facilitation WHERE person_id = $1',
        [specialist.id],
      );
      expect(count).toBe(1);
    });

    it('keeps a specialist within the monthly limit', async () => {
      today('2031-01-10');
      const march = await plan({ startDate: '2031-10-06', title: 'Salud materna — Octubre' });
      const [specialist] = await addFacilitators(march.id, 1);
      await act(march.id, 'open');
      const sameMonth = await plan({ startDate: '2031-10-20' });
      await act(sameMonth.id, 'open');
      const refused = await t.http
        .post(`/api/v1/seminars/${sameMonth.id}/facilitators`)
        .set(office.auth)
        .send({ personId: specialist.id })
        .expect(409);
      expect(refused.body).toMatchObject({
        code: 'facilitator_monthly_limit',
        conflicts: [{ dates: ['2031-10'], otherSeminar: { id: march.id } }],
      });
      expect(refused.body.detail).toContain(
        'ya facilita «Salud materna — Octubre» en octubre de 2031; el límite es 1 seminario por mes.',
      );
      const nextMonth = await plan({ startDate: '2031-11-03' });
      await act(nextMonth.id, 'open');
      await t.http
        .post(`/api/v1/seminars/${nextMonth.id}/facilitators`)
        .set(office.auth)
        .send({ personId: specialist.id })
        .expect(201);
    });
  });

  describe(AgendaService.name, () => {
    describe('lets the office and the seminar facilitators co-plan a day, validating blocks, and others read it', () => {
      let seminar: { id: string };
      let facilitator: Person;
      let planner: SignedIn;
      let outsider: SignedIn;
      let attendee: SignedIn;
      let url: string;

      // The clock is put back after each test of this file: each step sets it again.
      beforeEach(() => today('2031-01-10'));

      it('saves a facilitator’s blocks of a day in time order, naming who is responsible', async () => {
        seminar = await plan({ startDate: '2031-11-17' });
        [facilitator] = await addFacilitators(seminar.id, 1);
        planner = await signIn(t.http, facilitator);
        outsider = await signIn(t.http, await createFacilitator(t));
        attendee = await signedInAs(t, ['attendee']);
        url = `/api/v1/seminars/${seminar.id}/days/2031-11-18/agenda`;

        const blocks = [
          {
            kind: 'case_discussion',
            start: '10:30',
            end: '12:30',
            title: 'Caso: hipertensión en el embarazo',
            responsibleId: facilitator.id,
          },
          { kind: 'lecture', start: '08:00', end: '10:00', title: 'Control prenatal' },
          { kind: 'break', start: '10:00', end: '10:30' },
        ];
        const saved = await t.http.put(url).set(planner.auth).send({ version: 0, blocks }).expect(200);
        expect(saved.body).toMatchObject({ date: '2031-11-18', agendaVersion: 1 });
        expect(saved.body.blocks.map((block: { kind: string; start: string }) => [block.kind, block.start])).toEqual([
          ['lecture', '08:00'],
          ['break', '10:00'],
          ['case_discussion', '10:30'],
        ]);
        expect(saved.body.blocks[2]).toMatchObject({
          responsibleId: facilitator.id,
          responsibleName: facilitator.fullName,
        });
      });

      it('refuses a change made on a version that is no longer the latest', async () => {
        const stale = await t.http.put(url).set(office.auth).send({ version: 0, blocks: [] }).expect(409);
        expect(stale.body.code).toBe('agenda_changed');
      });

      it('refuses blocks outside the day’s hours, overlapping, ending before they start, untitled or led by someone else, naming each', async () => {
        const invalid = await t.http
          .put(url)
          .set(office.auth)
          .send({
            version: 1,
            blocks: [
              { kind: 'lecture', start: '07:00', end: '09:00', title: 'Antes de la hora' },
              { kind: 'workshop', start: '09:00', end: '11:00', title: 'Taller' },
              { kind: 'plenary', start: '10:00', end: '12:00', title: 'Plenaria', responsibleId: outsider.person.id },
              { kind: 'lecture', start: '13:00', end: '12:00', title: 'Al revés' },
              { kind: 'workshop', start: '14:00', end: '15:00' },
            ],
          })
          .expect(422);
        expect(invalid.body.code).toBe('agenda_invalid');
        expect(invalid.body.errors).toEqual(
          expect.arrayContaining([
            { field: 'blocks.0.start', message: 'Queda fuera del horario del día.' },
            { field: 'blocks.2.start', message: 'Se empalma con el bloque de 09:00 a 11:00.' },
            { field: 'blocks.2.responsibleId', message: 'Debe ser facilitador de este seminario.' },
            { field: 'blocks.3.end', message: 'Debe terminar después de empezar.' },
            { field: 'blocks.4.title', message: 'Es obligatorio salvo en los recesos.' },
          ]),
        );
      });

      it('refuses times that are not times of the day', async () => {
        const badTime = await t.http
          .put(url)
          .set(office.auth)
          .send({ version: 1, blocks: [{ kind: 'lecture', start: '8:00', end: '25:00', title: 'x' }] })
          .expect(400);
        expect(badTime.body.errors.map((error: { field: string }) => error.field)).toEqual([
          'blocks.0.start',
          'blocks.0.end',
        ]);
      });

      it('lets nobody else change it, and shows no attendee the agenda of a draft', async () => {
        const refused = await t.http.put(url).set(outsider.auth).send({ version: 1, blocks: [] }).expect(404);
        expect(refused.body.code).toBe('seminar_not_found');
        await t.http.put(url).set(attendee.auth).send({ version: 1, blocks: [] }).expect(403);
        await t.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(attendee.auth).expect(404);
      });

      it('shows an open seminar’s agenda to attendees, read-only, and still refuses other facilitators', async () => {
        await act(seminar.id, 'open');
        const forbidden = await t.http.put(url).set(outsider.auth).send({ version: 1, blocks: [] }).expect(403);
        expect(forbidden.body.code).toBe('not_seminar_facilitator');
        const read = await t.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(attendee.auth).expect(200);
        expect(read.body.editable).toBe(false);
        expect(read.body.days[1].blocks).toHaveLength(3);
      });

      it('has no agenda for a day the seminar does not have', async () => {
        const noDay = await t.http
          .put(`/api/v1/seminars/${seminar.id}/days/2031-11-22/agenda`)
          .set(office.auth)
          .send({ version: 0, blocks: [] })
          .expect(404);
        expect(noDay.body.code).toBe('seminar_day_not_found');
      });

      it('clears the responsible of a facilitator who leaves, who may then change it no more', async () => {
        await t.http
          .delete(`/api/v1/seminars/${seminar.id}/facilitators/${facilitator.id}`)
          .set(office.auth)
          .expect(204);
        const after = await t.http.get(`/api/v1/seminars/${seminar.id}/agenda`).set(office.auth).expect(200);
        expect(after.body.days[1].blocks[2]).toMatchObject({ responsibleId: null, responsibleName: null });
        await t.http.put(url).set(planner.auth).send({ version: 1, blocks: [] }).expect(403);
      });
    });
  });

  it('lets the office rename a seminar after its topic asks for more attendees than it holds', async () => {
    today('2031-01-10');
    const smallTopic = await createTopic(t, { minimumAttendees: 2 });
    const seminar = await plan({ topicId: smallTopic.id, startDate: '2031-12-08', capacity: 10 });
    await t.http.patch(`/api/v1/topics/${smallTopic.id}`).set(office.auth).send({ minimumAttendees: 15 }).expect(200);
    const renamed = await t.http
      .patch(`/api/v1/seminars/${seminar.id}`)
      .set(office.auth)
      .send({ title: 'Salud materna — Perote' })
      .expect(200);
    expect(renamed.body).toMatchObject({ title: 'Salud materna — Perote', capacity: 10 });
    const tooSmall = await t.http
      .patch(`/api/v1/seminars/${seminar.id}`)
      .set(office.auth)
      .send({ capacity: 12 })
      .expect(422);
    expect(tooSmall.body.errors).toEqual([{ field: 'capacity', message: 'Debe ser al menos 15.' }]);
  });

  describe(FacilitatorsService.name, () => {
    it('adds only active specialists with the facilitator role, once, with one lead', async () => {
      today('2031-01-10');
      const seminar = await plan({ startDate: '2031-12-01' });
      const attendee = await createPerson(t);
      const notFacilitator = await t.http
        .post(`/api/v1/seminars/${seminar.id}/facilitators`)
        .set(office.auth)
        .send({ personId: attendee.id })
        .expect(422);
      expect(notFacilitator.body.code).toBe('not_a_facilitator');
      const [lead, second] = await addFacilitators(seminar.id, 2, true);
      const again = await t.http
        .post(`/api/v1/seminars/${seminar.id}/facilitators`)
        .set(office.auth)
        .send({ personId: lead.id })
        .expect(409);
      expect(again.body.code).toBe('facilitator_already_added');
      const switched = await t.http
        .patch(`/api/v1/seminars/${seminar.id}/facilitators/${second.id}`)
        .set(office.auth)
        .send({ lead: true })
        .expect(200);
      expect(
        switched.body.items
          .filter((item: { lead: boolean }) => item.lead)
          .map((item: { personId: string }) => item.personId),
      ).toEqual([second.id]);
      const enrolled = await createFacilitator(t);
      await enrol(t, seminar.id, enrolled.id, 'invited');
      const both = await t.http
        .post(`/api/v1/seminars/${seminar.id}/facilitators`)
        .set(office.auth)
        .send({ personId: enrolled.id })
        .expect(422);
      expect(both.body.code).toBe('seminar_rule_broken');
    });
  });
});
