/** Calendar-date arithmetic for the unit's weeks; dates are `YYYY-MM-DD`, counted on the UTC calendar. */

const DAY_MS = 86_400_000;

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(utc(value)) && iso(utc(value)) === value;
}

export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * DAY_MS);
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(utc(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Monday to Friday from `from` to `to`, both included. */
export function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const weekday = new Date(utc(day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/** A short day with its weekday (`lun 17 mar`), for compact lists. */
export function formatShortDay(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(utc(date));
}

/** Days from `from` to `to` in the language's own way of writing a span (`14–21 mar`). */
export function formatSpan(from: string, to: string, language: string): string {
  const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return from === to ? format.format(utc(from)) : format.formatRange(utc(from), utc(to));
}
