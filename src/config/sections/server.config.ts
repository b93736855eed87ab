import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const SERVER_SETTINGS = {
  env: {
    kind: 'choice',
    name: 'NODE_ENV',
    values: ['development', 'test', 'production'],
    default: 'development',
    description: 'The kind of installation; production requires the secrets to be given rather than generated.',
  },
  port: {
    kind: 'integer',
    name: 'PORT',
    default: 3000,
    min: 0,
    max: 65535,
    description: 'The HTTP port to listen on; 0 picks a free one.',
  },
  host: {
    kind: 'text',
    name: 'HOST',
    default: '0.0.0.0',
    description: 'The network interface to listen on.',
  },
  publicBaseUrl: {
    kind: 'url',
    name: 'PUBLIC_BASE_URL',
    protocols: ['http:', 'https:'],
    whenUnset: '`http://localhost:$PORT`',
    description:
      'The public address of the service, the base of the links in mail (password reset, invitations, release requests).',
  },
  dataDir: {
    kind: 'path',
    name: 'PUENTE_DATA_DIR',
    default: '.data',
    description: 'The data folder: the embedded PostgreSQL cluster (`postgres/`) and, by default, the stored files.',
  },
  webDir: {
    kind: 'path',
    name: 'PUENTE_WEB_DIR',
    whenUnset: '`web/dist` in the project folder',
    description: 'The built web application (`npm run build -w web`) that the service serves with its API.',
  },
  timeZone: {
    kind: 'timeZone',
    name: 'PUENTE_TIME_ZONE',
    default: 'America/Mexico_City',
    description: 'The time zone of the service: seminar days, "today" and calendar events.',
  },
  logLevel: {
    kind: 'choice',
    name: 'LOG_LEVEL',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    whenUnset: '`info` (`silent` when `NODE_ENV=test`)',
    description: 'The least important level of the log lines written (pino levels).',
  },
} as const satisfies SettingGroup;

export const serverSection: ConfigSection = {
  title: 'Server',
  summary: 'The process itself: the kind of installation, where it listens, its data folder, time zone and log.',
  settings: settingsOf(SERVER_SETTINGS),
};

export type ServerConfig = Pick<
  AppConfig,
  'env' | 'port' | 'host' | 'publicBaseUrl' | 'dataDir' | 'webDir' | 'timeZone' | 'logLevel'
>;

export function serverConfig(env: Env): ServerConfig {
  const server = readSettings(env, SERVER_SETTINGS);
  return {
    ...server,
    publicBaseUrl: server.publicBaseUrl ?? `http://localhost:${server.port}`,
    logLevel: server.logLevel ?? (server.env === 'test' ? 'silent' : 'info'),
  };
}
