import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { message } from '../../common/i18n/messages';
import { type Language } from '../../common/i18n/text';
import { Clock } from '../../common/time/clock';
import { addDays } from '../../common/time/calendar-date';
import { ConfigService } from '../../config/config.service';
import { newOpaqueToken, sha256 } from '../identity/secrets';
import { renderCalendar, type CalendarEventInput, type CalendarEventStatus } from './calendar/ics';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { SeminarPlanning } from './seminar-planning';
import type { Seminar, SeminarStatus } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import type { CalendarFeedResponseDto } from './calendar.dto';
import { calendarFeedNotFound } from './seminars.errors';

/** How far back a personal feed goes: last year's seminars stay visible, older ones drop off. */
const FEED_HISTORY_DAYS = 365;

/** iCalendar for a seminar and each person's secret, revocable feed of their seminars. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly seminars: SeminarRepository,
    private readonly feeds: CalendarFeedRepository,
    private readonly planning: SeminarPlanning,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async seminarCalendar(principal: Principal, id: string, language: Language): Promise<string> {
    const seminar = await this.planning.visibleSeminar(principal, id);
    return this.render(seminar.title, [seminar], language);
  }

  /** A new secret feed address for the caller; any previous address stops working. */
  async createFeed(principal: Principal): Promise<CalendarFeedResponseDto> {
    const { token, hash } = newOpaqueToken();
    const feed = await this.feeds.replace(principal.personId, hash);
    return {
      url: `${this.config.get('publicBaseUrl')}/api/v1/calendar/${token}.ics`,
      createdAt: feed.createdAt.toISOString(),
    };
  }

  async revokeFeed(principal: Principal): Promise<void> {
    if (!(await this.feeds.remove(principal.personId))) {
      throw calendarFeedNotFound(message('seminars.calendar.youHaveNoCalendar'));
    }
  }

  async feed(token: string): Promise<string> {
    const owner = await this.feeds.findActiveOwner(sha256(token));
    if (!owner) {
      throw calendarFeedNotFound(message('seminars.calendar.calendarDoesNotExist'));
    }
    const seminars = await this.seminars.findForCalendar(
      owner.personId,
      addDays(this.planning.today(), -FEED_HISTORY_DAYS),
    );
    const name =
      owner.locale === 'en' ? `Puente seminars — ${owner.fullName}` : `Seminarios Puente — ${owner.fullName}`;
    return this.render(name, seminars, owner.locale);
  }

  private render(name: string, seminars: Seminar[], language: Language): string {
    const events = seminars.flatMap((seminar) => {
      const days = seminar.days ?? [];
      const location = seminar.venue
        ? [seminar.venue.name, seminar.venue.address].filter(Boolean).join(', ')
        : undefined;
      return days.map((day): CalendarEventInput => ({
        uid: `${day.id}@puente`,
        sequence: seminar.revision,
        date: day.date,
        start: day.startTime,
        end: day.endTime,
        summary:
          language === 'en'
            ? `${seminar.title} (day ${day.position} of ${days.length})`
            : `${seminar.title} (día ${day.position} de ${days.length})`,
        description:
          seminar.status === 'cancelled' && seminar.cancellationReason
            ? language === 'en'
              ? `Cancelled: ${seminar.cancellationReason}`
              : `Cancelado: ${seminar.cancellationReason}`
            : seminar.notes || undefined,
        location,
        status: eventStatus(seminar.status),
      }));
    });
    return renderCalendar({ name, timeZone: this.planning.timeZone, events, now: this.clock.now() });
  }
}

/** A seminar is only sure to run once confirmed (an open one may still lack attendees). */
function eventStatus(status: SeminarStatus): CalendarEventStatus {
  if (status === 'cancelled') return 'cancelled';
  return status === 'draft' || status === 'open' ? 'tentative' : 'confirmed';
}
