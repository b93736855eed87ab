import { daysBetween, type IsoDate } from './calendar-date';
import { wallClockMs } from './zone-wall-clock';

/** A wall-clock time of day 'HH:MM', 24-hour, '00:00' to '23:59'. */
export type ClockTime = string;

export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;
const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** Whether `value` is exactly 'HH:MM' between '00:00' and '23:59'. */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/** Minutes since midnight shown by `time` (0–1439). Throws a RangeError if `time` is not a ClockTime. */
export function minutesOf(time: ClockTime): number {
  const match = CLOCK_TIME.exec(time);
  if (!match) throw new RangeError(`Not a clock time 'HH:MM': ${JSON.stringify(time)}`);
  return Number(match[1]) * MINUTES_PER_HOUR + Number(match[2]);
}

/** The 'HH:MM' of `minutes` since midnight. Throws a RangeError unless `minutes` is a whole number 0–1439. */
export function clockTimeOf(minutes: number): ClockTime {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) {
    throw new RangeError(`Minutes since midnight must be a whole number from 0 to 1439: ${minutes}`);
  }
  return `${twoDigits(Math.floor(minutes / MINUTES_PER_HOUR))}:${twoDigits(minutes % MINUTES_PER_HOUR)}`;
}

/**
 * The instant at which the wall clock in the IANA zone `timeZone` shows `date` at `time`, with the
 * offset in force then, daylight saving included. A wall time skipped when clocks go forward resolves
 * to the instant the clocks jump (America/New_York 2027-03-14 02:30 → 03:00 EDT); one shown twice when
 * they go back resolves to the first (2027-11-07 01:30 → 01:30 EDT). As Temporal does, this assumes a
 * zone changes its offset at most once within a day of the wall time. Throws a RangeError for an
 * invalid date, time or zone.
 */
export function zonedInstant(date: IsoDate, time: ClockTime, timeZone: string): Date {
  const wall = daysBetween('1970-01-01', date) * MS_PER_DAY + minutesOf(time) * MS_PER_MINUTE;
  // A day either side is far enough to lie outside any transition that the wall time may fall in.
  const offsetBefore = offsetAt(timeZone, wall - MS_PER_DAY);
  const offsetAfter = offsetAt(timeZone, wall + MS_PER_DAY);
  const earlier = wall - Math.max(offsetBefore, offsetAfter);
  const later = wall - Math.min(offsetBefore, offsetAfter);
  if (wallClockMs(timeZone, earlier) === wall) return new Date(earlier);
  if (wallClockMs(timeZone, later) === wall) return new Date(later);
  return new Date(firstInstantShowingAfter(wall, earlier, later, timeZone));
}

/**
 * The same instant as zonedInstant, written 'YYYY-MM-DDTHH:MM:SS±HH:MM' with the zone's offset then
 * ('+00:00' for UTC, never 'Z'). For a skipped wall time it shows the time the clocks jumped to.
 */
export function isoWithOffset(date: IsoDate, time: ClockTime, timeZone: string): string {
  // Lists write the same few seminar days again and again; the answer depends on nothing else.
  const key = `${timeZone} ${date} ${time}`;
  let written = writtenWithOffset.get(key);
  if (written === undefined) {
    written = writeWithOffset(date, time, timeZone);
    if (writtenWithOffset.size >= MAX_WRITTEN) writtenWithOffset.clear();
    writtenWithOffset.set(key, written);
  }
  return written;
}

/** Enough for every day of years of seminars at their usual hours; a full cache starts afresh. */
const MAX_WRITTEN = 50_000;
const writtenWithOffset = new Map<string, string>();

function writeWithOffset(date: IsoDate, time: ClockTime, timeZone: string): string {
  const instant = zonedInstant(date, time, timeZone).getTime();
  // Local mean time before standard zones had offsets with seconds (Mexico City -06:36:36), which
  // ±HH:MM cannot carry; showing the wall time for the rounded offset keeps the string on the instant.
  const offsetMinutes = Math.round(offsetAt(timeZone, instant) / MS_PER_MINUTE);
  const local = new Date(instant + offsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${local}${sign}${twoDigits(Math.floor(absolute / MINUTES_PER_HOUR))}:${twoDigits(absolute % MINUTES_PER_HOUR)}`;
}

function offsetAt(timeZone: string, instant: number): number {
  return wallClockMs(timeZone, instant) - instant;
}

/**
 * Binary search, to the second, for the first instant in (from, to] whose wall clock is past `wall`:
 * within a spring-forward gap, the clock reads before the gap at `from` and after it at `to`.
 */
function firstInstantShowingAfter(wall: number, from: number, to: number, timeZone: string): number {
  let before = from;
  let after = to;
  while (after - before > MS_PER_SECOND) {
    const middle = before + Math.floor((after - before) / 2 / MS_PER_SECOND) * MS_PER_SECOND;
    if (wallClockMs(timeZone, middle) > wall) after = middle;
    else before = middle;
  }
  return after;
}
