import { randomBytes, randomInt } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { EntityManager } from 'typeorm';
import type { Role } from '../../src/common/auth/principal';
import { Clock } from '../../src/common/time/clock';
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
import { AvailabilityRepository } from '../../src/modules/needs/availability.repository';
import { MatchingRunRepository } from '../../src/modules/matching/matching-run.repository';
import { MatchingRunner } from '../../src/modules/matching/matching-runner.service';
import { TrainingNeedsRepository } from '../../src/modules/needs/training-needs.repository';
import { JwtService } from '@nestjs/jwt';
import { JWT_ALGORITHM } from '../../src/modules/identity/auth.service';
import { SessionRepository } from '../../src/modules/identity/session.repository';
import { setNow, type TestApp } from './test-app';

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

/**
 * A person inserted through the repository, with the shared test password unless told otherwise.
 * `manager` is the transaction to insert in, for a test of what a rollback leaves.
 */
export async function createPerson(
  t: TestApp,
  overrides: PersonOverrides = {},
  manager: EntityManager = t.dataSource.manager,
): Promise<Person> {
  const people = t.app.get(PersonRepository);
  const suffix = randomBytes(4).toString('hex');
  const person = await people.save(
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
    manager,
  );
  if (overrides.password !== null) {
    const hash = overrides.password
      ? await hashPassword(overrides.password)
      : await (passwordHash ??= hashPassword(PASSWORD));
    await people.setPasswordHash(person.id, hash, manager);
  }
  return person;
}

export async function createNetwork(t: TestApp, name = `Red ${randomBytes(3).toString('hex')}`): Promise<Network> {
  const manager = t.dataSource.manager;
  return t.app.get(NetworkRepository).save(manager.create(Network, { name }), manager);
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
    manager.create(Unit, {
      code,
      name: overrides.name ?? `Unidad ${code}`,
      level,
      networkId,
      address: null,
      referralHospitals: overrides.referralHospitals ?? [],
    }),
    manager,
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
    .createSession(person.id, new Date(Date.now() + 3_600_000), t.dataSource.manager);
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
  /** What a certificate needs (eligibility): the share of hours attended, by default 100 %... */
  minAttendancePercent?: number;
  /** ...and the final evaluation answered, by default required. */
  evaluationRequired?: boolean;
  /** The hours a certificate credits, by default day count × hours per day. */
  creditHours?: number;
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
    manager.create(Topic, {
      title: overrides.title ?? `Tema ${randomBytes(3).toString('hex')}`,
      description: '',
      learningObjectives: [],
      dayCount,
      hoursPerDay,
      creditHours: overrides.creditHours ?? dayCount * hoursPerDay,
      defaultCapacity: overrides.defaultCapacity ?? 25,
      minimumAttendees: overrides.minimumAttendees ?? 2,
      minAttendancePercent: overrides.minAttendancePercent ?? 100,
      evaluationRequired: overrides.evaluationRequired ?? true,
      allowSelfRequests: overrides.allowSelfRequests ?? false,
      active: true,
      requirements,
    }),
    manager,
  );
}

