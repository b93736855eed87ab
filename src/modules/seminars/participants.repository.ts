import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../identity/person.entity';
import { SEAT_HOLDING_STATUSES } from './seat-holding';

/** Someone to tell about a change to a seminar. */
export interface Participant {
  personId: string;
  fullName: string;
  email: string;
  locale: Locale;
  role: 'facilitator' | 'attendee';
}

/** Enrolment states of people who expect news of the seminar (everyone still in it or in line). */
const NOTIFIED_STATUSES = [...SEAT_HOLDING_STATUSES, 'invited', 'waitlisted'];

/** What the seminars module reads of enrolments: who attends, how many, whom to tell. */
@Injectable()
export class ParticipantsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countConfirmed(seminarId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>(
      `SELECT count(*) FROM enrolment WHERE seminar_id = $1 AND status = 'confirmed'`,
      [seminarId],
    );
    return Number(row.count);
  }

  /** Seats taken or held (accepted, released, confirmed). */
  async countSeatsTaken(seminarId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>(
      'SELECT count(*) FROM enrolment WHERE seminar_id = $1 AND status = ANY($2)',
      [seminarId, SEAT_HOLDING_STATUSES],
    );
    return Number(row.count);
  }

  async countEnrolments(seminarId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM enrolment WHERE seminar_id = $1', [
      seminarId,
    ]);
    return Number(row.count);
  }

  async attendeeIds(seminarId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ person_id: string }[]>(
      'SELECT person_id FROM enrolment WHERE seminar_id = $1 AND status = ANY($2)',
      [seminarId, SEAT_HOLDING_STATUSES],
    );
    return rows.map((row) => row.person_id);
  }

  /** The person's enrolment status in the seminar, if any. */
  async enrolmentStatus(seminarId: string, personId: string, manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query<{ status: string }[]>(
      'SELECT status FROM enrolment WHERE seminar_id = $1 AND person_id = $2',
      [seminarId, personId],
    );
    return row?.status ?? null;
  }

  /** Facilitators and everyone enrolled or waiting, each once, facilitators first. */
  toNotify(seminarId: string, manager: EntityManager): Promise<Participant[]> {
    return manager.query(
      `SELECT DISTINCT ON (p.id) p.id AS "personId", p.full_name AS "fullName", p.email, p.locale, x.role
         FROM (SELECT person_id, 'facilitator' AS role, 0 AS rank FROM facilitation WHERE seminar_id = $1
               UNION ALL
               SELECT person_id, 'attendee', 1 FROM enrolment WHERE seminar_id = $1 AND status = ANY($2)) x
         JOIN person p ON p.id = x.person_id
        WHERE p.active
        ORDER BY p.id, x.rank`,
      [seminarId, NOTIFIED_STATUSES],
    );
  }
}
