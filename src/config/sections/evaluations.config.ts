import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const EVALUATIONS_SETTINGS = {
  dailyOpenDays: {
    kind: 'integer',
    name: 'EVALUATION_DAILY_OPEN_DAYS',
    default: 3,
    min: 1,
    max: 60,
    description: 'Days a daily evaluation stays open after its day ends.',
  },
  finalOpenDays: {
    kind: 'integer',
    name: 'EVALUATION_FINAL_OPEN_DAYS',
    default: 7,
    min: 1,
    max: 90,
    description: 'Days the final evaluation and the post-test stay open after the last day ends.',
  },
  minimumRespondents: {
    kind: 'integer',
    name: 'EVALUATION_MIN_RESPONDENTS',
    default: 5,
    min: 1,
    max: 1000,
    description: 'Report figures (and comments) of fewer respondents than this are withheld.',
  },
} as const satisfies SettingGroup;

export const evaluationsSection: ConfigSection = {
  title: 'Evaluations',
  summary: 'How long evaluations stay open and how many answers a report needs.',
  settings: settingsOf(EVALUATIONS_SETTINGS),
};

export function evaluationsConfig(env: Env): AppConfig['evaluations'] {
  return readSettings(env, EVALUATIONS_SETTINGS);
}
