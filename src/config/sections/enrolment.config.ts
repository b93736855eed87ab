import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const ENROLMENT_SETTINGS = {
  responseWorkingDays: {
    kind: 'integer',
    name: 'ENROLMENT_RESPONSE_WORKING_DAYS',
    default: 3,
    min: 1,
    max: 30,
    description:
      'Working days an invitation stays open (at most until the day before the seminar) before it lapses and the next person in line moves up.',
  },
  releaseReminderWorkingDays: {
    kind: 'integer',
    name: 'RELEASE_REMINDER_WORKING_DAYS',
    default: 2,
    min: 1,
    max: 30,
    description: 'Working days after which a manager who has not decided on a release is reminded.',
  },
  releaseEscalationWorkingDays: {
    kind: 'integer',
    name: 'RELEASE_ESCALATION_WORKING_DAYS',
    default: 5,
    min: 1,
    max: 60,
    description: 'Working days after which the office is told that a release is still undecided.',
  },
  sweepCron: {
    kind: 'cron',
    name: 'ENROLMENT_SWEEP_CRON',
    default: '*/15 * * * *',
    description: "When worker processes check those deadlines, in the service's time zone.",
  },
} as const satisfies SettingGroup;

export const enrolmentSection: ConfigSection = {
  title: 'Enrolment',
  summary: 'The deadlines of invitations and of the managers who release their staff.',
  settings: settingsOf(ENROLMENT_SETTINGS),
};

export function enrolmentConfig(env: Env): AppConfig['enrolment'] {
  return readSettings(env, ENROLMENT_SETTINGS);
}
