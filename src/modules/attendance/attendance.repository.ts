import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AttendanceStatus } from './hours';

/** A confirmed attendee of a seminar, as rosters show them. */
export interface AttendeeRow {
  personId: string;
  fullName: string;
  unitId: string | null;
  unitName: string | null;
}

/** A day's record as rosters show it. */
export interface DayRecordRow {
  personId: string;
  status: AttendanceStatus;
  hoursCredited: number;
  checkedInAt: Date | null;
  checkInWindow: number | null;
  recordedBy: string | null;
  reason: string | null;
  updatedAt: Date;
}

/** A roster line to write. */
export interface RosterWrite {
  personId: string;
  status: AttendanceStatus;
  hoursCredited: number;
}

/** A seminar day open for check-in today, with what the check-in needs of its seminar. */
export interface CheckInDay {
  seminarDayId: string;
  seminarId: string;
  seminarTitle: string;
  date: string;
  startTime: string;
  endTime: string;
  hoursPerDay: number;
}

const RECORD_COLUMNS = `r.person_id AS "personId", r.status, r.hours_credited::float8 AS "hoursCredited", r.checked_in_at AS "checkedInAt",
  r.check_in_window::float8 AS "checkInWindow", r.recorded_by AS "recordedBy", r.reason, r.updated_at AS "updatedAt"`;

