import { randomBytes, randomInt } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { Role } from '../../src/common/auth/principal';
import type { Specialty } from '../../src/modules/directory/specialty.entity';
import { SpecialtyRepository } from '../../src/modules/directory/specialty.repository';
import type { Enrolment, EnrolmentStatus } from '../../src/modules/enrolment/enrolment.entity';
import { EnrolmentRepository } from '../../src/modules/enrolment/enrolment.repository';
import { Venue } from '../../src/modules/seminars/venue.entity';
import { VenueRepository } from '../../src/modules/seminars/venue.repository';
import { Topic, TopicRequirement } from '../../src/modules/topics/topic.entity';
import { TopicRepository } from '../../src/modules/topics/topic.repository';
import { Network } from '../../src/modules/directory/network.entity';
import { NetworkRepository } from '../../src/modules/directory/network.repository';
import { Unit, type UnitLevel } from '../../src/modules/directory/unit.entity';
import { UnitRepository } from '../../src/modules/directory/unit.repository';
import { Person } from '../../src/modules/identity/person.entity';
import { PersonRepository } from '../../src/modules/identity/person.repository';
import { hashPassword } from '../../src/modules/identity/secrets';
import { AvailabilityRepository } from '../../src/modules/matching/availability.repository';
import { TrainingNeedsRepository } from '../../src/modules/matching/training-needs.repository';
import { JwtService } from '@nestjs/jwt';
import { JWT_ALGORITHM } from '../../src/modules/identity/auth.service';
import { SessionRepository } from '../../src/modules/identity/session.repository';
import type { TestApp } from './test-app';

export const PASSWORD = 'Seminario-Xalapa-2026';

let passwordHash: Promise<string> | undefined;

