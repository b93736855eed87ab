import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message, longDateParam, dateParam } from '../../common/i18n/messages';
import { Clock } from '../../common/time/clock';
import { addDays, todayIn } from '../../common/time/calendar-date';
import { clockTimeOf, minutesOf } from '../../common/time/clock-time';
import { ConfigService } from '../../config/config.service';
import type { Topic } from '../topics/topic.entity';
import { FacilitationRepository } from './facilitation.repository';
import { HolidayRepository } from './holiday.repository';
import { isWorkingDay, layOutWorkingDays, nextWorkingDay } from './schedule/working-days';
import { ACTIVE_STATUSES, type Seminar, type SeminarDay, type SeminarStatus } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import {
  seminarNotFound,
  seminarRuleBroken,
  startDateNotWorkingDay,
  startDateInPast,
  venueCapacityExceeded,
} from './seminars.errors';
import type { Venue } from './venue.entity';

/** States in which the plan of a seminar (venue, capacity, facilitators) may still change. */
export const PLANNING_STATUSES: SeminarStatus[] = ['draft', 'open', 'confirmed'];
/** States in which the agenda may still change: the days themselves can be adjusted as they go. */
export const AGENDA_STATUSES: SeminarStatus[] = ACTIVE_STATUSES;

/** How far ahead seminars can be planned. */
const PLANNING_HORIZON_YEARS = 10;

export type DayPlan = Pick<SeminarDay, 'date' | 'startTime' | 'endTime'>;

/**
 * The rules shared by the seminar services: who sees a seminar, where its days fall, what
 * capacity it may have.
 */
@Injectable()
export class SeminarPlanning {
  constructor(
    private readonly seminars: SeminarRepository,
    private readonly facilitations: FacilitationRepository,
    private readonly holidays: HolidayRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  get timeZone(): string {
    return this.config.get('timeZone');
  }

  today(): string {
    return todayIn(this.timeZone, this.clock.now());
  }

  /**
   * The seminar as the caller may see it: the office sees every seminar, facilitators see theirs,
   * and everyone else sees seminars once they have been opened. Anything else is a 404.
   */
  async visibleSeminar(principal: Principal, id: string, manager?: EntityManager): Promise<Seminar> {
    const seminar = await this.seminars.findById(id, manager);
    if (!seminar) throw seminarNotFound();
    await this.assertVisible(principal, seminar, manager);
    return seminar;
  }

  async assertVisible(principal: Principal, seminar: Seminar, manager?: EntityManager): Promise<void> {
    if (
      seminar.openedAt === null &&
      !hasRole(principal, 'office') &&
      !(await this.facilitations.isFacilitator(seminar.id, principal.personId, manager))
    ) {
      throw seminarNotFound();
    }
  }

  /**
   * Consecutive working days from the start date, each with the topic's hours from the start of
   * the working day. Takes the holiday lock in shared mode so no holiday is declared meanwhile.
   */
  async layOut(
    manager: EntityManager,
    startDate: string,
    dayCount: number,
    hoursPerDay: number,
    field = 'startDate',
  ): Promise<DayPlan[]> {
    const { dayStart, dayEnd } = this.config.get('seminars');
    const end = minutesOf(dayStart) + hoursPerDay * 60;
    if (end > minutesOf(dayEnd)) {
      throw seminarRuleBroken(message('seminars.seminarPlanning.topicSHoursDay', { hoursPerDay, dayStart, dayEnd }));
    }
    const dates = await this.workingDates(manager, startDate, dayCount, field);
    return dates.map((date) => ({ date, startTime: dayStart, endTime: clockTimeOf(end) }));
  }

  /** `count` working days from `startDate`, which must be a working day not in the past. */
  async workingDates(manager: EntityManager, startDate: string, count: number, field = 'startDate'): Promise<string[]> {
    this.assertNotPast(startDate, field);
    await this.holidays.lockCalendar('layout', manager);
    const holidays = await this.holidays.datesFrom(startDate, addDays(startDate, 366), manager);
    if (!isWorkingDay(startDate, holidays)) {
      const next = nextWorkingDay(startDate, holidays);
      throw startDateNotWorkingDay(
        message('seminars.seminarPlanning.notWorkingDayNext', {
          startDate: longDateParam(startDate),
          next: longDateParam(next),
          next2: next,
        }),
        [{ field, message: message('seminars.seminarPlanning.nextValidDate', { next }) }],
      );
    }
    return layOutWorkingDays(startDate, count, holidays);
  }

  /** A start date from today up to {@link PLANNING_HORIZON_YEARS} years ahead. */
  assertNotPast(date: string, field = 'startDate'): void {
    const today = this.today();
    const horizon = addDays(today, PLANNING_HORIZON_YEARS * 366);
    if (date > horizon) {
      throw seminarRuleBroken(
        message('seminars.seminarPlanning.seminarsPlannedUpYears', { planningHorizonYears: PLANNING_HORIZON_YEARS }),
        [{ field, message: message('seminars.seminarPlanning.mustBeEarlier', { horizon }) }],
      );
    }
    if (date < today) {
      throw startDateInPast(message('seminars.seminarPlanning.dateHasPassed', { date: dateParam(date) }), [
        { field, message: message('seminars.seminarPlanning.mustBeLater', { today }) },
      ]);
    }
  }

  /** A venue of the seminar's network, big enough, and a capacity that can reach the topic's minimum. */
  checkCapacity(topic: Topic, capacity: number, venue: Venue | null, networkId: string): void {
    const problems: FieldError[] = [];
    if (venue && venue.networkId !== networkId) {
      problems.push({
        field: 'venueId',
        message: message('seminars.seminarPlanning.venueBelongsAnotherNetwork'),
      });
    }
    if (problems.length > 0) throw seminarRuleBroken(message('seminars.seminarPlanning.venueNotValid'), problems);
    if (venue && capacity > venue.capacity) {
      throw venueCapacityExceeded(
        message('seminars.seminarPlanning.venueHoldsPeople', { name: venue.name, capacity: venue.capacity }),
        [
          {
            field: 'capacity',
            message: message('seminars.seminarPlanning.mustBeLess', { capacity: venue.capacity }),
          },
        ],
      );
    }
    if (capacity < topic.minimumAttendees) {
      throw seminarRuleBroken(
        message('seminars.seminarPlanning.capacityBelowTopicS', { minimumAttendees: topic.minimumAttendees }),
        [
          {
            field: 'capacity',
            message: message('seminars.seminarPlanning.mustBeAtLeast', { minimumAttendees: topic.minimumAttendees }),
          },
        ],
      );
    }
  }
}