/** Attendance records, the check-in failures kept for throttling, and what both read of seminars. */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The seminar's confirmed attendees, by name. */
  confirmedAttendees(seminarId: string, manager: EntityManager = this.dataSource.manager): Promise<AttendeeRow[]> {
    return manager.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", p.unit_id AS "unitId", u.name AS "unitName"
         FROM enrolment e JOIN person p ON p.id = e.person_id LEFT JOIN unit u ON u.id = p.unit_id
        WHERE e.seminar_id = $1 AND e.status = 'confirmed'
        ORDER BY p.full_name, p.id`,
      [seminarId],
    );
  }

  /** The seminar's confirmed attendees, and how many of them have checked in with a code on the day. */
  async checkInCount(seminarId: string, seminarDayId: string): Promise<{ checkedIn: number; confirmed: number }> {
    const [row] = await this.dataSource.query<{ checkedIn: number; confirmed: number }[]>(
      `SELECT count(*)::int AS confirmed, count(r.checked_in_at)::int AS "checkedIn"
         FROM enrolment e
         LEFT JOIN attendance_record r ON r.seminar_day_id = $2 AND r.person_id = e.person_id
        WHERE e.seminar_id = $1 AND e.status = 'confirmed'`,
      [seminarId, seminarDayId],
    );
    return row;
  }

  /** Of `personIds`, those without a confirmed seat in the seminar. */
  async notConfirmed(seminarId: string, personIds: string[], manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM unnest($2::uuid[]) AS given(id)
        WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.seminar_id = $1 AND e.person_id = given.id AND e.status = 'confirmed')`,
      [seminarId, personIds],
    );
    return rows.map((row) => row.id);
  }

  async isConfirmed(seminarId: string, personId: string, manager: EntityManager): Promise<boolean> {
    return (await this.notConfirmed(seminarId, [personId], manager)).length === 0;
  }

  dayRecords(seminarDayId: string, manager: EntityManager = this.dataSource.manager): Promise<DayRecordRow[]> {
    return manager.query(`SELECT ${RECORD_COLUMNS} FROM attendance_record r WHERE r.seminar_day_id = $1`, [
      seminarDayId,
    ]);
  }

  /** The person's record of the day, locked until the transaction ends. */
  async lockRecord(seminarDayId: string, personId: string, manager: EntityManager): Promise<DayRecordRow | null> {
    const [row] = await manager.query<DayRecordRow[]>(
      `SELECT ${RECORD_COLUMNS} FROM attendance_record r WHERE r.seminar_day_id = $1 AND r.person_id = $2 FOR UPDATE`,
      [seminarDayId, personId],
    );
    return row ?? null;
  }

  /**
   * Writes roster lines, creating or replacing each person's record of the day; a check-in time
   * stays. `reason` is stored only for changes after the day (null keeps the one there).
   */
  async upsertRoster(
    seminarId: string,
    seminarDayId: string,
    lines: RosterWrite[],
    recordedBy: string,
    reason: string | null,
    manager: EntityManager,
  ): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `INSERT INTO attendance_record (seminar_id, seminar_day_id, person_id, status, hours_credited, recorded_by, reason)
       SELECT $1, $2, line.person_id, line.status, line.hours, $6, $7
         FROM unnest($3::uuid[], $4::varchar[], $5::numeric[]) AS line(person_id, status, hours)
       ON CONFLICT ON CONSTRAINT attendance_record_day_person_unique DO UPDATE
          SET status = EXCLUDED.status, hours_credited = EXCLUDED.hours_credited, recorded_by = EXCLUDED.recorded_by,
              reason = coalesce(EXCLUDED.reason, attendance_record.reason), updated_at = now()`,
      [
        seminarId,
        seminarDayId,
        lines.map((l) => l.personId),
        lines.map((l) => l.status),
        lines.map((l) => l.hoursCredited),
        recordedBy,
        reason,
      ],
    );
  }

  /** A first record of the day made by a check-in; false when another request wrote one meanwhile. */
  async insertCheckIn(
    day: CheckInDay,
    personId: string,
    at: Date,
    window: number,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO attendance_record (seminar_id, seminar_day_id, person_id, status, hours_credited, checked_in_at, check_in_window)
       VALUES ($1, $2, $3, 'present', $4, $5, $6)
       ON CONFLICT ON CONSTRAINT attendance_record_day_person_unique DO NOTHING RETURNING id`,
      [day.seminarId, day.seminarDayId, personId, day.hoursPerDay, at, window],
    );
    return rows.length > 0;
  }

  /** Stamps a check-in on a record the roster already made, keeping its status. */
  async stampCheckIn(
    seminarDayId: string,
    personId: string,
    at: Date,
    window: number,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE attendance_record SET checked_in_at = $3, check_in_window = $4, updated_at = now() WHERE seminar_day_id = $1 AND person_id = $2`,
      [seminarDayId, personId, at, window],
    );
  }

  /** Seminar days on `date` of seminars where attendance is taken. */
  daysOn(date: string, statuses: readonly string[]): Promise<CheckInDay[]> {
    return this.dataSource.query(
      `SELECT d.id AS "seminarDayId", s.id AS "seminarId", s.title AS "seminarTitle", d.date::text AS date,
              to_char(d.start_time, 'HH24:MI') AS "startTime", to_char(d.end_time, 'HH24:MI') AS "endTime", t.hours_per_day::float8 AS "hoursPerDay"
         FROM seminar_day d JOIN seminar s ON s.id = d.seminar_id JOIN topic t ON t.id = s.topic_id
        WHERE d.date = $1 AND s.status = ANY($2)
        ORDER BY d.id`,
      [date, statuses],
    );
  }

  /**
   * Every person's records of the seminar in one aggregate: confirmed attendees (with no records
   * yet, an empty list) and anyone else who has records, such as someone who withdrew after a day.
   */
  recordsByPerson(
    seminarId: string,
    manager: EntityManager,
  ): Promise<{ personId: string; records: { status: AttendanceStatus; hoursCredited: number }[] }[]> {
    return manager.query(
      `SELECT x.person_id AS "personId",
              coalesce(json_agg(json_build_object('status', r.status, 'hoursCredited', r.hours_credited)) FILTER (WHERE r.id IS NOT NULL), '[]') AS records
         FROM (SELECT person_id FROM enrolment WHERE seminar_id = $1 AND status = 'confirmed'
               UNION SELECT person_id FROM attendance_record WHERE seminar_id = $1) x
         LEFT JOIN attendance_record r ON r.seminar_id = $1 AND r.person_id = x.person_id
        GROUP BY x.person_id`,
      [seminarId],
    );
  }

  /** A seminar's day count and its topic's hours per day; null when there is no such seminar. */
  async seminarShape(
    seminarId: string,
    manager: EntityManager,
  ): Promise<{ dayCount: number; hoursPerDay: number } | null> {
    const [row] = await manager.query<{ dayCount: number; hoursPerDay: number }[]>(
      `SELECT (SELECT count(*) FROM seminar_day d WHERE d.seminar_id = s.id)::int AS "dayCount", t.hours_per_day::float8 AS "hoursPerDay"
         FROM seminar s JOIN topic t ON t.id = s.topic_id WHERE s.id = $1`,
      [seminarId],
    );
    return row ?? null;
  }

  /** Records a wrong code typed at `at` and forgets the person's ones older than the window. */
  async recordFailure(personId: string, at: Date, windowSeconds: number): Promise<void> {
    await this.dataSource.query('INSERT INTO check_in_failure (person_id, created_at) VALUES ($1, $2)', [personId, at]);
    await this.dataSource.query(
      `DELETE FROM check_in_failure WHERE person_id = $1 AND created_at <= $2::timestamptz - make_interval(secs => $3)`,
      [personId, at, windowSeconds],
    );
  }

  /** The person's wrong codes within the window before `at`, and the oldest of them. */
  async recentFailures(
    personId: string,
    at: Date,
    windowSeconds: number,
  ): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await this.dataSource.query<{ count: number; oldest: Date | null }[]>(
      `SELECT count(*)::int AS count, min(created_at) AS oldest FROM check_in_failure
        WHERE person_id = $1 AND created_at > $2::timestamptz - make_interval(secs => $3) AND created_at <= $2`,
      [personId, at, windowSeconds],
    );
    return row;
  }
}
