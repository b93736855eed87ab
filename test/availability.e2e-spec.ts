import type { Network } from '../src/modules/directory/network.entity';
import { AvailabilityRepository } from '../src/modules/needs/availability.repository';
import { AvailabilityService } from '../src/modules/needs/availability.service';
import type { Topic } from '../src/modules/topics/topic.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  enrol,
  setUnavailable,
  signedInAs,
  signIn,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

const MISSING_ID = '3f0c9a52-7d1e-4a8b-9c61-2b7f0e4d5a10';

describe('Availability', () => {
  let t: TestApp;
  let office: SignedIn;
  let network: Network;
  let topic: Topic;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t);
    office = await signedInAs(t, ['office']);
    network = await createNetwork(t);
    topic = await createTopic(t);
  });
  afterAll(() => t.close());

  /** A draft seminar of three days from a Monday, planned by the office. */
  async function planSeminar(startDate: string): Promise<{ id: string; title: string; days: { date: string }[] }> {
    const response = await t.http
      .post('/api/v1/seminars')
      .set(office.auth)
      .send({ topicId: topic.id, networkId: network.id, startDate })
      .expect(201);
    return response.body;
  }

  function stored(personId: string) {
    return t.dataSource.query(
      `SELECT from_date::text, to_date::text, reason FROM unavailability WHERE person_id = $1 ORDER BY from_date`,
      [personId],
    );
  }

  describe(AvailabilityService.name, () => {
    it('keeps the ranges an attendee declares, merged when they overlap or touch, in date order', async () => {
      const attendee = await signedInAs(t, ['attendee']);
      const empty = await t.http.get('/api/v1/me/availability').set(attendee.auth).expect(200);
      expect(empty.body).toEqual({ personId: attendee.person.id, unavailable: [], clashes: [] });

      const saved = await t.http
        .put('/api/v1/me/availability')
        .set(attendee.auth)
        .send({
          unavailable: [
            { from: '2031-07-14', to: '2031-07-25', reason: '  Vacaciones   de verano ' },
            { from: '2031-03-20' },
            { from: '2031-07-20', to: '2031-07-28' },
            { from: '2031-07-29', to: '2031-07-30', reason: 'Congreso' },
            { from: '2031-03-18', to: '2031-03-18', reason: '' },
          ],
        })
        .expect(200);
      expect(saved.body).toEqual({
        personId: attendee.person.id,
        unavailable: [
          { from: '2031-03-18', to: '2031-03-18', reason: null },
          { from: '2031-03-20', to: '2031-03-20', reason: null },
          { from: '2031-07-14', to: '2031-07-30', reason: 'Vacaciones de verano; Congreso' },
        ],
        clashes: [],
      });
      const read = await t.http.get('/api/v1/me/availability').set(attendee.auth).expect(200);
      expect(read.body).toEqual(saved.body);

      const replaced = await t.http
        .put('/api/v1/me/availability')
        .set(attendee.auth)
        .send({ unavailable: [{ from: '2031-09-01' }] })
        .expect(200);
      expect(replaced.body.unavailable).toEqual([{ from: '2031-09-01', to: '2031-09-01', reason: null }]);
      const cleared = await t.http
        .put('/api/v1/me/availability')
        .set(attendee.auth)
        .send({ unavailable: [] })
        .expect(200);
      expect(cleared.body.unavailable).toEqual([]);
      expect(await stored(attendee.person.id)).toEqual([]);
    });

    it('refuses a range that ends before it starts, is too long or is not a date, naming it, and changes nothing', async () => {
      const facilitator = await signedInAs(t, ['facilitator']);
      await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .send({ unavailable: [{ from: '2031-04-07', to: '2031-04-11' }] })
        .expect(200);
      const before = await stored(facilitator.person.id);

      const backwards = await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .send({ unavailable: [{ from: '2031-05-01' }, { from: '2031-05-10', to: '2031-05-09' }] })
        .expect(422);
      expect(backwards.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(backwards.body).toMatchObject({
        code: 'availability_invalid',
        errors: [{ field: 'unavailable.1.to', message: 'No puede ser anterior a la fecha inicial.' }],
      });

      const tooLong = await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .set('Accept-Language', 'en')
        .send({ unavailable: [{ from: '2031-01-01', to: '2032-01-02' }] })
        .expect(422);
      expect(tooLong.body.errors).toEqual([{ field: 'unavailable.0.to', message: 'A range spans at most 366 days.' }]);
      // A leap year's 366 days are one range.
      await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .send({ unavailable: [{ from: '2032-01-01', to: '2032-12-31' }] })
        .expect(200);
      await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .send({
          unavailable: before.map((row: { from_date: string; to_date: string }) => ({
            from: row.from_date,
            to: row.to_date,
          })),
        })
        .expect(200);

      const farAway = await t.http
        .put('/api/v1/me/availability')
        .set(facilitator.auth)
        .send({ unavailable: [{ from: '0001-01-01' }] })
        .expect(422);
      expect(farAway.body.errors).toEqual([
        expect.objectContaining({ field: 'unavailable.0.from' }),
        expect.objectContaining({ field: 'unavailable.0.to' }),
      ]);

      for (const [bad, field] of [
        [{ unavailable: [{ from: '2031-02-30' }] }, 'unavailable.0.from'],
        [{ unavailable: [{ from: '2031-03-17', to: '17/03/2031' }] }, 'unavailable.0.to'],
        [{ unavailable: [{ from: '2031-03-17', to: null }] }, 'unavailable.0.to'],
        [{ unavailable: [{ from: '2031-03-17', reason: 'x'.repeat(201) }] }, 'unavailable.0.reason'],
        [
          {
            unavailable: Array.from({ length: 367 }, (_, day) => ({
              from: `2031-01-${String((day % 28) + 1).padStart(2, '0')}`,
            })),
          },
          'unavailable',
        ],
        [{}, 'unavailable'],
      ] as const) {
        const refused = await t.http.put('/api/v1/me/availability').set(facilitator.auth).send(bad).expect(400);
        expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
      }
      expect(await stored(facilitator.person.id)).toEqual(before);
    });

    it('lists the active seminars the person facilitates or attends on an unavailable day, and still saves', async () => {
      const facilitator = await createFacilitator(t);
      const attendee = await createPerson(t, { roles: ['attendee'] });
      const both = await createPerson(t, { roles: ['attendee', 'facilitator'] });
      const march = await planSeminar('2031-03-17');
      const april = await planSeminar('2031-04-07');
      const cancelled = await planSeminar('2031-05-05');
      for (const seminar of [march, cancelled]) {
        await t.http
          .post(`/api/v1/seminars/${seminar.id}/facilitators`)
          .set(office.auth)
          .send({ personId: facilitator.id })
          .expect(201);
      }
      await t.http
        .post(`/api/v1/seminars/${cancelled.id}/cancel`)
        .set(office.auth)
        .send({ reason: 'Cambio de prioridades' })
        .expect(200);
      await enrol(t, march.id, attendee.id, 'accepted');
      await enrol(t, april.id, attendee.id, 'declined');
      await enrol(t, march.id, both.id, 'invited');
      await enrol(t, april.id, both.id, 'confirmed');
      expect(march.days.map((day) => day.date)).toEqual(['2031-03-17', '2031-03-18', '2031-03-19']);

      const asFacilitator = await signIn(t.http, facilitator);
      const facilitatorView = await t.http
        .put('/api/v1/me/availability')
        .set(asFacilitator.auth)
        .send({
          unavailable: [
            { from: '2031-03-18', to: '2031-03-25', reason: 'Guardia' },
            { from: '2031-05-01', to: '2031-05-31' },
          ],
        })
        .expect(200);
      expect(facilitatorView.body.clashes).toEqual([
        { seminarId: march.id, title: march.title, status: 'draft', dates: ['2031-03-18', '2031-03-19'] },
      ]);
      expect(facilitatorView.body.unavailable).toHaveLength(2);

      const asAttendee = await signIn(t.http, attendee);
      const attendeeView = await t.http
        .put('/api/v1/me/availability')
        .set(asAttendee.auth)
        .send({ unavailable: [{ from: '2031-03-01', to: '2031-04-30' }] })
        .expect(200);
      // Declined April does not count.
      expect(attendeeView.body.clashes).toEqual([
        { seminarId: march.id, title: march.title, status: 'draft', dates: ['2031-03-17', '2031-03-18', '2031-03-19'] },
      ]);

      const asBoth = await signIn(t.http, both);
      const bothView = await t.http
        .put('/api/v1/me/availability')
        .set(asBoth.auth)
        .send({ unavailable: [{ from: '2031-03-17', to: '2031-04-08' }] })
        .expect(200);
      // Only invited to March, confirmed in April.
      expect(bothView.body.clashes).toEqual([
        { seminarId: april.id, title: april.title, status: 'draft', dates: ['2031-04-07', '2031-04-08'] },
      ]);
      const read = await t.http.get('/api/v1/me/availability').set(asBoth.auth).expect(200);
      expect(read.body).toEqual(bothView.body);
    });

    it("lets the office read and declare the dates of attendees and facilitators, audited under the office's name", async () => {
      const facilitator = await createFacilitator(t);
      const saved = await t.http
        .put(`/api/v1/people/${facilitator.id}/availability`)
        .set(office.auth)
        .send({ unavailable: [{ from: '2031-06-02', to: '2031-06-06', reason: 'Curso de actualización' }] })
        .expect(200);
      expect(saved.body).toEqual({
        personId: facilitator.id,
        unavailable: [{ from: '2031-06-02', to: '2031-06-06', reason: 'Curso de actualización' }],
        clashes: [],
      });
      const read = await t.http.get(`/api/v1/people/${facilitator.id}/availability`).set(office.auth).expect(200);
      expect(read.body).toEqual(saved.body);
      const own = await t.http
        .get('/api/v1/me/availability')
        .set((await signIn(t.http, facilitator)).auth)
        .expect(200);
      expect(own.body).toEqual(saved.body);
      const audit = await t.dataSource.query(
        `SELECT action, actor_id, details FROM audit_entry WHERE subject_type = 'person' AND subject_id = $1`,
        [facilitator.id],
      );
      expect(audit).toEqual([
        { action: 'availability.updated', actor_id: office.person.id, details: { onBehalf: true, ranges: 1 } },
      ]);

      const manager = await createPerson(t, { roles: ['manager'] });
      const refused = await t.http
        .put(`/api/v1/people/${manager.id}/availability`)
        .set(office.auth)
        .send({ unavailable: [] })
        .expect(422);
      expect(refused.body.code).toBe('no_availability_role');
      await t.http.get(`/api/v1/people/${MISSING_ID}/availability`).set(office.auth).expect(404);

      const attendee = await signedInAs(t, ['attendee']);
      await t.http.get(`/api/v1/people/${facilitator.id}/availability`).set(attendee.auth).expect(403);
      await t.http
        .put(`/api/v1/people/${facilitator.id}/availability`)
        .set(attendee.auth)
        .send({ unavailable: [] })
        .expect(403);
      for (const roles of [['manager'], ['office']] as const) {
        const other = await signedInAs(t, [...roles]);
        await t.http.get('/api/v1/me/availability').set(other.auth).expect(403);
      }
      expect(await stored(manager.id)).toEqual([]);
    });
  });

  describe(`${AvailabilityRepository.name}.findUnavailableRanges`, () => {
    it("gives the matching each person's ranges in one call, optionally only those overlapping some days", async () => {
      const [ana, bruno, carmen] = [await createPerson(t), await createPerson(t), await createPerson(t)];
      await setUnavailable(t, ana.id, [
        { from: '2031-03-02', to: '2031-03-06' },
        { from: '2031-08-01', to: '2031-08-15', reason: 'Vacaciones' },
      ]);
      await setUnavailable(t, bruno.id, [{ from: '2031-03-06' }]);
      const repository = t.app.get(AvailabilityRepository);

      const all = await repository.findUnavailableRanges([ana.id, bruno.id, carmen.id]);
      expect(all).toEqual(
        new Map([
          [
            ana.id,
            [
              { from: '2031-03-02', to: '2031-03-06' },
              { from: '2031-08-01', to: '2031-08-15' },
            ],
          ],
          [bruno.id, [{ from: '2031-03-06', to: '2031-03-06' }]],
        ]),
      );
      const march = await repository.findUnavailableRanges([ana.id, bruno.id, carmen.id], {
        from: '2031-03-06',
        to: '2031-03-31',
      });
      expect(march).toEqual(
        new Map([
          [ana.id, [{ from: '2031-03-02', to: '2031-03-06' }]],
          [bruno.id, [{ from: '2031-03-06', to: '2031-03-06' }]],
        ]),
      );
      expect(await repository.findUnavailableRanges([ana.id], { from: '2031-03-07', to: '2031-07-31' })).toEqual(
        new Map(),
      );
      expect(await repository.findUnavailableRanges([])).toEqual(new Map());
    });
  });
});
