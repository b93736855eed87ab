import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CertificateKind } from './certificate.entity';

/** A seminar as printed on its certificates. */
export interface SeminarFacts {
  id: string;
  title: string;
  topicId: string;
  topicTitle: string;
  startDate: string;
  endDate: string;
  place: string;
  completed: boolean;
  minAttendancePercent: number;
  evaluationRequired: boolean;
  creditHours: number;
}

/** Someone who may hold a certificate, as the directory has them now. */
export interface HolderRow {
  id: string;
  full_name: string;
  licence_number: string | null;
  locale: 'es' | 'en';
}

/** The reads and reservations certificate issuance makes, each in the caller's transaction. */
@Injectable()
export class IssuanceRepository {
  /** The seminar's status, its row share-locked until the transaction ends; null when it does not exist. */
  async lockSeminarStatus(seminarId: string, manager: EntityManager): Promise<string | null> {
    const [seminar] = await manager.query<{ status: string }[]>(`SELECT status FROM seminar WHERE id = $1 FOR SHARE`, [
      seminarId,
    ]);
    return seminar?.status ?? null;
  }

  async seminarFacts(seminarId: string, manager: EntityManager): Promise<SeminarFacts | null> {
    const [row] = await manager.query<
      {
        id: string;
        title: string;
        topic_id: string;
        topic_title: string;
        start_date: string;
        end_date: string;
        venue: string | null;
        address: string | null;
        status: string;
        min_attendance_percent: number;
        evaluation_required: boolean;
        credit_hours: number;
      }[]
    >(
      `SELECT s.id, s.title, s.topic_id, t.title AS topic_title, to_char(s.start_date, 'YYYY-MM-DD') AS start_date, to_char(s.end_date, 'YYYY-MM-DD') AS end_date,
              v.name AS venue, v.address, s.status, t.min_attendance_percent, t.evaluation_required, t.credit_hours
         FROM seminar s JOIN topic t ON t.id = s.topic_id LEFT JOIN venue v ON v.id = s.venue_id
        WHERE s.id = $1`,
      [seminarId],
    );
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      topicId: row.topic_id,
      topicTitle: row.topic_title,
      startDate: row.start_date,
      endDate: row.end_date,
      place: [row.venue, row.address].filter((part) => part).join(', '),
      completed: row.status === 'completed' || row.status === 'closed',
      minAttendancePercent: row.min_attendance_percent,
      evaluationRequired: row.evaluation_required,
      creditHours: row.credit_hours,
    };
  }

  /** The seminar's hours: its days times the topic's hours a day. */
  async seminarHours(seminarId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ hours: number }[]>(
      `SELECT (count(d.id) * t.hours_per_day)::float8 AS hours FROM seminar s JOIN topic t ON t.id = s.topic_id LEFT JOIN seminar_day d ON d.seminar_id = s.id WHERE s.id = $1 GROUP BY t.hours_per_day`,
      [seminarId],
    );
    return row?.hours ?? 0;
  }

  confirmedAttendees(seminarId: string, manager: EntityManager): Promise<HolderRow[]> {
    return manager.query<HolderRow[]>(
      `SELECT p.id, p.full_name, p.licence_number, p.locale FROM enrolment e JOIN person p ON p.id = e.person_id
        WHERE e.seminar_id = $1 AND e.status = 'confirmed' ORDER BY p.full_name, p.id`,
      [seminarId],
    );
  }

  /** The seminar's facilitators, with the minutes of agenda they were responsible for. */
  facilitatorsWithMinutes(seminarId: string, manager: EntityManager): Promise<(HolderRow & { minutes: number })[]> {
    return manager.query<(HolderRow & { minutes: number })[]>(
      `SELECT p.id, p.full_name, p.licence_number, p.locale,
              COALESCE((SELECT sum(EXTRACT(epoch FROM b.end_time - b.start_time) / 60)
                          FROM agenda_block b JOIN seminar_day d ON d.id = b.seminar_day_id
                         WHERE d.seminar_id = f.seminar_id AND b.responsible_id = p.id AND b.kind <> 'break'), 0)::float8 AS minutes
         FROM facilitation f JOIN person p ON p.id = f.person_id
        WHERE f.seminar_id = $1 ORDER BY p.full_name, p.id`,
      [seminarId],
    );
  }

  /** The seminar's certificates that are not superseded by a later revision. */
  currentCertificates(
    seminarId: string,
    manager: EntityManager,
  ): Promise<{ id: string; person_id: string; kind: CertificateKind; registry_number: string; status: string }[]> {
    return manager.query(
      `SELECT id, person_id, kind, registry_number, status FROM certificate WHERE seminar_id = $1 AND status <> 'superseded'`,
      [seminarId],
    );
  }

  /** Who answered the seminar's final evaluation. */
  async answeredFinal(seminarId: string, manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.query<{ person_id: string }[]>(
      `SELECT person_id FROM evaluation_submission WHERE seminar_id = $1 AND occasion = 'final'`,
      [seminarId],
    );
    return new Set(rows.map((row) => row.person_id));
  }

  /**
   * Reserves `count` consecutive registry numbers of the year from its counter row, which stays
   * locked until the transaction ends (a rollback gives them back). Returns the first.
   */
  async reserveNumbers(prefix: string, year: number, count: number, manager: EntityManager): Promise<number> {
    const [counter] = await manager.query<{ last: number }[]>(
      `INSERT INTO certificate_counter (prefix, year, last) VALUES ($1, $2, $3)
       ON CONFLICT (prefix, year) DO UPDATE SET last = certificate_counter.last + $3 RETURNING last`,
      [prefix, year, count],
    );
    return counter.last - count + 1;
  }

  /** `count` new positions in the status lists. */
  async reserveStatusIndexes(count: number, manager: EntityManager): Promise<number[]> {
    const rows = await manager.query<{ index: string }[]>(
      `SELECT nextval('certificate_status_index_seq') AS index FROM generate_series(1, $1)`,
      [count],
    );
    return rows.map((row) => Number(row.index));
  }

  async holder(
    personId: string,
    manager: EntityManager,
  ): Promise<{ full_name: string; licence_number: string | null; locale: string }> {
    const [person] = await manager.query<{ full_name: string; licence_number: string | null; locale: string }[]>(
      `SELECT full_name, licence_number, locale FROM person WHERE id = $1`,
      [personId],
    );
    return person;
  }
}
