import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SeminarStatus } from './seminar.entity';
import { SEAT_HOLDING_STATUSES } from './seat-holding';

export interface OtherSeminarRow {
  id: string;
  title: string;
  status: SeminarStatus;
  startDate: string;
  endDate: string;
}

export interface VenueClashRow extends OtherSeminarRow {
  dates: string[];
}

export interface PersonClashRow extends OtherSeminarRow {
  personId: string;
  fullName: string;
  role: 'facilitator' | 'attendee';
  dates: string[];
}

export interface MonthlyLoadRow extends OtherSeminarRow {
  personId: string;
  fullName: string;
  month: string;
}

const OTHER_SEMINAR = `s.id, s.title, s.status, to_char(s.start_date, 'YYYY-MM-DD') AS "startDate", to_char(s.end_date, 'YYYY-MM-DD') AS "endDate"`;

/**
 * The queries behind double-booking checks, and the locks that make a check and the booking it
 * allows one step: every change that books a venue or a person takes their booking locks first.
 */
@Injectable()
export class BookingRepository {
  /**
   * Transaction-scoped advisory locks on venues and people, taken in one global order so that two
   * bookings never wait on each other in a cycle.
   */
  async lock(keys: { venueIds?: (string | null)[]; personIds?: string[] }, manager: EntityManager): Promise<void> {
    const all = [
      ...(keys.venueIds ?? []).filter((id): id is string => id !== null).map((id) => `venue:${id}`),
      ...(keys.personIds ?? []).map((id) => `person:${id}`),
    ];
    if (all.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended(k, 0) AS key FROM unnest($1::text[]) AS k ORDER BY key) ordered`,
      [all],
    );
  }

  /** Other seminars in the given states that use the venue on any of the dates. */
  venueClashes(
    venueId: string,
    seminarId: string,
    dates: string[],
    statuses: SeminarStatus[],
    manager: EntityManager,
  ): Promise<VenueClashRow[]> {
    return manager.query(
      `SELECT ${OTHER_SEMINAR}, array_agg(to_char(d.date, 'YYYY-MM-DD') ORDER BY d.date) AS dates
         FROM seminar s JOIN seminar_day d ON d.seminar_id = s.id
        WHERE s.venue_id = $1 AND s.id <> $2 AND s.status = ANY($3) AND d.date = ANY($4::date[])
        GROUP BY s.id ORDER BY min(d.date), s.id`,
      [venueId, seminarId, statuses, dates],
    );
  }

  /** Other seminars in the given states that the people facilitate or attend on any of the dates. */
  personClashes(
    personIds: string[],
    seminarId: string,
    dates: string[],
    statuses: SeminarStatus[],
    manager: EntityManager,
  ): Promise<PersonClashRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT ${OTHER_SEMINAR}, x.person_id AS "personId", p.full_name AS "fullName", x.role,
              array_agg(to_char(d.date, 'YYYY-MM-DD') ORDER BY d.date) AS dates
         FROM (SELECT person_id, seminar_id, 'facilitator' AS role FROM facilitation WHERE person_id = ANY($1)
               UNION ALL
               SELECT person_id, seminar_id, 'attendee' FROM enrolment WHERE person_id = ANY($1) AND status = ANY($5)) x
         JOIN seminar s ON s.id = x.seminar_id
         JOIN seminar_day d ON d.seminar_id = s.id
         JOIN person p ON p.id = x.person_id
        WHERE s.id <> $2 AND s.status = ANY($3) AND d.date = ANY($4::date[])
        GROUP BY s.id, x.person_id, p.full_name, x.role
        ORDER BY p.full_name, min(d.date), s.id`,
      [personIds, seminarId, statuses, dates, SEAT_HOLDING_STATUSES],
    );
  }

  /** For each facilitator and month, the other seminars in the given states they facilitate with a day in that month. */
  monthlyLoad(
    personIds: string[],
    seminarId: string,
    months: string[],
    statuses: SeminarStatus[],
    manager: EntityManager,
  ): Promise<MonthlyLoadRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT DISTINCT ${OTHER_SEMINAR}, f.person_id AS "personId", p.full_name AS "fullName", to_char(d.date, 'YYYY-MM') AS month
         FROM facilitation f
         JOIN seminar s ON s.id = f.seminar_id
         JOIN seminar_day d ON d.seminar_id = s.id
         JOIN person p ON p.id = f.person_id
        WHERE f.person_id = ANY($1) AND s.id <> $2 AND s.status = ANY($3) AND to_char(d.date, 'YYYY-MM') = ANY($4)
        ORDER BY "fullName", month, "startDate", s.id`,
      [personIds, seminarId, statuses, months],
    );
  }
}
