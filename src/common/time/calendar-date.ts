import { wallClockMs } from './zone-wall-clock';

/** A calendar date 'YYYY-MM-DD' (proleptic Gregorian, years 0000–9999), with no time or zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds of the date's midnight in UTC, or NaN if `value` is not a real 'YYYY-MM-DD' date. */
function utcMidnightOf(value: string): number {
  const match = ISO_DATE.exec(value);
  if (!match) return NaN;
  const [year, month, day] = match.slice(1).map(Number);
  const midnight = new Date(0);
  // Unlike Date.UTC, setUTCFullYear does not read years 0–99 as 1900–1999.
  midnight.setUTCFullYear(year, month - 1, day);
  // Date rolls 2027-02-30 over into March: only a real date comes back with its own month and day.
  return midnight.getUTCMonth() === month - 1 && midnight.getUTCDate() === day ? midnight.getTime() : NaN;
}

function requireUtcMidnight(date: IsoDate): number {
  const midnight = utcMidnightOf(date);
  if (Number.isNaN(midnight)) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  return midnight;
}

function isoDateOfUtc(epochMs: number): IsoDate {
  const iso = new Date(epochMs).toISOString();
  // Beyond year 9999 toISOString switches to '+010000-01-01…', which is no IsoDate.
  if (iso.length !== 24) throw new RangeError(`Date outside years 0000–9999: ${iso}`);
  return iso.slice(0, 10);
}

/** Whether `value` is exactly 'YYYY-MM-DD' and names a day that exists (2028-02-29 yes, 2027-02-29 no). */
export function isIsoDate(value: string): boolean {
  return !Number.isNaN(utcMidnightOf(value));
}

/**
 * The date `days` calendar days after `date` (before it if negative). Days are counted on the UTC
 * calendar, so daylight-saving changes of any zone, including the process's, cannot shift the result.
 * Throws a RangeError for an invalid date, a non-integer `days` or a result outside years 0000–9999.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return isoDateOfUtc(requireUtcMidnight(date) + days * MS_PER_DAY);
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. Throws a RangeError for an invalid date. */
export function weekdayOf(date: IsoDate): number {
  const sundayFirst = new Date(requireUtcMidnight(date)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

/** The month of `date` as 'YYYY-MM'. Throws a RangeError for an invalid date. */
export function monthOf(date: IsoDate): string {
  requireUtcMidnight(date);
  return date.slice(0, 7);
}

/** Calendar days from `from` to `to` (negative when `to` comes first). Throws a RangeError for an invalid date. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((requireUtcMidnight(to) - requireUtcMidnight(from)) / MS_PER_DAY);
}

/**
 * The calendar date that people in the IANA zone `timeZone` see at the instant `now`; callers pass
 * `now` so that the answer never depends on the process's clock or zone. Throws a RangeError for an
 * unknown zone or an invalid `now`.
 */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return isoDateOfUtc(wallClockMs(timeZone, now.getTime()));
}
