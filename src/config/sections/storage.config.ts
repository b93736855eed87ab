import { join } from 'node:path';
import type { AppConfig, S3StorageConfig } from '../app-config';
import { ConfigError } from '../config-error';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const STORAGE_SETTINGS = {
  storageDir: {
    kind: 'path',
    name: 'STORAGE_DIR',
    whenUnset: '`$PUENTE_DATA_DIR/files`',
    description: 'With `STORAGE_DRIVER=local`, the folder where stored files are kept under generated keys.',
  },
  driver: {
    kind: 'choice',
    name: 'STORAGE_DRIVER',
    values: ['local', 's3'],
    default: 'local',
    description:
      'Where stored files (case attachments, certificates) go: the folder `STORAGE_DIR` or an S3-compatible bucket.',
  },
} as const satisfies SettingGroup;

/** Read only when STORAGE_DRIVER=s3, so that a local installation is not bothered by them. */
const S3_SETTINGS = {
  bucket: {
    kind: 'text',
    name: 'S3_BUCKET',
    pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    expected: 'a bucket name (3 to 63 lowercase letters, digits, dots or hyphens)',
    requiredWhen: 'when STORAGE_DRIVER=s3',
    description: 'With `STORAGE_DRIVER=s3`, the bucket that holds the stored files.',
  },
  region: {
    kind: 'text',
    name: 'S3_REGION',
    pattern: /^[a-z0-9-]+$/,
    expected: 'a region name like us-east-1',
    default: 'us-east-1',
    description: "The bucket's region.",
  },
  accessKeyId: {
    kind: 'text',
    name: 'S3_ACCESS_KEY_ID',
    whenUnset: "the AWS SDK's default credential chain (environment, profile, instance role)",
    description: 'The access key of the bucket, set together with `S3_SECRET_ACCESS_KEY` or not at all.',
  },
  secretAccessKey: {
    kind: 'text',
    name: 'S3_SECRET_ACCESS_KEY',
    secret: true,
    whenUnset: "the AWS SDK's default credential chain",
    description: 'The secret of that access key, set together with `S3_ACCESS_KEY_ID` or not at all.',
  },
  prefix: {
    kind: 'keyPrefix',
    name: 'S3_PREFIX',
    default: '',
    description: 'A path put before every object key, such as `puente/files`; slashes at either end are dropped.',
  },
  endpoint: {
    kind: 'url',
    name: 'S3_ENDPOINT',
    protocols: ['http:', 'https:'],
    whenUnset: 'AWS S3',
    description: 'The address of an S3-compatible service other than AWS (MinIO, Ceph…).',
  },
  forcePathStyle: {
    kind: 'choice',
    name: 'S3_FORCE_PATH_STYLE',
    values: ['true', 'false'],
    default: 'false',
    description:
      'Whether to put the bucket in the path rather than in the host name, as most self-hosted services need.',
  },
} as const satisfies SettingGroup;

export const storageSection: ConfigSection = {
  title: 'Storage',
  summary: 'Where stored files go: a local folder, or an S3-compatible bucket whose settings are read only then.',
  settings: settingsOf(STORAGE_SETTINGS, S3_SETTINGS),
};

export function storageConfig(env: Env, dataDir: string): Pick<AppConfig, 'storageDir' | 'storage'> {
  const storage = readSettings(env, STORAGE_SETTINGS);
  return {
    storageDir: storage.storageDir ?? join(dataDir, 'files'),
    storage: storage.driver === 's3' ? { driver: 's3', s3: s3Storage(env) } : { driver: 'local' },
  };
}

function s3Storage(env: Env): S3StorageConfig {
  const s3 = readSettings(env, S3_SETTINGS);
  if ((s3.accessKeyId === undefined) !== (s3.secretAccessKey === undefined)) {
    throw new ConfigError(
      s3.accessKeyId === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY',
      'must be set together with the other S3 key variable',
    );
  }
  return {
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle === 'true',
    credentials:
      s3.accessKeyId !== undefined && s3.secretAccessKey !== undefined
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
    prefix: s3.prefix,
  };
}
