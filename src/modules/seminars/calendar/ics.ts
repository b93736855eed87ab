import ical, {
  escape,
  ICalEventStatus,
  type ICalTemporalInstantStub,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { vtimezone } from './vtimezone';
import { isIsoDate } from '../../../common/time/calendar-date';
import { isClockTime, minutesOf } from '../../../common/time/clock-time';

export type CalendarEventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface CalendarEventInput {
  /** Stable across reschedules, e.g. `${seminarDayId}@puente`, so that calendars update the event in place. */
  uid: string;
  /** Increases each time the event changes (reschedules), so that calendars take the new version over the old. */
  sequence: number;
  /** `YYYY-MM-DD` in the calendar's time zone. */
  date: string;
  /** `HH:MM` wall-clock time in the calendar's time zone. */
  start: string;
  /** `HH:MM`, later than `start` on the same day. */
  end: string;
  summary: string;
  /** Free text: may contain newlines, commas, semicolons, accents. */
  description?: string;
  location?: string;
  status: CalendarEventStatus;
  url?: string;
}

export interface CalendarInput {
  /** Shown as the calendar's name (X-WR-CALNAME / NAME). */
  name: string;
  /** IANA zone, e.g. `America/Mexico_City`; every event's times are wall-clock times in it. */
  timeZone: string;
  events: CalendarEventInput[];
  /** Written as DTSTAMP and LAST-MODIFIED; passed in so that the output is deterministic. */
  now: Date;
}

const STATUS: Record<CalendarEventStatus, ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/**
 * iCalendar (RFC 5545) text with CRLF line endings that phone calendars accept: one VEVENT per event,
 * sorted by date and start, with times as `DTSTART;TZID=<zone>:<local time>` and a VTIMEZONE for the zone
 * derived from Node's time zone data. The output does not depend on the process's time zone.
 *
 * @throws RangeError when an event's date or times are malformed or it does not end after it starts.
 */
export function renderCalendar(input: CalendarInput): string {
  const events = [...input.events].sort(
    (a, b) => compare(a.date, b.date) || compare(a.start, b.start) || compare(a.end, b.end) || compare(a.uid, b.uid),
  );
  const times = events.map((event) => eventTimes(event));
  const years = times.map(({ start }) => start.year);

  const calendar = ical({
    // ical-generator writes the name as it gets it, but NAME and X-WR-CALNAME are TEXT values.
    name: escape(input.name, false),
    // ical-generator prepends the leading '-'.
    prodId: '//Puente//Seminarios//ES',
    // No zone name at calendar level: with one, ical-generator writes DTSTAMP and LAST-MODIFIED as
    // local times without the 'Z' that RFC 5545 requires. Each event carries the zone instead, and the
    // generator is still called once for it.
    timezone: { name: null, generator: (timeZone) => vtimezone(timeZone, Math.min(...years), Math.max(...years)) },
  });
  events.forEach((event, index) => {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: times[index].start,
      end: times[index].end,
      timezone: input.timeZone,
      stamp: input.now,
      lastModified: input.now,
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      url: event.url ?? null,
      status: STATUS[event.status],
    });
  });
  let text = calendar.toString();
  if (events.length === 0) {
    // RFC 5545 wants at least one component; an empty feed still says which zone its times will use.
    const year = input.now.getUTCFullYear();
    text = text.replace(
      /END:VCALENDAR$/,
      `${vtimezone(input.timeZone, year, year).replace(/(\r\n)?$/, '\r\n')}END:VCALENDAR`,
    );
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  return `${text}\r\n`;
}

function eventTimes(event: CalendarEventInput): { start: WallClock; end: WallClock } {
  if (!isIsoDate(event.date)) throw new RangeError(`Event ${event.uid}: date "${event.date}" is not a YYYY-MM-DD date`);
  if (!isClockTime(event.start) || !isClockTime(event.end))
    throw new RangeError(`Event ${event.uid}: times "${event.start}"–"${event.end}" are not HH:MM`);
  if (event.end <= event.start)
    throw new RangeError(`Event ${event.uid}: ends at ${event.end}, not after it starts at ${event.start}`);
  const [year, month, day] = event.date.split('-').map(Number);
  const wallClock = (time: string) =>
    new WallClock(year, month, day, Math.floor(minutesOf(time) / 60), minutesOf(time) % 60);
  return { start: wallClock(event.start), end: wallClock(event.end) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/**
 * A wall-clock time in the shape of a Temporal.PlainDateTime, which ical-generator writes field by
 * field after the TZID. A native Date, or a string it turns into one, is written through the process's
 * local getters instead: shifted whenever the process runs in another zone, and impossible to express
 * for a time that falls in the process zone's daylight-saving gap.
 */
class WallClock implements ICalTemporalPlainDateTimeStub {
  readonly second = 0;

  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
  ) {}

  toPlainDate(): ICalTemporalPlainDateStub {
    const { year, month, day } = this;
    const text = this.toString().slice(0, 10);
    return { year, month, day, toJSON: () => text, toString: () => text };
  }

  toZonedDateTime(timeZone: string): ICalTemporalZonedDateTimeStub {
    return new ZonedWallClock(this, timeZone);
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
  }
}

/**
 * The same wall-clock time tagged with its zone. ical-generator only asks it for the zone it already
 * has and for its wall-clock fields; it never needs the instant, which would take the zone's rules.
 */
class ZonedWallClock implements ICalTemporalZonedDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    private readonly wallClock: WallClock,
    readonly timeZoneId: string,
  ) {
    ({
      year: this.year,
      month: this.month,
      day: this.day,
      hour: this.hour,
      minute: this.minute,
      second: this.second,
    } = wallClock);
  }

  withTimeZone(timeZone: string): ICalTemporalZonedDateTimeStub {
    if (timeZone !== this.timeZoneId)
      throw new Error(`A wall-clock time in ${this.timeZoneId} cannot be moved to ${timeZone}`);
    return this;
  }

  toPlainDateTime(): ICalTemporalPlainDateTimeStub {
    return this.wallClock;
  }

  toInstant(): ICalTemporalInstantStub {
    throw new Error('The instant of a wall-clock time is not needed to write it');
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `${this.wallClock.toString()}[${this.timeZoneId}]`;
  }
}
