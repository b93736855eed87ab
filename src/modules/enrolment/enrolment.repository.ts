import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Locale } from '../identity/person.entity';
import type { Role } from '../../common/auth/principal';
import { SEAT_HOLDING_STATUSES } from '../seminars/seat-holding';
import { Enrolment, type EnrolmentStatus } from './enrolment.entity';

/** What enrolment rules and mail need to know of a person. */
export interface PersonCard {
  id: string;
  fullName: string;
  email: string;
  locale: Locale;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  active: boolean;
}

/** An enrolment with the seminar and person it links, for lists. */
export interface EnrolmentRow {
  enrolment: Enrolment;
  seminar: { id: string; title: string; status: string; startDate: string; endDate: string };
  person: { id: string; fullName: string; unitId: string | null; unitName: string | null };
  /** Place among the people still waiting (1 = next), for waitlisted enrolments. */
  waitlistRank: number | null;
  release: { id: string; status: string; decidedAt: Date | null; onBehalf: boolean } | null;
}

export interface EnrolmentListFilter {
  status?: EnrolmentStatus;
  skip: number;
  take: number;
}

const PERSON_CARD = `p.id, p.full_name AS "fullName", p.email, p.locale, p.roles, p.unit_id AS "unitId", (SELECT u.name FROM unit u WHERE u.id = p.unit_id) AS "unitName", p.active`;