export interface PersonOverrides {
  fullName?: string;
  email?: string;
  roles?: Role[];
  unitId?: string | null;
  licenceNumber?: string | null;
  specialtyId?: string | null;
  locale?: 'es' | 'en';
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
      licenceNumber:
        overrides.licenceNumber === undefined ? String(randomInt(10_000_000, 99_999_999)) : overrides.licenceNumber,
      specialtyId: overrides.specialtyId ?? null,
      locale: overrides.locale ?? 'es',
      active: overrides.active ?? true,
    }),
  );
  if (overrides.password !== null) {
    const hash = overrides.password
      ? await hashPassword(overrides.password)
      : await (passwordHash ??= hashPassword(PASSWORD));
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

/**
 * A bearer header for a person without the password check: a session as sign-in opens it, for tests
 * that need hundreds of signed-in people (argon2 is slow on purpose).
 */
export async function sessionFor(t: TestApp, person: Person): Promise<{ Authorization: string }> {
  const session = await t.app
    .get(SessionRepository)
    .createSession(t.dataSource.manager, person.id, new Date(Date.now() + 3_600_000));
  const token = await t.app
    .get(JwtService)
    .signAsync({ sub: person.id, sid: session.id }, { algorithm: JWT_ALGORITHM, expiresIn: 900 });
  return { Authorization: `Bearer ${token}` };
}

/** A specialty of the catalogue seeded by the first migration, by its code. */
export async function specialty(t: TestApp, code: string): Promise<Specialty> {
  const found = (await t.app.get(SpecialtyRepository).findAll()).find((candidate) => candidate.code === code);
  if (!found) throw new Error(`No specialty ${code}`);
  return found;
}

export interface TopicOverrides {
  title?: string;
  dayCount?: number;
  hoursPerDay?: number;
  defaultCapacity?: number;
  minimumAttendees?: number;
  allowSelfRequests?: boolean;
  requirements?: { specialtyCode: string; count: number }[];
}

/** A topic inserted through its repository; by default three days of eight hours needing two gynaecologists. */
export async function createTopic(t: TestApp, overrides: TopicOverrides = {}): Promise<Topic> {
  const manager = t.dataSource.manager;
  const requirements = await Promise.all(
    (overrides.requirements ?? [{ specialtyCode: 'gynecology_obstetrics', count: 2 }]).map(async (requirement) =>
      manager.create(TopicRequirement, {
        specialtyId: (await specialty(t, requirement.specialtyCode)).id,
        facilitatorCount: requirement.count,
      }),
    ),
  );
  const dayCount = overrides.dayCount ?? 3;
  const hoursPerDay = overrides.hoursPerDay ?? 8;
  return t.app.get(TopicRepository).save(
    manager,
    manager.create(Topic, {
      title: overrides.title ?? `Tema ${randomBytes(3).toString('hex')}`,
      description: '',
      learningObjectives: [],
      dayCount,
      hoursPerDay,
      creditHours: dayCount * hoursPerDay,
      defaultCapacity: overrides.defaultCapacity ?? 25,
      minimumAttendees: overrides.minimumAttendees ?? 2,
      minAttendancePercent: 100,
      evaluationRequired: true,
      allowSelfRequests: overrides.allowSelfRequests ?? false,
      active: true,
      requirements,
    }),
  );
}

export async function createVenue(t: TestApp, networkId: string, capacity = 30): Promise<Venue> {
  const manager = t.dataSource.manager;
  return t.app.get(VenueRepository).save(
    manager,
    manager.create(Venue, {
      name: `Sede ${randomBytes(3).toString('hex')}`,
      address: 'Av. Xalapa 100, Xalapa, Ver.',
      networkId,
      capacity,
      notes: '',
    }),
  );
}

/** A facilitator with a specialty, working at a hospital (when one is given). */
export async function createFacilitator(
  t: TestApp,
  specialtyCode = 'gynecology_obstetrics',
  overrides: PersonOverrides = {},
): Promise<Person> {
  return createPerson(t, { roles: ['facilitator'], specialtyId: (await specialty(t, specialtyCode)).id, ...overrides });
}

/** An enrolment row as the enrolment flow leaves it. */
export async function enrol(
  t: TestApp,
  seminarId: string,
  personId: string,
  status: EnrolmentStatus = 'confirmed',
): Promise<Enrolment> {
  const repository = t.app.get(EnrolmentRepository);
  const manager = t.dataSource.manager;
  const waitlistPosition = status === 'waitlisted' ? await repository.takeWaitlistPosition(manager) : null;
  const respondBy = status === 'invited' ? '2031-12-31' : null;
  return repository.save(
    manager,
    repository.create(manager, { seminarId, personId, status, waitlistPosition, respondBy }),
  );
}

/** A person's training needs as if they had stated them (replacing any they had). */
export async function setTrainingNeeds(
  t: TestApp,
  personId: string,
  needs: {
    willingToAttend: boolean;
    wish?: string | null;
    interests: { topicId: string; interest: number; trainedBefore?: boolean }[];
  },
): Promise<void> {
  const repository = t.app.get(TrainingNeedsRepository);
  await t.dataSource.transaction(async (manager) => {
    await repository.upsertProfiles(manager, [
      { personId, willingToAttend: needs.willingToAttend, wish: needs.wish ?? null, updatedById: personId },
    ]);
    await repository.replaceInterests(
      manager,
      personId,
      needs.interests.map((row) => ({
        topicId: row.topicId,
        interest: row.interest,
        trainedBefore: row.trainedBefore ?? false,
      })),
    );
  });
}

/** A person's unavailable ranges (already merged), replacing any they had. */
export async function setUnavailable(
  t: TestApp,
  personId: string,
  ranges: { from: string; to?: string; reason?: string | null }[],
): Promise<void> {
  await t.app.get(AvailabilityRepository).replace(
    t.dataSource.manager,
    personId,
    ranges.map((range) => ({ from: range.from, to: range.to ?? range.from, reason: range.reason ?? null })),
  );
}
