import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const CASES_SETTINGS = {
  maxAttachments: {
    kind: 'integer',
    name: 'CASE_MAX_ATTACHMENTS',
    default: 10,
    min: 1,
    max: 100,
    description: 'The files a clinical case may have attached, at most.',
  },
  attachmentLimitMb: {
    kind: 'integer',
    name: 'CASE_ATTACHMENT_LIMIT_MB',
    default: 20,
    min: 1,
    max: 1024,
    description: 'The largest file attached to a case, in megabytes.',
  },
  attendeeLeadDays: {
    kind: 'integer',
    name: 'CASE_ATTENDEE_LEAD_DAYS',
    default: 7,
    min: 0,
    max: 365,
    description: "Days before a seminar's first day from which its confirmed attendees see its published cases.",
  },
} as const satisfies SettingGroup;

export const casesSection: ConfigSection = {
  title: 'Clinical cases',
  summary: 'The cases brought to seminars and their attached files.',
  settings: settingsOf(CASES_SETTINGS),
};

export function casesConfig(env: Env): AppConfig['cases'] {
  const cases = readSettings(env, CASES_SETTINGS);
  return {
    maxAttachments: cases.maxAttachments,
    maxAttachmentBytes: cases.attachmentLimitMb * 1024 * 1024,
    attendeeLeadDays: cases.attendeeLeadDays,
  };
}
