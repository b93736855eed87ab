import { DEFAULT_SETTINGS, DEFAULT_WEIGHTS, type DateRange, type MatchingInstance, type Settings } from './instance';

export function resolveSettings(instance: MatchingInstance): Settings {
  const given = instance.settings ?? {};
  return { ...DEFAULT_SETTINGS, ...given, weights: { ...DEFAULT_WEIGHTS, ...(given.weights ?? {}) } };
}

/** People a unit may have away on one day: a share of its attendee staff, at least one. */
export function dailyAllowance(attendeeStaff: number, share: number): number {
  return Math.max(1, Math.floor(attendeeStaff * share + 1e-9));
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function isUnavailable(
  dates: readonly string[],
  ranges: readonly DateRange[],
  busy: ReadonlySet<string>,
): boolean {
  for (const date of dates) {
    if (busy.has(date)) return true;
    for (const range of ranges) if (range.from <= date && date <= range.to) return true;
  }
  return false;
}

export function pairKey(personId: string, seminarId: string): string {
  return `${personId}|${seminarId}`;
}
