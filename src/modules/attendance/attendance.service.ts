import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { type Text } from '../../common/i18n/text';
import { inTransaction } from '../../database/transaction';
import { SeminarPlanning } from '../seminars/seminar-planning';
import type { Seminar } from '../seminars/seminar.entity';
import { SeminarRepository } from '../seminars/seminar.repository';
import { seminarNotFound } from '../seminars/seminars.errors';
import { ATTENDANCE_STATUSES, AttendanceAccess } from './attendance-access';
import { AttendanceLedger } from './attendance-ledger';
import type {
  CheckInCountResponseDto,
  DayRosterResponseDto,
  ReplaceRosterDto,
  RosterReadOnlyReason,
  SeminarAttendanceResponseDto,
} from './attendance.dto';
import {
  AttendanceErrorCode,
  afterDayOfficeOnly,
  dayInFuture,
  NotConfirmedError,
  reasonRequired,
  recordsInvalid,
} from './attendance.errors';
import { AttendanceRepository, type RosterWrite } from './attendance.repository';
import { attendanceSummary, hoursCredited, type HoursCredited } from './hours';

type HoursProblem = Extract<HoursCredited, { ok: false }>['problem'];

const HOURS_PROBLEMS: Record<HoursProblem, Text> = {
  hours_required: message('attendance.hoursProblems.hoursRequired'),
  hours_not_allowed: message('attendance.hoursProblems.hoursNotAllowed'),
  hours_out_of_range: message('attendance.hoursProblems.hoursOutOfRange'),
  hours_not_half_step: message('attendance.hoursProblems.hoursNotHalfStep'),
};

