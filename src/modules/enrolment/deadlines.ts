import { addDays, type IsoDate } from '../../common/time/calendar-date';
import { isWorkingDay, nextWorkingDay } from '../seminars/schedule/working-days';

/** The `count`-th working day after `date` (`date` itself for 0). */
export function addWorkingDays(date: IsoDate, count: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  let day = date;
  for (let i = 0; i < count; i++) day = nextWorkingDay(day, holidays);
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, holidays)) count++;
  return count;
}

/**
 * The last day to answer an invitation sent `today`: `workingDays` working days later, but no later
 * than the day before the seminar starts (and never before today).
 */
export function responseDeadline(
  today: IsoDate,
  workingDays: number,
  firstDay: IsoDate,
  holidays: ReadonlySet<IsoDate>,
): IsoDate {
  const deadline = addWorkingDays(today, workingDays, holidays);
  const dayBefore = addDays(firstDay, -1);
  if (deadline <= dayBefore) return deadline;
  return dayBefore < today ? today : dayBefore;
}
