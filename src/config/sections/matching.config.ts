import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const MATCHING_SETTINGS = {
  unitSeminarCap: {
    kind: 'integer',
    name: 'MATCHING_UNIT_SEMINAR_CAP',
    default: 2,
    min: 1,
    max: 100,
    description: 'Attendees from one unit in one seminar, at most.',
  },
  unitDailyShare: {
    kind: 'decimal',
    name: 'MATCHING_UNIT_DAILY_SHARE',
    default: 0.2,
    min: 0.01,
    max: 1,
    description: "The share of a unit's attendee staff that may be away at seminars on one day (at least one person).",
  },
  searchSeconds: {
    kind: 'integer',
    name: 'MATCHING_SEARCH_SECONDS',
    default: 10,
    min: 1,
    max: 600,
    description:
      "The work, in seconds of a 2-core machine, a matching run's search may spend closing the gap to its proven bound; the run's job expires after 15 minutes plus 5 times this.",
  },
} as const satisfies SettingGroup;

export const matchingSection: ConfigSection = {
  title: 'Matching',
  summary: 'The rules and the search budget of the engine that places people in seminars.',
  settings: settingsOf(MATCHING_SETTINGS),
};

/**
 * The search budget counts work calibrated on a 2-core machine, so its wall time grows on a slower
 * or busier one (1.6 s of wall time per budgeted second was measured on a 2-core test machine),
 * and loading, checking and storing come on top. The matching job's pg-boss expiry is derived
 * from it with room for a machine several times slower, so that a long budget can never outlast
 * the expiry and have a second attempt started beside a first that is still solving.
 */
export function matchingConfig(env: Env): AppConfig['matching'] {
  const matching = readSettings(env, MATCHING_SETTINGS);
  return {
    unitSeminarCap: matching.unitSeminarCap,
    unitDailyShare: matching.unitDailyShare,
    searchBudgetMs: matching.searchSeconds * 1000,
    jobExpireSeconds: 900 + 5 * matching.searchSeconds,
  };
}
