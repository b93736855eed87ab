import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsoDate } from '../../common/time/calendar-date';
import { ACTIVE_STATUSES, type SeminarStatus } from '../seminars/seminar.entity';
import { SEAT_HOLDING_STATUSES } from '../seminars/seat-holding';
import { Unavailability } from './availability.entity';

/** Calendar days from `from` to `to`, both included. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface UnavailableRange extends DateRange {
  reason: string | null;
}

/** A seminar still to be held that the person takes part in on some of their unavailable days. */
export interface SeminarClash {
  seminarId: string;
  title: string;
  status: SeminarStatus;
  dates: IsoDate[];
}

/** People's unavailable dates. */
@Injectable()
export class AvailabilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's ranges in date order. */
  async findForPerson(personId: string, manager: EntityManager = this.dataSource.manager): Promise<UnavailableRange[]> {
    const rows = await manager.find(Unavailability, { where: { personId }, order: { fromDate: 'ASC' } });
    return rows.map((row) => ({ from: row.fromDate, to: row.toDate, reason: row.reason }));
  }

  /**
   * For the matching: each person's unavailable ranges in date order, in one query; people without
   * any are absent from the map. With `within`, only ranges that overlap those days.
   */
  async findUnavailableRanges(
    personIds: string[],
    within?: DateRange,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, DateRange[]>> {
    const ranges = new Map<string, DateRange[]>();
    if (personIds.length === 0) return ranges;
    const rows = await manager.query<{ personId: string; from: string; to: string }[]>(
      `SELECT person_id AS "personId", to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"
         FROM unavailability
        WHERE person_id = ANY($1::uuid[]) AND ($2::date IS NULL OR to_date >= $2) AND ($3::date IS NULL OR from_date <= $3)
        ORDER BY person_id, from_date`,
      [personIds, within?.from ?? null, within?.to ?? null],
    );
    for (const row of rows)
      ranges.set(row.personId, [...(ranges.get(row.personId) ?? []), { from: row.from, to: row.to }]);
    return ranges;
  }

  /** Serialises replacements of one person's ranges, so that two saves never interleave into an unmerged set. */
  async lockPerson(personId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('availability:' || $1, 0))`, [personId]);
  }

  /** Replaces the person's ranges (already merged) with these. */
  async replace(personId: string, ranges: UnavailableRange[], manager: EntityManager): Promise<void> {
    await manager.delete(Unavailability, { personId });
    if (ranges.length === 0) return;
    await manager.insert(
      Unavailability,
      ranges.map((range) => ({ personId, fromDate: range.from, toDate: range.to, reason: range.reason })),
    );
  }

  /**
   * Seminars in an active state (draft to in progress) that the person facilitates or attends
   * (accepted, released or confirmed) with a day inside one of their unavailable ranges.
   */
  clashes(personId: string, manager: EntityManager = this.dataSource.manager): Promise<SeminarClash[]> {
    return manager.query(
      `SELECT s.id AS "seminarId", s.title, s.status, array_agg(DISTINCT to_char(d.date, 'YYYY-MM-DD') ORDER BY to_char(d.date, 'YYYY-MM-DD')) AS dates
         FROM (SELECT seminar_id FROM facilitation WHERE person_id = $1
               UNION
               SELECT seminar_id FROM enrolment WHERE person_id = $1 AND status = ANY($2)) x
         JOIN seminar s ON s.id = x.seminar_id
         JOIN seminar_day d ON d.seminar_id = s.id
         JOIN unavailability u ON u.person_id = $1 AND d.date BETWEEN u.from_date AND u.to_date
        WHERE s.status = ANY($3)
        GROUP BY s.id
        ORDER BY min(d.date), s.id`,
      [personId, SEAT_HOLDING_STATUSES, ACTIVE_STATUSES],
    );
  }
}
