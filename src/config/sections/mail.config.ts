import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const MAIL_SETTINGS = {
  smtpUrl: {
    kind: 'url',
    name: 'SMTP_URL',
    protocols: ['smtp:', 'smtps:'],
    // It usually carries the mail account's password.
    secret: true,
    whenUnset: 'mail stays in the outbox (`GET /api/v1/outbox`, office only)',
    description: 'The mail server, `smtp://user:password@host:port` or `smtps://…`.',
  },
  from: {
    kind: 'text',
    name: 'MAIL_FROM',
    default: 'Puente <no-reply@puente.local>',
    description: 'The sender of the mail.',
  },
  retryLimit: {
    kind: 'integer',
    name: 'MAIL_RETRY_LIMIT',
    default: 5,
    min: 0,
    max: 50,
    description: 'Sending attempts after the first one before a message is marked `failed` (and kept in the outbox).',
  },
  retryDelaySeconds: {
    kind: 'integer',
    name: 'MAIL_RETRY_DELAY_SECONDS',
    default: 60,
    min: 1,
    max: 86_400,
    description: 'The wait before the first retry; each later retry waits about twice as long.',
  },
} as const satisfies SettingGroup;

export const mailSection: ConfigSection = {
  title: 'Mail',
  summary: 'How the service sends its mail, and how it retries a failed send.',
  settings: settingsOf(MAIL_SETTINGS),
};

export function mailConfig(env: Env): AppConfig['mail'] {
  return readSettings(env, MAIL_SETTINGS);
}
