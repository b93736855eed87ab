import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { minutesOf } from '../../common/time/clock-time';
import { inTransaction } from '../../database/transaction';
import { Person } from '../identity/person.entity';
import { FacilitationRepository } from './facilitation.repository';
import { agendaProblems } from './schedule/agenda-rules';
import { AGENDA_STATUSES, SeminarPlanning } from './seminar-planning';
import type { Seminar, SeminarDay } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import { toSeminarDayResponse } from './seminars.dto';
import {
  type AgendaBlockInputDto,
  type AgendaDayResponseDto,
  type AgendaResponseDto,
  type ReplaceAgendaDto,
} from './agenda.dto';
import {
  notSeminarFacilitator,
  seminarDayNotFound,
  seminarNotEditable,
  seminarNotFound,
  agendaChanged,
  agendaInvalid,
} from './seminars.errors';

const PROBLEM_MESSAGES = {
  ends_before_start: message('seminars.agenda.mustEndAfterStarts'),
  outside_day: message('seminars.agenda.fallsOutsideDayS'),
} as const;

/**
 * The agenda of each seminar day. The office and the seminar's facilitators plan it together;
 * everyone who can see the seminar reads it.
 */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seminars: SeminarRepository,
    private readonly facilitations: FacilitationRepository,
    private readonly planning: SeminarPlanning,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, id: string): Promise<AgendaResponseDto> {
    const seminar = await this.planning.visibleSeminar(principal, id);
    const days = await this.seminars.findAgenda(id);
    const names = await this.responsibleNames(this.dataSource.manager, days);
    return {
      seminarId: id,
      editable: AGENDA_STATUSES.includes(seminar.status) && (await this.mayEdit(principal, seminar)),
      days: days.map((day) => this.toDay(day, names)),
    };
  }

  /** Replaces one day's blocks, if nobody changed the day since the caller read `version`. */
  async replaceDay(
    principal: Principal,
    id: string,
    date: string,
    input: ReplaceAgendaDto,
  ): Promise<AgendaDayResponseDto> {
    const saved = await inTransaction(this.dataSource, async (manager) => {
      // Locked like every change of the seminar, so a facilitator removed or a seminar completed
      // meanwhile is seen here.
      const seminar = await this.seminars.lockAndLoad(id, manager);
      if (!seminar) throw seminarNotFound();
      await this.planning.assertVisible(principal, seminar, manager);
      if (!(await this.mayEdit(principal, seminar, manager))) throw notSeminarFacilitator();
      if (!AGENDA_STATUSES.includes(seminar.status)) throw seminarNotEditable(seminar.status);
      const day = await this.seminars.lockDay(id, date, manager);
      if (!day) throw seminarDayNotFound();
      if (day.agendaVersion !== input.version) {
        throw agendaChanged(message('seminars.agenda.someoneElseChangedDay'), [
          {
            field: 'version',
            message: message('seminars.agenda.currentVersion', { agendaVersion: day.agendaVersion }),
          },
        ]);
      }
      const blocks = [...input.blocks].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      await this.check(manager, seminar, day, blocks);
      await this.seminars.replaceBlocks(
        day,
        blocks.map((block, index) => ({
          position: index + 1,
          kind: block.kind,
          startTime: block.start,
          endTime: block.end,
          title: block.title ?? '',
          responsibleId: block.responsibleId ?? null,
        })),
        manager,
      );
      await this.audit.record(manager, {
        actorId: principal.personId,
        action: 'seminar.agenda_updated',
        subjectType: 'seminar',
        subjectId: id,
        details: { date, blocks: blocks.length },
      });
      return day.id;
    });
    const day = (await this.seminars.findAgenda(id)).find((candidate) => candidate.id === saved)!;
    return this.toDay(day, await this.responsibleNames(this.dataSource.manager, [day]));
  }

  private async mayEdit(principal: Principal, seminar: Seminar, manager?: EntityManager): Promise<boolean> {
    return (
      hasRole(principal, 'office') || (await this.facilitations.isFacilitator(seminar.id, principal.personId, manager))
    );
  }

  private async check(
    manager: EntityManager,
    seminar: Seminar,
    day: SeminarDay,
    blocks: AgendaBlockInputDto[],
  ): Promise<void> {
    const problems: FieldError[] = [];
    const facilitators = new Set(await this.facilitations.personIds(seminar.id, manager));
    blocks.forEach((block, index) => {
      if (block.kind !== 'break' && !block.title) {
        problems.push({
          field: `blocks.${index}.title`,
          message: message('seminars.agenda.requiredExceptBreaks'),
        });
      }
      if (block.responsibleId && !facilitators.has(block.responsibleId)) {
        problems.push({
          field: `blocks.${index}.responsibleId`,
          message: message('seminars.agenda.mustBeFacilitatorSeminar'),
        });
      }
    });
    const spans = blocks.map((block) => ({ start: minutesOf(block.start), end: minutesOf(block.end) }));
    for (const problem of agendaProblems({ start: minutesOf(day.startTime), end: minutesOf(day.endTime) }, spans)) {
      if (problem.problem === 'overlaps') {
        const other = blocks[problem.otherIndex];
        problems.push({
          field: `blocks.${problem.index}.start`,
          message: message('seminars.agenda.overlapsBlockFrom', { start: other.start, end: other.end }),
        });
      } else {
        problems.push({
          field: `blocks.${problem.index}.${problem.problem === 'outside_day' ? 'start' : 'end'}`,
          message: PROBLEM_MESSAGES[problem.problem],
        });
      }
    }
    if (problems.length > 0) {
      throw agendaInvalid(
        message('seminars.agenda.agendaNotValidDay', { startTime: day.startTime, endTime: day.endTime }),
        problems,
      );
    }
  }

  private async responsibleNames(manager: EntityManager, days: SeminarDay[]): Promise<Map<string, string>> {
    const ids = [
      ...new Set(
        days
          .flatMap((day) => (day.blocks ?? []).map((block) => block.responsibleId))
          .filter((id): id is string => id !== null),
      ),
    ];
    if (ids.length === 0) return new Map();
    const people = await manager.find(Person, { select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(people.map((person) => [person.id, person.fullName]));
  }

  private toDay(day: SeminarDay, names: Map<string, string>): AgendaDayResponseDto {
    return {
      ...toSeminarDayResponse(day, this.planning.timeZone),
      agendaVersion: day.agendaVersion,
      blocks: (day.blocks ?? []).map((block) => ({
        id: block.id,
        kind: block.kind,
        start: block.startTime,
        end: block.endTime,
        title: block.title,
        responsibleId: block.responsibleId,
        responsibleName: block.responsibleId ? (names.get(block.responsibleId) ?? null) : null,
      })),
    };
  }
}
