import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Role } from '../../common/auth/principal';
import { TrainingNeed, TrainingNeedProfile } from './training-need.entity';

/** A stored interest with the topic it is about. */
export interface StoredInterest {
  topicId: string;
  topicTitle: string;
  topicActive: boolean;
  interest: number;
  trainedBefore: boolean;
}

/** A topic as the needs forms and the import see it. */
export interface TopicChoice {
  id: string;
  title: string;
  active: boolean;
}

/** Who an import row names, with what decides whether they may state training needs. */
export interface NamedPerson {
  id: string;
  email: string;
  licenceNumber: string | null;
  roles: Role[];
}

export interface InterestRow {
  personId: string;
  topicId: string;
  interest: number;
  trainedBefore: boolean;
}

export interface ProfileRow {
  personId: string;
  willingToAttend: boolean;
  wish: string | null;
  updatedById: string;
}

/** What the matching reads of one attendee's needs for the topics it plans. */
export interface AttendeeNeeds {
  personId: string;
  unitId: string | null;
  /** False for people who never stated their needs. */
  willingToAttend: boolean;
  interests: { topicId: string; interest: number; trainedBefore: boolean }[];
}

/** The people a summary counts: a unit's staff (a manager), a network's, or everyone (null). */
export interface DemandScope {
  unitId: string | null;
  networkId: string | null;
  topicId: string | null;
}

export interface TopicDemandRow {
  topicId: string;
  topicTitle: string;
  level1: number;
  level2: number;
  level3: number;
  interested: number;
  willing: number;
  trainedBefore: number;
}

export interface UnitDemandRow {
  unitId: string;
  code: string;
  name: string;
  networkId: string;
  networkName: string;
  attendeeStaff: number;
}

export interface UnitTopicDemandRow {
  unitId: string;
  topicId: string;
  topicTitle: string;
  interested: number;
  willing: number;
}

/**
 * The needs of the attendees a summary counts (active people with the attendee role), filtered by
 * scope. Parameters: $1 unit, $2 network, $3 topic, each null for no filter.
 */
const SCOPED_NEEDS = `
  SELECT n.topic_id, n.interest, n.trained_before, coalesce(pr.willing_to_attend, false) AS willing, p.unit_id
    FROM training_need n
    JOIN person p ON p.id = n.person_id
    LEFT JOIN unit u ON u.id = p.unit_id
    LEFT JOIN training_need_profile pr ON pr.person_id = n.person_id
   WHERE p.active AND 'attendee' = ANY(p.roles)
     AND ($1::uuid IS NULL OR p.unit_id = $1)
     AND ($2::uuid IS NULL OR u.network_id = $2)
     AND ($3::uuid IS NULL OR n.topic_id = $3)`;

