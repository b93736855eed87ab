import { randomInt } from 'node:crypto';
import type { FormItem, Label } from '../forms/form-items';

/** A row of `evaluation_tally` summed over a report's scope: the empty value counts respondents. */
export interface TallyRow {
  occasion: string;
  form_id: string;
  item_id: string;
  facilitator_id: string | null;
  value: string;
  count: number;
}

export interface DistributionEntry {
  value: string;
  label: Label | null;
  count: number;
}

export interface ItemStats {
  respondents: number;
  suppressed: boolean;
  mean: number | null;
  distribution: DistributionEntry[];
}

export interface ScoreStats {
  respondents: number;
  suppressed: boolean;
  meanPercent: number | null;
}

/**
 * Mean and distribution of one item's tally rows (for one facilitator, for facilitator items): the row
 * with an empty value gives the respondents; the others count answers per value. Withheld under the
 * minimum of respondents, so that nobody's answer can be told from a small group's figures.
 */
export function itemStats(item: FormItem, rows: Pick<TallyRow, 'value' | 'count'>[], minimum: number): ItemStats {
  const respondents = rows.find((row) => row.value === '')?.count ?? 0;
  if (respondents < minimum) return { respondents, suppressed: true, mean: null, distribution: [] };
  const counts = rows.filter((row) => row.value !== '');
  if (item.kind === 'single_choice' || item.kind === 'multiple_choice') {
    const distribution = (item.options ?? []).map((option) => ({
      value: option.id,
      label: option.label,
      count: counts.find((row) => row.value === option.id)?.count ?? 0,
    }));
    return { respondents, suppressed: false, mean: null, distribution };
  }
  const total = counts.reduce((sum, row) => sum + Number(row.value) * row.count, 0);
  const values =
    item.kind === 'likert'
      ? [1, 2, 3, 4, 5].map((value) => ({
          value: String(value),
          label: null,
          count: counts.find((row) => Number(row.value) === value)?.count ?? 0,
        }))
      : counts
          .map((row) => ({ value: String(Number(row.value)), label: null, count: row.count }))
          .sort((a, b) => Number(a.value) - Number(b.value));
  return { respondents, suppressed: false, mean: round(total / respondents, 2), distribution: values };
}

/** The mean percent of a test's respondents (or the mean improvement of its pairs), withheld under the minimum. */
export function scoreStats(
  tally: { respondents: number; percent_sum: number } | undefined,
  minimum: number,
): ScoreStats {
  const respondents = tally?.respondents ?? 0;
  const suppressed = respondents < minimum;
  return { respondents, suppressed, meanPercent: suppressed ? null : round(tally!.percent_sum / respondents, 2) };
}

/** Responses over those expected, capped at 1; null while nobody is expected yet. */
export function responseRate(responses: number, expected: number): number | null {
  return expected > 0 ? round(Math.min(1, responses / expected), 4) : null;
}

/** The list in random order (Fisher–Yates), so that comments do not follow the order they were written in. */
export function shuffled<T>(list: T[], pick: (below: number) => number = randomInt): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