export async function createVenue(t: TestApp, networkId: string, capacity = 30): Promise<Venue> {
  const manager = t.dataSource.manager;
  return t.app.get(VenueRepository).save(
    manager.create(Venue, {
      name: `Sede ${randomBytes(3).toString('hex')}`,
      address: 'Av. Xalapa 100, Xalapa, Ver.',
      networkId,
      capacity,
      notes: '',
    }),
    manager,
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
    repository.create({ seminarId, personId, status, waitlistPosition, respondBy }, manager),
    manager,
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
    await repository.upsertProfiles(
      [{ personId, willingToAttend: needs.willingToAttend, wish: needs.wish ?? null, updatedById: personId }],
      manager,
    );
    await repository.replaceInterests(
      personId,
      needs.interests.map((row) => ({
        topicId: row.topicId,
        interest: row.interest,
        trainedBefore: row.trainedBefore ?? false,
      })),
      manager,
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
    personId,
    ranges.map((range) => ({ from: range.from, to: range.to ?? range.from, reason: range.reason ?? null })),
    t.dataSource.manager,
  );
}

/** The body of a response, or an error naming the call and what it answered instead of `status`. */
function bodyOf(what: string, response: { status: number; body: unknown }, status: number): any {
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status} instead of ${status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The stages of a seminar's lifecycle that `createSeminar` can take it to, in order. */
export type SeminarStage = 'draft' | 'open' | 'confirmed' | 'in_progress' | 'completed';
const STAGES: SeminarStage[] = ['draft', 'open', 'confirmed', 'in_progress', 'completed'];

export interface SeminarPlan {
  /** A member of the training office: plans the seminar and takes it along its lifecycle. */
  office: SignedIn;
  networkId: string;
  startDate: string;
  /** An existing topic; otherwise a new one, made by `createTopic` with `topic` as its overrides. */
  topicId?: string;
  topic?: TopicOverrides;
  /** An existing venue; otherwise a new one of the network, big enough for `capacity`; `null` for none (draft only). */
  venueId?: string | null;
  capacity?: number;
  /** Added in this order, the first as lead. */
  facilitators?: Pick<Person, 'id'>[];
  /** Given a confirmed seat once it is open, as the enrolment flow leaves them (`enrol`). */
  confirmed?: Pick<Person, 'id'>[];
  /** Everyone confirmed recorded present, by the office on each day (needs `status: 'completed'`). */
  everyonePresent?: boolean;
  /** How far along its lifecycle to take it; `open` by default. */
  status?: SeminarStage;
}

export interface PlannedSeminar {
  id: string;
  title: string;
  topicId: string;
  /** Its days, first to last. */
  days: string[];
}

/**
 * A seminar planned, staffed and taken along its lifecycle through the API, as the training office
 * does it: created, its facilitators added, opened, its seats confirmed, then confirmed, started and
 * completed. Steps that must happen on or after its days (starting it, each day's roster,
 * completing it) move the service's clock to them, and the clock is put back as it was at the end.
 */
export async function createSeminar(t: TestApp, plan: SeminarPlan): Promise<PlannedSeminar> {
  const status = plan.status ?? 'open';
  const reaches = (stage: SeminarStage) => STAGES.indexOf(status) >= STAGES.indexOf(stage);
  const facilitators = plan.facilitators ?? [];
  const confirmed = plan.confirmed ?? [];
  if (confirmed.length > 0 && !reaches('open')) throw new Error('createSeminar: seats are confirmed once it is open');
  if (plan.everyonePresent && status !== 'completed')
    throw new Error('createSeminar: everyonePresent records every day, so the seminar must be completed');

  const auth = plan.office.auth;
  const topicId = plan.topicId ?? (await createTopic(t, plan.topic)).id;
  const venueId =
    plan.venueId === undefined
      ? (await createVenue(t, plan.networkId, Math.max(30, plan.capacity ?? 0))).id
      : plan.venueId;
  const created = bodyOf(
    'Creating the seminar',
    await t.http
      .post('/api/v1/seminars')
      .set(auth)
      .send({
        topicId,
        networkId: plan.networkId,
        startDate: plan.startDate,
        ...(venueId ? { venueId } : {}),
        ...(plan.capacity ? { capacity: plan.capacity } : {}),
      }),
    201,
  );
  const id: string = created.id;
  const days: string[] = created.days.map((day: { date: string }) => day.date);
  for (const [index, person] of facilitators.entries()) {
    bodyOf(
      `Adding facilitator ${index + 1}`,
      await t.http
        .post(`/api/v1/seminars/${id}/facilitators`)
        .set(auth)
        .send({ personId: person.id, ...(index === 0 ? { lead: true } : {}) }),
      201,
    );
  }
  const step = async (action: string) =>
    bodyOf(`The step ${action}`, await t.http.post(`/api/v1/seminars/${id}/${action}`).set(auth), 200);

  const restoreClock = clockRestorer(t);
  try {
    if (reaches('open')) await step('open');
    for (const person of confirmed) await enrol(t, id, person.id, 'confirmed');
    if (reaches('confirmed')) await step('confirm');
    if (reaches('in_progress')) {
      // 09:00 in Mexico City on the first day.
      setNow(t, `${days[0]}T15:00:00Z`);
      await step('start');
    }
    if (plan.everyonePresent) {
      for (const date of days) {
        setNow(t, `${date}T18:00:00Z`);
        bodyOf(
          `The roster of ${date}`,
          await t.http
            .put(`/api/v1/seminars/${id}/days/${date}/attendance`)
            .set(auth)
            .send({ records: confirmed.map((person) => ({ personId: person.id, status: 'present' })) }),
          200,
        );
      }
    }
    if (reaches('completed')) {
      // 17:00 in Mexico City on the last day.
      setNow(t, `${days[days.length - 1]}T23:00:00Z`);
      await step('complete');
    }
  } finally {
    restoreClock();
  }
  return { id, title: created.title, topicId, days };
}

/** Puts the service's clock back as it is now: at the same instant if a test set it, or running if not. */
function clockRestorer(t: TestApp): () => void {
  const clock = t.app.get(Clock);
  if (!jest.isMockFunction(clock.now)) return () => jest.mocked(clock.now).mockRestore?.();
  const instant = clock.now().toISOString();
  return () => setNow(t, instant);
}

/** A CSV file as the office would save it from a spreadsheet: a header, then one line per row. */
function csvFile(header: string[], rows: (string | number | null | undefined)[][]): Buffer {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from([header, ...rows].map((row) => row.map(cell).join(',')).join('\n'), 'utf8');
}

/** Uploads a CSV to one of the import endpoints and commits it; fails unless every row went in. */
async function importCsv(t: TestApp, office: SignedIn, path: string, file: Buffer): Promise<void> {
  const report = bodyOf(
    `Importing ${path}`,
    await t.http.post(path).query({ commit: 'true' }).set(office.auth).attach('file', file, 'import.csv'),
    200,
  );
  if (report.summary.error > 0) throw new Error(`Importing ${path}: ${JSON.stringify(report.rows)}`);
}

/** Units imported by the office (POST /units/import); `network` is an existing network's name. */
export async function importUnits(
  t: TestApp,
  office: SignedIn,
  units: { code: string; name: string; level: UnitLevel; network: string; referralHospitals?: string[] }[],
): Promise<void> {
  await importCsv(
    t,
    office,
    '/api/v1/units/import',
    csvFile(
      ['code', 'name', 'level', 'network', 'referral_hospitals'],
      units.map((unit) => [unit.code, unit.name, unit.level, unit.network, (unit.referralHospitals ?? []).join('|')]),
    ),
  );
}

/** People imported by the office (POST /people/import), by unit and specialty code. */
export async function importPeople(
  t: TestApp,
  office: SignedIn,
  people: { fullName: string; email: string; roles: Role[]; unitCode?: string; specialtyCode?: string }[],
): Promise<void> {
  await importCsv(
    t,
    office,
    '/api/v1/people/import',
    csvFile(
      ['full_name', 'email', 'unit_code', 'specialty_code', 'roles'],
      people.map((person) => [
        person.fullName,
        person.email,
        person.unitCode,
        person.specialtyCode,
        person.roles.join('|'),
      ]),
    ),
  );
}

/** Training needs imported by the office (POST /training-needs/import): one row per person and topic. */
export async function importTrainingNeeds(
  t: TestApp,
  office: SignedIn,
  needs: { email: string; topicId: string; interest: number; willing: boolean }[],
): Promise<void> {
  await importCsv(
    t,
    office,
    '/api/v1/training-needs/import',
    csvFile(
      ['email', 'topic', 'interest', 'willing'],
      needs.map((need) => [need.email, need.topicId, need.interest, need.willing ? 'yes' : 'no']),
    ),
  );
}

/**
 * A matching run as a worker leaves it when it dies while solving: running, at attempt `attempts`.
 * No API reaches this inside one process: the test app's own job worker takes every run it is
 * given and finishes it (the crash tests reach it with worker processes that they kill). The run
 * has no job in the queue; the test calls the runner itself, as a redelivery of its job would.
 */
export async function matchingRunLeftRunning(
  t: TestApp,
  run: { seminarIds: string[]; attempts: number; createdById?: string | null },
): Promise<string> {
  const runs = t.app.get(MatchingRunRepository);
  const { id } = await runs.create(
    {
      scope: { seminarIds: run.seminarIds },
      seminarIds: run.seminarIds,
      settings: {},
      createdById: run.createdById ?? null,
    },
    t.dataSource.manager,
  );
  await runs.update(id, {
    status: 'running',
    phase: 'facilitators_and_attendees',
    progress: 30,
    attempts: run.attempts,
  });
  return id;
}

/**
 * A matching run whose seminars were all cancelled before a worker took it up: the runner fails it
 * ("None of the seminars is still in draft or open."). No API reaches this: a request naming
 * cancelled seminars is refused, and the test app's job worker takes a run up at once, before a
 * test could cancel them. So the run is created as the request creates it and worked here as the
 * worker works it. The seminars must already be cancelled.
 */
export async function matchingRunOfCancelledSeminars(t: TestApp, seminarIds: string[]): Promise<string> {
  const runs = t.app.get(MatchingRunRepository);
  const { id } = await runs.create(
    {
      scope: { seminarIds },
      seminarIds,
      settings: {},
      createdById: null,
    },
    t.dataSource.manager,
  );
  await t.app.get(MatchingRunner).execute(id);
  const run = await runs.findSummary(id);
  if (run?.status !== 'failed') throw new Error(`The run of cancelled seminars ended ${run?.status}, not failed`);
  return id;
}
