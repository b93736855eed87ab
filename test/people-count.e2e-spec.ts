import { randomBytes, randomInt } from 'node:crypto';
import { PeopleRepository } from '../src/modules/directory/people.repository';
import { createNetwork, createPerson, createUnit, signedInAs, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/** The unfiltered directory reads a kept count of people (row_count) instead of counting them. */
describe(`${PeopleRepository.name}: the kept count of people`, () => {
  let t: TestApp;
  let office: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
  });
  afterAll(() => t.close());

  async function listedTotal(): Promise<number> {
    const response = await t.http.get('/api/v1/people').query({ pageSize: 1 }).set(office.auth).expect(200);
    return response.body.total;
  }

  async function countedTotal(): Promise<number> {
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM person`);
    return count;
  }

  it('agrees with counting after creations, an import, concurrent inserts, a delete and a rollback', async () => {
    expect(await listedTotal()).toBe(await countedTotal());

    await createPerson(t);
    const created = await t.http
      .post('/api/v1/people')
      .set(office.auth)
      .send({
        fullName: 'Marisol Cano',
        email: `marisol.${randomBytes(3).toString('hex')}@salud.example`,
        roles: ['attendee'],
        sendInvitation: false,
      })
      .expect(201);
    expect(await listedTotal()).toBe(await countedTotal());

    const unit = await createUnit(t, (await createNetwork(t)).id, 'primary');
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `Persona ${i},persona.${randomBytes(4).toString('hex')}@salud.example,${randomInt(100_000_000, 999_999_999)},${unit.code},attendee`,
    );
    await t.http
      .post('/api/v1/people/import')
      .query({ commit: 'true' })
      .set(office.auth)
      .attach(
        'file',
        Buffer.from(['full_name,email,licence_number,unit_code,roles', ...rows].join('\n'), 'utf8'),
        'personas.csv',
      )
      .expect(200);
    expect(await listedTotal()).toBe(await countedTotal());

    // Several connections at once, most landing on different slots of the count, some on the same.
    await Promise.all(Array.from({ length: 12 }, () => createPerson(t)));
    expect(await listedTotal()).toBe(await countedTotal());

    await t.http.delete(`/api/v1/people/${created.body.id}`).set(office.auth).expect(204);
    expect(await listedTotal()).toBe(await countedTotal());

    const before = await listedTotal();
    await expect(
      t.dataSource.transaction(async (manager) => {
        await createPerson(
          t,
          {
            fullName: 'Deshecha',
            email: `deshecha.${randomBytes(3).toString('hex')}@salud.example`,
            roles: [],
            licenceNumber: null,
            password: null,
          },
          manager,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await listedTotal()).toBe(before);
    expect(before).toBe(await countedTotal());
  });

  it('is zero inside a transaction that empties the table, and back when it rolls back', async () => {
    const total = await countedTotal();
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('TRUNCATE person CASCADE');
      const [{ rows }] = await runner.query(
        `SELECT coalesce(sum(rows), 0)::int AS rows FROM row_count WHERE table_name = 'person'`,
      );
      expect(rows).toBe(0);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await listedTotal()).toBe(total);
  });

  it('counts a filtered list itself', async () => {
    const unit = await createUnit(t, (await createNetwork(t)).id, 'primary');
    await Promise.all([createPerson(t, { unitId: unit.id }), createPerson(t, { unitId: unit.id })]);
    const response = await t.http.get('/api/v1/people').query({ unitId: unit.id }).set(office.auth).expect(200);
    expect(response.body.total).toBe(2);
  });
});
