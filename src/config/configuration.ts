import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole typed configuration of a Puente process. Built once, from the environment, at start-up. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** How many reverse proxies in front of the service to trust for the client address. */
  trustProxyHops: number;
  publicBaseUrl: string;
  dataDir: string;
  /** Folder of stored files (case attachments, certificates) when the storage driver is local. */
  storageDir: string;
  /** Where stored files go: the local folder above (the default) or an S3-compatible bucket. */
  storage: { driver: 'local' } | { driver: 's3'; s3: S3StorageConfig };
  databaseUrl?: string;
  database: {
    /** Connections of this process's pool (the job queue and start-up open their own, see the README). */
    poolSize: number;
    /** Wait for a free pooled connection before a request is answered 503. */
    acquireTimeoutMs: number;
    /** Longest a single statement may run before PostgreSQL cancels it. */
    statementTimeoutMs: number;
    /** How long start-up keeps retrying a database that does not answer yet. */
    startupWaitMs: number;
  };
  logLevel: LogLevel;
  corsOrigins: string[];
  bodyLimit: string;
  /** Deepest nesting of objects and lists a JSON body may have; deeper ones are refused before validation. */
  bodyMaxDepth: number;
  uploadLimitBytes: number;
  timeZone: string;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    passwordResetTtlSeconds: number;
    loginWindowSeconds: number;
    loginMaxFailuresPerAccount: number;
    loginMaxFailuresPerIp: number;
    resetMaxPerAccount: number;
    resetMaxPerIp: number;
  };
  admin: { email?: string; password?: string };
  mail: {
    smtpUrl?: string;
    from: string;
    /** Sending attempts after the first one before a message is marked failed. */
    retryLimit: number;
    /** Wait before the first retry; each later retry waits about twice as long. */
    retryDelaySeconds: number;
  };
  cases: {
    /** Attachments per case, at most. */
    maxAttachments: number;
    /** Largest attachment. */
    maxAttachmentBytes: number;
    /** Days before a seminar's first day from which its confirmed attendees see its published cases. */
    attendeeLeadDays: number;
  };
  enrolment: {
    /** Working days an invitation stays open before it lapses and the next person in line moves up. */
    responseWorkingDays: number;
    /** Working days after which a manager who has not decided on a release is reminded. */
    releaseReminderWorkingDays: number;
    /** Working days after which the office is told that a release is still undecided. */
    releaseEscalationWorkingDays: number;
    /** How often the enrolment deadlines are checked (a cron expression), on worker processes. */
    sweepCron: string;
  };
  seminars: {
    /** Working hours inside which seminar days are laid out, 'HH:MM' in the service's time zone. */
    dayStart: string;
    dayEnd: string;
    /** Seminars a specialist may facilitate in one calendar month. */
    facilitatorMonthlyLimit: number;
  };
  jobs: {
    /** Whether this process works background jobs (an API-only process sends them to others). */
    worker: boolean;
    pollingIntervalSeconds: number;
    /** How often pg-boss's own maintenance runs: the last-resort expiry of stuck jobs, and archiving. */
    maintenanceIntervalSeconds: number;
    /** How often a worker renews the leases of the jobs it holds, and looks for leases left to go stale. */
    heartbeatSeconds: number;
    /** A job whose lease has not been renewed for this long lost its worker and is handed to another. */
    deadAfterSeconds: number;
  };
  certificates: {
    /** First part of registry numbers: `<PREFIX>-<YEAR>-<NNNNNN>`. */
    prefix: string;
    /** Who signs the certificates, printed at the foot. */
    signatories: { name: string; role: string }[];
    /** Certificates issued per transaction by the issuing job. */
    batchSize: number;
    /** Last resort: an issuing job still active after this long is taken as stuck, even while its worker beats. */
    jobExpireSeconds: number;
    /** Wrong public verifications one address may make in the window before it waits. */
    verifyMaxFailures: number;
    verifyWindowSeconds: number;
  };
  evaluations: {
    /** Days a daily evaluation stays open after its day ends. */
    dailyOpenDays: number;
    /** Days the final evaluation and the post-test stay open after the last day ends. */
    finalOpenDays: number;
    /** Report figures of fewer respondents than this are not shown. */
    minimumRespondents: number;
  };
  attendance: {
    /** How long a check-in code lasts before the next one replaces it. */
    checkInCodePeriodSeconds: number;
    /** Minutes before a seminar day starts from which its check-in code works. */
    checkInOpensMinutesBefore: number;
    /** Wrong check-in codes a person may type within the window before being made to wait. */
    checkInMaxWrongCodes: number;
    checkInWrongCodeWindowSeconds: number;
  };
  matching: {
    /** Attendees from one unit in one seminar, at most. */
    unitSeminarCap: number;
    /** Share of a unit's attendee staff that may be away at seminars on one day. */
    unitDailyShare: number;
    /** Time a run's search may take to close the gap to the proven optimum, in milliseconds. */
    searchBudgetMs: number;
    /** Last resort: a run's job still active after this long is taken as stuck; derived from the search budget. */
    jobExpireSeconds: number;
  };
  credentials: CredentialsConfig;
  /** Secrets that were not configured but generated by this process, to be agreed on through the database. */
  generatedSecrets: GeneratedSecretName[];
}