/**
 * Each seminar day's roster: the office and the seminar's facilitators record it on the day (or
 * later, the office only, with a reason); every change is audited.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seminars: SeminarRepository,
    private readonly planning: SeminarPlanning,
    private readonly access: AttendanceAccess,
    private readonly attendance: AttendanceRepository,
    private readonly ledger: AttendanceLedger,
    private readonly audit: AuditService,
  ) {}

  /** Every confirmed attendee with their record of the day, or `unrecorded`. */
  async roster(principal: Principal, seminarId: string, date: string): Promise<DayRosterResponseDto> {
    const seminar = await this.access.managedSeminar(principal, seminarId);
    const day = this.access.dayOf(seminar, date);
    const [attendees, records] = await Promise.all([
      this.attendance.confirmedAttendees(seminarId),
      this.attendance.dayRecords(day.id),
    ]);
    const byPerson = new Map(records.map((record) => [record.personId, record]));
    const readOnlyReason = this.readOnlyReason(principal, seminar, date);
    return {
      seminarId,
      seminarDayId: day.id,
      date,
      dayHours: seminar.topic!.hoursPerDay,
      editable: readOnlyReason === null,
      reasonRequired: readOnlyReason === null && date < this.planning.today(),
      readOnlyReason,
      attendees: attendees.map((attendee) => {
        const record = byPerson.get(attendee.personId);
        return {
          ...attendee,
          status: record?.status ?? 'unrecorded',
          hoursCredited: record?.hoursCredited ?? 0,
          checkedInAt: record?.checkedInAt?.toISOString() ?? null,
          reason: record?.reason ?? null,
          updatedAt: record?.updatedAt.toISOString() ?? null,
        };
      }),
    };
  }

  /**
   * Writes the given records of a day, all or none. On the day: the office or a facilitator of the
   * seminar; after it: the office only, with a reason; never before it.
   */
  async replaceRoster(
    principal: Principal,
    seminarId: string,
    date: string,
    input: ReplaceRosterDto,
  ): Promise<DayRosterResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      // Locked like every change of the seminar, so a cancellation meanwhile is seen here.
      const seminar = await this.seminars.lockAndLoad(seminarId, manager);
      if (!seminar) throw seminarNotFound();
      await this.access.assertManages(principal, seminar, manager);
      this.access.assertTakesAttendance(seminar);
      const day = this.access.dayOf(seminar, date);
      const today = this.planning.today();
      if (date > today) throw dayInFuture();
      const afterDay = date < today;
      if (afterDay && !hasRole(principal, 'office')) throw afterDayOfficeOnly();
      if (afterDay && !input.reason) throw reasonRequired();

      const lines = this.checkLines(seminar, input);
      const offending = await this.attendance.notConfirmed(
        seminarId,
        lines.map((line) => line.personId),
        manager,
      );
      if (offending.length > 0) throw new NotConfirmedError(offending);

      const before = new Map(
        (await this.attendance.dayRecords(day.id, manager)).map((record) => [record.personId, record]),
      );
      await this.attendance.upsertRoster(
        seminarId,
        day.id,
        lines,
        principal.personId,
        afterDay ? input.reason! : null,
        manager,
      );
      await this.audit.record(manager, {
        actorId: principal.personId,
        action: afterDay ? 'attendance.corrected' : 'attendance.recorded',
        subjectType: 'seminar_day',
        subjectId: day.id,
        reason: input.reason ?? null,
        details: {
          seminarId,
          date,
          records: lines.map((line) => ({
            ...line,
            previousStatus: before.get(line.personId)?.status ?? null,
            previousHours: before.get(line.personId)?.hoursCredited ?? null,
          })),
        },
      });
    });
    return this.roster(principal, seminarId, date);
  }

  /** How many of the confirmed attendees have checked in on the day, for the room's screen. */
  async checkInCount(principal: Principal, seminarId: string, date: string): Promise<CheckInCountResponseDto> {
    const seminar = await this.access.managedSeminar(principal, seminarId);
    const day = this.access.dayOf(seminar, date);
    return { date, ...(await this.attendance.checkInCount(seminarId, day.id)) };
  }

  /** Every confirmed attendee's hours and days over the seminar. */
  async seminarSummary(principal: Principal, seminarId: string): Promise<SeminarAttendanceResponseDto> {
    const seminar = await this.access.managedSeminar(principal, seminarId);
    const manager = this.dataSource.manager;
    const [attendees, summaries] = await Promise.all([
      this.attendance.confirmedAttendees(seminarId, manager),
      this.ledger.summaries(manager, seminarId),
    ]);
    const dayCount = seminar.days?.length ?? 0;
    const hoursPerDay = seminar.topic!.hoursPerDay;
    const empty = attendanceSummary([], dayCount, hoursPerDay);
    return {
      seminarId,
      dayCount,
      hoursPerDay,
      topicHours: empty.topicHours,
      attendees: attendees.map((attendee) => ({ ...attendee, ...(summaries.get(attendee.personId) ?? empty) })),
    };
  }

  /** Why the caller may not change the day's roster now (the refusal a save would get), or null. */
  private readOnlyReason(principal: Principal, seminar: Seminar, date: string): RosterReadOnlyReason | null {
    if (!ATTENDANCE_STATUSES.includes(seminar.status)) return AttendanceErrorCode.AttendanceNotOpen;
    const today = this.planning.today();
    if (date > today) return AttendanceErrorCode.DayInFuture;
    if (date < today && !hasRole(principal, 'office')) return AttendanceErrorCode.AfterDayOfficeOnly;
    return null;
  }

  private checkLines(seminar: Seminar, input: ReplaceRosterDto): RosterWrite[] {
    const dayHours = seminar.topic!.hoursPerDay;
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    const lines = input.records.map((record, index) => {
      if (seen.has(record.personId))
        problems.push({
          field: `records.${index}.personId`,
          message: message('attendance.appearsMoreThanOnce'),
        });
      seen.add(record.personId);
      const credited = hoursCredited(record.status, record.hoursAttended, dayHours);
      if (!credited.ok)
        problems.push({ field: `records.${index}.hoursAttended`, message: HOURS_PROBLEMS[credited.problem] });
      return { personId: record.personId, status: record.status, hoursCredited: credited.ok ? credited.hours : 0 };
    });
    if (problems.length > 0) throw recordsInvalid(problems);
    return lines;
  }
}
