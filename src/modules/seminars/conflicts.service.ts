import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dateParam, dateRangeParam, listParam, message, monthParam } from '../../common/i18n/messages';
import { ConfigService } from '../../config/config.service';
import { BookingRepository, type OtherSeminarRow } from './booking.repository';
import type { SeminarStatus } from './seminar.entity';
import { ScheduleConflictError, SeminarsErrorCode, type ScheduleConflict } from './seminars.errors';

/** Seminars that are planned for real: they hold their venue and their people. */
export const BOOKED_STATUSES: SeminarStatus[] = ['open', 'confirmed', 'in_progress', 'completed', 'closed'];
/** What a draft is compared with: every plan that is not cancelled, drafts included. */
const PLANNED_STATUSES: SeminarStatus[] = ['draft', ...BOOKED_STATUSES];

/** A seminar as it is or is about to be: where, when and with whom. */
export interface Booking {
  seminarId: string;
  venueId: string | null;
  venueName: string | null;
  dates: string[];
  facilitatorIds: string[];
  attendeeIds: string[];
}

/**
 * Double bookings: a venue used by two seminars on one day, a person in two seminars whose days
 * overlap, a specialist facilitating more seminars in a calendar month than the limit allows.
 * A seminar counts in every month it has a day in.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly config: ConfigService,
  ) {}

  /**
   * Refuses a booking that clashes with seminars planned for real. Takes the booking locks of the
   * venue and the people first, so the answer holds until the transaction commits.
   */
  async assertBookable(manager: EntityManager, booking: Booking): Promise<void> {
    await this.bookings.lock(
      {
        venueIds: [booking.venueId],
        personIds: [...booking.facilitatorIds, ...booking.attendeeIds],
      },
      manager,
    );
    const conflicts = await this.find(manager, booking, 'booked_seminars');
    if (conflicts.length > 0) throw new ScheduleConflictError(conflicts);
  }

  /**
   * Clashes with seminars planned for real, or with every plan that is not cancelled (drafts
   * included): the warnings shown while a draft is prepared.
   */
  async find(
    manager: EntityManager,
    booking: Booking,
    comparedWith: 'booked_seminars' | 'all_plans',
  ): Promise<ScheduleConflict[]> {
    const statuses = comparedWith === 'all_plans' ? PLANNED_STATUSES : BOOKED_STATUSES;
    const conflicts: ScheduleConflict[] = [];
    if (booking.venueId) {
      for (const row of await this.bookings.venueClashes(
        booking.venueId,
        booking.seminarId,
        booking.dates,
        statuses,
        manager,
      )) {
        conflicts.push({
          kind: SeminarsErrorCode.VenueDoubleBooked,
          dates: row.dates,
          personId: null,
          personName: null,
          venueId: booking.venueId,
          otherSeminar: other(row),
          message: message('seminars.conflicts.venueBooked', {
            venue: booking.venueName ?? '',
            dates: listParam(row.dates.map(dateParam)),
            title: row.title,
            range: dateRangeParam(row.startDate, row.endDate),
          }),
        });
      }
    }
    const people = [...new Set([...booking.facilitatorIds, ...booking.attendeeIds])];
    for (const row of await this.bookings.personClashes(people, booking.seminarId, booking.dates, statuses, manager)) {
      const facilitates = row.role === 'facilitator';
      conflicts.push({
        kind: SeminarsErrorCode.PersonDoubleBooked,
        dates: row.dates,
        personId: row.personId,
        personName: row.fullName,
        venueId: null,
        otherSeminar: other(row),
        message: message('seminars.conflicts.personBooked', {
          name: row.fullName,
          role: facilitates ? 'facilitator' : 'attendee',
          title: row.title,
          range: dateRangeParam(row.startDate, row.endDate),
          dates: listParam(row.dates.map(dateParam)),
        }),
      });
    }
    conflicts.push(...(await this.monthlyLimitConflicts(manager, booking, statuses)));
    return conflicts;
  }

  private async monthlyLimitConflicts(
    manager: EntityManager,
    booking: Booking,
    statuses: SeminarStatus[],
  ): Promise<ScheduleConflict[]> {
    const limit = this.config.get('seminars').facilitatorMonthlyLimit;
    const months = [...new Set(booking.dates.map((date) => date.slice(0, 7)))];
    const rows = await this.bookings.monthlyLoad(booking.facilitatorIds, booking.seminarId, months, statuses, manager);
    const byPersonMonth = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = `${row.personId}:${row.month}`;
      byPersonMonth.set(key, [...(byPersonMonth.get(key) ?? []), row]);
    }
    const conflicts: ScheduleConflict[] = [];
    for (const load of byPersonMonth.values()) {
      // With this seminar the month would hold one more than the others already there.
      if (load.length + 1 <= limit) continue;
      const first = load[0];
      conflicts.push({
        kind: SeminarsErrorCode.FacilitatorMonthlyLimit,
        dates: [first.month],
        personId: first.personId,
        personName: first.fullName,
        venueId: null,
        otherSeminar: other(first),
        message: message('seminars.conflicts.monthlyLimit', {
          name: first.fullName,
          title: first.title,
          month: monthParam(first.month),
          limit,
        }),
      });
    }
    return conflicts;
  }
}

function other(row: OtherSeminarRow): ScheduleConflict['otherSeminar'] {
  return { id: row.id, title: row.title, status: row.status, startDate: row.startDate, endDate: row.endDate };
}
