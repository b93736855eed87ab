import { wallClockMs } from '../../../common/time/zone-wall-clock';

const SECONDS_PER_DAY = 86_400;

/** A change of a zone's UTC offset: at `at` (seconds since the epoch) the offset goes from `from` to `to`. */
interface OffsetTransition {
  at: number;
  from: number;
  to: number;
}

/**
 * The VTIMEZONE component (RFC 5545 §3.6.5) for an IANA zone, correct from the start of `fromYear - 1`
 * to the end of `toYear + 1`, as CRLF-separated lines.
 *
 * Offsets come from the ICU data that ships with Node (the same tzdata the rest of the system uses), not
 * from a bundled table: published tables go stale, e.g. some still give Mexico daylight saving time,
 * which it abolished in 2022. Each offset change in the range becomes one observance with an explicit
 * DTSTART and no RRULE, so there is no rule to get wrong; a first observance dated 1970 carries the
 * offset in force at the start of the range, and is the only one for zones without changes.
 *
 * @throws RangeError for an unknown time zone or an empty year range.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Invalid year range ${fromYear}..${toYear}`);
  }
  const offsetAt = utcOffsetReader(timeZone);
  const rangeStart = Date.UTC(fromYear - 1, 0, 1) / 1000;
  const rangeEnd = Date.UTC(toYear + 2, 0, 1) / 1000;
  const transitions = findTransitions(offsetAt, rangeStart, rangeEnd);

  const initialOffset = offsetAt(rangeStart);
  const first = transitions[0];
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(
      first !== undefined && first.from > first.to ? 'DAYLIGHT' : 'STANDARD',
      '19700101T000000',
      initialOffset,
      initialOffset,
    ),
    ...transitions.flatMap((t) =>
      // A rising offset is the start of summer time everywhere today; which of the two kinds an
      // observance is only labels it, clients convert times with the offsets alone.
      observance(t.to > t.from ? 'DAYLIGHT' : 'STANDARD', localDateTime(t.at + t.from), t.from, t.to),
    ),
    'END:VTIMEZONE',
  ];
  return lines.join('\r\n');
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `END:${kind}`,
  ];
}

/**
 * Scans day by day and narrows each change down to the second by bisection. A zone that changed its
 * offset twice within one day would be missed; no zone has done so.
 */
function findTransitions(offsetAt: (epochSeconds: number) => number, start: number, end: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let before = start;
  let offsetBefore = offsetAt(before);
  while (before < end) {
    const after = Math.min(before + SECONDS_PER_DAY, end);
    const offsetAfter = offsetAt(after);
    if (offsetAfter !== offsetBefore) {
      // Invariant: offsetAt(low) === offsetBefore and offsetAt(high) !== offsetBefore.
      let low = before;
      let high = after;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle) === offsetBefore) low = middle;
        else high = middle;
      }
      transitions.push({ at: high, from: offsetBefore, to: offsetAt(high) });
    }
    before = after;
    offsetBefore = offsetAfter;
  }
  return transitions;
}

/** Returns a function giving the zone's UTC offset, in seconds, at an instant given in epoch seconds. */
function utcOffsetReader(timeZone: string): (epochSeconds: number) => number {
  return (epochSeconds) => Math.round((wallClockMs(timeZone, epochSeconds * 1000) - epochSeconds * 1000) / 1000);
}

/** RFC 5545 UTC-OFFSET: `-0600`, `+0530`, with seconds only when there are any (old local mean times). */
function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const absolute = Math.abs(seconds);
  const hours = Math.floor(absolute / 3600);
  const minutes = Math.floor((absolute % 3600) / 60);
  const rest = absolute % 60;
  return sign + pad(hours) + pad(minutes) + (rest === 0 ? '' : pad(rest));
}

/** Local DATE-TIME form `YYYYMMDDTHHMMSS` of a wall-clock time given as seconds since 1970-01-01T00:00 of that clock. */
function localDateTime(wallClockSeconds: number): string {
  return new Date(wallClockSeconds * 1000).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
