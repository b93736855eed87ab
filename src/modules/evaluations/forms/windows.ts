/**
 * When each evaluation of a seminar may be answered. Pure: the caller gives the days, their hours as
 * instants and the configured spans.
 */

export const OCCASIONS = ['pre_test', 'daily', 'final', 'post_test'] as const;
export type Occasion = (typeof OCCASIONS)[number];

export interface DayHours {
  position: number;
  date: string;
  startsAt: Date;
  endsAt: Date;
}

export interface WindowSpans {
  /** Days a daily evaluation stays open after its day ends. */
  dailyDays: number;
  /** Days the final evaluation and the post-test stay open after the last day ends. */
  finalDays: number;
}

export interface EvaluationWindow {
  occasion: Occasion;
  /** The seminar day a daily evaluation is about (its position), 0 otherwise. */
  dayNumber: number;
  date: string | null;
  /** Null: open from the moment the person is confirmed. */
  opensAt: Date | null;
  closesAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every window of a seminar, in the order a person meets them. `days` are in order. */
export function windowsOf(days: DayHours[], spans: WindowSpans): EvaluationWindow[] {
  if (days.length === 0) return [];
  const first = days[0];
  const last = days[days.length - 1];
  const afterLast = new Date(last.endsAt.getTime() + spans.finalDays * DAY_MS);
  return [
    { occasion: 'pre_test', dayNumber: 0, date: null, opensAt: null, closesAt: first.startsAt },
    ...days.map((day) => ({
      occasion: 'daily' as const,
      dayNumber: day.position,
      date: day.date,
      opensAt: day.endsAt,
      closesAt: new Date(day.endsAt.getTime() + spans.dailyDays * DAY_MS),
    })),
    { occasion: 'final', dayNumber: 0, date: null, opensAt: last.endsAt, closesAt: afterLast },
    { occasion: 'post_test', dayNumber: 0, date: null, opensAt: last.endsAt, closesAt: afterLast },
  ];
}

export type WindowState = 'not_yet_open' | 'open' | 'closed';

export function windowState(window: EvaluationWindow, now: Date): WindowState {
  if (window.opensAt && now < window.opensAt) return 'not_yet_open';
  return now < window.closesAt ? 'open' : 'closed';
}

/** The form kind an occasion uses: both tests use the topic's diagnostic test. */
export function formKindOf(occasion: Occasion): 'daily' | 'final' | 'diagnostic' {
  return occasion === 'pre_test' || occasion === 'post_test' ? 'diagnostic' : occasion;
}
