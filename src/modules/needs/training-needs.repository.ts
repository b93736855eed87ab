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
  findTopics(ids: string[], manager: EntityManager): Promise<TopicChoice[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query('SELECT id, title, active FROM topic WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Every topic, for an import that names topics by title: a curriculum has tens of them, not thousands. */
  findAllTopics(manager: EntityManager): Promise<TopicChoice[]> {
    return manager.query('SELECT id, title, active FROM topic');
  }

  /** People whose licence number or email appears in an import, in one query. */
  findPeopleByLicencesOrEmails(licences: string[], emails: string[], manager: EntityManager): Promise<NamedPerson[]> {
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
  async lockPeople(personIds: string[], manager: EntityManager): Promise<void> {
    if (personIds.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended('training-needs:' || id, 0) AS key FROM unnest($1::text[]) AS id ORDER BY key) ordered`,
      [personIds],
    );
  }

  /** Replaces the person's whole set of interests. */
  async replaceInterests(
    personId: string,
    interests: Omit<InterestRow, 'personId'>[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.delete(TrainingNeed, { personId });
    await this.upsertInterests(
      interests.map((row) => ({ ...row, personId })),
      manager,
    );
  }

  /** Inserts interests, or updates those of the same person and topic, in one statement. */
  async upsertInterests(rows: InterestRow[], manager: EntityManager): Promise<void> {
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
  async upsertProfiles(rows: ProfileRow[], manager: EntityManager): Promise<void> {
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
  findProfiles(personIds: string[], manager: EntityManager): Promise<TrainingNeedProfile[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.findBy(TrainingNeedProfile, { personId: In(personIds) });
  }

  /** The stored interests of these people, for an import that merges into them. */
  findInterestRows(personIds: string[], manager: EntityManager): Promise<InterestRow[]> {
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
}
