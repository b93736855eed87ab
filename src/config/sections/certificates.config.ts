import type { AppConfig } from '../app-config';
import { ConfigError } from '../config-error';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const CERTIFICATES_SETTINGS = {
  prefix: {
    kind: 'text',
    name: 'CERTIFICATE_PREFIX',
    pattern: /^[A-Z][A-Z0-9]{1,15}$/,
    expected: '2 to 16 capital letters or digits, starting with a letter',
    default: 'PUENTE',
    description: 'The first part of registry numbers, `<PREFIX>-<YEAR>-<NNNNNN>`.',
  },
  signatories: {
    kind: 'entries',
    name: 'CERTIFICATE_SIGNATORIES',
    separator: ';',
    fieldSeparator: '|',
    fields: 2,
    maxEntries: 3,
    expected: 'one to three "Name|Role" entries separated by ";"',
    default: 'Titular de la Oficina de Formación|Oficina de Formación',
    description: 'Who signs the certificates, printed at their foot, as `Name|Role;Name|Role`.',
  },
  batchSize: {
    kind: 'integer',
    name: 'CERTIFICATE_BATCH_SIZE',
    default: 25,
    min: 1,
    max: 500,
    description: 'The certificates the issuing job commits per transaction.',
  },
  jobExpireSeconds: {
    kind: 'integer',
    name: 'CERTIFICATE_JOB_EXPIRE_SECONDS',
    default: 3600,
    min: 60,
    max: 82_800,
    description:
      "Last resort: an issuing job still active after this long is taken as stuck and started again even though its worker still beats; at least twice `JOB_DEAD_AFTER_SECONDS`, which takes up a dead worker's job much sooner.",
  },
  verifyMaxFailures: {
    kind: 'integer',
    name: 'VERIFY_MAX_FAILURES',
    default: 20,
    min: 1,
    max: 10_000,
    description: 'Wrong public verifications one client address may make in the window before it waits.',
  },
  verifyWindowMinutes: {
    kind: 'integer',
    name: 'VERIFY_WINDOW_MINUTES',
    default: 10,
    min: 1,
    max: 1440,
    description: 'The window of that limit.',
  },
} as const satisfies SettingGroup;

export const certificatesSection: ConfigSection = {
  title: 'Certificates',
  summary:
    'The certificates issued to attendees: their numbers and signatories, the issuing job and public verification.',
  settings: settingsOf(CERTIFICATES_SETTINGS),
};

export function certificatesConfig(
  env: Env,
  jobs: Pick<AppConfig['jobs'], 'deadAfterSeconds'>,
): AppConfig['certificates'] {
  const certificates = readSettings(env, CERTIFICATES_SETTINGS);
  // pg-boss's expiry would hand back a job whose worker is alive, so it must come well after a lost
  // lease is noticed.
  if (certificates.jobExpireSeconds < 2 * jobs.deadAfterSeconds) {
    throw new ConfigError(
      'CERTIFICATE_JOB_EXPIRE_SECONDS',
      `must be at least twice JOB_DEAD_AFTER_SECONDS (${jobs.deadAfterSeconds}), got ${certificates.jobExpireSeconds}`,
    );
  }
  return {
    prefix: certificates.prefix,
    signatories: certificates.signatories.map(([name, role]) => ({ name, role })),
    batchSize: certificates.batchSize,
    jobExpireSeconds: certificates.jobExpireSeconds,
    verifyMaxFailures: certificates.verifyMaxFailures,
    verifyWindowSeconds: certificates.verifyWindowMinutes * 60,
  };
}
