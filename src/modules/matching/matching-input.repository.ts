import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SEAT_HOLDING_STATUSES } from '../seminars/seat-holding';

/** Enrolments that hold a seat: invited people too, until they answer. */
export const SEAT_STATUSES = ['invited', ...SEAT_HOLDING_STATUSES];
/** Enrolments that mean the person has (or is in line for) a seminar of that topic. */
export const TOPIC_HELD_STATUSES = [...SEAT_STATUSES, 'waitlisted'];

export interface ScopeSeminarRow {
  id: string;
  title: string;
  topicId: string;
  networkId: string;
  venueId: string | null;
  capacity: number;
  status: string;
  dates: string[];
}

export interface PersonRow {
  id: string;
  unitId: string | null;
  networkId: string | null;
}

/**
 * The reads behind a matching run: the seminars, the people who could facilitate or attend them,
 * and what those people already have on their calendars. Meant to run in one repeatable-read
 * transaction, so the run sees one moment of the data.
 */
@Injectable()
export class MatchingInputRepository {
  /** Seminars named by id, or starting within a period (and a network), in any status: callers pick the ones they may match. */
  async seminarsInScope(
    scope: { seminarIds?: string[]; from?: string; to?: string; networkId?: string },
    manager: EntityManager,
  ): Promise<ScopeSeminarRow[]> {
    return manager.query(
      `SELECT s.id, s.title, s.topic_id AS "topicId", s.network_id AS "networkId", s.venue_id AS "venueId", s.capacity, s.status,
              array_agg(to_char(d.date, 'YYYY-MM-DD') ORDER BY d.date) AS dates
         FROM seminar s JOIN seminar_day d ON d.seminar_id = s.id
        WHERE ($1::uuid[] IS NULL OR s.id = ANY($1::uuid[]))
          AND ($2::date IS NULL OR s.start_date >= $2) AND ($3::date IS NULL OR s.start_date <= $3)
          AND ($4::uuid IS NULL OR s.network_id = $4)
        GROUP BY s.id
        ORDER BY min(d.date), s.id`,
      [scope.seminarIds ?? null, scope.from ?? null, scope.to ?? null, scope.networkId ?? null],
    );
  }