export type GeneratedSecretName = 'jwt_secret' | 'credential_signing_key';

/** An S3-compatible bucket (AWS S3, MinIO, Ceph…) holding the stored files. */
export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** Endpoint of a non-AWS service; unset for AWS itself. */
  endpoint?: string;
  /** Bucket in the path (`host/bucket/key`) instead of the host name, as most self-hosted services need. */
  forcePathStyle: boolean;
  /** Secret. Without it the SDK's default credential chain applies (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key, without a trailing slash; '' for none. */
  prefix: string;
}

/** A configuration value that failed validation; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Registry numbers start with 2–16 capital letters or digits, a letter first. */
function registryPrefix(env: Env): string {
  const prefix = read(env, 'CERTIFICATE_PREFIX') ?? 'PUENTE';
  if (!/^[A-Z][A-Z0-9]{1,15}$/.test(prefix))
    throw new ConfigError(
      'CERTIFICATE_PREFIX',
      `must be 2 to 16 capital letters or digits, starting with a letter, got "${prefix}"`,
    );
  return prefix;
}

/** `Name|Role;Name|Role`, one to three signatories. */
function signatories(env: Env): { name: string; role: string }[] {
  const raw = read(env, 'CERTIFICATE_SIGNATORIES') ?? 'Titular de la Oficina de Formación|Oficina de Formación';
  const list = raw.split(';').map((entry) => entry.split('|').map((part) => part.trim()));
  if (list.length < 1 || list.length > 3 || list.some((parts) => parts.length !== 2 || !parts[0] || !parts[1])) {
    throw new ConfigError('CERTIFICATE_SIGNATORIES', 'must be one to three "Name|Role" entries separated by ";"');
  }
  return list.map(([name, role]) => ({ name, role }));
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ConfigError(name, `must be a number like 0.2, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}`);
  }
  return raw;
}

/**
 * The S3 settings, checked only when STORAGE_DRIVER=s3 so that a local installation is not bothered
 * by them.
 */
function s3Storage(env: Env): S3StorageConfig {
  const bucket = read(env, 'S3_BUCKET');
  if (bucket === undefined) throw new ConfigError('S3_BUCKET', 'is required when STORAGE_DRIVER=s3');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      'S3_BUCKET',
      `must be a bucket name (3 to 63 lowercase letters, digits, dots or hyphens), got "${bucket}"`,
    );
  }
  const region = read(env, 'S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]+$/.test(region))
    throw new ConfigError('S3_REGION', `must be a region name like us-east-1, got "${region}"`);
  const accessKeyId = read(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = read(env, 'S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new ConfigError(
      accessKeyId === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY',
      'must be set together with the other S3 key variable',
    );
  }
  // Slashes at either end are forgiven; what is left must be plain path segments, never '.' or '..'.
  const prefix = (read(env, 'S3_PREFIX') ?? '').replace(/^\/+|\/+$/g, '');
  if (
    prefix !== '' &&
    !prefix.split('/').every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && !/^\.{1,2}$/.test(segment))
  ) {
    throw new ConfigError('S3_PREFIX', `must be path segments of letters, digits, '.', '_' or '-', got "${prefix}"`);
  }
  return {
    bucket,
    region,
    endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
    forcePathStyle: oneOf(env, 'S3_FORCE_PATH_STYLE', 'false', ['true', 'false'] as const) === 'true',
    credentials:
      accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey } : undefined,
    prefix,
  };
}

function timeZone(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new ConfigError(name, `is not a known IANA time zone: "${value}"`);
  }
  return value;
}

function cron(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!/^(\S+\s+){4}\S+$/.test(value))
    throw new ConfigError(name, `must be a cron expression of five fields, got "${value}"`);
  return value;
}

function clockTime(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
    throw new ConfigError(name, `must be a time like 08:00, got "${value}"`);
  return value;
}

