import { SEAT_HOLDING_STATUSES } from '../seminars/seat-holding';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReleaseApproval, type ReleaseStatus } from './release-approval.entity';
import { Clock } from '../../common/time/clock';

/** A release request with what a manager needs to decide it. */
export interface ReleaseRow {
  approval: ReleaseApproval;
  enrolmentStatus: string;
  attendee: { id: string; fullName: string; email: string; locale: string };
  unit: { id: string; name: string } | null;
  seminar: { id: string; title: string; status: string; dates: string[] };
}

export interface UnitAwayRequest {
  unitId: string;
  dates: string[];
  exceptEnrolmentId: string;
}

export interface UnitAway {
  staff: number;
  away: Map<string, number>;
}

export interface ReleaseListFilter {
  /** Only this unit's requests; every unit's when undefined. */
  unitId?: string;
  status: ReleaseStatus;
  skip: number;
  take: number;
}

@Injectable()
export class ReleaseApprovalRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  create(
    fields: Pick<ReleaseApproval, 'enrolmentId' | 'unitId' | 'requestedOn'>,
    manager: EntityManager,
  ): Promise<ReleaseApproval> {
    return manager.save(ReleaseApproval, manager.create(ReleaseApproval, { ...fields, status: 'pending' }));
  }

  save(approval: ReleaseApproval, manager: EntityManager): Promise<ReleaseApproval> {
    return manager.save(ReleaseApproval, approval);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReleaseApproval | null> {
    return manager.findOneBy(ReleaseApproval, { id });
  }

  lock(id: string, manager: EntityManager): Promise<ReleaseApproval | null> {
    return manager
      .createQueryBuilder(ReleaseApproval, 'r')
      .where('r.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Cancels the pending request of an enrolment that no longer holds a seat. */
  async cancelPending(enrolmentId: string, manager: EntityManager): Promise<void> {
    await manager.update(
      ReleaseApproval,
      { enrolmentId, status: 'pending' },
      { status: 'cancelled', decidedAt: this.clock.now() },
    );
  }

  /** Pending requests of seminars still to be held, asked for on or before `day`, not yet reminded (or escalated). */
  async dueFor(step: 'reminder' | 'escalation', day: string, manager: EntityManager): Promise<ReleaseApproval[]> {
    const column = step === 'reminder' ? 'reminded_at' : 'escalated_at';
    const rows = await manager.query<{ id: string }[]>(
      `SELECT r.id FROM release_approval r JOIN enrolment e ON e.id = r.enrolment_id JOIN seminar s ON s.id = e.seminar_id
        WHERE r.status = 'pending' AND r.requested_on <= $1 AND r.${column} IS NULL AND s.status IN ('draft', 'open', 'confirmed')
        ORDER BY r.requested_on, r.id FOR UPDATE OF r SKIP LOCKED`,
      [day],
    );
    return rows.length === 0
      ? []
      : manager
          .createQueryBuilder(ReleaseApproval, 'r')
          .whereInIds(rows.map((row) => row.id))
          .orderBy('r.requestedOn')
          .addOrderBy('r.id')
          .getMany();
  }

  async list(filter: ReleaseListFilter): Promise<[ReleaseRow[], number]> {
    const params: unknown[] = [filter.status];
    // A seminar cancelled (or under way) leaves nothing to decide.
    let condition =
      filter.status === 'pending' ? `r.status = $1 AND s.status IN ('draft', 'open', 'confirmed')` : 'r.status = $1';
    if (filter.unitId) {
      params.push(filter.unitId);
      condition += ` AND r.unit_id = $${params.length}`;
    }
    const from = `FROM release_approval r JOIN enrolment e ON e.id = r.enrolment_id JOIN seminar s ON s.id = e.seminar_id JOIN person p ON p.id = e.person_id LEFT JOIN unit u ON u.id = r.unit_id`;
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from} WHERE ${condition}`,
      params,
    );
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id ${from} WHERE ${condition} ORDER BY s.start_date, r.requested_on, r.id OFFSET ${filter.skip} LIMIT ${filter.take}`,
      params,
    );
    return [await this.rows(ids.map((row) => row.id)), total];
  }

  async rowById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReleaseRow> {
    return (await this.rows([id], manager))[0];
  }

  private async rows(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<ReleaseRow[]> {
    if (ids.length === 0) return [];
    const approvals = new Map(
      (await manager.createQueryBuilder(ReleaseApproval, 'r').whereInIds(ids).getMany()).map((a) => [a.id, a]),
    );
    const details = await manager.query<
      {
        id: string;
        enrolment_status: string;
        person_id: string;
        full_name: string;
        email: string;
        locale: string;
        unit_id: string | null;
        unit_name: string | null;
        seminar_id: string;
        title: string;
        seminar_status: string;
        dates: string[];
      }[]
    >(
      `SELECT r.id, e.status AS enrolment_status, p.id AS person_id, p.full_name, p.email, p.locale, u.id AS unit_id, u.name AS unit_name,
              s.id AS seminar_id, s.title, s.status AS seminar_status,
              ARRAY(SELECT d.date::text FROM seminar_day d WHERE d.seminar_id = s.id ORDER BY d.position) AS dates
         FROM release_approval r JOIN enrolment e ON e.id = r.enrolment_id JOIN seminar s ON s.id = e.seminar_id
         JOIN person p ON p.id = e.person_id LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(details.map((d) => [d.id, d]));
    return ids.map((id) => {
      const d = byId.get(id)!;
      return {
        approval: approvals.get(id)!,
        enrolmentStatus: d.enrolment_status,
        attendee: { id: d.person_id, fullName: d.full_name, email: d.email, locale: d.locale },
        unit: d.unit_id ? { id: d.unit_id, name: d.unit_name ?? '' } : null,
        seminar: { id: d.seminar_id, title: d.title, status: d.seminar_status, dates: d.dates },
      };
    });
  }

  /**
   * How many of the unit's people are away at other seminars on each date (holding a seat in a
   * seminar still to be held), and how many attendees the unit has.
   */
  async unitAway(
    unitId: string,
    dates: string[],
    exceptEnrolmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UnitAway> {
    return (await this.unitsAway([{ unitId, dates, exceptEnrolmentId }], manager))[0];
  }

  /** `unitAway` for several requests at once, in two statements whatever their number. */
  async unitsAway(requests: UnitAwayRequest[], manager: EntityManager = this.dataSource.manager): Promise<UnitAway[]> {
    if (requests.length === 0) return [];
    const staffRows = await manager.query<{ unitId: string; staff: number }[]>(
      `SELECT unit_id AS "unitId", count(*)::int AS staff FROM person WHERE unit_id = ANY($1::uuid[]) AND active AND 'attendee' = ANY(roles) GROUP BY unit_id`,
      [[...new Set(requests.map((request) => request.unitId))]],
    );
    const awayRows = await manager.query<{ ord: number; date: string; away: number }[]>(
      `SELECT r.ord, d.date::text AS date, count(DISTINCT e.person_id)::int AS away
         FROM json_to_recordset($1::json) AS r(ord int, unit_id uuid, except_id uuid, dates date[])
         JOIN person p ON p.unit_id = r.unit_id
         JOIN enrolment e ON e.person_id = p.id AND e.id <> r.except_id AND e.status = ANY($2)
         JOIN seminar s ON s.id = e.seminar_id AND s.status IN ('draft', 'open', 'confirmed', 'in_progress')
         JOIN seminar_day d ON d.seminar_id = s.id AND d.date = ANY(r.dates)
        GROUP BY r.ord, d.date`,
      [
        JSON.stringify(
          requests.map((request, ord) => ({
            ord,
            unit_id: request.unitId,
            except_id: request.exceptEnrolmentId,
            dates: request.dates,
          })),
        ),
        SEAT_HOLDING_STATUSES,
      ],
    );
    const staff = new Map(staffRows.map((row) => [row.unitId, row.staff]));
    const result = requests.map((request) => ({
      staff: staff.get(request.unitId) ?? 0,
      away: new Map<string, number>(),
    }));
    for (const row of awayRows) result[row.ord].away.set(row.date, row.away);
    return result;
  }
}
