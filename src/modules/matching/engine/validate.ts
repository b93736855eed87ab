import type { MatchingInstance } from './instance';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rejects an instance the engine cannot read faithfully; the message names the first problem. */
export function validateInstance(instance: MatchingInstance): void {
  const fail = (message: string) => {
    throw new InvalidInstanceError(message);
  };
  for (const list of ['seminars', 'specialists', 'units', 'attendees'] as const) {
    if (!Array.isArray(instance[list])) fail(`${list} must be a list`);
    const ids = new Set<string>();
    for (const item of instance[list]) {
      if (typeof item.id !== 'string') fail(`${list}: every item needs a string id`);
      if (ids.has(item.id)) fail(`${list}: id ${item.id} appears twice`);
      ids.add(item.id);
    }
  }
  const people = new Set(instance.specialists.map((s) => s.id));
  for (const a of instance.attendees) if (people.has(a.id)) fail(`person ${a.id} is both a specialist and an attendee`);
  const units = new Set(instance.units.map((u) => u.id));
  for (const s of instance.seminars) {
    if (s.dates.length === 0) fail(`seminar ${s.id} has no dates`);
    for (let i = 0; i < s.dates.length; i++) {
      if (!DATE.test(s.dates[i])) fail(`seminar ${s.id}: ${s.dates[i]} is not a YYYY-MM-DD date`);
      if (i > 0 && s.dates[i] <= s.dates[i - 1]) fail(`seminar ${s.id}: dates must ascend`);
    }
    if (!Number.isInteger(s.capacity) || s.capacity < 0)
      fail(`seminar ${s.id}: capacity must be a non-negative integer`);
  }
  for (const a of instance.attendees) if (!units.has(a.unitId)) fail(`attendee ${a.id} names unknown unit ${a.unitId}`);
  const settings = instance.settings ?? {};
  for (const key of ['unitSeminarCap', 'facilitatorMonthlyLimit', 'priceIterations', 'budgetMs'] as const) {
    const value = settings[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      fail(`settings.${key} must be a non-negative integer`);
  }
  if (settings.unitDailyShare !== undefined && !(settings.unitDailyShare > 0 && settings.unitDailyShare <= 1))
    fail('settings.unitDailyShare must be in (0, 1]');
  for (const [key, value] of Object.entries(settings.weights ?? {})) {
    if (!Number.isSafeInteger(value) || value < 0) fail(`settings.weights.${key} must be a non-negative integer`);
  }
}

export class InvalidInstanceError extends Error {
  override name = 'InvalidInstanceError';
}
