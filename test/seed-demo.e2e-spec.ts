import { demoPeople } from '../src/seed/demo-data';
import { seedDemo, type DemoSeedSummary } from '../src/seed/demo-seed';
import { createNetwork, createPerson, createUnit, PASSWORD, signedInAs } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

interface UnitItem {
  id: string;
  name: string;
  level: string;
  networkId: string;
  referralHospitalIds: string[];
}

interface PersonItem {
  id: string;
  fullName: string;
  email: string;
  licenceNumber: string | null;
  unitId: string | null;
  specialtyId: string | null;
  roles: string[];
}

describe('seedDemo', () => {
  let t: TestApp;
  let office: { Authorization: string };
  let first: DemoSeedSummary;

  beforeAll(async () => {
    t = await createTestApp();
    first = await seedDemo(t.dataSource);
    // No licence number, so the office account can never collide with a demo one.
    office = (await signedInAs(t, ['office'], { licenceNumber: null })).auth;
  });
  afterAll(() => t.close());

  const list = async <T>(path: string, query: Record<string, string> = {}) => {
    const response = await t.http
      .get(`/api/v1/${path}`)
      .query({ pageSize: '100', ...query })
      .set(office)
      .expect(200);
    return response.body as { items: T[]; total: number };
  };
  const specialtyIdsByCode = async () => {
    const specialties = await list<{ id: string; code: string }>('specialties');
    return new Map(specialties.items.map((specialty) => [specialty.code, specialty.id]));
  };
  const snapshot = () =>
    t.dataSource.query(`
      SELECT (SELECT count(*) FROM network) AS networks, (SELECT max(updated_at) FROM network) AS networks_updated,
             (SELECT count(*) FROM unit) AS units, (SELECT max(updated_at) FROM unit) AS units_updated,
             (SELECT count(*) FROM unit_referral) AS referrals,
             (SELECT count(*) FROM person) AS people, (SELECT max(updated_at) FROM person) AS people_updated,
             (SELECT count(*) FROM audit_entry WHERE action = 'demo.seeded') AS seed_audits`);

  it('loads the maternal-health and chronic-disease topics with their facilitator specialties', async () => {
    const topics = await t.http.get('/api/v1/topics').set(office).expect(200);
    const requirements = Object.fromEntries(
      topics.body.items.map(
        (topic: { title: string; requirements: { specialty: { code: string }; count: number }[] }) => [
          topic.title,
          Object.fromEntries(topic.requirements.map((requirement) => [requirement.specialty.code, requirement.count])),
        ],
      ),
    );
    expect(requirements).toEqual({
      'Salud materna y perinatal': { gynecology_obstetrics: 2, clinical_nutrition: 1 },
      'Enfermedades crónicas': {
        internal_medicine: 2,
        clinical_psychology: 1,
        pneumology: 1,
        ophthalmology: 1,
        emergency_medicine: 1,
      },
    });
    expect(topics.body.items[0]).toMatchObject({
      dayCount: 3,
      hoursPerDay: 8,
      creditHours: 24,
      defaultCapacity: 25,
      minimumAttendees: 8,
      minAttendancePercent: 100,
      evaluationRequired: true,
    });
  });

  it('gives each topic the short default evaluations and a diagnostic test of its own', async () => {
    const topics = (await t.http.get('/api/v1/topics').set(office).expect(200)).body.items as {
      id: string;
      title: string;
    }[];
    for (const topic of topics) {
      const forms = (await t.http.get(`/api/v1/topics/${topic.id}/evaluation-forms`).set(office).expect(200)).body;
      expect(forms.daily).toMatchObject({ source: 'default', title: { es: 'Evaluación de la sesión del día' } });
      expect(forms.final).toMatchObject({ source: 'default', title: { es: 'Evaluación final del seminario' } });
      expect(forms.diagnostic).toMatchObject({ source: 'topic', title: { es: `Prueba diagnóstica: ${topic.title}` } });
      const test = (await t.http.get(`/api/v1/evaluation-forms/${forms.diagnostic.formId}`).set(office).expect(200))
        .body;
      expect(test.items).toHaveLength(4);
      expect(test.items.reduce((sum: number, item: { points: number }) => sum + item.points, 0)).toBe(100);
    }
    // Short forms: at most ten items each.
    for (const form of (await t.http.get('/api/v1/evaluation-forms').set(office).expect(200)).body)
      expect(form.items.length).toBeLessThanOrEqual(10);
  });

  it('reports what it created on a fresh database', () => {
    expect(first).toMatchObject({
      networksCreated: 1,
      unitsCreated: 9,
      attendeesCreated: 70,
      facilitatorsCreated: 15,
      managersCreated: 9,
      topicsCreated: 2,
      alreadyPresent: 0,
      licenceNumbersWithheld: 0,
    });
    expect(first.referralsCreated).toBeGreaterThanOrEqual(7);
    expect(first.created).toBe(1 + 9 + first.referralsCreated + 94 + 2);
  });

  it('loads the Xalapa network: 7 primary units, each referring to one or both of its 2 hospitals', async () => {
    const networks = await list<{ id: string; name: string }>('networks', { q: 'Xalapa' });
    expect(networks.items.map((network) => network.name)).toEqual(['Xalapa']);
    const units = await list<UnitItem>('units');
    expect(units.total).toBe(9);
    expect(units.items.every((unit) => unit.networkId === networks.items[0].id)).toBe(true);

    const hospitals = units.items.filter((unit) => unit.level !== 'primary');
    const primary = units.items.filter((unit) => unit.level === 'primary');
    expect(hospitals.map((unit) => unit.name).sort()).toEqual([
      'Centro de Alta Especialidad Dr. Rafael Lucio',
      'Hospital General de Xalapa',
    ]);
    expect(primary).toHaveLength(7);
    const hospitalIds = hospitals.map((unit) => unit.id);
    for (const unit of primary) {
      expect(unit.referralHospitalIds.length).toBeGreaterThanOrEqual(1);
      expect(unit.referralHospitalIds.length).toBeLessThanOrEqual(2);
      expect(hospitalIds).toEqual(expect.arrayContaining(unit.referralHospitalIds));
    }
    // Both hospitals receive referrals, so matching has specialists of "their" hospital for everyone.
    expect(new Set(primary.flatMap((unit) => unit.referralHospitalIds))).toEqual(new Set(hospitalIds));
    expect(hospitals.every((unit) => unit.referralHospitalIds.length === 0)).toBe(true);
    expect(units.items.map((unit) => unit.name)).toContain('Centro de Salud Dr. Gastón Melo');
  });

  it('loads 70 primary-care physicians, 15 specialists in the hospitals and a manager per unit', async () => {
    const units = await list<UnitItem>('units');
    const primaryIds = units.items.filter((unit) => unit.level === 'primary').map((unit) => unit.id);
    const hospitalIds = units.items.filter((unit) => unit.level !== 'primary').map((unit) => unit.id);
    const specialties = await specialtyIdsByCode();

    const attendees = await list<PersonItem>('people', { role: 'attendee' });
    expect(attendees.total).toBe(70);
    expect(new Set(attendees.items.map((person) => person.unitId))).toEqual(new Set(primaryIds));
    expect(new Set(attendees.items.map((person) => person.specialtyId))).toEqual(
      new Set([specialties.get('family_medicine'), specialties.get('general_medicine')]),
    );

    const facilitators = await list<PersonItem>('people', { role: 'facilitator' });
    expect(facilitators.total).toBe(15);
    expect(facilitators.items.every((person) => hospitalIds.includes(person.unitId!))).toBe(true);
    const specialistCodes = [
      'gynecology_obstetrics',
      'clinical_nutrition',
      'internal_medicine',
      'clinical_psychology',
      'pneumology',
      'ophthalmology',
      'emergency_medicine',
      'integral_medicine',
    ];
    expect(new Set(facilitators.items.map((person) => person.specialtyId))).toEqual(
      new Set(specialistCodes.map((code) => specialties.get(code))),
    );

    const managers = await list<PersonItem>('people', { role: 'manager' });
    expect(managers.total).toBe(9);
    expect(managers.items.map((person) => person.unitId).sort()).toEqual(units.items.map((unit) => unit.id).sort());

    const everyone = [...attendees.items, ...facilitators.items, ...managers.items];
    expect(everyone.every((person) => person.roles.length === 1)).toBe(true);
    expect(everyone.every((person) => /^\d{7,8}$/.test(person.licenceNumber ?? ''))).toBe(true);
    expect(new Set(everyone.map((person) => person.licenceNumber)).size).toBe(94);
    expect(everyone.every((person) => /^[a-z]+\.[a-z]+@salud-xalapa\.example$/.test(person.email))).toBe(true);
    expect(new Set(everyone.map((person) => person.email)).size).toBe(94);
  });

  it('keeps accents and ñ in names, and finds them without the accents', async () => {
    const attendees = await list<PersonItem>('people', { role: 'attendee' });
    const facilitators = await list<PersonItem>('people', { role: 'facilitator' });
    const managers = await list<PersonItem>('people', { role: 'manager' });
    const names = [...attendees.items, ...facilitators.items, ...managers.items].map((person) => person.fullName);
    expect(names.sort()).toEqual(
      demoPeople()
        .map((person) => person.fullName)
        .sort(),
    );
    expect(names).toContain('María Fernanda Núñez López');

    const found = await list<PersonItem>('people', { q: 'nunez' });
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((person) => person.fullName.includes('Núñez'))).toBe(true);
  });

  it('gives demo people no password and no office role', async () => {
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM person WHERE email LIKE '%@salud-xalapa.example' AND (password_hash IS NOT NULL OR 'office' = ANY(roles))`,
    );
    expect(count).toBe(0);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'maria.nunez@salud-xalapa.example', password: PASSWORD });
    expect(login.status).toBe(401);
  });

  it('changes nothing when run again, and keeps what the office edited in between', async () => {
    const [person] = (await list<PersonItem>('people', { q: 'maria.nunez@salud-xalapa.example' })).items;
    await t.http
      .patch(`/api/v1/people/${person.id}`)
      .set(office)
      .send({ fullName: 'María Fernanda Núñez Ávila' })
      .expect(200);
    const units = await list<UnitItem>('units');
    const referringToBoth = units.items.find((unit) => unit.referralHospitalIds.length === 2)!;
    await t.http
      .patch(`/api/v1/units/${referringToBoth.id}`)
      .set(office)
      .send({
        level: 'primary',
        networkId: referringToBoth.networkId,
        referralHospitalIds: [referringToBoth.referralHospitalIds[0]],
      })
      .expect(200);

    const before = await snapshot();
    const second = await seedDemo(t.dataSource);
    expect(second).toMatchObject({
      created: 0,
      networksCreated: 0,
      unitsCreated: 0,
      referralsCreated: 0,
      attendeesCreated: 0,
      facilitatorsCreated: 0,
      managersCreated: 0,
      topicsCreated: 0,
      alreadyPresent: 1 + 9 + 94 + 2,
    });
    expect(await snapshot()).toEqual(before);
    expect(before[0].seed_audits).toBe('1');

    const edited = await t.http.get(`/api/v1/people/${person.id}`).set(office).expect(200);
    expect(edited.body.fullName).toBe('María Fernanda Núñez Ávila');
    const unit = await t.http.get(`/api/v1/units/${referringToBoth.id}`).set(office).expect(200);
    expect(unit.body.referralHospitalIds).toEqual([referringToBoth.referralHospitalIds[0]]);
  });

  describe('on a directory that already holds some of its keys', () => {
    let other: TestApp;
    afterAll(() => other?.close());

    it('leaves the existing rows alone and works around them', async () => {
      other = await createTestApp();
      const [maria] = demoPeople();
      const stranger = await createPerson(other, {
        fullName: 'Rosa Elena Tello Ruiz',
        email: 'rosa.tello@salud.example',
        licenceNumber: maria.licenceNumber,
      });
      const cordoba = await createNetwork(other, 'Córdoba');
      const foreign = await createUnit(other, cordoba.id, 'secondary', {
        code: 'VZSSA000030',
        name: 'Hospital de Córdoba',
      });

      const summary = await seedDemo(other.dataSource);
      expect(summary).toMatchObject({
        networksCreated: 1,
        unitsCreated: 8,
        unitsPresent: 1,
        attendeesCreated: 70,
        licenceNumbersWithheld: 1,
      });

      const [{ referrals_to_foreign, maria_licence, stranger_licence, foreign_name }] = await other.dataSource.query(
        `SELECT (SELECT count(*)::int FROM unit_referral WHERE hospital_id = $1) AS referrals_to_foreign,
                (SELECT licence_number FROM person WHERE email = $2) AS maria_licence,
                (SELECT licence_number FROM person WHERE id = $3) AS stranger_licence,
                (SELECT name FROM unit WHERE id = $1) AS foreign_name`,
        [foreign.id, maria.email, stranger.id],
      );
      // A hospital of another network is no referral target, and the real person keeps their licence.
      expect({ referrals_to_foreign, maria_licence, stranger_licence, foreign_name }).toEqual({
        referrals_to_foreign: 0,
        maria_licence: null,
        stranger_licence: maria.licenceNumber,
        foreign_name: 'Hospital de Córdoba',
      });
    });
  });
});