/** Training needs: each attendee's profile and interests per topic. */
@Injectable()
export class TrainingNeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findProfile(personId: string, manager: EntityManager = this.dataSource.manager): Promise<TrainingNeedProfile | null> {
    return manager.findOneBy(TrainingNeedProfile, { personId });
  }

  /** The person's interests with their topics, by topic title. */
  findInterests(personId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredInterest[]> {
    return manager.query(
      `SELECT n.topic_id AS "topicId", t.title AS "topicTitle", t.active AS "topicActive", n.interest, n.trained_before AS "trainedBefore"
         FROM training_need n JOIN topic t ON t.id = n.topic_id
        WHERE n.person_id = $1
        ORDER BY unaccent_lower(t.title), t.id`,
      [personId],
    );
  }

  /** The topics with these ids (those that exist). */
  findTopics(manager: EntityManager, ids: string[]): Promise<TopicChoice[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query('SELECT id, title, active FROM topic WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Every topic, for an import that names topics by title: a curriculum has tens of them, not thousands. */
  findAllTopics(manager: EntityManager): Promise<TopicChoice[]> {
    return manager.query('SELECT id, title, active FROM topic');
  }

  /** People whose licence number or email appears in an import, in one query. */
  findPeopleByLicencesOrEmails(manager: EntityManager, licences: string[], emails: string[]): Promise<NamedPerson[]> {
    if (licences.length === 0 && emails.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT id, email, licence_number AS "licenceNumber", roles FROM person WHERE licence_number = ANY($1::text[]) OR email = ANY($2::text[])`,
      [licences, emails],
    );
  }

  /**
   * Serialises writes to the needs of these people (a form saved while an import runs), with
   * transaction-scoped advisory locks taken in one global order so that no two writers deadlock.
   */
  async lockPeople(manager: EntityManager, personIds: string[]): Promise<void> {
    if (personIds.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended('training-needs:' || id, 0) AS key FROM unnest($1::text[]) AS id ORDER BY key) ordered`,
      [personIds],
    );
  }

  /** Replaces the person's whole set of interests. */
  async replaceInterests(
    manager: EntityManager,
    personId: string,
    interests: Omit<InterestRow, 'personId'>[],
  ): Promise<void> {
    await manager.delete(TrainingNeed, { personId });
    await this.upsertInterests(
      manager,
      interests.map((row) => ({ ...row, personId })),
    );
  }

  /** Inserts interests, or updates those of the same person and topic, in one statement. */
  async upsertInterests(manager: EntityManager, rows: InterestRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO training_need (person_id, topic_id, interest, trained_before)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::boolean[])
       ON CONFLICT (person_id, topic_id) DO UPDATE SET interest = excluded.interest, trained_before = excluded.trained_before`,
      [
        rows.map((row) => row.personId),
        rows.map((row) => row.topicId),
        rows.map((row) => row.interest),
        rows.map((row) => row.trainedBefore),
      ],
    );
  }

  /** Creates or overwrites profiles, stamping them as changed now by `updatedById`, in one statement. */
  async upsertProfiles(manager: EntityManager, rows: ProfileRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO training_need_profile (person_id, willing_to_attend, wish, updated_at, updated_by_id)
       SELECT person_id, willing, wish, now(), updated_by FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::uuid[]) AS x(person_id, willing, wish, updated_by)
       ON CONFLICT (person_id) DO UPDATE
          SET willing_to_attend = excluded.willing_to_attend, wish = excluded.wish, updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id`,
      [
        rows.map((row) => row.personId),
        rows.map((row) => row.willingToAttend),
        rows.map((row) => row.wish),
        rows.map((row) => row.updatedById),
      ],
    );
  }

  /** Profiles of these people, for an import that merges into them. */
  findProfiles(manager: EntityManager, personIds: string[]): Promise<TrainingNeedProfile[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.findBy(TrainingNeedProfile, { personId: In(personIds) });
  }

  /** The stored interests of these people, for an import that merges into them. */
  findInterestRows(manager: EntityManager, personIds: string[]): Promise<InterestRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT person_id AS "personId", topic_id AS "topicId", interest, trained_before AS "trainedBefore" FROM training_need WHERE person_id = ANY($1::uuid[])`,
      [personIds],
    );
  }

  /**
   * For the matching: every active attendee with an interest row for one of the topics, with their
   * unit, their willingness and their interests in those topics (interest 0 included), in one query.
   */
  findNeedsForTopics(topicIds: string[], manager: EntityManager = this.dataSource.manager): Promise<AttendeeNeeds[]> {
    if (topicIds.length === 0) return Promise.resolve([]);
    return manager.query<AttendeeNeeds[]>(
      `SELECT p.id AS "personId", p.unit_id AS "unitId", coalesce(pr.willing_to_attend, false) AS "willingToAttend",
              json_agg(json_build_object('topicId', n.topic_id, 'interest', n.interest, 'trainedBefore', n.trained_before) ORDER BY n.topic_id) AS interests
         FROM training_need n
         JOIN person p ON p.id = n.person_id
         LEFT JOIN training_need_profile pr ON pr.person_id = p.id
        WHERE n.topic_id = ANY($1::uuid[]) AND p.active AND 'attendee' = ANY(p.roles)
        GROUP BY p.id, pr.willing_to_attend
        ORDER BY p.id`,
      [topicIds],
    );
  }

  /** Demand per topic: every active topic (or the one of the scope), with zeros where nobody asked. */
  async demandByTopic(scope: DemandScope): Promise<TopicDemandRow[]> {
    const rows = await this.dataSource.query<Record<keyof TopicDemandRow, string>[]>(
      `WITH scoped AS (${SCOPED_NEEDS})
       SELECT t.id AS "topicId", t.title AS "topicTitle",
              count(s.topic_id) FILTER (WHERE s.interest = 1) AS level1,
              count(s.topic_id) FILTER (WHERE s.interest = 2) AS level2,
              count(s.topic_id) FILTER (WHERE s.interest = 3) AS level3,
              count(s.topic_id) FILTER (WHERE s.interest >= 1) AS interested,
              count(s.topic_id) FILTER (WHERE s.interest >= 1 AND s.willing) AS willing,
              count(s.topic_id) FILTER (WHERE s.trained_before) AS "trainedBefore"
         FROM topic t LEFT JOIN scoped s ON s.topic_id = t.id
        WHERE ($3::uuid IS NULL AND t.active) OR t.id = $3
        GROUP BY t.id
        ORDER BY unaccent_lower(t.title), t.id`,
      scopeParameters(scope),
    );
    return rows.map((row) => ({
      topicId: row.topicId,
      topicTitle: row.topicTitle,
      level1: Number(row.level1),
      level2: Number(row.level2),
      level3: Number(row.level3),
      interested: Number(row.interested),
      willing: Number(row.willing),
      trainedBefore: Number(row.trainedBefore),
    }));
  }

  /** Units of the scope with attendee staff, and how many. */
  async unitsWithAttendees(scope: DemandScope): Promise<UnitDemandRow[]> {
    const rows = await this.dataSource.query<(Omit<UnitDemandRow, 'attendeeStaff'> & { attendeeStaff: string })[]>(
      `SELECT u.id AS "unitId", u.code, u.name, u.network_id AS "networkId", nw.name AS "networkName", count(*) AS "attendeeStaff"
         FROM unit u
         JOIN network nw ON nw.id = u.network_id
         JOIN person p ON p.unit_id = u.id AND p.active AND 'attendee' = ANY(p.roles)
        WHERE ($1::uuid IS NULL OR u.id = $1) AND ($2::uuid IS NULL OR u.network_id = $2)
        GROUP BY u.id, nw.id
        ORDER BY nw.name, u.code`,
      [scope.unitId, scope.networkId],
    );
    return rows.map((row) => ({ ...row, attendeeStaff: Number(row.attendeeStaff) }));
  }

  /** Per unit and topic, the staff interested and those of them willing to attend (only pairs with interest). */
  async demandByUnitAndTopic(scope: DemandScope): Promise<UnitTopicDemandRow[]> {
    const rows = await this.dataSource.query<
      (Omit<UnitTopicDemandRow, 'interested' | 'willing'> & { interested: string; willing: string })[]
    >(
      `WITH scoped AS (${SCOPED_NEEDS})
       SELECT s.unit_id AS "unitId", t.id AS "topicId", t.title AS "topicTitle",
              count(*) AS interested, count(*) FILTER (WHERE s.willing) AS willing
         FROM scoped s JOIN topic t ON t.id = s.topic_id
        WHERE s.unit_id IS NOT NULL AND s.interest >= 1 AND (($3::uuid IS NULL AND t.active) OR t.id = $3)
        GROUP BY s.unit_id, t.id
        ORDER BY s.unit_id, unaccent_lower(t.title), t.id`,
      scopeParameters(scope),
    );
    return rows.map((row) => ({ ...row, interested: Number(row.interested), willing: Number(row.willing) }));
  }
}

function scopeParameters(scope: DemandScope): (string | null)[] {
  return [scope.unitId, scope.networkId, scope.topicId];
}
