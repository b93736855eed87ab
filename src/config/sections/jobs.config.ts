import type { AppConfig } from '../app-config';
import { ConfigError } from '../config-error';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const JOBS_SETTINGS = {
  worker: {
    kind: 'choice',
    name: 'JOB_WORKER',
    values: ['on', 'off'],
    default: 'on',
    description: 'Whether this process works background jobs; `off` for a process that only answers the API.',
  },
  pollingIntervalSeconds: {
    kind: 'decimal',
    name: 'JOB_POLLING_INTERVAL_SECONDS',
    default: 2,
    min: 0.5,
    max: 60,
    description: 'How often an idle worker looks for new jobs.',
  },
  maintenanceIntervalSeconds: {
    kind: 'integer',
    name: 'JOB_MAINTENANCE_INTERVAL_SECONDS',
    default: 120,
    min: 1,
    max: 3600,
    description:
      "How often pg-boss's own maintenance runs on a worker: the last-resort expiry of stuck jobs, and archiving.",
  },
  heartbeatSeconds: {
    kind: 'integer',
    name: 'JOB_HEARTBEAT_SECONDS',
    default: 10,
    min: 1,
    max: 60,
    description:
      "How often a worker renews the lease of each job it holds, and looks for other workers' leases gone stale.",
  },
  deadAfterSeconds: {
    kind: 'integer',
    name: 'JOB_DEAD_AFTER_SECONDS',
    default: 45,
    min: 2,
    max: 600,
    description:
      'A job whose lease has not been renewed for this long lost its worker and is handed to another; at least twice `JOB_HEARTBEAT_SECONDS`.',
  },
} as const satisfies SettingGroup;

export const jobsSection: ConfigSection = {
  title: 'Background jobs',
  summary: 'The job queue (pg-boss) and the leases by which a job whose worker died is taken up again.',
  settings: settingsOf(JOBS_SETTINGS),
};

export function jobsConfig(env: Env): AppConfig['jobs'] {
  const jobs = readSettings(env, JOBS_SETTINGS);
  // A lease is renewed every few seconds and taken as dead after several missed renewals: one late
  // renewal (a slow statement, a pause for garbage collection) must not cost a live worker its job.
  if (jobs.deadAfterSeconds < 2 * jobs.heartbeatSeconds) {
    throw new ConfigError(
      'JOB_DEAD_AFTER_SECONDS',
      `must be at least twice JOB_HEARTBEAT_SECONDS (${jobs.heartbeatSeconds}), got ${jobs.deadAfterSeconds}`,
    );
  }
  return { ...jobs, worker: jobs.worker === 'on' };
}
