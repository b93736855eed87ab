import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { message } from '../../common/i18n/messages';
import { type Language } from '../../common/i18n/text';
import { offsetOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import { JobsService } from '../../infrastructure/jobs/jobs.service';
import { personNotFound } from '../directory/directory.errors';
import type { MatchingInstance } from './engine/instance';
import { attendeeStageLp, facilitatorStageLp } from './engine/lp-export';
import { MatchingInputRepository } from './matching-input.repository';
import type { MatchingRun } from './matching-run.entity';
import { MatchingRunRepository } from './matching-run.repository';
import { MATCHING_QUEUE, type MatchingJob } from './matching-runner.service';
import { toPinResponse, type PinDto, type PinResponseDto, type PinsQueryDto } from './pins.dto';
import type { RunComparisonDto } from './run-comparison.dto';
import type { RunDetailDto, RunsQueryDto, RunSummaryDto, StartRunDto } from './matching.dto';
import { pinChanged, pinInvalid, pinNotFound, runNotFinished, runNotFound, scopeInvalid } from './matching.errors';
import { toRunComparison } from './run-comparison.dto';
import { toRunDetail, toRunSummary, type Names } from './run-detail.dto';

const PLANNABLE = ['draft', 'open'];

/** Matching runs for the office: start one, follow it, read its proposals, compare two; and pins. */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: MatchingRunRepository,
    private readonly input: MatchingInputRepository,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  /** Fixes the run's seminars now and queues the work; the job is sent in the same transaction. */
  async start(actor: Principal, dto: StartRunDto): Promise<RunSummaryDto> {
    const byIds = dto.seminarIds !== undefined;
    const byPeriod = dto.from !== undefined || dto.to !== undefined || dto.networkId !== undefined;
    if (byIds === byPeriod) {
      throw scopeInvalid(message('matching.giveSeminarsSeminaridsPeriod'), [
        {
          field: byIds ? 'from' : 'seminarIds',
          message: message('matching.chooseSeminarsOneWay'),
        },
      ]);
    }
    if (byPeriod && (!dto.from || !dto.to || dto.from > dto.to)) {
      const detail = message('matching.periodNeedsFromWith');
      throw scopeInvalid(detail, [{ field: dto.from ? 'to' : 'from', message: detail }]);
    }
    const scope = byIds
      ? { seminarIds: [...new Set(dto.seminarIds)] }
      : { from: dto.from, to: dto.to, ...(dto.networkId ? { networkId: dto.networkId } : {}) };
    const run = await inTransaction(this.dataSource, async (manager) => {
      const found = await this.input.seminarsInScope(scope, manager);
      let seminars = found;
      if (scope.seminarIds) {
        const known = new Set(found.map((s) => s.id));
        const unknown = scope.seminarIds.filter((id) => !known.has(id));
        const closed = found.filter((s) => !PLANNABLE.includes(s.status));
        if (unknown.length > 0 || closed.length > 0) {
          throw scopeInvalid(message('matching.onlyExistingSeminarsDraft'), [
            ...unknown.map((id) => ({
              field: 'seminarIds',
              message: message('matching.thereNoSeminar', { id }),
            })),
            ...closed.map((s) => ({
              field: 'seminarIds',
              message: message('matching.seminarNotPlannable', { title: s.title, status: s.status }),
            })),
          ]);
        }
      } else {
        seminars = found.filter((s) => PLANNABLE.includes(s.status));
        if (seminars.length === 0) {
          throw scopeInvalid(message('matching.noSeminarDraftOpen'), [
            {
              field: 'from',
              message: message('matching.noSeminarMatchPeriod'),
            },
          ]);
        }
      }
      const created = await this.runs.create(
        {
          scope,
          seminarIds: seminars.map((s) => s.id),
          settings: { ...(dto.settings ?? {}) } as Record<string, number>,
          createdById: actor.personId,
        },
        manager,
      );
      await this.jobs.send<MatchingJob>(manager, MATCHING_QUEUE, { runId: created.id });
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'matching_run.started',
        subjectType: 'matching_run',
        subjectId: created.id,
        details: { seminars: created.seminarIds.length, settings: created.settings },
      });
      return created;
    });
    return toRunSummary(run);
  }

  async list(query: RunsQueryDto): Promise<Page<RunSummaryDto>> {
    const { skip, take } = offsetOf(query);
    const [rows, total] = await this.runs.list(skip, take);
    const outcomes = await this.runs.outcomes(
      rows.filter((r) => r.status === 'succeeded' || r.status === 'published').map((r) => r.id),
    );
    return {
      items: rows.map((row) => toRunSummary(row, outcomes.get(row.id))),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(id: string, language: Language): Promise<RunDetailDto> {
    const run = await this.runs.findById(id);
    if (!run) throw runNotFound();
    if (!run.result) return toRunSummary(run);
    return toRunDetail(run, await this.names(this.dataSource.manager, run), language);
  }

  /** The instance a finished run solved, as the engine read it (for `npm run matching:export-lp` or any audit). */
  async instance(id: string): Promise<MatchingInstance> {
    const run = await this.finishedRun(id);
    return run.instance!;
  }

  /** One stage of a finished run as a CPLEX-LP program, for an independent MIP solver. */
  async lp(id: string, stage: 'facilitators' | 'attendees'): Promise<string> {
    const run = await this.finishedRun(id);
    return (
      stage === 'facilitators'
        ? facilitatorStageLp(run.instance!, run.result!)
        : attendeeStageLp(run.instance!, run.result!)
    ).text;
  }

  private async finishedRun(id: string): Promise<MatchingRun> {
    const run = await this.runs.findById(id);
    if (!run) throw runNotFound();
    if (!run.result || !run.instance) throw runNotFinished();
    return run;
  }

  /** What changes from one run to another: objective, and who goes where. */
  async compare(id: string, otherId: string): Promise<RunComparisonDto> {
    const [run, other] = await Promise.all([this.runs.findById(id), this.runs.findById(otherId)]);
    if (!run || !other) throw runNotFound();
    if (!run.result || !other.result) throw runNotFinished();
    const names = await this.names(this.dataSource.manager, run, other);
    return toRunComparison({ ...run, result: run.result }, { ...other, result: other.result }, names);
  }

  // ---- Pins ----

  async pins(query: PinsQueryDto): Promise<Page<PinResponseDto>> {
    const { skip, take } = offsetOf(query);
    const [rows, total] = await this.runs.pins(query.seminarId, skip, take);
    return { items: rows.map(toPinResponse), page: query.page, pageSize: query.pageSize, total };
  }

  async pin(actor: Principal, dto: PinDto): Promise<{ pin: PinResponseDto; created: boolean }> {
    const outcome = await inTransaction(
      this.dataSource,
      async (manager) => {
        const [person] = await manager.query<{ roles: string[]; active: boolean }[]>(
          'SELECT roles, active FROM person WHERE id = $1',
          [dto.personId],
        );
        if (!person) throw personNotFound();
        if (!person.active || !person.roles.some((r) => r === 'attendee' || r === 'facilitator')) {
          throw pinInvalid(message('matching.onlyActiveAttendeesFacilitators'), 'personId');
        }
        const [seminar] = await manager.query<{ status: string }[]>(
          'SELECT status FROM seminar WHERE id = $1 FOR SHARE',
          [dto.seminarId],
        );
        if (!seminar || !PLANNABLE.includes(seminar.status)) {
          throw pinInvalid(message('matching.peopleCanOnlyBe'), 'seminarId');
        }
        const saved = await this.runs.upsertPin(
          {
            ...dto,
            note: dto.note ?? null,
            createdById: actor.personId,
          },
          manager,
        );
        await this.audit.record(manager, {
          actorId: actor.personId,
          action: saved.created ? 'matching_pin.created' : 'matching_pin.updated',
          subjectType: 'seminar',
          subjectId: dto.seminarId,
          details: { personId: dto.personId, kind: dto.kind },
        });
        return saved;
      },
      {
        foreignKey: () => pinInvalid(message('matching.personSeminarNoLonger'), 'seminarId'),
        unique: { matching_pin_pair_unique: pinChanged },
      },
    );
    return { pin: toPinResponse(outcome.pin), created: outcome.created };
  }

  async unpin(actor: Principal, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const pin = await this.runs.findPin(id, manager);
      if (!pin) throw pinNotFound();
      await this.runs.deletePin(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'matching_pin.deleted',
        subjectType: 'seminar',
        subjectId: pin.seminarId,
        details: { personId: pin.personId, kind: pin.kind },
      });
    });
  }

  /** Names of the people, units, specialties and seminars that runs mention, in one read each. */
  private async names(manager: EntityManager, ...runs: MatchingRun[]): Promise<Names> {
    const people = new Set<string>();
    const units = new Set<string>();
    const specialties = new Set<string>();
    const seminars = new Set<string>();
    for (const run of runs) {
      for (const p of run.result?.proposals ?? []) {
        seminars.add(p.seminarId);
        p.facilitators.forEach((f) => (people.add(f.personId), f.hospitalId && units.add(f.hospitalId)));
        p.uncovered.forEach((u) => {
          specialties.add(u.specialtyId);
          // Runs solved before places carried their proof have no blockers.
          for (const b of u.blockers ?? []) {
            people.add(b.personId);
            b.seminarIds.forEach((id) => seminars.add(id));
          }
        });
        p.attendees.forEach((a) => (people.add(a.personId), units.add(a.unitId)));
      }
      run.result?.leftOut.forEach((l) => (people.add(l.personId), units.add(l.unitId)));
    }
    const [personRows, unitRows, specialtyRows, seminarRows] = await Promise.all([
      manager.query<{ id: string; name: string }[]>(
        'SELECT id, full_name AS name FROM person WHERE id = ANY($1::uuid[])',
        [[...people]],
      ),
      manager.query<{ id: string; name: string }[]>('SELECT id, name FROM unit WHERE id = ANY($1::uuid[])', [
        [...units],
      ]),
      manager.query<{ id: string; es: string; en: string }[]>(
        'SELECT id, name_es AS es, name_en AS en FROM specialty WHERE id = ANY($1::uuid[])',
        [[...specialties]],
      ),
      manager.query<{ id: string; title: string; startDate: string; endDate: string; capacity: number }[]>(
        `SELECT id, title, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", capacity FROM seminar WHERE id = ANY($1::uuid[])`,
        [[...seminars]],
      ),
    ]);
    return {
      person: new Map(personRows.map((r) => [r.id, r.name])),
      unit: new Map(unitRows.map((r) => [r.id, r.name])),
      specialty: new Map(specialtyRows.map((r) => [r.id, { es: r.es, en: r.en }])),
      seminar: new Map(seminarRows.map((r) => [r.id, r])),
    };
  }
}
