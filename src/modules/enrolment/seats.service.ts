import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { message } from '../../common/i18n/messages';
import { addDays, todayIn, type IsoDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { ConflictsService } from '../seminars/conflicts.service';
import { HolidayRepository } from '../seminars/holiday.repository';
import type { Seminar } from '../seminars/seminar.entity';
import { SeminarRepository } from '../seminars/seminar.repository';
import { seminarNotFound } from '../seminars/seminars.errors';
import { ParticipantsRepository } from '../seminars/participants.repository';
import { holdsSeat } from '../seminars/seat-holding';
import { responseDeadline } from './deadlines';
import { OPEN_STATUSES, type Enrolment, type EnrolmentEnding, type EnrolmentSource } from './enrolment.entity';
import {
  alreadyEnrolled,
  enrolmentFrozen,
  facilitatesSeminar,
  notAnAttendee,
  topicAlreadyTaken,
} from './enrolment.errors';
import { EnrolmentNotices } from './enrolment-notices';
import { EnrolmentRepository, type PersonCard } from './enrolment.repository';
import { ReleaseApprovalRepository } from './release-approval.repository';
import { ReleaseRequests } from './release-requests';

/** Seminar states in which enrolments still change. */
const ENROLLING_STATUSES = ['draft', 'open', 'confirmed'];

/**
 * Seats, the waiting line and invitations. Every method runs inside the caller's transaction,
 * after the caller has locked the seminar row ({@link SeatsService.lockSeminar}): that lock
 * serialises everything that changes who holds a seat, so confirmed plus held never exceeds
 * capacity and places in line follow the order in which changes commit.
 */
@Injectable()
export class SeatsService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly releases: ReleaseApprovalRepository,
    private readonly releaseRequests: ReleaseRequests,
    private readonly seminars: SeminarRepository,
    private readonly participants: ParticipantsRepository,
    private readonly holidays: HolidayRepository,
    private readonly conflicts: ConflictsService,
    private readonly notices: EnrolmentNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  today(): IsoDate {
    return todayIn(this.config.get('timeZone'), this.clock.now());
  }

  /** Locks the seminar row and loads the seminar with its topic, venue and days. */
  async lockSeminar(manager: EntityManager, id: string): Promise<Seminar> {
    const seminar = await this.seminars.lockAndLoad(id, manager);
    if (!seminar) throw seminarNotFound();
    return seminar;
  }

  /** Once a seminar is under way, over or cancelled, its enrolments no longer change. */
  assertEnrolling(seminar: Seminar): void {
    if (!ENROLLING_STATUSES.includes(seminar.status)) throw enrolmentFrozen();
  }

  async holidaysAround(manager: EntityManager, from: IsoDate, to: IsoDate): Promise<Set<string>> {
    return this.holidays.datesFrom(from, addDays(to, 60), manager);
  }

  /** The last day to answer an invitation to the seminar sent today. */
  private async responseDeadline(manager: EntityManager, seminar: Seminar): Promise<IsoDate> {
    const today = this.today();
    return responseDeadline(
      today,
      this.config.get('enrolment').responseWorkingDays,
      seminar.startDate,
      await this.holidaysAround(manager, today, seminar.startDate),
    );
  }

  /**
   * Invites people to the seminar, in the order given. The office's invitations are refused
   * (and nothing is written) when anyone is not an active attendee, facilitates the seminar, is
   * already in it, already has the topic or is booked elsewhere on its days; a published matching
   * run was checked when it was published, and leaves alone anyone already in the seminar.
   */
  async invite(
    manager: EntityManager,
    seminar: Seminar,
    personIds: string[],
    source: Exclude<EnrolmentSource, 'request'>,
    actorId: string | null,
    auditDetails: Record<string, unknown> = {},
  ): Promise<Enrolment[]> {
    const people = new Map((await this.enrolments.peopleByIds(personIds, manager)).map((p) => [p.id, p]));
    const notAttendees = personIds.filter(
      (id) => !people.get(id)?.active || !people.get(id)!.roles.includes('attendee'),
    );
    if (notAttendees.length > 0) {
      throw notAnAttendee(
        notAttendees.map((id) => ({
          field: `personIds[${personIds.indexOf(id)}]`,
          message: message('enrolment.seats.notActivePersonWith'),
        })),
      );
    }
    const facilitators = await this.enrolments.facilitatorsAmong(seminar.id, personIds, manager);
    if (facilitators.length > 0) {
      throw facilitatesSeminar(
        facilitators.map((id) => ({
          field: `personIds[${personIds.indexOf(id)}]`,
          message: message('enrolment.seats.facilitatesSeminar', { fullName: people.get(id)!.fullName }),
        })),
      );
    }
    const dates = (seminar.days ?? []).map((day) => day.date);
    const respondBy = await this.responseDeadline(manager, seminar);
    const invited: Enrolment[] = [];
    for (const [index, personId] of personIds.entries()) {
      const person = people.get(personId)!;
      const field = `personIds[${index}]`;
      const existing = await this.enrolments.findForPerson(seminar.id, personId, manager);
      if (existing && OPEN_STATUSES.includes(existing.status)) {
        if (source === 'matching') continue;
        throw alreadyEnrolled([
          {
            field,
            message: message('enrolment.seats.alreadySeminar', { fullName: person.fullName }),
          },
        ]);
      }
      if (source === 'office') {
        if (await this.enrolments.holdsTopic(personId, seminar.topicId, seminar.id, manager)) {
          throw topicAlreadyTaken([
            {
              field,
              message: message('enrolment.seats.alreadyHasAnotherSeminar', { fullName: person.fullName }),
            },
          ]);
        }
        await this.conflicts.assertBookable(manager, {
          seminarId: seminar.id,
          venueId: null,
          venueName: null,
          dates,
          facilitatorIds: [],
          attendeeIds: [personId],
        });
      }
      const enrolment = existing ?? this.enrolments.create({ seminarId: seminar.id, personId }, manager);
      Object.assign(enrolment, {
        status: 'invited',
        source,
        respondBy,
        promotedAt: null,
        waitlistPosition: null,
        reason: null,
        endedBy: null,
      });
      await this.enrolments.save(enrolment, manager);
      await this.audit.record(manager, {
        actorId,
        action: 'enrolment.invited',
        subjectType: 'enrolment',
        subjectId: enrolment.id,
        details: { seminarId: seminar.id, personId, source, respondBy, ...auditDetails },
      });
      await this.notices.invitation(manager, seminar, person, enrolment);
      invited.push(enrolment);
    }
    return invited;
  }

  /**
   * An attendee says yes (to an invitation, or by asking for a place): a seat if one is free, and
   * the unit's manager is asked to release them; otherwise a place in line (the place they had,
   * if they were called from it).
   */
  async takeSeat(manager: EntityManager, seminar: Seminar, enrolment: Enrolment, person: PersonCard): Promise<void> {
    const held = await this.participants.countSeatsTaken(seminar.id, manager);
    const ownPromotion = enrolment.status === 'invited' && enrolment.promotedAt ? 1 : 0;
    const inView = (await this.enrolments.countOpenPromotions(seminar.id, manager)) - ownPromotion;
    if (held + inView < seminar.capacity) {
      enrolment.status = 'accepted';
      await this.enrolments.save(enrolment, manager);
      await this.audit.record(manager, {
        actorId: person.id,
        action: 'enrolment.accepted',
        subjectType: 'enrolment',
        subjectId: enrolment.id,
        details: { seminarId: seminar.id },
      });
      await this.releaseRequests.request(manager, seminar, enrolment, person);
      return;
    }
    enrolment.status = 'waitlisted';
    enrolment.promotedAt = null;
    enrolment.waitlistPosition ??= await this.enrolments.takeWaitlistPosition(manager);
    await this.enrolments.save(enrolment, manager);
    await this.audit.record(manager, {
      actorId: person.id,
      action: 'enrolment.waitlisted',
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      details: { seminarId: seminar.id },
    });
  }

  /**
   * Someone declines, withdraws, lapses or is refused release: their place ends, a pending release
   * request is cancelled, and the next people in line are called while seats are free.
   */
  async leave(
    manager: EntityManager,
    seminar: Seminar,
    enrolment: Enrolment,
    change: {
      status: 'declined' | 'withdrawn';
      endedBy: EnrolmentEnding;
      reason: string | null;
      actorId: string | null;
    },
  ): Promise<void> {
    const previous = enrolment.status;
    Object.assign(enrolment, { status: change.status, endedBy: change.endedBy, reason: change.reason });
    await this.enrolments.save(enrolment, manager);
    await this.releases.cancelPending(enrolment.id, manager);
    await this.audit.record(manager, {
      actorId: change.actorId,
      action: `enrolment.${change.endedBy === 'lapsed' ? 'lapsed' : change.status}`,
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      reason: change.reason,
      details: {
        seminarId: seminar.id,
        from: previous,
        endedBy: change.endedBy,
        heldSeat: holdsSeat(previous),
      },
    });
    await this.fillFreeSeats(manager, seminar);
  }

  /**
   * Calls people from the waiting list, in line order, for the seats nobody holds or has in view
   * (an open call from the line keeps its seat in view until it is answered or lapses).
   */
  async fillFreeSeats(manager: EntityManager, seminar: Seminar): Promise<void> {
    if (!ENROLLING_STATUSES.includes(seminar.status)) return;
    const free =
      seminar.capacity -
      (await this.participants.countSeatsTaken(seminar.id, manager)) -
      (await this.enrolments.countOpenPromotions(seminar.id, manager));
    if (free <= 0) return;
    const next = await this.enrolments.nextInLine(seminar.id, free, manager);
    if (next.length === 0) return;
    const respondBy = await this.responseDeadline(manager, seminar);
    const people = new Map(
      (
        await this.enrolments.peopleByIds(
          next.map((e) => e.personId),
          manager,
        )
      ).map((p) => [p.id, p]),
    );
    for (const enrolment of next) {
      Object.assign(enrolment, { status: 'invited', promotedAt: this.clock.now(), respondBy });
      await this.enrolments.save(enrolment, manager);
      await this.audit.record(manager, {
        actorId: null,
        action: 'enrolment.promoted',
        subjectType: 'enrolment',
        subjectId: enrolment.id,
        details: { seminarId: seminar.id, respondBy },
      });
      const person = people.get(enrolment.personId);
      if (person?.active) await this.notices.invitation(manager, seminar, person, enrolment);
    }
  }
}
