import { SEAT_HOLDING_STATUSES } from './seat-holding';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { ACTIVE_STATUSES, AgendaBlock, ScheduleChange, Seminar, SeminarDay } from './seminar.entity';
import { SEMINAR_SORT, type SeminarListQueryDto } from './seminar-list.dto';
import { type SeminarView } from './seminars.dto';

/** Who is asking for a list: the office sees plans never opened too, others only those they facilitate. */
export interface SeminarListScope {
  viewerId: string;
  seesAllDrafts: boolean;
  /** Only seminars this person facilitates or attends. */
  participantId?: string;
}

/** A seminar as lists show it, with what toSeminarResponse reads of its topic, venue and days. */
export type SeminarListRow = SeminarView & Required<Pick<SeminarView, 'topic' | 'venue' | 'days'>>;

/** The columns of SeminarListRow; topic, venue and days arrive as JSON, already in the mapper's shape. */
const SEMINAR_LIST_COLUMNS = `seminar.id, seminar.title, seminar.status, seminar.network_id AS "networkId",
  seminar.start_date::text AS "startDate", seminar.end_date::text AS "endDate", seminar.capacity, seminar.notes,
  seminar.cancellation_reason AS "cancellationReason", seminar.cancelled_at AS "cancelledAt", seminar.revision,
  seminar.created_at AS "createdAt", seminar.updated_at AS "updatedAt",
  json_build_object('id', topic.id, 'title', topic.title, 'creditHours', topic.credit_hours, 'minimumAttendees', topic.minimum_attendees) AS topic,
  CASE WHEN venue.id IS NOT NULL THEN json_build_object('id', venue.id, 'name', venue.name, 'address', venue.address, 'capacity', venue.capacity) END AS venue,
  coalesce((SELECT json_agg(json_build_object('position', d.position, 'date', d.date, 'startTime', to_char(d.start_time, 'HH24:MI'), 'endTime', to_char(d.end_time, 'HH24:MI')) ORDER BY d.position)
              FROM seminar_day d WHERE d.seminar_id = seminar.id), '[]') AS days`;