/**
 * Outside production a missing JWT secret is generated. Processes that share a database must sign
 * and check with the same one, so a generated secret is only a candidate: at start-up
 * (`shareGeneratedSecrets`) the first process stores it in the database and every other one adopts
 * the stored value. A secret kept in the data folder by earlier versions is the candidate, so
 * existing tokens keep working. Production must be given one explicitly.
 */
function jwtSecret(env: Env, envName: AppConfig['env'], dataDir: string, generated: GeneratedSecretName[]): string {
  const given = read(env, 'JWT_SECRET');
  if (given !== undefined) {
    if (given.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
    return given;
  }
  if (envName === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  generated.push('jwt_secret');
  const file = join(dataDir, 'jwt-secret');
  if (envName !== 'test' && existsSync(file)) return readFileSync(file, 'utf8').trim();
  return randomBytes(48).toString('base64url');
}

/** An Ed25519 private key as a JSON Web Key (RFC 8037): `x` is the public key, `d` the private one. */
export interface Ed25519PrivateJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
}

/** What the signed (verifiable) credentials of certificates say about their issuer, and the key that signs them. */
export interface CredentialsConfig {
  /** Secret. Signs the credentials and the revocation list; its public half is published as a JWKS. */
  signingKey: Ed25519PrivateJwk;
  issuerName: string;
  /** The issuer's id in the credentials: the public address of the service unless given. */
  issuerUrl: string;
}

/** Checks a private Ed25519 JWK and that its `x` belongs to its `d`, so a pasting mistake fails at start-up. */
function ed25519PrivateJwk(raw: string, variable: string): Ed25519PrivateJwk {
  const shape = 'must be an Ed25519 private JWK, {"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}';
  let jwk: Partial<Record<keyof Ed25519PrivateJwk, unknown>>;
  try {
    jwk = JSON.parse(raw) as typeof jwk;
  } catch {
    throw new ConfigError(variable, `${shape}; it is not JSON`);
  }
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    jwk.kty !== 'OKP' ||
    jwk.crv !== 'Ed25519' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.d !== 'string'
  ) {
    throw new ConfigError(variable, shape);
  }
  let derivedX: unknown;
  try {
    const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
    derivedX = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  } catch {
    throw new ConfigError(variable, `${shape}; "d" is not a 32-byte base64url key`);
  }
  if (derivedX !== jwk.x) throw new ConfigError(variable, 'has an "x" that is not the public key of its "d"');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
}

/**
 * The credential signing key follows the JWT secret: production must be given one
 * (CREDENTIAL_SIGNING_KEY) because every process signs with it and verifiers keep trusting it;
 * elsewhere a generated key is shared through the database the same way.
 */
function credentialSigningKey(
  env: Env,
  envName: AppConfig['env'],
  dataDir: string,
  generated: GeneratedSecretName[],
): Ed25519PrivateJwk {
  const given = read(env, 'CREDENTIAL_SIGNING_KEY');
  if (given !== undefined) return ed25519PrivateJwk(given, 'CREDENTIAL_SIGNING_KEY');
  if (envName === 'production') throw new ConfigError('CREDENTIAL_SIGNING_KEY', 'is required when NODE_ENV=production');
  generated.push('credential_signing_key');
  const file = join(dataDir, 'credential-key.json');
  if (envName !== 'test' && existsSync(file)) return ed25519PrivateJwk(readFileSync(file, 'utf8'), file);
  return ed25519PrivateJwk(
    JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
    'CREDENTIAL_SIGNING_KEY',
  );
}

function credentials(
  env: Env,
  envName: AppConfig['env'],
  dataDir: string,
  port: number,
  generated: GeneratedSecretName[],
): CredentialsConfig {
  return {
    signingKey: credentialSigningKey(env, envName, dataDir, generated),
    issuerName: read(env, 'CERTIFICATE_ISSUER_NAME') ?? 'Oficina de Formación',
    // The same default as publicBaseUrl, which is not yet at hand while the configuration is built.
    issuerUrl:
      url(env, 'CERTIFICATE_ISSUER_URL', ['https:', 'http:']) ??
      url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ??
      `http://localhost:${port}`,
  };
}

/** A lease renewed every few seconds and taken as dead after several missed renewals. */
function jobHeartbeat(env: Env): { heartbeatSeconds: number; deadAfterSeconds: number } {
  const heartbeatSeconds = int(env, 'JOB_HEARTBEAT_SECONDS', 10, 1, 60);
  const deadAfterSeconds = int(env, 'JOB_DEAD_AFTER_SECONDS', 45, 2, 600);
  // One late renewal (a slow statement, a pause for garbage collection) must not cost a live worker its job.
  if (deadAfterSeconds < 2 * heartbeatSeconds) {
    throw new ConfigError(
      'JOB_DEAD_AFTER_SECONDS',
      `must be at least twice JOB_HEARTBEAT_SECONDS (${heartbeatSeconds}), got ${deadAfterSeconds}`,
    );
  }
  return { heartbeatSeconds, deadAfterSeconds };
}

