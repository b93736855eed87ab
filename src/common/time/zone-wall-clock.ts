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
 */
export function wallClockMs(timeZone: string, instant: number): number {
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
