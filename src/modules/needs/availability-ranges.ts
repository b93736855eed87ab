import { addDays, type IsoDate } from '../../common/time/calendar-date';

/** Days from `from` to `to`, both included, with why the person is away (or null). */
export interface ReasonedRange {
  from: IsoDate;
  to: IsoDate;
  reason: string | null;
}

export const MAX_REASON_LENGTH = 200;

/**
 * The same days as `ranges`, as few ranges as possible: overlapping ranges and ranges that touch
 * (one ends the day before the next starts) become one, in date order. A merged range keeps the
 * distinct reasons of its parts, joined with "; " and cut to the column's length.
 * Every range must already have `from <= to`.
 */
export function mergeRanges(ranges: readonly ReasonedRange[]): ReasonedRange[] {
  const sorted = [...ranges].sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0,
  );
  const merged: { from: IsoDate; to: IsoDate; reasons: string[] }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= addDays(last.to, 1)) {
      if (range.to > last.to) last.to = range.to;
      if (range.reason && !last.reasons.includes(range.reason)) last.reasons.push(range.reason);
    } else {
      merged.push({ from: range.from, to: range.to, reasons: range.reason ? [range.reason] : [] });
    }
  }
  return merged.map(({ from, to, reasons }) => ({
    from,
    to,
    reason: reasons.length ? reasons.join('; ').slice(0, MAX_REASON_LENGTH) : null,
  }));
}
