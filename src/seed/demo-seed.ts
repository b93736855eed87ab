import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from '../common/audit/audit-entry.entity';
import { Network } from '../modules/directory/network.entity';
import { referralProblems } from '../modules/directory/referrals';
import { Specialty } from '../modules/directory/specialty.entity';
import { Unit } from '../modules/directory/unit.entity';
import { Person } from '../modules/identity/person.entity';
import {
  EvaluationForm,
  EvaluationFormVersion,
  TopicEvaluationForm,
} from '../modules/evaluations/evaluation-form.entity';
import type { FormItem } from '../modules/evaluations/forms/form-items';
import { Topic, TopicRequirement } from '../modules/topics/topic.entity';
import { DEMO_NETWORK_NAME, DEMO_UNITS, demoPeople } from './demo-data';
import { DEMO_TOPICS, type DemoTopic } from './demo-topics';

export type DemoSeedSummary = {
  networksCreated: number;
  unitsCreated: number;
  referralsCreated: number;
  attendeesCreated: number;
  facilitatorsCreated: number;
  managersCreated: number;
  topicsCreated: number;
  /** Rows inserted in all (networks, units, referral links, people, topics): 0 on a repeated run. */
  created: number;
  networksPresent: number;
  unitsPresent: number;
  peoplePresent: number;
  topicsPresent: number;
  /** Demo rows found by their natural key and left exactly as they were. */
  alreadyPresent: number;
  /** Demo people created without a licence number because someone else already holds it. */
  licenceNumbersWithheld: number;
};

/**
 * Loads the demo network (see demo-data.ts) and returns what it did. Whatever already exists, matched
 * by network name, unit code and person email, is left untouched, so running it again creates and
 * changes nothing, and the office's edits to demo rows survive a re-run.
 */
export async function seedDemo(dataSource: DataSource): Promise<DemoSeedSummary> {
  return dataSource.transaction(async (manager) => {
    // Two seeds started at once would both see the rows as missing and then collide on the unique keys.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:demo-seed'))`);
    const network = await ensureNetwork(manager);
    const units = await ensureUnits(manager, network.row);
    const people = await ensurePeople(manager, units.byCode);
    const topicsCreated = await ensureTopics(manager);
    const summary: DemoSeedSummary = {
      networksCreated: network.created,
      unitsCreated: units.created,
      referralsCreated: units.referralsCreated,
      attendeesCreated: people.createdByRole.attendee,
      facilitatorsCreated: people.createdByRole.facilitator,
      managersCreated: people.createdByRole.manager,
      topicsCreated,
      created: network.created + units.created + units.referralsCreated + people.created + topicsCreated,
      networksPresent: 1 - network.created,
      unitsPresent: DEMO_UNITS.length - units.created,
      peoplePresent: people.present,
      topicsPresent: DEMO_TOPICS.length - topicsCreated,
      alreadyPresent:
        1 - network.created + DEMO_UNITS.length - units.created + people.present + DEMO_TOPICS.length - topicsCreated,
      licenceNumbersWithheld: people.licenceNumbersWithheld,
    };
    // A run that found everything in place changed nothing, so there is nothing to account for.
    if (summary.created > 0) {
      await manager.insert(AuditEntry, {
        actorId: null,
        action: 'demo.seeded',
        subjectType: 'network',
        subjectId: network.row.id,
        reason: null,
        details: summary,
      } as QueryDeepPartialEntity<AuditEntry>);
    }
    return summary;
  });
}

async function ensureNetwork(manager: EntityManager): Promise<{ row: Network; created: number }> {
  const existing = await manager.findOneBy(Network, { name: DEMO_NETWORK_NAME });
  if (existing) return { row: existing, created: 0 };
  return { row: await manager.save(manager.create(Network, { name: DEMO_NETWORK_NAME })), created: 1 };
}

async function ensureUnits(
  manager: EntityManager,
  network: Network,
): Promise<{ byCode: Map<string, Unit>; created: number; referralsCreated: number }> {
  const existing = await manager.findBy(Unit, { code: In(DEMO_UNITS.map((unit) => unit.code)) });
  const byCode = new Map(existing.map((unit) => [unit.code, unit]));
  let created = 0;
  let referralsCreated = 0;
  for (const demo of DEMO_UNITS) {
    if (byCode.has(demo.code)) continue;
    const unit = manager.create(Unit, {
      code: demo.code,
      name: demo.name,
      level: demo.level,
      networkId: network.id,
      address: demo.address,
    });
    // Referrals are set only on units created here: an existing unit's referrals belong to the
    // office, and re-adding a link they removed would undo their edit. A hospital code that exists
    // with another level or network is skipped rather than linked against the directory's rules.
    unit.referralHospitals = demo.referralCodes
      .map((code) => byCode.get(code))
      .filter(
        (hospital): hospital is Unit => hospital !== undefined && referralProblems(unit, [hospital]).length === 0,
      );
    byCode.set(demo.code, await manager.save(unit));
    created += 1;
    referralsCreated += unit.referralHospitals.length;
  }
  return { byCode, created, referralsCreated };
}

