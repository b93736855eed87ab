import type { AppConfig } from '../app-config';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const HTTP_SETTINGS = {
  trustProxyHops: {
    kind: 'integer',
    name: 'TRUST_PROXY_HOPS',
    default: 0,
    min: 0,
    max: 10,
    description:
      'How many reverse proxies in front of the service to trust for the client address that throttling counts.',
  },
  corsOrigins: {
    kind: 'list',
    name: 'CORS_ORIGINS',
    separator: ',',
    item: /^https?:\/\/[^/\s]+$/,
    expected: 'origins like https://example.org',
    default: '',
    description: 'The comma-separated origins allowed to call the API from a browser; none when unset.',
  },
  bodyLimitKb: {
    kind: 'integer',
    name: 'BODY_LIMIT_KB',
    default: 256,
    min: 1,
    max: 10_240,
    description: 'The largest JSON body, in kilobytes.',
  },
  bodyMaxDepth: {
    kind: 'integer',
    name: 'BODY_MAX_DEPTH',
    default: 32,
    min: 4,
    max: 1000,
    description:
      'The deepest nesting of objects and lists a JSON body may have; deeper ones get 400 `body_too_deep` before they are parsed.',
  },
  uploadLimitMb: {
    kind: 'integer',
    name: 'UPLOAD_LIMIT_MB',
    default: 20,
    min: 1,
    max: 1024,
    description: 'The largest uploaded file (CSV imports), in megabytes.',
  },
} as const satisfies SettingGroup;

export const httpSection: ConfigSection = {
  title: 'HTTP',
  summary: 'What the API accepts from its clients and the proxies in front of it.',
  settings: settingsOf(HTTP_SETTINGS),
};

export function httpConfig(
  env: Env,
): Pick<AppConfig, 'trustProxyHops' | 'corsOrigins' | 'bodyLimit' | 'bodyMaxDepth' | 'uploadLimitBytes'> {
  const http = readSettings(env, HTTP_SETTINGS);
  return {
    trustProxyHops: http.trustProxyHops,
    corsOrigins: http.corsOrigins,
    bodyLimit: `${http.bodyLimitKb}kb`,
    bodyMaxDepth: http.bodyMaxDepth,
    uploadLimitBytes: http.uploadLimitMb * 1024 * 1024,
  };
}
