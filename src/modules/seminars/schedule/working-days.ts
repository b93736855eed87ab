import { addDays, type IsoDate, weekdayOf } from '../../../common/time/calendar-date';

/** A year and a day: the longest stretch searched for a working day before the holidays are taken to be wrong. */
const MAX_DAYS_SEARCHED = 366;

/** Whether `date` is Monday to Friday and not in `holidays`. Throws a RangeError for an invalid date. */
export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return weekdayOf(date) <= 5 && !holidays.has(date);
}

/**
 * The first working day strictly after `date`. Throws a RangeError for an invalid date, or when the
 * holidays leave no working day within the 366 days after `date`.
 */
export function nextWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let candidate = date;
  for (let searched = 0; searched < MAX_DAYS_SEARCHED; searched++) {
    candidate = addDays(candidate, 1);
    if (isWorkingDay(candidate, holidays)) return candidate;
  }
  throw new RangeError(`No working day within ${MAX_DAYS_SEARCHED} days after ${date}: check the holidays`);
}

/** `date` itself when it is a working day, else the next working day after it (see nextWorkingDay). */
export function firstWorkingDayFrom(date: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  return isWorkingDay(date, holidays) ? date : nextWorkingDay(date, holidays);
}

/**
 * `count` consecutive working days, the first being `start` or, if `start` is not a working day, the
 * first working day after it; weekends and holidays in between are skipped. Throws a RangeError when
 * `count` is not a whole number of at least 1, for an invalid date, or when the holidays leave a
 * stretch of more than 366 days without a working day.
 */
export function layOutWorkingDays(start: IsoDate, count: number, holidays: ReadonlySet<IsoDate>): IsoDate[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`A seminar needs a whole number of days, at least 1: ${count}`);
  const days = [firstWorkingDayFrom(start, holidays)];
  while (days.length < count) days.push(nextWorkingDay(days[days.length - 1], holidays));
  return days;
}