@Injectable()
export class EnrolmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Enrolment | null> {
    return manager.findOneBy(Enrolment, { id });
  }

  /** Locks the enrolment row; callers lock its seminar first, so locks are always taken in one order. */
  lock(id: string, manager: EntityManager): Promise<Enrolment | null> {
    return manager.createQueryBuilder(Enrolment, 'e').where('e.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  findForPerson(seminarId: string, personId: string, manager: EntityManager): Promise<Enrolment | null> {
    return manager.findOneBy(Enrolment, { seminarId, personId });
  }

  save(enrolment: Enrolment, manager: EntityManager): Promise<Enrolment> {
    return manager.save(Enrolment, enrolment);
  }

  create(fields: Partial<Enrolment>, manager: EntityManager): Enrolment {
    return manager.create(Enrolment, fields);
  }

  /** Open invitations of people called from the waiting list: each has a free seat in view. */
  async countOpenPromotions(seminarId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM enrolment WHERE seminar_id = $1 AND status = 'invited' AND promoted_at IS NOT NULL`,
      [seminarId],
    );
    return row.count;
  }

  /** The first `limit` people waiting, in line order. */
  nextInLine(seminarId: string, limit: number, manager: EntityManager): Promise<Enrolment[]> {
    return manager
      .createQueryBuilder(Enrolment, 'e')
      .where(`e.seminarId = :seminarId AND e.status = 'waitlisted'`, { seminarId })
      .orderBy('e.waitlistPosition', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .getMany();
  }

  async takeWaitlistPosition(manager: EntityManager): Promise<string> {
    const [row] = await manager.query<{ position: string }[]>(
      `SELECT nextval('enrolment_waitlist_seq')::text AS position`,
    );
    return row.position;
  }

  /**
   * Whether the person holds (or held) a seat in another seminar of the topic that was not
   * cancelled: nobody takes the same topic twice.
   */
  async holdsTopic(
    personId: string,
    topicId: string,
    exceptSeminarId: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM enrolment e JOIN seminar s ON s.id = e.seminar_id
        WHERE e.person_id = $1 AND s.topic_id = $2 AND s.id <> $3 AND s.status <> 'cancelled' AND e.status = ANY($4) LIMIT 1`,
      [personId, topicId, exceptSeminarId, SEAT_HOLDING_STATUSES],
    );
    return rows.length > 0;
  }

  peopleByIds(ids: string[], manager: EntityManager): Promise<PersonCard[]> {
    return manager.query(`SELECT ${PERSON_CARD} FROM person p WHERE p.id = ANY($1::uuid[])`, [ids]);
  }

  /** Active managers of a unit. */
  managersOf(unitId: string, manager: EntityManager): Promise<PersonCard[]> {
    return manager.query(
      `SELECT ${PERSON_CARD} FROM person p WHERE p.unit_id = $1 AND p.active AND 'manager' = ANY(p.roles) ORDER BY p.full_name`,
      [unitId],
    );
  }

  /** Active people of the training office. */
  office(manager: EntityManager): Promise<PersonCard[]> {
    return manager.query(
      `SELECT ${PERSON_CARD} FROM person p WHERE p.active AND 'office' = ANY(p.roles) ORDER BY p.full_name`,
    );
  }

  /** Of `personIds`, those who facilitate the seminar. */
  async facilitatorsAmong(seminarId: string, personIds: string[], manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ person_id: string }[]>(
      'SELECT person_id FROM facilitation WHERE seminar_id = $1 AND person_id = ANY($2::uuid[])',
      [seminarId, personIds],
    );
    return rows.map((row) => row.person_id);
  }

  /** Invitations whose last day to answer is before `today`, in seminars still to be held. */
  async lapsedInvitations(today: string, manager: EntityManager): Promise<{ id: string; seminarId: string }[]> {
    return manager.query(
      `SELECT e.id, e.seminar_id AS "seminarId" FROM enrolment e JOIN seminar s ON s.id = e.seminar_id
        WHERE e.status = 'invited' AND e.respond_by < $1 AND s.status IN ('draft', 'open', 'confirmed')
        ORDER BY e.seminar_id, e.respond_by, e.id`,
      [today],
    );
  }

  listForPerson(personId: string, filter: EnrolmentListFilter): Promise<[EnrolmentRow[], number]> {
    return this.list('e.person_id = $1', [personId], filter, 's.start_date DESC, e.id');
  }

  listForSeminar(seminarId: string, filter: EnrolmentListFilter): Promise<[EnrolmentRow[], number]> {
    return this.list(
      'e.seminar_id = $1',
      [seminarId],
      filter,
      `CASE WHEN e.status = 'waitlisted' THEN 1 ELSE 0 END, e.waitlist_position, p.full_name, e.id`,
    );
  }

  async rowById(id: string, manager: EntityManager = this.dataSource.manager): Promise<EnrolmentRow> {
    const [rows] = await this.list('e.id = $1', [id], { skip: 0, take: 1 }, 'e.id', manager);
    return rows[0];
  }

  /** `where` and `order` are fixed SQL written in this class; values are bound. */
  private async list(
    where: string,
    values: unknown[],
    filter: EnrolmentListFilter,
    order: string,
    manager = this.dataSource.manager,
  ): Promise<[EnrolmentRow[], number]> {
    const params = [...values];
    let condition = where;
    if (filter.status) {
      params.push(filter.status);
      condition += ` AND e.status = $${params.length}`;
    }
    // The count is an uncorrelated subquery run once; a page past the end has no row to carry it.
    const from = 'FROM enrolment e JOIN seminar s ON s.id = e.seminar_id JOIN person p ON p.id = e.person_id';
    const ids = await manager.query<
      {
        id: string;
        rank: number | null;
        title: string;
        seminar_status: string;
        start_date: string;
        end_date: string;
        full_name: string;
        unit_id: string | null;
        unit_name: string | null;
        release: { id: string; status: string; decidedAtMs: number | null; onBehalf: boolean } | null;
        total: number;
      }[]
    >(
      `SELECT e.id, s.title, s.status AS seminar_status, s.start_date::text, s.end_date::text, p.full_name, p.unit_id, u.name AS unit_name,
              CASE WHEN e.status = 'waitlisted' THEN
                (SELECT count(*)::int + 1 FROM enrolment w WHERE w.seminar_id = e.seminar_id AND w.status = 'waitlisted' AND w.waitlist_position < e.waitlist_position)
              END AS rank,
              (SELECT json_build_object('id', r.id, 'status', r.status, 'decidedAtMs', trunc(extract(epoch FROM r.decided_at) * 1000), 'onBehalf', r.on_behalf) FROM release_approval r
                WHERE r.enrolment_id = e.id ORDER BY r.created_at DESC, r.id LIMIT 1) AS release,
              (SELECT count(*)::int ${from} WHERE ${condition}) AS total
         ${from} LEFT JOIN unit u ON u.id = p.unit_id
        WHERE ${condition} ORDER BY ${order} OFFSET ${filter.skip} LIMIT ${filter.take}`,
      params,
    );
    if (ids.length === 0) {
      if (filter.skip === 0) return [[], 0];
      const [{ total }] = await manager.query<{ total: number }[]>(
        `SELECT count(*)::int AS total ${from} WHERE ${condition}`,
        params,
      );
      return [[], total];
    }
    const total = ids[0].total;
    const enrolments = new Map(
      (await manager.findBy(Enrolment, { id: In(ids.map((row) => row.id)) })).map((e) => [e.id, e]),
    );
    const rows = ids.map((row) => ({
      enrolment: enrolments.get(row.id)!,
      seminar: {
        id: enrolments.get(row.id)!.seminarId,
        title: row.title,
        status: row.seminar_status,
        startDate: row.start_date,
        endDate: row.end_date,
      },
      person: {
        id: enrolments.get(row.id)!.personId,
        fullName: row.full_name,
        unitId: row.unit_id,
        unitName: row.unit_name,
      },
      waitlistRank: row.rank,
      // JSON has no timestamps: epoch milliseconds, truncated as pg's own parsing truncates.
      release: row.release && {
        id: row.release.id,
        status: row.release.status,
        onBehalf: row.release.onBehalf,
        decidedAt: row.release.decidedAtMs === null ? null : new Date(row.release.decidedAtMs),
      },
    }));
    return [rows, total];
  }
}
