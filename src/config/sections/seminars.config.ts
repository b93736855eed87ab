import type { AppConfig } from '../app-config';
import { ConfigError } from '../config-error';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const SEMINARS_SETTINGS = {
  dayStart: {
    kind: 'clockTime',
    name: 'SEMINAR_DAY_START',
    default: '08:00',
    description: "The start of the working hours inside which seminar days are laid out, in the service's time zone.",
  },
  dayEnd: {
    kind: 'clockTime',
    name: 'SEMINAR_DAY_END',
    default: '16:00',
    description: "The end of those working hours, later than `SEMINAR_DAY_START`; a topic's hours per day must fit.",
  },
  facilitatorMonthlyLimit: {
    kind: 'integer',
    name: 'FACILITATOR_MONTHLY_LIMIT',
    default: 1,
    min: 1,
    max: 31,
    description: 'The seminars a specialist may facilitate in one calendar month.',
  },
} as const satisfies SettingGroup;

export const seminarsSection: ConfigSection = {
  title: 'Seminars',
  summary: 'How seminar days are laid out and how often a specialist facilitates.',
  settings: settingsOf(SEMINARS_SETTINGS),
};

export function seminarsConfig(env: Env): AppConfig['seminars'] {
  const seminars = readSettings(env, SEMINARS_SETTINGS);
  if (seminars.dayEnd <= seminars.dayStart) {
    throw new ConfigError(
      'SEMINAR_DAY_END',
      `must be later than SEMINAR_DAY_START (${seminars.dayStart}), got "${seminars.dayEnd}"`,
    );
  }
  return seminars;
}
