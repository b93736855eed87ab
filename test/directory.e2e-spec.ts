import { randomBytes } from 'node:crypto';
import { PeopleService } from '../src/modules/directory/people.service';
import { UnitsService } from '../src/modules/directory/units.service';
import {
  createNetwork,
  createPerson,
  createUnit,
  PASSWORD,
  signedInAs,
  signIn,
  type SignedIn,
} from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const MISSING_ID = '3f0c9a52-7d1e-4a8b-9c61-2b7f0e4d5a10';

const unique = () => randomBytes(3).toString('hex');

describe('Directory', () => {
  let t: TestApp;
  let office: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
  });
  afterAll(() => t.close());

  describe(UnitsService.name, () => {
    it('creates a network and units; a primary unit refers only to hospitals of its own network', async () => {
      const network = await t.http
        .post('/api/v1/networks')
        .set(office.auth)
        .send({ name: `  Xalapa   ${unique()} ` })
        .expect(201);
      expect(network.body.name).toMatch(/^Xalapa [0-9a-f]{6}$/);
      const networkId = network.body.id as string;
      const hospital = await t.http
        .post('/api/v1/units')
        .set(office.auth)
        .send({ code: `vzhgx${unique()}`, name: 'Hospital General de Xalapa', level: 'secondary', networkId })
        .expect(201);
      expect(hospital.body.code).toBe(hospital.body.code.toUpperCase());

      const clinic = await t.http
        .post('/api/v1/units')
        .set(office.auth)
        .send({
          code: `CS${unique()}`,
          name: 'Centro de Salud Xalapa Centro',
          level: 'primary',
          networkId,
          referralHospitalIds: [hospital.body.id],
        })
        .expect(201);
      expect(clinic.body).toMatchObject({ level: 'primary', networkId, referralHospitalIds: [hospital.body.id] });
      const fetched = await t.http.get(`/api/v1/units/${clinic.body.id}`).set(office.auth).expect(200);
      expect(fetched.body.referralHospitalIds).toEqual([hospital.body.id]);

      const otherNetworkHospital = await createUnit(t, (await createNetwork(t)).id, 'tertiary');
      const anotherClinic = await createUnit(t, networkId, 'primary');
      for (const [referralHospitalIds, message] of [
        [[anotherClinic.id], 'Debe ser un hospital (segundo o tercer nivel).'],
        [[otherNetworkHospital.id], 'Debe pertenecer a la misma red.'],
        [[MISSING_ID], 'La unidad no existe.'],
      ] as const) {
        const refused = await t.http
          .post('/api/v1/units')
          .set(office.auth)
          .send({
            code: `CS${unique()}`,
            name: 'Centro de Salud Banderilla',
            level: 'primary',
            networkId,
            referralHospitalIds,
          })
          .expect(422);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body).toMatchObject({
          code: 'referral_hospital_invalid',
          errors: [{ field: 'referralHospitalIds.0', message }],
        });
      }
      // A hospital does not refer anywhere.
      const hospitalRefers = await t.http
        .patch(`/api/v1/units/${hospital.body.id}`)
        .set(office.auth)
        .send({ referralHospitalIds: [otherNetworkHospital.id] })
        .expect(422);
      expect(hospitalRefers.body.code).toBe('referral_hospital_invalid');
      // Nor may a hospital that a clinic refers to stop being one: demoted, or moved to another network.
      for (const change of [{ level: 'primary' }, { networkId: otherNetworkHospital.networkId }]) {
        const refused = await t.http
          .patch(`/api/v1/units/${hospital.body.id}`)
          .set(office.auth)
          .send(change)
          .expect(422);
        expect(refused.body.code).toBe('referral_hospital_invalid');
      }
      const hospitalAfter = await t.http.get(`/api/v1/units/${hospital.body.id}`).set(office.auth).expect(200);
      expect(hospitalAfter.body).toMatchObject({ level: 'secondary', networkId });
      const units = await t.http.get('/api/v1/units').query({ networkId, pageSize: 100 }).set(office.auth).expect(200);
      expect(units.body.total).toBe(3);
    });

    it('refuses to delete what is still in use: a unit with staff or referrals, a network with units, a specialty someone has', async () => {
      const network = await createNetwork(t);
      const hospital = await createUnit(t, network.id, 'secondary');
      const clinic = await createUnit(t, network.id, 'primary', { referralHospitals: [hospital] });
      const specialty = await t.http
        .post('/api/v1/specialties')
        .set(office.auth)
        .send({ code: `cardio_${unique()}`, nameEs: 'Cardiología pediátrica', nameEn: 'Paediatric cardiology' })
        .expect(201);
      await t.http
        .post('/api/v1/people')
        .set(office.auth)
        .send({
          fullName: 'Ana Núñez',
          email: `ana.${unique()}@salud.example`,
          unitId: clinic.id,
          specialtyId: specialty.body.id,
          roles: ['attendee'],
          sendInvitation: false,
        })
        .expect(201);

      for (const [path, code] of [
        [`/api/v1/units/${clinic.id}`, 'unit_in_use'],
        [`/api/v1/units/${hospital.id}`, 'unit_in_use'],
        [`/api/v1/networks/${network.id}`, 'network_in_use'],
        [`/api/v1/specialties/${specialty.body.id}`, 'specialty_in_use'],
      ]) {
        const refused = await t.http.delete(path).set(office.auth).expect(409);
        expect(refused.body.code).toBe(code);
        await t.http.get(path).set(office.auth).expect(200);
      }
      const clinicAfter = await t.http.get(`/api/v1/units/${clinic.id}`).set(office.auth).expect(200);
      expect(clinicAfter.body.referralHospitalIds).toEqual([hospital.id]);

      const empty = await createUnit(t, network.id, 'primary');
      await t.http.delete(`/api/v1/units/${empty.id}`).set(office.auth).expect(204);
      const gone = await t.http.get(`/api/v1/units/${empty.id}`).set(office.auth).expect(404);
      expect(gone.body.code).toBe('unit_not_found');
    });
  });

  describe(PeopleService.name, () => {
    it('adds a person, who is mailed an invitation to choose a password', async () => {
      const unit = await createUnit(t, (await createNetwork(t)).id);
      const email = `ginecologa.${unique()}@salud.example`;
      const created = await t.http
        .post('/api/v1/people')
        .set(office.auth)
        .send({
          fullName: '  María José   Hernández Peña ',
          email: email.toUpperCase(),
          licenceNumber: '1234 5678',
          unitId: unit.id,
          roles: ['facilitator'],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        fullName: 'María José Hernández Peña',
        email,
        licenceNumber: '12345678',
        unitId: unit.id,
        roles: ['facilitator'],
        active: true,
      });
      expect(created.body).not.toHaveProperty('passwordHash');

      const outbox = await t.http.get('/api/v1/outbox').query({ recipient: email }).set(office.auth).expect(200);
      expect(outbox.body.items).toHaveLength(1);
      expect(outbox.body.items[0]).toMatchObject({ recipient: email, template: 'account-created' });
      expect(outbox.body.items[0].body).toMatch(/token=[A-Za-z0-9_-]+/);
      const fetched = await t.http.get(`/api/v1/people/${created.body.id}`).set(office.auth).expect(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('refuses a second person with the same email or licence number', async () => {
      const existing = await createPerson(t, { licenceNumber: '87654321' });
      const emailTaken = await t.http
        .post('/api/v1/people')
        .set(office.auth)
        .send({ fullName: 'Otra Persona', email: existing.email.toUpperCase(), roles: ['attendee'] })
        .expect(409);
      expect(emailTaken.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(emailTaken.body).toMatchObject({ status: 409, code: 'email_taken', errors: [{ field: 'email' }] });

      const licenceTaken = await t.http
        .post('/api/v1/people')
        .set(office.auth)
        .send({
          fullName: 'Otra Persona',
          email: `otra.${unique()}@salud.example`,
          licenceNumber: '8765-4321',
          roles: ['attendee'],
        })
        .expect(409);
      expect(licenceTaken.body).toMatchObject({ code: 'licence_number_taken', errors: [{ field: 'licenceNumber' }] });

      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM person WHERE email = $1 OR licence_number = '87654321'`,
        [existing.email],
      );
      expect(count).toBe(1);
    });

    it('pages and sorts the list, refusing a page over 100 and a sort it does not know', async () => {
      const unit = await createUnit(t, (await createNetwork(t)).id);
      for (const name of ['Carmen Ávila', 'Bruno Díaz', 'Alma Ruiz', 'Diego Ortiz', 'Elena Soto']) {
        await createPerson(t, { fullName: name, unitId: unit.id });
      }
      const page = await t.http
        .get('/api/v1/people')
        .query({ unitId: unit.id, page: 2, pageSize: 2 })
        .set(office.auth)
        .expect(200);
      expect(page.body).toEqual({ items: expect.any(Array), page: 2, pageSize: 2, total: 5 });
      expect(page.body.items.map((person: { fullName: string }) => person.fullName)).toEqual([
        'Carmen Ávila',
        'Diego Ortiz',
      ]);
      const descending = await t.http
        .get('/api/v1/people')
        .query({ unitId: unit.id, sort: '-fullName', pageSize: 1 })
        .set(office.auth)
        .expect(200);
      expect(descending.body.items[0].fullName).toBe('Elena Soto');

      const tooBig = await t.http.get('/api/v1/people').query({ pageSize: 101 }).set(office.auth).expect(400);
      expect(tooBig.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'pageSize' }] });
      const badSort = await t.http.get('/api/v1/people').query({ sort: 'password_hash' }).set(office.auth).expect(400);
      expect(badSort.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'sort' }] });
    });

    it('finds people ignoring accents and case, and filters by role and unit', async () => {
      const unit = await createUnit(t, (await createNetwork(t)).id);
      const other = await createUnit(t, (await createNetwork(t)).id);
      const suffix = unique();
      const facilitator = await createPerson(t, {
        fullName: `Íñigo Núñez Peña ${suffix}`,
        roles: ['facilitator'],
        unitId: unit.id,
      });
      const attendee = await createPerson(t, {
        fullName: `Rocío NÚÑEZ ${suffix}`,
        roles: ['attendee'],
        unitId: other.id,
      });

      const ids = async (query: Record<string, string>) => {
        const response = await t.http
          .get('/api/v1/people')
          .query({ pageSize: 100, ...query })
          .set(office.auth)
          .expect(200);
        return response.body.items.map((person: { id: string }) => person.id).sort();
      };
      expect(await ids({ q: `nunez pena ${suffix}` })).toEqual([facilitator.id]);
      expect(await ids({ q: `nunez` })).toEqual(expect.arrayContaining([facilitator.id, attendee.id]));
      expect(await ids({ q: suffix })).toEqual([facilitator.id, attendee.id].sort());
      expect(await ids({ q: suffix, role: 'facilitator' })).toEqual([facilitator.id]);
      expect(await ids({ q: suffix, unitId: other.id })).toEqual([attendee.id]);
      expect(await ids({ q: '100%' })).toEqual([]);
    });

    it('updates a person and refuses an email someone else has', async () => {
      const person = await createPerson(t, { roles: ['attendee'] });
      const someoneElse = await createPerson(t);
      const updated = await t.http
        .patch(`/api/v1/people/${person.id}`)
        .set(office.auth)
        .send({ phone: '+52 228 812 3456', roles: ['attendee', 'manager'] })
        .expect(200);
      expect(updated.body).toMatchObject({
        id: person.id,
        phone: '+52 228 812 3456',
        roles: ['attendee', 'manager'],
        email: person.email,
      });
      const taken = await t.http
        .patch(`/api/v1/people/${person.id}`)
        .set(office.auth)
        .send({ email: someoneElse.email })
        .expect(409);
      expect(taken.body.code).toBe('email_taken');
      const fetched = await t.http.get(`/api/v1/people/${person.id}`).set(office.auth).expect(200);
      expect(fetched.body).toMatchObject({
        email: person.email,
        phone: '+52 228 812 3456',
        roles: ['attendee', 'manager'],
      });
    });

    it('deactivating a person ends their session at once and stops them signing in', async () => {
      const person = await createPerson(t);
      const session = await signIn(t.http, person);
      await t.http.get('/api/v1/me').set(session.auth).expect(200);

      const deactivated = await t.http
        .post(`/api/v1/people/${person.id}/deactivate`)
        .set(office.auth)
        .send({ reason: 'Dejó de laborar en la red' })
        .expect(200);
      expect(deactivated.body).toMatchObject({ id: person.id, active: false });

      await t.http.get('/api/v1/me').set(session.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: person.email, password: PASSWORD })
        .expect(401);
      expect(login.body.code).toBe('invalid_credentials');
      const inactive = await t.http
        .get('/api/v1/people')
        .query({ active: 'false', q: person.email, pageSize: 100 })
        .set(office.auth)
        .expect(200);
      expect(inactive.body.items.map((item: { id: string }) => item.id)).toEqual([person.id]);
    });

    it('does not let the office deactivate itself or drop its own office role', async () => {
      const self = await signedInAs(t, ['office']);
      const deactivate = await t.http
        .post(`/api/v1/people/${self.person.id}/deactivate`)
        .set(self.auth)
        .send({ reason: 'Prueba' })
        .expect(422);
      expect(deactivate.body.code).toBe('cannot_change_own_access');
      const demote = await t.http
        .patch(`/api/v1/people/${self.person.id}`)
        .set(self.auth)
        .send({ roles: ['attendee'] })
        .expect(422);
      expect(demote.body.code).toBe('cannot_change_own_access');
      const me = await t.http.get('/api/v1/me').set(self.auth).expect(200);
      expect(me.body).toMatchObject({ roles: ['office'] });
    });

    it('keeps writes for the office: other roles get 403 and a manager sees only their own staff', async () => {
      const unit = await createUnit(t, (await createNetwork(t)).id);
      const manager = await signedInAs(t, ['manager'], { unitId: unit.id });
      const staff = await createPerson(t, { unitId: unit.id });
      const outsider = await createPerson(t);

      const write = await t.http
        .post('/api/v1/networks')
        .set(manager.auth)
        .send({ name: `Red ${unique()}` })
        .expect(403);
      expect(write.body.code).toBe('forbidden');
      await t.http.patch(`/api/v1/people/${staff.id}`).set(manager.auth).send({ phone: '2288123456' }).expect(403);

      const listed = await t.http.get('/api/v1/people').query({ pageSize: 100 }).set(manager.auth).expect(200);
      expect(listed.body.items.map((person: { id: string }) => person.id).sort()).toEqual(
        [manager.person.id, staff.id].sort(),
      );
      const hidden = await t.http.get(`/api/v1/people/${outsider.id}`).set(manager.auth).expect(404);
      expect(hidden.body.code).toBe('person_not_found');
    });

    it('answers 400 invalid_id for a malformed id and 404 with the resource code for a missing one', async () => {
      for (const path of ['/api/v1/people/123', '/api/v1/units/not-a-uuid', "/api/v1/networks/1'%20OR%20'1'='1"]) {
        const response = await t.http.get(path).set(office.auth).expect(400);
        expect(response.body).toMatchObject({ code: 'invalid_id', errors: [{ field: 'id' }] });
      }
      await t.http.post('/api/v1/people/xyz/deactivate').set(office.auth).send({ reason: 'Prueba' }).expect(400);

      for (const [resource, code] of [
        ['people', 'person_not_found'],
        ['units', 'unit_not_found'],
        ['networks', 'network_not_found'],
        ['specialties', 'specialty_not_found'],
      ]) {
        const response = await t.http.get(`/api/v1/${resource}/${MISSING_ID}`).set(office.auth).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 404, code });
      }
      const english = await t.http
        .get(`/api/v1/people/${MISSING_ID}`)
        .set(office.auth)
        .set('Accept-Language', 'en')
        .expect(404);
      expect(english.body.detail).toBe('The person does not exist.');
      const deactivateMissing = await t.http
        .post(`/api/v1/people/${MISSING_ID}/deactivate`)
        .set(office.auth)
        .send({ reason: 'Prueba' })
        .expect(404);
      expect(deactivateMissing.body.code).toBe('person_not_found');
    });
  });
});
