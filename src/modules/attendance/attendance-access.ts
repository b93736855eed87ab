import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { FacilitationRepository } from '../seminars/facilitation.repository';
import { SeminarPlanning } from '../seminars/seminar-planning';
import type { Seminar, SeminarDay, SeminarStatus } from '../seminars/seminar.entity';
import { notSeminarFacilitator, seminarDayNotFound } from '../seminars/seminars.errors';
import { attendanceNotOpen } from './attendance.errors';

/** Seminars whose attendance is taken: not drafts, closed or cancelled ones. */
export const ATTENDANCE_STATUSES: SeminarStatus[] = ['open', 'confirmed', 'in_progress', 'completed'];

/** Who takes a seminar's attendance: the office and the seminar's facilitators. */
@Injectable()
export class AttendanceAccess {
  constructor(
    private readonly planning: SeminarPlanning,
    private readonly facilitations: FacilitationRepository,
  ) {}

  /** The seminar if the caller takes its attendance: 404 if they cannot see it, 403 if they do not facilitate it. */
  async managedSeminar(principal: Principal, seminarId: string, manager?: EntityManager): Promise<Seminar> {
    const seminar = await this.planning.visibleSeminar(principal, seminarId, manager);
    await this.assertManages(principal, seminar, manager);
    return seminar;
  }

  async assertManages(principal: Principal, seminar: Seminar, manager?: EntityManager): Promise<void> {
    await this.planning.assertVisible(principal, seminar, manager);
    if (
      !hasRole(principal, 'office') &&
      !(await this.facilitations.isFacilitator(seminar.id, principal.personId, manager))
    )
      throw notSeminarFacilitator();
  }

  /** Refuses changes to the attendance of drafts, closed and cancelled seminars. */
  assertTakesAttendance(seminar: Seminar): void {
    if (!ATTENDANCE_STATUSES.includes(seminar.status)) throw attendanceNotOpen();
  }

  /** The seminar's day on `date`; 404 when it has none. */
  dayOf(seminar: Seminar, date: string): SeminarDay {
    const day = seminar.days?.find((candidate) => candidate.date === date);
    if (!day) throw seminarDayNotFound();
    return day;
  }
}
