import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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

/** Demand for training, per topic and per unit, counted from the attendees' stated needs. */
@Injectable()
export class TrainingDemandRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