  /**
   * A digest per seminar of everything a run reads about it (state, seats, dates, people). Two
   * equal digests mean nothing the run relied on has changed.
   */
  async fingerprints(seminarIds: string[], manager: EntityManager): Promise<Record<string, string>> {
    const rows = await manager.query<{ id: string; digest: string }[]>(
      `SELECT s.id, md5(concat_ws('|', s.status, s.capacity, s.network_id, s.topic_id, s.revision,
                 (SELECT string_agg(d.date::text, ',' ORDER BY d.date) FROM seminar_day d WHERE d.seminar_id = s.id),
                 (SELECT string_agg(f.person_id::text, ',' ORDER BY f.person_id) FROM facilitation f WHERE f.seminar_id = s.id),
                 (SELECT string_agg(e.person_id::text || ':' || e.status, ',' ORDER BY e.person_id) FROM enrolment e WHERE e.seminar_id = s.id),
                 (SELECT string_agg(p.person_id::text || ':' || p.kind, ',' ORDER BY p.person_id) FROM matching_pin p WHERE p.seminar_id = s.id))) AS digest
         FROM seminar s WHERE s.id = ANY($1::uuid[])`,
      [seminarIds],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.digest]));
  }

  requirements(
    topicIds: string[],
    manager: EntityManager,
  ): Promise<{ topicId: string; specialtyId: string; count: number }[]> {
    return manager.query(
      `SELECT topic_id AS "topicId", specialty_id AS "specialtyId", facilitator_count AS count
         FROM topic_requirement WHERE topic_id = ANY($1::uuid[]) ORDER BY topic_id, specialty_id`,
      [topicIds],
    );
  }

  facilitators(
    seminarIds: string[],
    manager: EntityManager,
  ): Promise<{ seminarId: string; personId: string; specialtyId: string | null; unitId: string | null }[]> {
    return manager.query(
      `SELECT f.seminar_id AS "seminarId", f.person_id AS "personId", p.specialty_id AS "specialtyId", p.unit_id AS "unitId"
         FROM facilitation f JOIN person p ON p.id = f.person_id
        WHERE f.seminar_id = ANY($1::uuid[]) ORDER BY f.seminar_id, f.created_at, f.person_id`,
      [seminarIds],
    );
  }

  /** Seats held per seminar and unit of the person holding them. */
  seatsHeld(
    seminarIds: string[],
    manager: EntityManager,
  ): Promise<{ seminarId: string; unitId: string | null; count: number }[]> {
    return manager.query(
      `SELECT e.seminar_id AS "seminarId", p.unit_id AS "unitId", count(*)::int AS count
         FROM enrolment e JOIN person p ON p.id = e.person_id
        WHERE e.seminar_id = ANY($1::uuid[]) AND e.status = ANY($2)
        GROUP BY e.seminar_id, p.unit_id`,
      [seminarIds, SEAT_STATUSES],
    );
  }

  /** Per network, the hospitals its primary-care units refer to. */
  referralHospitals(
    networkIds: string[],
    manager: EntityManager,
  ): Promise<{ networkId: string; hospitalIds: string[] }[]> {
    return manager.query(
      `SELECT u.network_id AS "networkId", array_agg(DISTINCT r.hospital_id) AS "hospitalIds"
         FROM unit u JOIN unit_referral r ON r.unit_id = u.id
        WHERE u.network_id = ANY($1::uuid[]) AND u.level = 'primary'
        GROUP BY u.network_id`,
      [networkIds],
    );
  }

  /** Active specialists of the given specialties, with their hospital and its network. */
  specialists(specialtyIds: string[], manager: EntityManager): Promise<(PersonRow & { specialtyId: string })[]> {
    return manager.query(
      `SELECT p.id, p.specialty_id AS "specialtyId", p.unit_id AS "unitId", u.network_id AS "networkId"
         FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE p.active AND 'facilitator' = ANY(p.roles) AND p.specialty_id = ANY($1::uuid[])
        ORDER BY p.id`,
      [specialtyIds],
    );
  }

  /** Primary-care units of the networks (and any unit named), with their attendee staff and referrals. */
  units(
    networkIds: string[],
    unitIds: string[],
    manager: EntityManager,
  ): Promise<{ id: string; networkId: string; attendeeStaff: number; referralHospitalIds: string[] }[]> {
    return manager.query(
      `SELECT u.id, u.network_id AS "networkId",
              (SELECT count(*)::int FROM person p WHERE p.unit_id = u.id AND p.active AND 'attendee' = ANY(p.roles)) AS "attendeeStaff",
              coalesce((SELECT array_agg(r.hospital_id ORDER BY r.hospital_id) FROM unit_referral r WHERE r.unit_id = u.id), '{}') AS "referralHospitalIds"
         FROM unit u
        WHERE (u.network_id = ANY($1::uuid[]) AND u.level = 'primary') OR u.id = ANY($2::uuid[])
        ORDER BY u.id`,
      [networkIds, unitIds],
    );
  }

  /** The units the people work at. */
  async unitsOf(personIds: string[], manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ unitId: string }[]>(
      `SELECT DISTINCT unit_id AS "unitId" FROM person WHERE id = ANY($1::uuid[]) AND unit_id IS NOT NULL`,
      [personIds],
    );
    return rows.map((row) => row.unitId);
  }

  /** Active attendees working at the units. */
  attendees(unitIds: string[], manager: EntityManager): Promise<PersonRow[]> {
    return manager.query(
      `SELECT p.id, p.unit_id AS "unitId", u.network_id AS "networkId"
         FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE p.active AND 'attendee' = ANY(p.roles) AND p.unit_id = ANY($1::uuid[])
        ORDER BY p.id`,
      [unitIds],
    );
  }

  /** Per person, the dates they already facilitate or hold a seat at a seminar (not cancelled) within the period. */
  async busyDates(
    personIds: string[],
    from: string,
    to: string,
    manager: EntityManager,
  ): Promise<Map<string, string[]>> {
    const rows = await manager.query<{ personId: string; dates: string[] }[]>(
      `SELECT x.person_id AS "personId", array_agg(DISTINCT to_char(d.date, 'YYYY-MM-DD')) AS dates
         FROM (SELECT person_id, seminar_id FROM facilitation WHERE person_id = ANY($1::uuid[])
               UNION
               SELECT person_id, seminar_id FROM enrolment WHERE person_id = ANY($1::uuid[]) AND status = ANY($2)) x
         JOIN seminar s ON s.id = x.seminar_id AND s.status <> 'cancelled'
         JOIN seminar_day d ON d.seminar_id = s.id AND d.date BETWEEN $3 AND $4
        GROUP BY x.person_id`,
      [personIds, SEAT_STATUSES, from, to],
    );
    return new Map(rows.map((row) => [row.personId, row.dates.sort()]));
  }

  /** Per specialist and month, the seminars (not cancelled) they facilitate with a day in that month. */
  async monthlyLoad(
    personIds: string[],
    months: string[],
    manager: EntityManager,
  ): Promise<Map<string, Record<string, number>>> {
    const rows = await manager.query<{ personId: string; month: string; count: number }[]>(
      `SELECT f.person_id AS "personId", m.month, count(DISTINCT f.seminar_id)::int AS count
         FROM facilitation f
         JOIN seminar s ON s.id = f.seminar_id AND s.status <> 'cancelled'
         JOIN LATERAL (SELECT DISTINCT to_char(d.date, 'YYYY-MM') AS month FROM seminar_day d WHERE d.seminar_id = s.id) m ON m.month = ANY($2)
        WHERE f.person_id = ANY($1::uuid[])
        GROUP BY f.person_id, m.month`,
      [personIds, months],
    );
    const load = new Map<string, Record<string, number>>();
    for (const row of rows) load.set(row.personId, { ...(load.get(row.personId) ?? {}), [row.month]: row.count });
    return load;
  }

  /** Per specialist, the seminars (not cancelled) they facilitate that start within the period: their load. */
  async load(personIds: string[], from: string, to: string, manager: EntityManager): Promise<Map<string, number>> {
    const rows = await manager.query<{ personId: string; count: number }[]>(
      `SELECT f.person_id AS "personId", count(*)::int AS count
         FROM facilitation f JOIN seminar s ON s.id = f.seminar_id AND s.status <> 'cancelled'
        WHERE f.person_id = ANY($1::uuid[]) AND s.start_date BETWEEN $2 AND $3
        GROUP BY f.person_id`,
      [personIds, from, to],
    );
    return new Map(rows.map((row) => [row.personId, row.count]));
  }

  /** Per person, the topics of seminars (not cancelled) they hold or wait for a seat at. */
  async heldTopics(personIds: string[], manager: EntityManager): Promise<Map<string, string[]>> {
    const rows = await manager.query<{ personId: string; topicIds: string[] }[]>(
      `SELECT e.person_id AS "personId", array_agg(DISTINCT s.topic_id) AS "topicIds"
         FROM enrolment e JOIN seminar s ON s.id = e.seminar_id AND s.status <> 'cancelled'
        WHERE e.person_id = ANY($1::uuid[]) AND e.status = ANY($2)
        GROUP BY e.person_id`,
      [personIds, TOPIC_HELD_STATUSES],
    );
    return new Map(rows.map((row) => [row.personId, row.topicIds]));
  }

  /** Per unit and date, staff away at seminars (not cancelled) within the period. */
  async awayByDate(
    unitIds: string[],
    from: string,
    to: string,
    manager: EntityManager,
  ): Promise<Map<string, Record<string, number>>> {
    const rows = await manager.query<{ unitId: string; date: string; count: number }[]>(
      `SELECT p.unit_id AS "unitId", to_char(d.date, 'YYYY-MM-DD') AS date, count(DISTINCT p.id)::int AS count
         FROM enrolment e
         JOIN person p ON p.id = e.person_id
         JOIN seminar s ON s.id = e.seminar_id AND s.status <> 'cancelled'
         JOIN seminar_day d ON d.seminar_id = s.id AND d.date BETWEEN $3 AND $4
        WHERE p.unit_id = ANY($1::uuid[]) AND e.status = ANY($2)
        GROUP BY p.unit_id, d.date`,
      [unitIds, SEAT_STATUSES, from, to],
    );
    const away = new Map<string, Record<string, number>>();
    for (const row of rows) away.set(row.unitId, { ...(away.get(row.unitId) ?? {}), [row.date]: row.count });
    return away;
  }

  /**
   * The office's pins, and a forbid for everyone who declined or withdrew from one of the seminars:
   * they are not proposed for it again.
   */
  pins(
    seminarIds: string[],
    manager: EntityManager,
  ): Promise<{ personId: string; seminarId: string; kind: 'force' | 'forbid' }[]> {
    return manager.query(
      `SELECT person_id AS "personId", seminar_id AS "seminarId", kind FROM matching_pin WHERE seminar_id = ANY($1::uuid[])
       UNION
       SELECT e.person_id, e.seminar_id, 'forbid' FROM enrolment e
        WHERE e.seminar_id = ANY($1::uuid[]) AND e.status IN ('declined', 'withdrawn')
          AND NOT EXISTS (SELECT 1 FROM matching_pin p WHERE p.person_id = e.person_id AND p.seminar_id = e.seminar_id)
       ORDER BY 2, 1`,
      [seminarIds],
    );
  }
}