/** The demo topics missing by title, with the required specialties the catalogue still has. */
async function ensureTopics(manager: EntityManager): Promise<number> {
  const present = new Set(
    (await manager.findBy(Topic, { title: In(DEMO_TOPICS.map((topic) => topic.title)) })).map((topic) => topic.title),
  );
  const specialtyIds = new Map((await manager.find(Specialty)).map((specialty) => [specialty.code, specialty.id]));
  let created = 0;
  for (const demo of DEMO_TOPICS.filter((topic) => !present.has(topic.title))) {
    const topic = await manager.save(
      manager.create(Topic, {
        title: demo.title,
        description: demo.description,
        learningObjectives: demo.learningObjectives,
        creditHours: 24,
      }),
    );
    const requirements = demo.requirements.filter((requirement) => specialtyIds.has(requirement.specialtyCode));
    if (requirements.length > 0) {
      await manager.insert(
        TopicRequirement,
        requirements.map((requirement) => ({
          topicId: topic.id,
          specialtyId: specialtyIds.get(requirement.specialtyCode)!,
          facilitatorCount: requirement.count,
        })),
      );
    }
    await createDiagnosticTest(manager, topic.id, demo);
    created += 1;
  }
  return created;
}

/** The topic's diagnostic test: 100 points shared among its questions. */
async function createDiagnosticTest(manager: EntityManager, topicId: string, demo: DemoTopic): Promise<void> {
  const form = await manager.save(manager.create(EvaluationForm, { kind: 'diagnostic', currentVersion: 1 }));
  const points = 100 / demo.diagnosticTest.length;
  const items: FormItem[] = demo.diagnosticTest.map((question, index) => ({
    id: `q${index + 1}`,
    kind: 'single_choice',
    prompt: { es: question.question[0], en: question.question[1] },
    required: true,
    options: question.options.map(([es, en], option) => ({ id: String.fromCharCode(97 + option), label: { es, en } })),
    correct: 'a',
    points,
  }));
  await manager.insert(EvaluationFormVersion, {
    formId: form.id,
    version: 1,
    title: { es: `Prueba diagnóstica: ${demo.title}`, en: `Diagnostic test: ${demo.title}` },
    items: items as never,
  });
  await manager.insert(TopicEvaluationForm, { topicId, kind: 'diagnostic', formId: form.id });
}

async function ensurePeople(
  manager: EntityManager,
  unitsByCode: Map<string, Unit>,
): Promise<{
  created: number;
  present: number;
  createdByRole: Record<'attendee' | 'facilitator' | 'manager', number>;
  licenceNumbersWithheld: number;
}> {
  const everyone = demoPeople();
  const present = new Set(
    (
      await manager.find(Person, {
        select: { id: true, email: true },
        where: { email: In(everyone.map((person) => person.email)) },
      })
    ).map((person) => person.email),
  );
  const missing = everyone.filter((person) => !present.has(person.email));
  const createdByRole = { attendee: 0, facilitator: 0, manager: 0 };
  if (missing.length === 0) return { created: 0, present: present.size, createdByRole, licenceNumbersWithheld: 0 };

  // A real person entered by the office may hold a demo licence number; the licence is unique, and
  // the demo person is still useful without one.
  const takenLicences = new Set(
    (
      await manager.find(Person, {
        select: { id: true, licenceNumber: true },
        where: { licenceNumber: In(missing.map((person) => person.licenceNumber)) },
      })
    ).map((person) => person.licenceNumber),
  );
  const specialtyIds = new Map(
    (
      await manager.findBy(Specialty, {
        code: In([...new Set(missing.flatMap((person) => person.specialtyCode ?? []))]),
      })
    ).map((specialty) => [specialty.code, specialty.id]),
  );
  await manager.insert(
    Person,
    missing.map((person) => ({
      fullName: person.fullName,
      email: person.email,
      licenceNumber: takenLicences.has(person.licenceNumber) ? null : person.licenceNumber,
      unitId: unitsByCode.get(person.unitCode)!.id,
      // The office may have removed a catalogue entry; the person is loaded without a specialty then.
      specialtyId: (person.specialtyCode && specialtyIds.get(person.specialtyCode)) ?? null,
      roles: person.roles,
      locale: 'es' as const,
      // Demo people cannot sign in until the office invites them; no shared demo password to leak.
      passwordHash: null,
      active: true,
    })),
  );
  for (const person of missing) {
    for (const role of person.roles) if (role in createdByRole) createdByRole[role as keyof typeof createdByRole] += 1;
  }
  return {
    created: missing.length,
    present: present.size,
    createdByRole,
    licenceNumbersWithheld: missing.filter((person) => takenLicences.has(person.licenceNumber)).length,
  };
}
