import { randomBytes } from 'node:crypto';
import type { Network } from '../src/modules/directory/network.entity';
import { HolidaysService } from '../src/modules/seminars/holidays.service';
import { VenuesService } from '../src/modules/seminars/venues.service';
import { TopicsService } from '../src/modules/topics/topics.service';
import { createNetwork, createTopic, createVenue, signedInAs, specialty, type SignedIn } from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

const MISSING_ID = '3f0c9a52-7d1e-4a8b-9c61-2b7f0e4d5a10';

const unique = () => randomBytes(3).toString('hex');

interface RequirementBody {
  specialty: { id: string; code: string; nameEs: string; nameEn: string };
  count: number;
}

describe('Topics, venues and holidays', () => {
  let t: TestApp;
  let office: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t);
    office = await signedInAs(t, ['office']);
  });
  afterAll(() => t.close());

  /** A draft seminar planned through the API, as the office does it. */
  async function planSeminar(
    topicId: string,
    networkId: string,
    startDate: string,
    extra: { venueId?: string; capacity?: number } = {},
  ) {
    const response = await t.http
      .post('/api/v1/seminars')
      .set(office.auth)
      .send({ topicId, networkId, startDate, ...extra });
    expect(response.status).toBe(201);
    return response.body as { id: string; capacity: number; days: { date: string }[] };
  }

  describe(TopicsService.name, () => {
    it('creates a topic of three days of eight hours, worth 24 credit hours, with its required specialties', async () => {
      const gynecology = await specialty(t, 'gynecology_obstetrics');
      const title = `Salud materna y perinatal ${unique()}`;
      const created = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `  ${title.replace(/ /g, '   ')} `, requirements: [{ specialtyId: gynecology.id, count: 2 }] })
        .expect(201);

      expect(created.body).toMatchObject({
        title,
        description: '',
        learningObjectives: [],
        dayCount: 3,
        hoursPerDay: 8,
        creditHours: 24,
        defaultCapacity: 25,
        minimumAttendees: 8,
        minAttendancePercent: 100,
        evaluationRequired: true,
        active: true,
      });
      expect(created.body.requirements).toEqual([
        {
          specialty: {
            id: gynecology.id,
            code: 'gynecology_obstetrics',
            nameEs: 'Ginecología y obstetricia',
            nameEn: 'Gynaecology and obstetrics',
          },
          count: 2,
        },
      ]);
      const fetched = await t.http.get(`/api/v1/topics/${created.body.id}`).set(office.auth).expect(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('keeps the chronic diseases topic of the demo with its five specialties', async () => {
      const required: [string, number][] = [
        ['internal_medicine', 2],
        ['clinical_psychology', 1],
        ['pneumology', 1],
        ['ophthalmology', 1],
        ['emergency_medicine', 1],
      ];
      const specialties = await Promise.all(required.map(([code]) => specialty(t, code)));
      const learningObjectives = [
        'Ajustar el tratamiento de diabetes e hipertensión según las guías vigentes.',
        'Reconocer las complicaciones que requieren referencia urgente.',
        'Acompañar la adherencia y el automanejo de los pacientes.',
      ];
      const created = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({
          title: 'Enfermedades crónicas',
          description:
            'Diabetes, hipertensión, enfermedad pulmonar obstructiva y sus complicaciones, vistas desde la consulta de primer nivel y desde el hospital.',
          learningObjectives,
          requirements: required.map(([, count], index) => ({ specialtyId: specialties[index].id, count })),
          minAttendancePercent: 80,
          evaluationRequired: false,
        })
        .expect(201);

      expect(created.body).toMatchObject({
        title: 'Enfermedades crónicas',
        learningObjectives,
        dayCount: 3,
        hoursPerDay: 8,
        creditHours: 24,
        minAttendancePercent: 80,
        evaluationRequired: false,
      });
      const requirements = created.body.requirements as RequirementBody[];
      expect(requirements.map((requirement) => [requirement.specialty.code, requirement.count]).sort()).toEqual(
        [...required].sort(),
      );
      expect(requirements.find((requirement) => requirement.specialty.code === 'pneumology')?.specialty).toEqual({
        id: specialties[2].id,
        code: 'pneumology',
        nameEs: 'Neumología',
        nameEn: 'Pneumology',
      });
      const fetched = await t.http.get(`/api/v1/topics/${created.body.id}`).set(office.auth).expect(200);
      expect(fetched.body.requirements).toEqual(created.body.requirements);
    });

    it('refuses a topic that breaks a rule, naming the field at fault, and saves nothing', async () => {
      const gynecology = await specialty(t, 'gynecology_obstetrics');
      const suffix = unique();
      const existing = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Urgencias obstétricas ${suffix}` })
        .expect(201);

      const missingTitle = await t.http.post('/api/v1/topics').set(office.auth).send({ dayCount: 2 }).expect(400);
      expect(missingTitle.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'title' }] });

      const tooLong = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Jornada larga ${suffix}`, hoursPerDay: 9 })
        .expect(422);
      expect(tooLong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(tooLong.body).toMatchObject({ code: 'topic_rule_broken', errors: [{ field: 'hoursPerDay' }] });
      const tooLongEnglish = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .set('Accept-Language', 'en')
        .send({ title: `Jornada larga ${suffix}`, hoursPerDay: 9 })
        .expect(422);
      expect(tooLongEnglish.body.errors).toEqual([
        { field: 'hoursPerDay', message: 'Do not fit in the working hours (08:00–16:00, 8 h).' },
      ]);

      const minimumAboveCapacity = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Grupo pequeño ${suffix}`, defaultCapacity: 10, minimumAttendees: 12 })
        .expect(422);
      expect(minimumAboveCapacity.body).toMatchObject({
        code: 'topic_rule_broken',
        errors: [{ field: 'minimumAttendees' }],
      });
      // The default minimum (8) does not fit a capacity of 5 either.
      const defaultMinimum = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Grupo mínimo ${suffix}`, defaultCapacity: 5 })
        .expect(422);
      expect(defaultMinimum.body).toMatchObject({ code: 'topic_rule_broken', errors: [{ field: 'minimumAttendees' }] });

      const unknownSpecialty = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({
          title: `Especialidad inexistente ${suffix}`,
          requirements: [
            { specialtyId: gynecology.id, count: 1 },
            { specialtyId: MISSING_ID, count: 1 },
          ],
        })
        .expect(422);
      expect(unknownSpecialty.body).toMatchObject({
        code: 'topic_rule_broken',
        errors: [{ field: 'requirements.1.specialtyId', message: 'La especialidad no existe.' }],
      });

      const repeated = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({
          title: `Especialidad repetida ${suffix}`,
          requirements: [
            { specialtyId: gynecology.id, count: 1 },
            { specialtyId: gynecology.id, count: 2 },
          ],
        })
        .expect(422);
      expect(repeated.body).toMatchObject({
        code: 'topic_rule_broken',
        errors: [{ field: 'requirements.1.specialtyId', message: 'La especialidad ya está en la lista.' }],
      });

      const titleTaken = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: ` Urgencias  obstétricas ${suffix} ` })
        .expect(409);
      expect(titleTaken.body).toMatchObject({ code: 'topic_title_taken', errors: [{ field: 'title' }] });

      const listed = await t.http
        .get('/api/v1/topics')
        .query({ q: suffix, pageSize: 100 })
        .set(office.auth)
        .expect(200);
      expect(listed.body.total).toBe(1);
      expect(listed.body.items.map((topic: { id: string }) => topic.id)).toEqual([existing.body.id]);
    });

    describe('replaces the requirements on update, and credit hours follow the length unless set', () => {
      let id: string;
      let pneumology: { id: string };
      const codesOf = (body: { requirements: RequirementBody[] }) =>
        body.requirements.map((requirement) => [requirement.specialty.code, requirement.count]);

      it('replaces the whole list of requirements when an update sends it', async () => {
        let gynecology: { id: string };
        let internal: { id: string };
        [gynecology, internal, pneumology] = await Promise.all(
          ['gynecology_obstetrics', 'internal_medicine', 'pneumology'].map((code) => specialty(t, code)),
        );
        const created = await t.http
          .post('/api/v1/topics')
          .set(office.auth)
          .send({
            title: `Asma y EPOC ${unique()}`,
            requirements: [
              { specialtyId: gynecology.id, count: 2 },
              { specialtyId: internal.id, count: 1 },
            ],
          })
          .expect(201);
        id = created.body.id as string;

        const replaced = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ requirements: [{ specialtyId: pneumology.id, count: 3 }] })
          .expect(200);
        expect(codesOf(replaced.body)).toEqual([['pneumology', 3]]);
        expect(codesOf((await t.http.get(`/api/v1/topics/${id}`).set(office.auth).expect(200)).body)).toEqual([
          ['pneumology', 3],
        ]);
      });

      it('keeps them when a change does not send them', async () => {
        const renamed = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ description: 'Enfermedades respiratorias crónicas.' })
          .expect(200);
        expect(codesOf(renamed.body)).toEqual([['pneumology', 3]]);
        expect(renamed.body.creditHours).toBe(24);
      });

      it('has the credit hours follow the days and hours, unless they are set apart; then they stay as set', async () => {
        const shorter = await t.http.patch(`/api/v1/topics/${id}`).set(office.auth).send({ dayCount: 2 }).expect(200);
        expect(shorter.body).toMatchObject({ dayCount: 2, hoursPerDay: 8, creditHours: 16 });
        const halfDays = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ hoursPerDay: 4 })
          .expect(200);
        expect(halfDays.body).toMatchObject({ dayCount: 2, hoursPerDay: 4, creditHours: 8 });
        const explicit = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ dayCount: 4, creditHours: 20 })
          .expect(200);
        expect(explicit.body).toMatchObject({ dayCount: 4, hoursPerDay: 4, creditHours: 20 });
        const longer = await t.http.patch(`/api/v1/topics/${id}`).set(office.auth).send({ dayCount: 3 }).expect(200);
        expect(longer.body).toMatchObject({ dayCount: 3, hoursPerDay: 4, creditHours: 20 });
      });

      it('refuses an update that empties a required field or breaks a rule, and changes nothing', async () => {
        const missing = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ defaultCapacity: null, title: '' })
          .expect(400);
        expect(missing.body.errors).toEqual([
          { field: 'title', message: 'Es obligatorio.' },
          { field: 'defaultCapacity', message: 'Debe ser un número entero.' },
        ]);

        const refused = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ hoursPerDay: 10, requirements: [] })
          .expect(422);
        expect(refused.body).toMatchObject({ code: 'topic_rule_broken', errors: [{ field: 'hoursPerDay' }] });
        const refusedRequirement = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ requirements: [{ specialtyId: MISSING_ID, count: 1 }] })
          .expect(422);
        expect(refusedRequirement.body).toMatchObject({
          code: 'topic_rule_broken',
          errors: [{ field: 'requirements.0.specialtyId' }],
        });
        const unchanged = await t.http.get(`/api/v1/topics/${id}`).set(office.auth).expect(200);
        expect(unchanged.body).toMatchObject({ dayCount: 3, hoursPerDay: 4, creditHours: 20 });
        expect(codesOf(unchanged.body)).toEqual([['pneumology', 3]]);
      });

      it('clears them when an update sends none', async () => {
        const cleared = await t.http
          .patch(`/api/v1/topics/${id}`)
          .set(office.auth)
          .send({ requirements: [] })
          .expect(200);
        expect(cleared.body.requirements).toEqual([]);
      });
    });

    it('lists topics by title ignoring accents and case, and by whether they are active', async () => {
      const suffix = unique();
      const ids: Record<string, string> = {};
      for (const [key, title, active] of [
        ['diabetes', `Diabetes tipo 2 ${suffix}`, true],
        ['hypertension', `Hipertensión arterial ${suffix}`, true],
        ['mental', `Salud mental ${suffix}`, false],
      ] as const) {
        ids[key] = (await t.http.post('/api/v1/topics').set(office.auth).send({ title, active }).expect(201)).body.id;
      }
      const attendee = await signedInAs(t, ['attendee']);
      const listed = async (query: Record<string, string>) => {
        const response = await t.http
          .get('/api/v1/topics')
          .query({ pageSize: 100, ...query })
          .set(attendee.auth)
          .expect(200);
        return response.body.items.map((topic: { id: string }) => topic.id);
      };

      expect(await listed({ q: suffix })).toEqual([ids.diabetes, ids.hypertension, ids.mental]);
      expect(await listed({ q: `HIPERTENSION ARTERIAL ${suffix}` })).toEqual([ids.hypertension]);
      expect(await listed({ q: suffix, active: 'true' })).toEqual([ids.diabetes, ids.hypertension]);
      expect(await listed({ q: suffix, active: 'false' })).toEqual([ids.mental]);
      expect(await listed({ q: suffix, sort: '-title' })).toEqual([ids.mental, ids.hypertension, ids.diabetes]);

      const deactivated = await t.http
        .patch(`/api/v1/topics/${ids.diabetes}`)
        .set(office.auth)
        .send({ active: false })
        .expect(200);
      expect(deactivated.body.active).toBe(false);
      expect(await listed({ q: suffix, active: 'true' })).toEqual([ids.hypertension]);
      const badFilter = await t.http.get('/api/v1/topics').query({ active: 'maybe' }).set(attendee.auth).expect(400);
      expect(badFilter.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'active' }] });
    });

    it('refuses to delete a topic that has a seminar, and deletes one that has none', async () => {
      const network = await createNetwork(t);
      const used = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Tema con seminario ${unique()}`, minimumAttendees: 2 })
        .expect(201);
      await planSeminar(used.body.id, network.id, '2031-03-17');

      const refused = await t.http.delete(`/api/v1/topics/${used.body.id}`).set(office.auth).expect(409);
      expect(refused.body.code).toBe('topic_in_use');
      await t.http.get(`/api/v1/topics/${used.body.id}`).set(office.auth).expect(200);

      const unused = await t.http
        .post('/api/v1/topics')
        .set(office.auth)
        .send({ title: `Tema sin seminario ${unique()}` })
        .expect(201);
      await t.http.delete(`/api/v1/topics/${unused.body.id}`).set(office.auth).expect(204);
      const gone = await t.http.get(`/api/v1/topics/${unused.body.id}`).set(office.auth).expect(404);
      expect(gone.body.code).toBe('topic_not_found');
      const again = await t.http.delete(`/api/v1/topics/${unused.body.id}`).set(office.auth).expect(404);
      expect(again.body.code).toBe('topic_not_found');
    });
  });

  describe(VenuesService.name, () => {
    describe('creates, finds, updates and deletes a venue; a name is unique within its network only', () => {
      let network: Network;
      let otherNetwork: Network;
      let name: string;
      let attendee: SignedIn;
      let created: { body: { id: string } };
      let elsewhere: { body: { id: string } };

      it('creates a venue, its name trimmed, which anyone signed in can read', async () => {
        network = await createNetwork(t);
        otherNetwork = await createNetwork(t);
        name = `Auditorio de la Jurisdicción Sanitaria V ${unique()}`;
        created = await t.http
          .post('/api/v1/venues')
          .set(office.auth)
          .send({
            name: ` ${name} `,
            address: 'Av. Ávila Camacho 123, Xalapa, Ver.',
            networkId: network.id,
            capacity: 40,
            notes: 'Proyector en el aula 2.',
          })
          .expect(201);
        expect(created.body).toMatchObject({
          name,
          address: 'Av. Ávila Camacho 123, Xalapa, Ver.',
          networkId: network.id,
          capacity: 40,
          notes: 'Proyector en el aula 2.',
        });
        attendee = await signedInAs(t, ['attendee']);
        const fetched = await t.http.get(`/api/v1/venues/${created.body.id}`).set(attendee.auth).expect(200);
        expect(fetched.body).toEqual(created.body);
      });

      it('refuses the same name in the same network, not in another, and an unknown network', async () => {
        const taken = await t.http
          .post('/api/v1/venues')
          .set(office.auth)
          .send({ name, networkId: network.id, capacity: 20 })
          .expect(409);
        expect(taken.body).toMatchObject({ code: 'venue_name_taken', errors: [{ field: 'name' }] });
        elsewhere = await t.http
          .post('/api/v1/venues')
          .set(office.auth)
          .send({ name, networkId: otherNetwork.id, capacity: 20 })
          .expect(201);
        const missingNetwork = await t.http
          .post('/api/v1/venues')
          .set(office.auth)
          .send({ name: 'Sala', networkId: MISSING_ID, capacity: 20 })
          .expect(404);
        expect(missingNetwork.body.code).toBe('network_not_found');
      });

      it('lists venues by network, and by name ignoring accents and case', async () => {
        const inNetwork = await t.http
          .get('/api/v1/venues')
          .query({ networkId: network.id })
          .set(attendee.auth)
          .expect(200);
        expect(inNetwork.body.items.map((venue: { id: string }) => venue.id)).toEqual([created.body.id]);
        expect(inNetwork.body.total).toBe(1);
        const byName = await t.http
          .get('/api/v1/venues')
          .query({ q: 'jurisdiccion sanitaria' })
          .set(attendee.auth)
          .expect(200);
        expect(byName.body.items.map((venue: { id: string }) => venue.id).sort()).toEqual(
          [created.body.id, elsewhere.body.id].sort(),
        );
      });

      it('renames a venue, to a name another network’s venue may take too but not a neighbour in the same network', async () => {
        const updated = await t.http
          .patch(`/api/v1/venues/${created.body.id}`)
          .set(office.auth)
          .send({ name: `${name} (aula magna)`, capacity: 60 })
          .expect(200);
        expect(updated.body).toMatchObject({
          id: created.body.id,
          name: `${name} (aula magna)`,
          capacity: 60,
          networkId: network.id,
        });
        const sameNameElsewhere = await t.http
          .patch(`/api/v1/venues/${elsewhere.body.id}`)
          .set(office.auth)
          .send({ name: ` ${name}  (aula magna)` })
          .expect(200);
        expect(sameNameElsewhere.body.name).toBe(`${name} (aula magna)`);
        const neighbour = await createVenue(t, network.id);
        const renamedTaken = await t.http
          .patch(`/api/v1/venues/${neighbour.id}`)
          .set(office.auth)
          .send({ name: `${name} (aula magna)` })
          .expect(409);
        expect(renamedTaken.body.code).toBe('venue_name_taken');
        expect((await t.http.get(`/api/v1/venues/${neighbour.id}`).set(office.auth).expect(200)).body.name).toBe(
          neighbour.name,
        );
      });

      it('deletes a venue', async () => {
        await t.http.delete(`/api/v1/venues/${created.body.id}`).set(office.auth).expect(204);
        const gone = await t.http.get(`/api/v1/venues/${created.body.id}`).set(office.auth).expect(404);
        expect(gone.body.code).toBe('venue_not_found');
      });
    });

    it('refuses a seminar bigger than its venue, and a venue smaller than a seminar planned there', async () => {
      const network = await createNetwork(t);
      const topic = await createTopic(t, { defaultCapacity: 25, minimumAttendees: 2 });
      const venue = await createVenue(t, network.id, 30);

      const tooBig = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, venueId: venue.id, startDate: '2031-03-17', capacity: 31 })
        .expect(422);
      expect(tooBig.body).toMatchObject({ code: 'venue_capacity_exceeded', errors: [{ field: 'capacity' }] });
      const none = await t.http.get('/api/v1/seminars').query({ topicId: topic.id }).set(office.auth).expect(200);
      expect(none.body.total).toBe(0);

      // Without a capacity the seminar takes the topic's, or the venue's when that is smaller.
      const smallVenue = await createVenue(t, network.id, 12);
      const fitted = await planSeminar(topic.id, network.id, '2031-03-24', { venueId: smallVenue.id });
      expect(fitted.capacity).toBe(12);

      const seminar = await planSeminar(topic.id, network.id, '2031-03-17', { venueId: venue.id, capacity: 28 });
      expect(seminar.capacity).toBe(28);
      const shrink = await t.http
        .patch(`/api/v1/venues/${venue.id}`)
        .set(office.auth)
        .send({ capacity: 27 })
        .expect(422);
      expect(shrink.body).toMatchObject({
        code: 'venue_capacity_exceeded',
        errors: [{ field: 'capacity', message: 'Debe ser al menos 28.' }],
      });
      expect((await t.http.get(`/api/v1/venues/${venue.id}`).set(office.auth).expect(200)).body.capacity).toBe(30);

      const exact = await t.http
        .patch(`/api/v1/venues/${venue.id}`)
        .set(office.auth)
        .send({ capacity: 28 })
        .expect(200);
      expect(exact.body.capacity).toBe(28);
      // A cancelled seminar no longer holds the room.
      await t.http
        .post(`/api/v1/seminars/${seminar.id}/cancel`)
        .set(office.auth)
        .send({ reason: 'Contingencia sanitaria en la red.' })
        .expect(200);
      const afterCancel = await t.http
        .patch(`/api/v1/venues/${venue.id}`)
        .set(office.auth)
        .send({ capacity: 10 })
        .expect(200);
      expect(afterCancel.body.capacity).toBe(10);
    });

    it('refuses to delete a venue a seminar uses', async () => {
      const network = await createNetwork(t);
      const topic = await createTopic(t);
      const venue = await createVenue(t, network.id);
      await planSeminar(topic.id, network.id, '2031-04-07', { venueId: venue.id });

      const refused = await t.http.delete(`/api/v1/venues/${venue.id}`).set(office.auth).expect(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('venue_in_use');
      await t.http.get(`/api/v1/venues/${venue.id}`).set(office.auth).expect(200);
    });
  });

  describe(HolidaysService.name, () => {
    it('declares holidays, lists them by year and removes them', async () => {
      const declared = await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-09-16', name: ' Día de la  Independencia ' })
        .expect(201);
      expect(declared.body).toEqual({ date: '2031-09-16', name: 'Día de la Independencia' });
      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-11-17', name: 'Día de la Revolución' })
        .expect(201);
      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2032-01-01', name: 'Año Nuevo' })
        .expect(201);

      const duplicate = await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-09-16', name: 'Otra vez' })
        .expect(409);
      expect(duplicate.body).toMatchObject({ code: 'holiday_exists', errors: [{ field: 'date' }] });
      const badDate = await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-02-30', name: 'Inexistente' })
        .expect(400);
      expect(badDate.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'date' }] });
      // PostgreSQL has no year 0: such a date is refused as invalid rather than failing the query.
      const yearZero = await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '0000-01-01', name: 'Año cero' })
        .expect(400);
      expect(yearZero.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'date' }] });

      const attendee = await signedInAs(t, ['attendee']);
      const year2031 = await t.http.get('/api/v1/holidays').query({ year: 2031 }).set(attendee.auth).expect(200);
      expect(year2031.body).toEqual({
        year: 2031,
        items: [
          { date: '2031-09-16', name: 'Día de la Independencia' },
          { date: '2031-11-17', name: 'Día de la Revolución' },
        ],
      });

      await t.http.delete('/api/v1/holidays/2031-09-16').set(office.auth).expect(204);
      const missing = await t.http.delete('/api/v1/holidays/2031-09-16').set(office.auth).expect(404);
      expect(missing.body.code).toBe('holiday_not_found');
      const malformed = await t.http.delete('/api/v1/holidays/16-09-2031').set(office.auth).expect(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'date' }] });
      expect((await t.http.delete('/api/v1/holidays/0000-01-01').set(office.auth).expect(400)).body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'date' }],
      });
      const after = await t.http.get('/api/v1/holidays').query({ year: 2031 }).set(attendee.auth).expect(200);
      expect(after.body.items).toEqual([{ date: '2031-11-17', name: 'Día de la Revolución' }]);
      const year2032 = await t.http.get('/api/v1/holidays').query({ year: 2032 }).set(attendee.auth).expect(200);
      expect(year2032.body).toEqual({ year: 2032, items: [{ date: '2032-01-01', name: 'Año Nuevo' }] });
    });

    it('refuses a holiday on a day a seminar is held until the seminar is moved away; then days skip it', async () => {
      const network = await createNetwork(t);
      const topic = await createTopic(t);
      const seminar = await planSeminar(topic.id, network.id, '2031-06-09');
      expect(seminar.days.map((day) => day.date)).toEqual(['2031-06-09', '2031-06-10', '2031-06-11']);

      const refused = await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-06-10', name: 'Asueto local' })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'holiday_on_seminar_day', errors: [{ field: 'date' }] });
      const none = await t.http.get('/api/v1/holidays').query({ year: 2031 }).set(office.auth).expect(200);
      expect(none.body.items.map((holiday: { date: string }) => holiday.date)).not.toContain('2031-06-10');

      const moved = await t.http
        .post(`/api/v1/seminars/${seminar.id}/reschedule`)
        .set(office.auth)
        .send({ startDate: '2031-06-16', reason: 'Asueto local en Xalapa.' })
        .expect(200);
      expect(moved.body.days.map((day: { date: string }) => day.date)).toEqual([
        '2031-06-16',
        '2031-06-17',
        '2031-06-18',
      ]);
      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-06-10', name: 'Asueto local' })
        .expect(201);

      // A seminar planned over the holiday now skips it; one cannot start on it.
      const skipping = await planSeminar(topic.id, network.id, '2031-06-09');
      expect(skipping.days.map((day) => day.date)).toEqual(['2031-06-09', '2031-06-11', '2031-06-12']);
      const onHoliday = await t.http
        .post('/api/v1/seminars')
        .set(office.auth)
        .send({ topicId: topic.id, networkId: network.id, startDate: '2031-06-10' })
        .expect(422);
      expect(onHoliday.body.code).toBe('start_date_not_working_day');

      // A cancelled seminar does not hold its days.
      const cancelled = await planSeminar(topic.id, network.id, '2031-06-23');
      await t.http
        .post(`/api/v1/seminars/${cancelled.id}/cancel`)
        .set(office.auth)
        .send({ reason: 'Sin sede disponible.' })
        .expect(200);
      await t.http
        .post('/api/v1/holidays')
        .set(office.auth)
        .send({ date: '2031-06-24', name: 'Asueto sindical' })
        .expect(201);
    });
  });

  it('keeps writes for the office: other roles get 403, and nobody signed out reads anything', async () => {
    const network = await createNetwork(t);
    const topic = await createTopic(t);
    const venue = await createVenue(t, network.id);
    for (const roles of [['attendee'], ['facilitator'], ['manager']] as const) {
      const someone = await signedInAs(t, [...roles]);
      for (const [method, path, body] of [
        ['post', '/api/v1/topics', { title: `Tema ${unique()}` }],
        ['patch', `/api/v1/topics/${topic.id}`, { title: `Tema ${unique()}` }],
        ['delete', `/api/v1/topics/${topic.id}`, undefined],
        ['post', '/api/v1/venues', { name: `Sala ${unique()}`, networkId: network.id, capacity: 20 }],
        ['patch', `/api/v1/venues/${venue.id}`, { capacity: 5 }],
        ['delete', `/api/v1/venues/${venue.id}`, undefined],
        ['post', '/api/v1/holidays', { date: '2031-12-12', name: 'Día de la Virgen de Guadalupe' }],
        ['delete', '/api/v1/holidays/2031-11-17', undefined],
      ] as const) {
        const response = await t.http[method](path).set(someone.auth).send(body);
        expect([roles[0], method, path, response.status, response.body.code]).toEqual([
          roles[0],
          method,
          path,
          403,
          'forbidden',
        ]);
      }
      await t.http.get('/api/v1/topics').set(someone.auth).expect(200);
      await t.http.get('/api/v1/venues').set(someone.auth).expect(200);
    }
    for (const path of [
      '/api/v1/topics',
      `/api/v1/topics/${topic.id}`,
      '/api/v1/venues',
      '/api/v1/holidays?year=2031',
    ]) {
      const response = await t.http.get(path).expect(401);
      expect(response.body.code).toBe('unauthenticated');
    }
    const unchangedTopic = await t.http.get(`/api/v1/topics/${topic.id}`).set(office.auth).expect(200);
    expect(unchangedTopic.body.title).toBe(topic.title);
    const unchangedVenue = await t.http.get(`/api/v1/venues/${venue.id}`).set(office.auth).expect(200);
    expect(unchangedVenue.body.capacity).toBe(venue.capacity);
  });
});
