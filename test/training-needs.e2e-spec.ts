import { randomBytes, randomInt } from 'node:crypto';
import type { Network } from '../src/modules/directory/network.entity';
import type { Unit } from '../src/modules/directory/unit.entity';
import { TrainingNeedsImportService } from '../src/modules/needs/training-needs-import.service';
import { TrainingNeedsRepository } from '../src/modules/needs/training-needs.repository';
import { TrainingNeedsService } from '../src/modules/needs/training-needs.service';
import type { Topic } from '../src/modules/topics/topic.entity';
import {
  createNetwork,
  createPerson,
  createTopic,
  createUnit,
  setTrainingNeeds,
  signedInAs,
  signIn,
  type SignedIn,
} from './support/factories';
import type { ReportRow } from './support/imports';
import { createTestApp, type TestApp } from './support/test-app';

const MISSING_ID = '3f0c9a52-7d1e-4a8b-9c61-2b7f0e4d5a10';

const tag = () => randomBytes(3).toString('hex');

interface InterestBody {
  topicId: string;
  topicTitle: string;
  topicActive: boolean;
  interest: number;
  trainedBefore: boolean;
}

describe('Training needs', () => {
  let t: TestApp;
  let office: SignedIn;
  let maternal: Topic;
  let chronic: Topic;
  let retired: Topic;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    const suffix = tag();
    // Titles whose order differs from the order they are sent in.
    chronic = await createTopic(t, { title: `Enfermedades crónicas ${suffix}` });
    maternal = await createTopic(t, { title: `Salud materna ${suffix}` });
    retired = await createTopic(t, { title: `Tema retirado ${suffix}` });
    await t.http.patch(`/api/v1/topics/${retired.id}`).set(office.auth).send({ active: false }).expect(200);
  });
  afterAll(() => t.close());

  async function stored(personId: string) {
    return t.dataSource.query(
      `SELECT p.willing_to_attend, p.wish, n.topic_id, n.interest, n.trained_before
         FROM training_need_profile p LEFT JOIN training_need n ON n.person_id = p.person_id
        WHERE p.person_id = $1 ORDER BY n.topic_id`,
      [personId],
    );
  }

  async function auditActions(personId: string) {
    return t.dataSource.query<{ action: string; actor_id: string; details: Record<string, unknown> }[]>(
      `SELECT action, actor_id, details FROM audit_entry WHERE subject_type = 'person' AND subject_id = $1 ORDER BY id`,
      [personId],
    );
  }

  describe(TrainingNeedsService.name, () => {
    it('shows nothing stated at first, then keeps what the attendee states, sorted by topic title', async () => {
      const attendee = await signedInAs(t, ['attendee']);
      const before = await t.http.get('/api/v1/me/training-needs').set(attendee.auth).expect(200);
      expect(before.body).toEqual({
        personId: attendee.person.id,
        stated: false,
        willingToAttend: false,
        wish: null,
        updatedAt: null,
        interests: [],
      });

      const saved = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({
          willingToAttend: true,
          wish: '  Manejo de la preeclampsia en el centro de salud  ',
          interests: [
            { topicId: maternal.id, interest: 3 },
            { topicId: chronic.id, interest: 1, trainedBefore: true },
          ],
        })
        .expect(200);
      expect(saved.body).toEqual({
        personId: attendee.person.id,
        stated: true,
        willingToAttend: true,
        wish: 'Manejo de la preeclampsia en el centro de salud',
        updatedAt: expect.any(String),
        interests: [
          { topicId: chronic.id, topicTitle: chronic.title, topicActive: true, interest: 1, trainedBefore: true },
          { topicId: maternal.id, topicTitle: maternal.title, topicActive: true, interest: 3, trainedBefore: false },
        ],
      });
      const read = await t.http.get('/api/v1/me/training-needs').set(attendee.auth).expect(200);
      expect(read.body).toEqual(saved.body);
      expect((await auditActions(attendee.person.id)).map((entry) => [entry.action, entry.actor_id])).toEqual([
        ['training_needs.updated', attendee.person.id],
      ]);
    });

    it('replaces the whole set: topics left out are removed and a wish left out is cleared', async () => {
      const attendee = await signedInAs(t, ['attendee']);
      await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({
          willingToAttend: true,
          wish: 'Casos de diabetes',
          interests: [
            { topicId: maternal.id, interest: 2 },
            { topicId: chronic.id, interest: 3 },
          ],
        })
        .expect(200);

      const replaced = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({ willingToAttend: false, interests: [{ topicId: chronic.id, interest: 0 }] })
        .expect(200);
      expect(replaced.body).toMatchObject({ stated: true, willingToAttend: false, wish: null });
      expect(replaced.body.interests.map((row: InterestBody) => [row.topicId, row.interest])).toEqual([
        [chronic.id, 0],
      ]);

      const emptied = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({ willingToAttend: true, interests: [] })
        .expect(200);
      expect(emptied.body).toMatchObject({ stated: true, willingToAttend: true, interests: [] });
    });

    it('refuses unknown, repeated or retired topics and malformed bodies, naming the field, and changes nothing', async () => {
      const attendee = await signedInAs(t, ['attendee']);
      const body = {
        willingToAttend: true,
        wish: 'Urgencias obstétricas',
        interests: [{ topicId: maternal.id, interest: 2 }],
      };
      await t.http.put('/api/v1/me/training-needs').set(attendee.auth).send(body).expect(200);
      const before = await stored(attendee.person.id);

      const unknown = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({
          willingToAttend: false,
          interests: [
            { topicId: chronic.id, interest: 1 },
            { topicId: MISSING_ID, interest: 3 },
          ],
        })
        .expect(422);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({
        code: 'training_needs_invalid',
        errors: [{ field: 'interests.1.topicId', message: 'El tema no existe.' }],
      });

      const repeated = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .set('Accept-Language', 'en')
        .send({
          willingToAttend: false,
          interests: [
            { topicId: chronic.id, interest: 1 },
            { topicId: chronic.id.toUpperCase(), interest: 2 },
          ],
        })
        .expect(422);
      expect(repeated.body.errors).toEqual([
        { field: 'interests.1.topicId', message: 'The topic is already listed (position 0).' },
      ]);

      const inactive = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({ willingToAttend: false, interests: [{ topicId: retired.id, interest: 3 }] })
        .expect(422);
      expect(inactive.body.errors).toEqual([
        { field: 'interests.0.topicId', message: `El tema «${retired.title}» ya no se ofrece.` },
      ]);

      for (const [bad, field] of [
        [{ willingToAttend: true, interests: [{ topicId: maternal.id, interest: 4 }] }, 'interests.0.interest'],
        [{ willingToAttend: true, interests: [{ topicId: maternal.id, interest: 1.5 }] }, 'interests.0.interest'],
        [{ willingToAttend: true, interests: [{ topicId: 'salud-materna', interest: 1 }] }, 'interests.0.topicId'],
        [{ willingToAttend: 'sí', interests: [] }, 'willingToAttend'],
        [{ willingToAttend: true }, 'interests'],
        [{ willingToAttend: true, wish: 'x'.repeat(1001), interests: [] }, 'wish'],
      ] as const) {
        const refused = await t.http.put('/api/v1/me/training-needs').set(attendee.auth).send(bad).expect(400);
        expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
      }
      const unknownField = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({ ...body, personId: MISSING_ID })
        .expect(400);
      expect(unknownField.body).toMatchObject({ code: 'unknown_fields', errors: [{ field: 'personId' }] });

      expect(await stored(attendee.person.id)).toEqual(before);
    });

    it('keeps accepting a topic retired after the attendee listed it, so the form can be sent back as read', async () => {
      const attendee = await signedInAs(t, ['attendee']);
      const topic = await createTopic(t);
      await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({ willingToAttend: true, interests: [{ topicId: topic.id, interest: 2 }] })
        .expect(200);
      await t.http.patch(`/api/v1/topics/${topic.id}`).set(office.auth).send({ active: false }).expect(200);

      const read = await t.http.get('/api/v1/me/training-needs').set(attendee.auth).expect(200);
      expect(read.body.interests).toEqual([
        expect.objectContaining({ topicId: topic.id, topicActive: false, interest: 2 }),
      ]);
      const sentBack = await t.http
        .put('/api/v1/me/training-needs')
        .set(attendee.auth)
        .send({
          willingToAttend: true,
          interests: read.body.interests.map((row: InterestBody) => ({ topicId: row.topicId, interest: 3 })),
        })
        .expect(200);
      expect(sentBack.body.interests).toEqual([expect.objectContaining({ topicId: topic.id, interest: 3 })]);
    });

    it("lets the office read and state an attendee's needs on their behalf, audited under the office's name", async () => {
      const attendee = await createPerson(t, { roles: ['attendee'] });
      const empty = await t.http.get(`/api/v1/people/${attendee.id}/training-needs`).set(office.auth).expect(200);
      expect(empty.body).toMatchObject({ personId: attendee.id, stated: false, interests: [] });

      const saved = await t.http
        .put(`/api/v1/people/${attendee.id}/training-needs`)
        .set(office.auth)
        .send({ willingToAttend: true, interests: [{ topicId: maternal.id, interest: 3, trainedBefore: false }] })
        .expect(200);
      expect(saved.body).toMatchObject({
        personId: attendee.id,
        stated: true,
        willingToAttend: true,
        interests: [{ topicId: maternal.id, interest: 3 }],
      });
      const mine = await t.http
        .get('/api/v1/me/training-needs')
        .set((await signIn(t.http, attendee)).auth)
        .expect(200);
      expect(mine.body).toEqual(saved.body);
      expect(await auditActions(attendee.id)).toEqual([
        {
          action: 'training_needs.updated',
          actor_id: office.person.id,
          details: { onBehalf: true, willingToAttend: true, topics: 1 },
        },
      ]);
      const [profile] = await t.dataSource.query(
        'SELECT updated_by_id FROM training_need_profile WHERE person_id = $1',
        [attendee.id],
      );
      expect(profile.updated_by_id).toBe(office.person.id);
    });

    it("keeps training needs to attendees, their own for each, and someone else's for the office", async () => {
      const facilitator = await createPerson(t, { roles: ['facilitator'] });
      const body = { willingToAttend: true, interests: [] };
      const notAttendee = await t.http
        .put(`/api/v1/people/${facilitator.id}/training-needs`)
        .set(office.auth)
        .send(body)
        .expect(422);
      expect(notAttendee.body).toMatchObject({ code: 'not_an_attendee' });
      await t.http.get(`/api/v1/people/${facilitator.id}/training-needs`).set(office.auth).expect(422);
      const missing = await t.http
        .put(`/api/v1/people/${MISSING_ID}/training-needs`)
        .set(office.auth)
        .send(body)
        .expect(404);
      expect(missing.body.code).toBe('person_not_found');
      await t.http.get('/api/v1/people/not-a-uuid/training-needs').set(office.auth).expect(400);
      expect(
        await t.dataSource.query('SELECT 1 FROM training_need_profile WHERE person_id = $1', [facilitator.id]),
      ).toEqual([]);

      const attendee = await signedInAs(t, ['attendee']);
      const other = await createPerson(t, { roles: ['attendee'] });
      await t.http.get(`/api/v1/people/${other.id}/training-needs`).set(attendee.auth).expect(403);
      await t.http.put(`/api/v1/people/${other.id}/training-needs`).set(attendee.auth).send(body).expect(403);
      const asFacilitator = await signIn(t.http, facilitator);
      await t.http.get('/api/v1/me/training-needs').set(asFacilitator.auth).expect(403);
      await t.http.put('/api/v1/me/training-needs').set(asFacilitator.auth).send(body).expect(403);
      await t.http.get('/api/v1/me/training-needs').expect(401);
    });
  });

  describe('demand summary', () => {
    let network: Network;
    let north: Unit;
    let south: Unit;
    let topicA: Topic;
    let topicB: Topic;

    beforeAll(async () => {
      network = await createNetwork(t);
      north = await createUnit(t, network.id, 'primary', { code: `NORTE${tag().toUpperCase()}` });
      south = await createUnit(t, network.id, 'primary', { code: `SUR${tag().toUpperCase()}` });
      const suffix = tag();
      topicA = await createTopic(t, { title: `A demanda ${suffix}` });
      topicB = await createTopic(t, { title: `B demanda ${suffix}` });
      const attendeeIn = (unit: Unit, overrides: { active?: boolean; roles?: ('attendee' | 'manager')[] } = {}) =>
        createPerson(t, { roles: overrides.roles ?? ['attendee'], unitId: unit.id, active: overrides.active ?? true });
      // North: three attendees, one of them not willing; one inactive who does not count.
      await setTrainingNeeds(t, (await attendeeIn(north)).id, {
        willingToAttend: true,
        interests: [
          { topicId: topicA.id, interest: 3 },
          { topicId: topicB.id, interest: 1 },
        ],
      });
      await setTrainingNeeds(t, (await attendeeIn(north)).id, {
        willingToAttend: false,
        interests: [{ topicId: topicA.id, interest: 2, trainedBefore: true }],
      });
      await attendeeIn(north);
      await setTrainingNeeds(t, (await attendeeIn(north, { active: false })).id, {
        willingToAttend: true,
        interests: [{ topicId: topicA.id, interest: 3 }],
      });
      // South: two attendees, one with no interest in A but trained on it.
      await setTrainingNeeds(t, (await attendeeIn(south)).id, {
        willingToAttend: true,
        interests: [{ topicId: topicA.id, interest: 3 }],
      });
      await setTrainingNeeds(t, (await attendeeIn(south)).id, {
        willingToAttend: true,
        interests: [{ topicId: topicA.id, interest: 0, trainedBefore: true }],
      });
    });

    function summary(auth: SignedIn['auth'], query: Record<string, string> = {}) {
      return t.http.get('/api/v1/training-needs/summary').query(query).set(auth);
    }

    it('adds up the demand per topic and per unit for the office, counting active attendees only', async () => {
      const response = await summary(office.auth, { networkId: network.id }).expect(200);
      const topics = response.body.topics.filter((row: { topicId: string }) =>
        [topicA.id, topicB.id].includes(row.topicId),
      );
      expect(topics).toEqual([
        {
          topicId: topicA.id,
          topicTitle: topicA.title,
          level1: 0,
          level2: 1,
          level3: 2,
          interested: 3,
          willing: 2,
          trainedBefore: 2,
        },
        {
          topicId: topicB.id,
          topicTitle: topicB.title,
          level1: 1,
          level2: 0,
          level3: 0,
          interested: 1,
          willing: 1,
          trainedBefore: 0,
        },
      ]);
      // Every active topic is listed, with zeros where this network asked for nothing.
      expect(response.body.topics).toContainEqual(
        expect.objectContaining({ topicId: maternal.id, interested: 0, willing: 0 }),
      );
      expect(response.body.topics.map((row: { topicId: string }) => row.topicId)).not.toContain(retired.id);

      expect(response.body.units).toEqual([
        {
          unitId: north.id,
          code: north.code,
          name: north.name,
          network: { id: network.id, name: network.name },
          attendeeStaff: 3,
          topics: [
            { topicId: topicA.id, topicTitle: topicA.title, interested: 2, willing: 1 },
            { topicId: topicB.id, topicTitle: topicB.title, interested: 1, willing: 1 },
          ],
        },
        {
          unitId: south.id,
          code: south.code,
          name: south.name,
          network: { id: network.id, name: network.name },
          attendeeStaff: 2,
          topics: [{ topicId: topicA.id, topicTitle: topicA.title, interested: 1, willing: 1 }],
        },
      ]);

      const oneTopic = await summary(office.auth, { networkId: network.id, topicId: topicB.id }).expect(200);
      expect(oneTopic.body.topics).toEqual([expect.objectContaining({ topicId: topicB.id, interested: 1 })]);
      expect(oneTopic.body.units.map((unit: { topics: unknown[] }) => unit.topics)).toEqual([
        [expect.objectContaining({ topicId: topicB.id })],
        [],
      ]);

      const otherNetwork = await summary(office.auth, {
        networkId: (await createNetwork(t)).id,
        topicId: topicA.id,
      }).expect(200);
      expect(otherNetwork.body).toEqual({
        topics: [expect.objectContaining({ topicId: topicA.id, interested: 0 })],
        units: [],
      });
      await summary(office.auth, { networkId: 'red-norte' }).expect(400);
    });

    it('shows a manager only the staff of their own unit, and nothing to a manager without a unit', async () => {
      const manager = await signedInAs(t, ['manager'], { unitId: south.id });
      const response = await summary(manager.auth, { topicId: topicA.id }).expect(200);
      expect(response.body).toEqual({
        topics: [
          {
            topicId: topicA.id,
            topicTitle: topicA.title,
            level1: 0,
            level2: 0,
            level3: 1,
            interested: 1,
            willing: 1,
            trainedBefore: 1,
          },
        ],
        units: [
          expect.objectContaining({
            unitId: south.id,
            attendeeStaff: 2,
            topics: [{ topicId: topicA.id, topicTitle: topicA.title, interested: 1, willing: 1 }],
          }),
        ],
      });
      // Naming another network does not widen the scope.
      const widened = await summary(manager.auth, {
        topicId: topicA.id,
        networkId: (await createNetwork(t)).id,
      }).expect(200);
      expect(widened.body).toEqual({ topics: [expect.objectContaining({ interested: 0 })], units: [] });

      const unitless = await signedInAs(t, ['manager']);
      const nothing = await summary(unitless.auth, { topicId: topicA.id }).expect(200);
      expect(nothing.body).toEqual({
        topics: [expect.objectContaining({ interested: 0, trainedBefore: 0 })],
        units: [],
      });

      for (const roles of [['attendee'], ['facilitator']] as const)
        await summary((await signedInAs(t, [...roles])).auth).expect(403);
    });
  });

  describe(TrainingNeedsImportService.name, () => {
    let nextLicence = randomInt(100_000_000, 900_000_000);
    const licence = () => String(nextLicence++);

    function importNeeds(
      file: string | Buffer,
      options: { commit?: boolean; language?: string; auth?: SignedIn['auth'] } = {},
    ) {
      const request = t.http
        .post('/api/v1/training-needs/import')
        .query(options.commit ? { commit: 'true' } : {})
        .set(options.auth ?? office.auth);
      if (options.language) request.set('Accept-Language', options.language);
      return request.attach('file', typeof file === 'string' ? Buffer.from(file, 'utf8') : file, 'necesidades.csv');
    }

    function snapshot() {
      return t.dataSource.query(
        `SELECT 'n' AS kind, person_id::text, topic_id::text AS detail, interest::text, trained_before::text AS extra FROM training_need
         UNION ALL
         SELECT 'p', person_id::text, willing_to_attend::text, coalesce(wish, ''), updated_at::text FROM training_need_profile
         ORDER BY 1, 2, 3`,
      );
    }

    it("reports a dry run row by row, in the caller's language, and changes nothing", async () => {
      const ana = await createPerson(t, { roles: ['attendee'], licenceNumber: licence() });
      const facilitator = await createPerson(t, { roles: ['facilitator'] });
      const csv = [
        'licence_number,email,topic,interest,willing,trained_before,wish',
        `${ana.licenceNumber},,${maternal.title.toUpperCase()},3,sí,no,Casos de preeclampsia`,
        `${ana.licenceNumber},,${chronic.id},2,,,`,
        `,${facilitator.email},${maternal.title},1,sí,,`,
        `,nadie.${tag()}@salud.example,${maternal.title},1,no,,`,
        `${ana.licenceNumber},,Tema que no existe,1,,,`,
        `${ana.licenceNumber},,${retired.title},1,,,`,
        `${ana.licenceNumber},,${maternal.title},5,quizá,,`,
        `${ana.licenceNumber},,${maternal.title},2,no,,`,
      ].join('\n');
      const before = await snapshot();

      const report = await importNeeds(csv).expect(200);
      expect(report.body.committed).toBe(false);
      expect(report.body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, error: 6 });
      const rows = report.body.rows as ReportRow[];
      expect(rows.map((row) => [row.line, row.outcome, row.errors?.map((error) => error.field)])).toEqual([
        [2, 'created', undefined],
        [3, 'created', undefined],
        [4, 'error', ['email']],
        [5, 'error', ['email']],
        [6, 'error', ['topic']],
        [7, 'error', ['topic']],
        [8, 'error', ['interest', 'willing']],
        [9, 'error', ['topic', 'willing']],
      ]);
      expect(rows[0].key).toBe(`${ana.licenceNumber} · ${maternal.title}`);
      expect(rows[2].errors![0].message).toBe('La persona no tiene el rol de asistente.');
      expect(rows[7].errors!.map((error) => error.message)).toEqual([
        'Se repite: la persona y el tema ya aparecen en la línea 2.',
        'No coincide con la línea 2 de la misma persona.',
      ]);

      const english = await importNeeds(csv, { language: 'en' }).expect(200);
      expect(english.body.rows[4].errors).toEqual([
        { field: 'topic', message: 'There is no topic "Tema que no existe".' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses to commit a file with bad rows and applies none of it', async () => {
      const ana = await createPerson(t, { roles: ['attendee'], licenceNumber: licence() });
      const csv = [
        'cedula;tema;interes;dispuesto',
        `${ana.licenceNumber};${maternal.title};3;si`,
        `${ana.licenceNumber};${chronic.title};7;si`,
      ].join('\n');
      const before = await snapshot();
      const refused = await importNeeds(csv, { commit: true }).expect(422);
      expect(refused.body).toMatchObject({ code: 'import_has_errors', errors: [{ field: 'line 3: interest' }] });
      expect(await snapshot()).toEqual(before);
    });

    it('merges the rows of each person on commit, replacing only the listed topics; importing again changes nothing', async () => {
      const ana = await createPerson(t, { roles: ['attendee'], licenceNumber: licence() });
      const bruno = await createPerson(t, { roles: ['attendee', 'manager'] });
      const other = await createTopic(t);
      await setTrainingNeeds(t, bruno.id, {
        willingToAttend: false,
        wish: 'Nada por ahora',
        interests: [
          { topicId: other.id, interest: 2 },
          { topicId: chronic.id, interest: 1, trainedBefore: true },
        ],
      });
      const csv = [
        'email,licence_number,topic,interest,willing,trained_before,wish',
        `,${ana.licenceNumber},${maternal.title},3,Sí,,Atención del parto`,
        `${ana.email.toUpperCase()},,${chronic.title.toLowerCase()},1,,true,`,
        `${bruno.email},,${chronic.id},3,yes,,`,
        '',
      ].join('\r\n');

      const committed = await importNeeds(csv, { commit: true }).expect(200);
      expect(committed.body).toMatchObject({
        committed: true,
        summary: { created: 2, updated: 1, unchanged: 0, error: 0 },
      });

      const anaNeeds = await t.http.get(`/api/v1/people/${ana.id}/training-needs`).set(office.auth).expect(200);
      expect(anaNeeds.body).toMatchObject({ stated: true, willingToAttend: true, wish: 'Atención del parto' });
      expect(
        anaNeeds.body.interests.map((row: InterestBody) => [row.topicId, row.interest, row.trainedBefore]),
      ).toEqual([
        [chronic.id, 1, true],
        [maternal.id, 3, false],
      ]);
      const brunoNeeds = await t.http.get(`/api/v1/people/${bruno.id}/training-needs`).set(office.auth).expect(200);
      // Bruno's other topic stays; an empty trained_before cell keeps what was stored; the wish stays.
      expect(brunoNeeds.body).toMatchObject({ willingToAttend: true, wish: 'Nada por ahora' });
      expect(
        new Map(brunoNeeds.body.interests.map((row: InterestBody) => [row.topicId, [row.interest, row.trainedBefore]])),
      ).toEqual(
        new Map([
          [other.id, [2, false]],
          [chronic.id, [3, true]],
        ]),
      );
      const [audit] = await t.dataSource.query(
        `SELECT actor_id, details FROM audit_entry WHERE action = 'training_needs.imported' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit.actor_id).toBe(office.person.id);
      expect(audit.details.people.sort()).toEqual([ana.id, bruno.id].sort());

      const afterFirst = await snapshot();
      for (const commit of [false, true]) {
        const again = await importNeeds(csv, { commit }).expect(200);
        expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, error: 0 });
      }
      expect(await snapshot()).toEqual(afterFirst);
    });

    it('asks whether someone who never stated their needs would attend', async () => {
      const carmen = await createPerson(t, { roles: ['attendee'] });
      const csv = [
        'email,topic,interest,willing',
        `${carmen.email},${maternal.title},2,`,
        `${carmen.email},${chronic.title},1,`,
      ].join('\n');
      const report = await importNeeds(csv).expect(200);
      expect(report.body.rows).toEqual([
        {
          line: 2,
          outcome: 'error',
          key: `${carmen.email} · ${maternal.title}`,
          errors: [{ field: 'willing', message: 'Es obligatorio para quien aún no ha declarado sus necesidades.' }],
        },
        { line: 3, outcome: 'created', key: `${carmen.email} · ${chronic.title}` },
      ]);
    });

    it('refuses files without the columns it needs, and is for the office only', async () => {
      const noPerson = await importNeeds(`nombre,tema,interes,dispuesto\nAna,${maternal.title},1,si\n`).expect(422);
      expect(noPerson.body).toMatchObject({ code: 'import_file_invalid', errors: [{ field: 'nombre' }] });
      const noIdentity = await importNeeds(`tema,interes,dispuesto\n${maternal.title},1,si\n`).expect(422);
      expect(noIdentity.body).toMatchObject({ code: 'import_file_invalid', errors: [{ field: 'email' }] });
      const noWilling = await importNeeds(`email,tema,interes\na@b.mx,${maternal.title},1\n`).expect(422);
      expect(noWilling.body).toMatchObject({ code: 'import_file_invalid', errors: [{ field: 'willing' }] });
      const missing = await t.http
        .post('/api/v1/training-needs/import')
        .set(office.auth)
        .field('commit', 'true')
        .expect(400);
      expect(missing.body).toMatchObject({ code: 'file_missing' });

      for (const roles of [['manager'], ['attendee']] as const) {
        await importNeeds(`email,tema,interes,dispuesto\na@b.mx,${maternal.title},1,si\n`, {
          auth: (await signedInAs(t, [...roles])).auth,
        }).expect(403);
      }
    });
  });

  describe(`${TrainingNeedsRepository.name}.findNeedsForTopics`, () => {
    it("gives the matching, in one call, each active attendee's willingness and interests in the topics asked for", async () => {
      const unit = await createUnit(t, (await createNetwork(t)).id);
      const [first, second] = [await createTopic(t), await createTopic(t)];
      const ignored = await createTopic(t);
      const willing = await createPerson(t, { roles: ['attendee'], unitId: unit.id });
      const unwilling = await createPerson(t, { roles: ['attendee'] });
      const gone = await createPerson(t, { roles: ['attendee'], active: false });
      await setTrainingNeeds(t, willing.id, {
        willingToAttend: true,
        interests: [
          { topicId: first.id, interest: 3 },
          { topicId: second.id, interest: 0, trainedBefore: true },
          { topicId: ignored.id, interest: 3 },
        ],
      });
      await setTrainingNeeds(t, unwilling.id, {
        willingToAttend: false,
        interests: [{ topicId: second.id, interest: 2 }],
      });
      await setTrainingNeeds(t, gone.id, { willingToAttend: true, interests: [{ topicId: first.id, interest: 3 }] });

      const needs = await t.app.get(TrainingNeedsRepository).findNeedsForTopics([first.id, second.id]);
      const byPerson = new Map(needs.map((row) => [row.personId, row]));
      expect(needs).toHaveLength(2);
      expect(byPerson.get(willing.id)).toEqual({
        personId: willing.id,
        unitId: unit.id,
        willingToAttend: true,
        interests: expect.arrayContaining([
          { topicId: first.id, interest: 3, trainedBefore: false },
          { topicId: second.id, interest: 0, trainedBefore: true },
        ]),
      });
      expect(byPerson.get(willing.id)!.interests).toHaveLength(2);
      expect(byPerson.get(unwilling.id)).toEqual({
        personId: unwilling.id,
        unitId: null,
        willingToAttend: false,
        interests: [{ topicId: second.id, interest: 2, trainedBefore: false }],
      });
      expect(await t.app.get(TrainingNeedsRepository).findNeedsForTopics([])).toEqual([]);
    });
  });
});
