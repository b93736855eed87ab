import { randomBytes, randomInt } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/common/auth/principal';
import { Network } from '../../src/modules/directory/network.entity';
import { NetworkRepository } from '../../src/modules/directory/network.repository';
import { Unit, type UnitLevel } from '../../src/modules/directory/unit.entity';
import { UnitRepository } from '../../src/modules/directory/unit.repository';
import { Person } from '../../src/modules/identity/person.entity';
import { PersonRepository } from '../../src/modules/identity/person.repository';
import { hashPassword } from '../../src/modules/identity/secrets';
import type { TestApp } from './test-app';

export const PASSWORD = 'Seminario-Xalapa-2026';

let passwordHash: Promise<string> | undefined;

export interface PersonOverrides {
  fullName?: string;
  email?: string;
  roles?: Role[];
  unitId?: string | null;
  licenceNumber?: string | null;
  active?: boolean;
  password?: string | null;
}

/** A person inserted through the repository, with the shared test password unless told otherwise. */
export async function createPerson(t: TestApp, overrides: PersonOverrides = {}): Promise<Person> {
  const people = t.app.get(PersonRepository);
  const manager = t.dataSource.manager;
  const suffix = randomBytes(4).toString('hex');
  const person = await people.save(
    manager,
    manager.create(Person, {
      fullName: overrides.fullName ?? `Persona ${suffix}`,
      email: overrides.email ?? `persona.${suffix}@salud.example`,
      roles: overrides.roles ?? ['attendee'],
      unitId: overrides.unitId ?? null,
      licenceNumber: overrides.licenceNumber === undefined ? String(randomInt(10_000_000, 99_999_999)) : overrides.licenceNumber,
      locale: 'es',
      active: overrides.active ?? true,
    }),
  );
  if (overrides.password !== null) {
    const hash = overrides.password ? await hashPassword(overrides.password) : await (passwordHash ??= hashPassword(PASSWORD));
    await people.setPasswordHash(manager, person.id, hash);
  }
  return person;
}

export async function createNetwork(t: TestApp, name = `Red ${randomBytes(3).toString('hex')}`): Promise<Network> {
  const manager = t.dataSource.manager;
  return t.app.get(NetworkRepository).save(manager, manager.create(Network, { name }));
}

export async function createUnit(
  t: TestApp,
  networkId: string,
  level: UnitLevel = 'primary',
  overrides: { code?: string; name?: string; referralHospitals?: Unit[] } = {},
): Promise<Unit> {
  const manager = t.dataSource.manager;
  const code = overrides.code ?? `VZ${randomBytes(4).toString('hex').toUpperCase()}`;
  return t.app.get(UnitRepository).save(
    manager,
    manager.create(Unit, {
      code,
      name: overrides.name ?? `Unidad ${code}`,
      level,
      networkId,
      address: null,
      referralHospitals: overrides.referralHospitals ?? [],
    }),
  );
}

export interface SignedIn {
  person: Person;
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function signIn(http: TestAgent, person: Person, password = PASSWORD): Promise<SignedIn> {
  const response = await http.post('/api/v1/auth/login').send({ email: person.email, password }).expect(200);
  const token = response.body.accessToken as string;
  return { person, token, refreshToken: response.body.refreshToken, auth: { Authorization: `Bearer ${token}` } };
}

/** A signed-in person holding the given roles. */
export async function signedInAs(t: TestApp, roles: Role[], overrides: PersonOverrides = {}): Promise<SignedIn> {
  return signIn(t.http, await createPerson(t, { ...overrides, roles }));
}
