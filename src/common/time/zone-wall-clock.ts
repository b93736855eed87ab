/**
 * The one place that asks Intl what a zone's wall clock reads, shared by calendar dates, clock times
 * and calendar time zones so all read the time-zone database the same way.
 */

const MS_PER_SECOND = 1000;

// Building a DateTimeFormat is far slower than using one, and zonedInstant asks several times per call.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  // An empty or missing zone would make Intl fall back to the process's zone, which is never meant here.
  if (!timeZone) throw new RangeError('A time zone name is required');
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * What the wall clock in `timeZone` reads at `instant` (epoch milliseconds), returned as the epoch
 * milliseconds at which a UTC clock reads the same; subtracting `instant` gives the zone's offset then,
 * to the second. Throws a RangeError for an unknown zone or an invalid instant.
 *
 * Answers from a per-zone cache of offsets by hour, so that formatting a page of seminar days asks
 * Intl a few times per new hour instead of several times per timestamp. Equal to intlWallClockMs.
 */
export function wallClockMs(timeZone: string, instant: number): number {
  return instant + offsetMs(timeZone, instant);
}

/**
 * The same as wallClockMs, asking Intl every time: the reference the cache is built from and
 * tested against.
 */
export function intlWallClockMs(timeZone: string, instant: number): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = fields;
  // Some ICU versions wrote midnight as hour 24 even with h23.
  const wall = new Date(Date.UTC(2000, 0, 1, hour % 24, minute, second));
  // Unlike Date.UTC, setUTCFullYear does not read years 0–99 as 1900–1999.
  wall.setUTCFullYear(year, month - 1, day);
  // Intl shows whole seconds; adding back the instant's milliseconds keeps the offset exact.
  const milliseconds = ((instant % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND;
  return wall.getTime() + milliseconds;
}

const MS_PER_HOUR = 3_600_000;
/** The last hour that starts and ends inside the range of Date (±8.64e15 ms): beyond it, no cache. */
const LAST_CACHED_HOUR = 8.64e15 / MS_PER_HOUR - 1;
/** Hours kept per zone before the cache starts afresh: years of instants, a few megabytes at most. */
const MAX_CACHED_HOURS = 100_000;
/** Marks an hour in which the zone's offset changes: those instants are always asked of Intl. */
const CHANGES_WITHIN = Number.NaN;

const offsetsByZone = new Map<string, Map<number, number>>();

/**
 * The zone's offset at `instant`. An hour whose first and last millisecond have the same offset is
 * taken to keep it throughout, which holds because no zone changes its offset twice within an
 * hour; an hour where they differ holds a transition, and its instants go to Intl one by one.
 */
function offsetMs(timeZone: string, instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  // NaN, infinities and the two edge hours of the Date range are Intl's to answer (or refuse).
  if (!(Math.abs(hour) <= LAST_CACHED_HOUR)) return intlWallClockMs(timeZone, instant) - instant;
  let offsets = offsetsByZone.get(timeZone);
  let offset = offsets?.get(hour);
  if (offset === undefined) {
    const start = hour * MS_PER_HOUR;
    const end = start + MS_PER_HOUR - 1;
    const atStart = intlWallClockMs(timeZone, start) - start;
    const atEnd = intlWallClockMs(timeZone, end) - end;
    offset = atStart === atEnd ? atStart : CHANGES_WITHIN;
    if (!offsets || offsets.size >= MAX_CACHED_HOURS) {
      offsets = new Map();
      offsetsByZone.set(timeZone, offsets);
    }
    offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlWallClockMs(timeZone, instant) - instant : offset;
}
