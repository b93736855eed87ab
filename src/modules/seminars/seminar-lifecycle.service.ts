import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message, dateParam } from '../../common/i18n/messages';
import type { Text } from '../../common/i18n/text';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { ConflictsService } from './conflicts.service';
import { FacilitationRepository } from './facilitation.repository';
import { ParticipantsRepository } from './participants.repository';
import { coverageOf } from './coverage';
import { SeminarNotices } from './seminar-notices';
import { SeminarPlanning } from './seminar-planning';
import type { Seminar, SeminarStatus } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import type { RescheduleSeminarDto, SeminarDetailResponseDto } from './seminars.dto';
import {
  seminarNotFound,
  statusConflict,
  venueNotFound,
  nothingToReschedule,
  seminarNotStarted,
  seminarDaysRemaining,
  specialtiesNotCovered,
  tooFewAttendees,
  venueRequired,
} from './seminars.errors';
import { SeminarsService } from './seminars.service';
import { VenueRepository } from './venue.repository';

export type LifecycleAction = 'open' | 'confirm' | 'start' | 'complete' | 'close' | 'cancel';

interface Transition {
  from: SeminarStatus[];
  to: SeminarStatus;
  /** The verb in messages: «No se puede {es} …», "… cannot be {en}". */
  verb: Text;
}

/** The seminar lifecycle of DESIGN.md: draft → open → confirmed → in_progress → completed → closed, or cancelled before completion. */
const TRANSITIONS: Record<LifecycleAction, Transition> = {
  open: { from: ['draft'], to: 'open', verb: message('seminars.seminarLifecycle.opened') },
  confirm: { from: ['open'], to: 'confirmed', verb: message('seminars.seminarLifecycle.confirmed') },
  start: { from: ['confirmed'], to: 'in_progress', verb: message('seminars.seminarLifecycle.started') },
  complete: { from: ['in_progress'], to: 'completed', verb: message('seminars.seminarLifecycle.completed') },
  close: { from: ['completed'], to: 'closed', verb: message('seminars.seminarLifecycle.closed') },
  cancel: {
    from: ['draft', 'open', 'confirmed', 'in_progress'],
    to: 'cancelled',
    verb: message('seminars.seminarLifecycle.cancelled'),
  },
};

const RESCHEDULABLE: SeminarStatus[] = ['draft', 'open', 'confirmed'];