/** pg-boss's expiry would hand back a job whose worker is alive, so it must come well after a lost lease is noticed. */
function certificateJobExpiry(env: Env): number {
  const expiry = int(env, 'CERTIFICATE_JOB_EXPIRE_SECONDS', 3600, 60, 82_800);
  const { deadAfterSeconds } = jobHeartbeat(env);
  if (expiry < 2 * deadAfterSeconds) {
    throw new ConfigError(
      'CERTIFICATE_JOB_EXPIRE_SECONDS',
      `must be at least twice JOB_DEAD_AFTER_SECONDS (${deadAfterSeconds}), got ${expiry}`,
    );
  }
  return expiry;
}

/**
 * The search budget counts work calibrated on a 2-core machine, so its wall time grows on a slower
 * or busier one (1.6 s of wall time per budgeted second was measured on a 2-core test machine),
 * and loading, checking and storing come on top. The matching job's pg-boss expiry is derived
 * from it with room for a machine several times slower, so that a long budget can never outlast
 * the expiry and have a second attempt started beside a first that is still solving.
 */
function matchingSearch(env: Env): { searchBudgetMs: number; jobExpireSeconds: number } {
  const searchSeconds = int(env, 'MATCHING_SEARCH_SECONDS', 10, 1, 600);
  return { searchBudgetMs: searchSeconds * 1000, jobExpireSeconds: 900 + 5 * searchSeconds };
}