@Injectable()
export class SeminarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The seminar with its topic (and required specialties), venue and days in order. */
  /** Whether the seminar exists, without loading it. */
  async exists(id: string): Promise<boolean> {
    const [{ found }] = await this.dataSource.query<{ found: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM seminar WHERE id = $1) AS found',
      [id],
    );
    return found;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Seminar | null> {
    return manager.findOne(Seminar, {
      where: { id },
      relations: { topic: { requirements: { specialty: true } }, venue: true, days: true },
      order: { days: { position: 'ASC' } },
    });
  }

  /** Locks the seminar row for a change of its state, then loads it. Null when there is none. */
  async lockAndLoad(id: string, manager: EntityManager): Promise<Seminar | null> {
    const locked = await manager
      .createQueryBuilder(Seminar, 'seminar')
      .select('seminar.id')
      .where('seminar.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    return locked ? this.findById(id, manager) : null;
  }

  /**
   * A page of seminars with topic, venue and days, and the exact count, in one statement: the
   * joins are many-to-one, so the page is a plain LIMIT, and days come aggregated per seminar.
   */
  async search(query: SeminarListQueryDto, scope: SeminarListScope): Promise<[SeminarListRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (!scope.seesAllDrafts) {
      where.push(
        `(seminar.opened_at IS NOT NULL OR EXISTS (SELECT 1 FROM facilitation f WHERE f.seminar_id = seminar.id AND f.person_id = ${bind(scope.viewerId)}))`,
      );
    }
    const participantId = scope.participantId ?? query.personId;
    if (participantId) {
      const person = bind(participantId);
      where.push(
        `(EXISTS (SELECT 1 FROM facilitation f WHERE f.seminar_id = seminar.id AND f.person_id = ${person})
          OR EXISTS (SELECT 1 FROM enrolment e WHERE e.seminar_id = seminar.id AND e.person_id = ${person} AND e.status = ANY(${bind([...SEAT_HOLDING_STATUSES, 'invited', 'waitlisted'])})))`,
      );
    }
    if (query.topicId) where.push(`seminar.topic_id = ${bind(query.topicId)}`);
    if (query.networkId) where.push(`seminar.network_id = ${bind(query.networkId)}`);
    if (query.status?.length) where.push(`seminar.status = ANY(${bind(query.status)})`);
    if (query.from) where.push(`seminar.end_date >= ${bind(query.from)}::date`);
    if (query.to) where.push(`seminar.start_date <= ${bind(query.to)}::date`);
    const [column, direction] = orderBy(query.sort, SEMINAR_SORT, 'startDate');
    return findPage<SeminarListRow>(
      this.dataSource,
      {
        columns: SEMINAR_LIST_COLUMNS,
        from: 'seminar seminar',
        joins: 'JOIN topic topic ON topic.id = seminar.topic_id LEFT JOIN venue venue ON venue.id = seminar.venue_id',
        where,
        params,
        order: `${column} ${direction}, seminar.id`,
      },
      query,
    );
  }

  /**
   * Seminars ever opened that the person facilitates or attends and that ended on or after
   * `since`, with venue and days, for their calendar feed. Cancelled ones stay so calendars drop them.
   */
  findForCalendar(personId: string, since: string): Promise<Seminar[]> {
    return this.dataSource.manager
      .createQueryBuilder(Seminar, 'seminar')
      .leftJoinAndSelect('seminar.venue', 'venue')
      .innerJoinAndSelect('seminar.days', 'day')
      .where('seminar.openedAt IS NOT NULL AND seminar.endDate >= :since', { since })
      .andWhere(
        `(EXISTS (SELECT 1 FROM facilitation f WHERE f.seminar_id = seminar.id AND f.person_id = :personId)
          OR EXISTS (SELECT 1 FROM enrolment e WHERE e.seminar_id = seminar.id AND e.person_id = :personId AND e.status IN (:...attending)))`,
        { personId, attending: SEAT_HOLDING_STATUSES },
      )
      .orderBy('seminar.startDate')
      .addOrderBy('day.position')
      .getMany();
  }

  /** The person's enrolment in each of these seminars (one per seminar at most), by seminar. */
  async enrolmentsOf(personId: string, seminarIds: string[]): Promise<Map<string, { id: string; status: string }>> {
    if (seminarIds.length === 0) return new Map();
    const rows: { seminar_id: string; id: string; status: string }[] = await this.dataSource.manager.query(
      `SELECT seminar_id, id, status FROM enrolment WHERE person_id = $1 AND seminar_id = ANY($2::uuid[])`,
      [personId, seminarIds],
    );
    return new Map(rows.map((row) => [row.seminar_id, { id: row.id, status: row.status }]));
  }

  save(seminar: Seminar, manager: EntityManager): Promise<Seminar> {
    const { days: _days, topic: _topic, venue: _venue, ...row } = seminar;
    return manager.save(Seminar, manager.create(Seminar, row));
  }

  async insertDays(
    seminarId: string,
    days: Pick<SeminarDay, 'date' | 'startTime' | 'endTime'>[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(
      SeminarDay,
      days.map((day, index) => ({
        seminarId,
        position: index + 1,
        date: day.date,
        startTime: day.startTime,
        endTime: day.endTime,
      })),
    );
  }

  /**
   * Moves the days to new dates, keeping each day (and its agenda). The date uniqueness is checked at
   * commit, because shifting a seminar by a day passes through states where two days share a date.
   */
  async moveDays(seminarId: string, dates: string[], manager: EntityManager): Promise<void> {
    await manager.query('SET CONSTRAINTS seminar_day_date_unique DEFERRED');
    await manager.query(
      `UPDATE seminar_day SET date = moved.date
         FROM unnest($2::date[]) WITH ORDINALITY AS moved(date, position)
        WHERE seminar_day.seminar_id = $1 AND seminar_day.position = moved.position`,
      [seminarId, dates],
    );
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Seminar, { id });
  }

  addScheduleChange(
    change: Omit<ScheduleChange, 'id' | 'createdAt' | 'seminar'>,
    manager: EntityManager,
  ): Promise<ScheduleChange> {
    return manager.save(ScheduleChange, manager.create(ScheduleChange, change));
  }

  scheduleHistory(seminarId: string): Promise<ScheduleChange[]> {
    return this.dataSource.manager.find(ScheduleChange, {
      where: { seminarId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The day of a seminar on a date, locked for an agenda change. */
  lockDay(seminarId: string, date: string, manager: EntityManager): Promise<SeminarDay | null> {
    return manager
      .createQueryBuilder(SeminarDay, 'day')
      .where('day.seminarId = :seminarId AND day.date = :date', { seminarId, date })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** All days of a seminar with their blocks in order. */
  findAgenda(seminarId: string, manager: EntityManager = this.dataSource.manager): Promise<SeminarDay[]> {
    return manager.find(SeminarDay, {
      where: { seminarId },
      relations: { blocks: true },
      order: { position: 'ASC', blocks: { position: 'ASC' } },
    });
  }

  /** Replaces a day's blocks and bumps its agenda version. */
  async replaceBlocks(
    day: SeminarDay,
    blocks: Omit<AgendaBlock, 'id' | 'seminarDayId' | 'day' | 'responsible'>[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.delete(AgendaBlock, { seminarDayId: day.id });
    if (blocks.length > 0)
      await manager.insert(
        AgendaBlock,
        blocks.map((block) => ({ ...block, seminarDayId: day.id })),
      );
    await manager.increment(SeminarDay, { id: day.id }, 'agendaVersion', 1);
  }

  /** Leaves the blocks of a seminar that a removed facilitator was responsible for without a responsible. */
  async unassignBlocks(seminarId: string, personId: string, manager: EntityManager): Promise<number> {
    const result = await manager.query<[unknown, number]>(
      `UPDATE agenda_block SET responsible_id = NULL
        WHERE responsible_id = $2 AND seminar_day_id IN (SELECT id FROM seminar_day WHERE seminar_id = $1)`,
      [seminarId, personId],
    );
    return result[1];
  }

  /** Seminars (not cancelled) that have a day on one of the dates, for holiday checks. */
  findActiveOnDates(dates: string[], manager: EntityManager): Promise<{ id: string; title: string; date: string }[]> {
    return manager.query(
      `SELECT s.id, s.title, to_char(d.date, 'YYYY-MM-DD') AS date
         FROM seminar s JOIN seminar_day d ON d.seminar_id = s.id
        WHERE d.date = ANY($1::date[]) AND s.status = ANY($2)
        ORDER BY d.date, s.title`,
      [dates, ACTIVE_STATUSES],
    );
  }
}