/** Moves seminars through their lifecycle, each step checked, audited and told to whoever it affects. */
@Injectable()
export class SeminarLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seminars: SeminarRepository,
    private readonly venues: VenueRepository,
    private readonly facilitations: FacilitationRepository,
    private readonly participants: ParticipantsRepository,
    private readonly conflicts: ConflictsService,
    private readonly planning: SeminarPlanning,
    private readonly notices: SeminarNotices,
    private readonly audit: AuditService,
    private readonly views: SeminarsService,
    private readonly clock: Clock,
  ) {}

  async transition(
    actor: Principal,
    id: string,
    action: LifecycleAction,
    reason?: string,
  ): Promise<SeminarDetailResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const seminar = await this.seminars.lockAndLoad(id, manager);
      if (!seminar) throw seminarNotFound();
      const { from, to, verb } = TRANSITIONS[action];
      if (!from.includes(seminar.status)) throw statusConflict(verb, seminar.status);
      await this.checkPreconditions(manager, seminar, action);
      const previous = seminar.status;
      seminar.status = to;
      // Calendars show the status (tentative, confirmed, cancelled), so every step is a new revision.
      seminar.revision += 1;
      if (action === 'open') seminar.openedAt ??= this.clock.now();
      if (action === 'cancel') {
        seminar.cancellationReason = reason!;
        seminar.cancelledAt = this.clock.now();
      }
      await this.seminars.save(seminar, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: `seminar.${action}`,
        subjectType: 'seminar',
        subjectId: id,
        reason: reason ?? null,
        details: { from: previous, to },
      });
      if (action === 'cancel') await this.notices.cancelled(manager, seminar, reason!);
    });
    return this.views.reload(id);
  }

  /**
   * Moves the days to working days from a new start date (and, optionally, to another venue).
   * Each day keeps its hours and agenda; the previous dates stay in the schedule history.
   */
  async reschedule(actor: Principal, id: string, input: RescheduleSeminarDto): Promise<SeminarDetailResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const seminar = await this.seminars.lockAndLoad(id, manager);
      if (!seminar) throw seminarNotFound();
      if (!RESCHEDULABLE.includes(seminar.status))
        throw statusConflict(message('seminars.seminarLifecycle.rescheduled'), seminar.status);
      let venue = seminar.venue ?? null;
      if (input.venueId && input.venueId !== seminar.venueId) {
        venue = await this.venues.findForBooking(input.venueId, manager);
        if (!venue) throw venueNotFound();
        this.planning.checkCapacity(seminar.topic!, seminar.capacity, venue, seminar.networkId);
      }
      const days = seminar.days ?? [];
      const previousDates = days.map((day) => day.date);
      const newDates = await this.planning.workingDates(manager, input.startDate, days.length);
      if (newDates.join() === previousDates.join() && (venue?.id ?? null) === seminar.venueId) {
        throw nothingToReschedule(message('seminars.seminarLifecycle.datesVenueOnesAlready'), [
          { field: 'startDate', message: message('seminars.seminarLifecycle.chooseAnotherDate') },
        ]);
      }
      if (seminar.status !== 'draft') {
        await this.conflicts.assertBookable(manager, {
          seminarId: id,
          venueId: venue?.id ?? null,
          venueName: venue?.name ?? null,
          dates: newDates,
          facilitatorIds: await this.facilitations.personIds(id, manager),
          attendeeIds: await this.participants.attendeeIds(id, manager),
        });
      }
      await this.seminars.moveDays(id, newDates, manager);
      const previousVenueId = seminar.venueId;
      Object.assign(seminar, {
        venueId: venue?.id ?? null,
        venue,
        startDate: newDates[0],
        endDate: newDates[newDates.length - 1],
        revision: seminar.revision + 1,
      });
      await this.seminars.save(seminar, manager);
      seminar.days = days.map((day, index) => ({ ...day, date: newDates[index] }));
      await this.seminars.addScheduleChange(
        {
          seminarId: id,
          previousDates,
          newDates,
          previousVenueId,
          newVenueId: seminar.venueId,
          reason: input.reason,
          actorId: actor.personId,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.rescheduled',
        subjectType: 'seminar',
        subjectId: id,
        reason: input.reason,
        details: { previousDates, newDates, previousVenueId, newVenueId: seminar.venueId },
      });
      await this.notices.rescheduled(manager, seminar, previousDates, input.reason);
    });
    return this.views.reload(id);
  }

  private async checkPreconditions(manager: EntityManager, seminar: Seminar, action: LifecycleAction): Promise<void> {
    const today = this.planning.today();
    switch (action) {
      case 'open':
        if (!seminar.venueId) throw venueRequired();
        this.planning.assertNotPast(seminar.startDate);
        await this.conflicts.assertBookable(manager, {
          seminarId: seminar.id,
          venueId: seminar.venueId,
          venueName: seminar.venue?.name ?? null,
          dates: (seminar.days ?? []).map((day) => day.date),
          facilitatorIds: await this.facilitations.personIds(seminar.id, manager),
          attendeeIds: await this.participants.attendeeIds(seminar.id, manager),
        });
        return;
      case 'confirm':
        this.planning.assertNotPast(seminar.startDate);
        await this.assertCovered(manager, seminar);
        await this.assertEnoughAttendees(manager, seminar);
        return;
      case 'start':
        if (today < seminar.startDate) {
          throw seminarNotStarted(
            message('seminars.seminarLifecycle.seminarStarts', { startDate: dateParam(seminar.startDate) }),
          );
        }
        return;
      case 'complete':
        if (today < seminar.endDate) {
          throw seminarDaysRemaining(
            message('seminars.seminarLifecycle.seminarSLastDay', { endDate: dateParam(seminar.endDate) }),
          );
        }
        return;
      default:
        return;
    }
  }

  private async assertCovered(manager: EntityManager, seminar: Seminar): Promise<void> {
    const coverage = coverageOf(seminar.topic!, await this.facilitations.listForSeminar(seminar.id, manager));
    const missing: FieldError[] = coverage
      .filter((line) => line.missing > 0)
      .map((line) => ({
        field: 'facilitators',
        message: message('seminars.seminarLifecycle.specialtyShort', {
          missing: line.missing,
          specialty: { es: line.specialty.nameEs, en: line.specialty.nameEn },
          required: line.required,
        }),
      }));
    if (missing.length > 0) {
      throw specialtiesNotCovered(message('seminars.seminarLifecycle.facilitatorsSpecialtiesTopicRequires'), missing);
    }
  }

  private async assertEnoughAttendees(manager: EntityManager, seminar: Seminar): Promise<void> {
    const confirmed = await this.participants.countConfirmed(seminar.id, manager);
    const minimum = seminar.topic!.minimumAttendees;
    if (confirmed < minimum) {
      throw tooFewAttendees(message('seminars.seminarLifecycle.attendeesConfirmedTopicNeeds', { confirmed, minimum }));
    }
  }
}