/** Reads and validates the configuration; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const envName = oneOf(env, 'NODE_ENV', 'development', ['development', 'test', 'production'] as const);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(read(env, 'PUENTE_DATA_DIR') ?? '.data');
  const generatedSecrets: GeneratedSecretName[] = [];
  const adminEmail = read(env, 'PUENTE_ADMIN_EMAIL');
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError('PUENTE_ADMIN_EMAIL', 'must be an email address');
  }
  const adminPassword = read(env, 'PUENTE_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('PUENTE_ADMIN_PASSWORD', 'must be at least 12 characters long');
  }
  const corsOrigins = (read(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `must list origins like https://example.org, got "${origin}"`);
    }
  }
  const bodyLimitKb = int(env, 'BODY_LIMIT_KB', 256, 1, 10_240);
  const dayStart = clockTime(env, 'SEMINAR_DAY_START', '08:00');
  const dayEnd = clockTime(env, 'SEMINAR_DAY_END', '16:00');
  if (dayEnd <= dayStart)
    throw new ConfigError('SEMINAR_DAY_END', `must be later than SEMINAR_DAY_START (${dayStart}), got "${dayEnd}"`);
  return {
    env: envName,
    port,
    host: read(env, 'HOST') ?? '0.0.0.0',
    trustProxyHops: int(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    dataDir,
    storageDir: resolve(read(env, 'STORAGE_DIR') ?? join(dataDir, 'files')),
    storage:
      oneOf(env, 'STORAGE_DRIVER', 'local', ['local', 's3'] as const) === 's3'
        ? { driver: 's3', s3: s3Storage(env) }
        : { driver: 'local' },
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    database: {
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
      acquireTimeoutMs: decimal(env, 'DATABASE_ACQUIRE_TIMEOUT_SECONDS', 10, 0.1, 600) * 1000,
      statementTimeoutMs: decimal(env, 'DATABASE_STATEMENT_TIMEOUT_SECONDS', 60, 0.1, 3600) * 1000,
      startupWaitMs: int(env, 'DATABASE_STARTUP_WAIT_SECONDS', 60, 0, 3600) * 1000,
    },
    logLevel: oneOf(env, 'LOG_LEVEL', envName === 'test' ? 'silent' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    corsOrigins,
    bodyLimit: `${bodyLimitKb}kb`,
    bodyMaxDepth: int(env, 'BODY_MAX_DEPTH', 32, 4, 1000),
    uploadLimitBytes: int(env, 'UPLOAD_LIMIT_MB', 20, 1, 1024) * 1024 * 1024,
    timeZone: timeZone(env, 'PUENTE_TIME_ZONE', 'America/Mexico_City'),
    auth: {
      jwtSecret: jwtSecret(env, envName, dataDir, generatedSecrets),
      accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86_400),
      refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 3_600, 365 * 86_400),
      passwordResetTtlSeconds: int(env, 'PASSWORD_RESET_TTL_SECONDS', 3_600, 300, 7 * 86_400),
      loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 10, 86_400),
      loginMaxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      // A training room of a hundred physicians behind one address must not lock itself out; the
      // per-account limits are what stop guessing.
      loginMaxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 300, 1, 100_000),
      resetMaxPerAccount: int(env, 'PASSWORD_RESET_MAX_PER_ACCOUNT', 3, 1, 1000),
      resetMaxPerIp: int(env, 'PASSWORD_RESET_MAX_PER_IP', 300, 1, 100_000),
    },
    admin: { email: adminEmail?.toLowerCase(), password: adminPassword },
    mail: {
      smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: read(env, 'MAIL_FROM') ?? 'Puente <no-reply@puente.local>',
      retryLimit: int(env, 'MAIL_RETRY_LIMIT', 5, 0, 50),
      retryDelaySeconds: int(env, 'MAIL_RETRY_DELAY_SECONDS', 60, 1, 86_400),
    },
    cases: {
      maxAttachments: int(env, 'CASE_MAX_ATTACHMENTS', 10, 1, 100),
      maxAttachmentBytes: int(env, 'CASE_ATTACHMENT_LIMIT_MB', 20, 1, 1024) * 1024 * 1024,
      attendeeLeadDays: int(env, 'CASE_ATTENDEE_LEAD_DAYS', 7, 0, 365),
    },
    enrolment: {
      responseWorkingDays: int(env, 'ENROLMENT_RESPONSE_WORKING_DAYS', 3, 1, 30),
      releaseReminderWorkingDays: int(env, 'RELEASE_REMINDER_WORKING_DAYS', 2, 1, 30),
      releaseEscalationWorkingDays: int(env, 'RELEASE_ESCALATION_WORKING_DAYS', 5, 1, 60),
      sweepCron: cron(env, 'ENROLMENT_SWEEP_CRON', '*/15 * * * *'),
    },
    seminars: {
      dayStart,
      dayEnd,
      facilitatorMonthlyLimit: int(env, 'FACILITATOR_MONTHLY_LIMIT', 1, 1, 31),
    },
    jobs: {
      worker: oneOf(env, 'JOB_WORKER', 'on', ['on', 'off'] as const) === 'on',
      pollingIntervalSeconds: decimal(env, 'JOB_POLLING_INTERVAL_SECONDS', 2, 0.5, 60),
      maintenanceIntervalSeconds: int(env, 'JOB_MAINTENANCE_INTERVAL_SECONDS', 120, 1, 3600),
      ...jobHeartbeat(env),
    },
    certificates: {
      prefix: registryPrefix(env),
      signatories: signatories(env),
      batchSize: int(env, 'CERTIFICATE_BATCH_SIZE', 25, 1, 500),
      jobExpireSeconds: certificateJobExpiry(env),
      verifyMaxFailures: int(env, 'VERIFY_MAX_FAILURES', 20, 1, 10_000),
      verifyWindowSeconds: int(env, 'VERIFY_WINDOW_MINUTES', 10, 1, 1440) * 60,
    },
    evaluations: {
      dailyOpenDays: int(env, 'EVALUATION_DAILY_OPEN_DAYS', 3, 1, 60),
      finalOpenDays: int(env, 'EVALUATION_FINAL_OPEN_DAYS', 7, 1, 90),
      minimumRespondents: int(env, 'EVALUATION_MIN_RESPONDENTS', 5, 1, 1000),
    },
    attendance: {
      checkInCodePeriodSeconds: int(env, 'CHECK_IN_CODE_PERIOD_MINUTES', 10, 1, 120) * 60,
      checkInOpensMinutesBefore: int(env, 'CHECK_IN_OPENS_MINUTES_BEFORE', 30, 0, 240),
      checkInMaxWrongCodes: int(env, 'CHECK_IN_MAX_WRONG_CODES', 5, 1, 100),
      checkInWrongCodeWindowSeconds: int(env, 'CHECK_IN_WRONG_CODE_WINDOW_MINUTES', 10, 1, 1440) * 60,
    },
    matching: {
      unitSeminarCap: int(env, 'MATCHING_UNIT_SEMINAR_CAP', 2, 1, 100),
      unitDailyShare: decimal(env, 'MATCHING_UNIT_DAILY_SHARE', 0.2, 0.01, 1),
      ...matchingSearch(env),
    },
    credentials: credentials(env, envName, dataDir, port, generatedSecrets),
    generatedSecrets,
  };
}
