import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IsoDate } from '../../common/time/calendar-date';
import type { DateRange } from './availability.repository';

export interface StaffMemberRow {
  id: string;
  fullName: string;
}

export interface StaffSeminarRow {
  personId: string;
  seminarId: string;
  title: string;
  role: 'attendee' | 'facilitator';
  enrolmentStatus: 'invited' | 'accepted' | 'released' | 'confirmed' | null;
  dates: IsoDate[];
}

export interface StaffUnavailableRow extends DateRange {
  personId: string;
}

/** Seminar statuses whose days take people away: a draft is not announced yet, a cancelled one will not happen. */
const HELD_OR_PLANNED = ['open', 'confirmed', 'in_progress', 'completed', 'closed'];

/** Who of a unit's staff is away on which days: at seminars, or on dates they declared unavailable. */
@Injectable()
export class UnitAbsencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findUnit(unitId: string): Promise<{ id: string; name: string } | null> {
    const [unit] = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM unit WHERE id = $1`,
      [unitId],
    );
    return unit ?? null;
  }

  /** The unit's active attendees and facilitators, by name. */
  staff(unitId: string): Promise<StaffMemberRow[]> {
    return this.dataSource.query(
      `SELECT id, full_name AS "fullName" FROM person
        WHERE unit_id = $1 AND active AND ('attendee' = ANY(roles) OR 'facilitator' = ANY(roles))
        ORDER BY full_name, id`,
      [unitId],
    );
  }

  /**
   * Seminars the unit's active staff attend (invited to, or holding a seat) or facilitate, with
   * their days inside the window, earliest first.
   */
  seminars(unitId: string, window: DateRange, enrolmentStatuses: readonly string[]): Promise<StaffSeminarRow[]> {
    return this.dataSource.query(
      `SELECT x.person_id AS "personId", s.id AS "seminarId", s.title, x.role, x.enrolment_status AS "enrolmentStatus",
              array_agg(to_char(d.date, 'YYYY-MM-DD') ORDER BY d.date) AS dates
         FROM (SELECT person_id, seminar_id, 'attendee' AS role, status AS enrolment_status FROM enrolment WHERE status = ANY($4)
               UNION
               SELECT person_id, seminar_id, 'facilitator' AS role, NULL AS enrolment_status FROM facilitation) x
         JOIN person p ON p.id = x.person_id AND p.unit_id = $1 AND p.active
         JOIN seminar s ON s.id = x.seminar_id AND s.status = ANY($5)
         JOIN seminar_day d ON d.seminar_id = s.id AND d.date BETWEEN $2::date AND $3::date
        GROUP BY x.person_id, s.id, s.title, x.role, x.enrolment_status
        ORDER BY min(d.date), s.title, s.id`,
      [unitId, window.from, window.to, [...enrolmentStatuses], HELD_OR_PLANNED],
    );
  }

  /** The staff's unavailable ranges that overlap the window, in date order. */
  unavailable(unitId: string, window: DateRange): Promise<StaffUnavailableRow[]> {
    return this.dataSource.query(
      `SELECT u.person_id AS "personId", to_char(u.from_date, 'YYYY-MM-DD') AS "from", to_char(u.to_date, 'YYYY-MM-DD') AS "to"
         FROM unavailability u JOIN person p ON p.id = u.person_id AND p.unit_id = $1 AND p.active
        WHERE u.to_date >= $2::date AND u.from_date <= $3::date
        ORDER BY u.from_date, u.person_id`,
      [unitId, window.from, window.to],
    );
  }
}
