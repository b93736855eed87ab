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
  /** The built web application's folder; unset, `web/dist` in the project folder. */
  webDir?: string;
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
    accountInvitationTtlSeconds: number;
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
