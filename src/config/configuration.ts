import type { AppConfig, GeneratedSecretName } from './app-config';
import type { Env } from './read-setting';
import { attendanceConfig } from './sections/attendance.config';
import { casesConfig } from './sections/cases.config';
import { certificatesConfig } from './sections/certificates.config';
import { credentialsConfig } from './sections/credentials.config';
import { databaseConfig } from './sections/database.config';
import { enrolmentConfig } from './sections/enrolment.config';
import { evaluationsConfig } from './sections/evaluations.config';
import { httpConfig } from './sections/http.config';
import { identityConfig } from './sections/identity.config';
import { jobsConfig } from './sections/jobs.config';
import { mailConfig } from './sections/mail.config';
import { matchingConfig } from './sections/matching.config';
import { seminarsConfig } from './sections/seminars.config';
import { serverConfig } from './sections/server.config';
import { storageConfig } from './sections/storage.config';

export type {
  AppConfig,
  CredentialsConfig,
  Ed25519PrivateJwk,
  GeneratedSecretName,
  LogLevel,
  S3StorageConfig,
} from './app-config';
export { ConfigError } from './config-error';

/**
 * Reads and validates the configuration, section by section in the order of
 * docs/configuration.md; throws {@link ConfigError} naming the first bad variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const server = serverConfig(env);
  const http = httpConfig(env);
  const storage = storageConfig(env, server.dataDir);
  const database = databaseConfig(env);
  // Secrets generated rather than given, in the order they are read, to be agreed on through the database.
  const generatedSecrets: GeneratedSecretName[] = [];
  const identity = identityConfig(env, server, generatedSecrets);
  const mail = mailConfig(env);
  const cases = casesConfig(env);
  const enrolment = enrolmentConfig(env);
  const seminars = seminarsConfig(env);
  const jobs = jobsConfig(env);
  const certificates = certificatesConfig(env, jobs);
  const credentials = credentialsConfig(env, server, generatedSecrets);
  const evaluations = evaluationsConfig(env);
  const attendance = attendanceConfig(env);
  const matching = matchingConfig(env);
  return {
    env: server.env,
    port: server.port,
    host: server.host,
    trustProxyHops: http.trustProxyHops,
    publicBaseUrl: server.publicBaseUrl,
    dataDir: server.dataDir,
    webDir: server.webDir,
    ...storage,
    ...database,
    logLevel: server.logLevel,
    corsOrigins: http.corsOrigins,
    bodyLimit: http.bodyLimit,
    bodyMaxDepth: http.bodyMaxDepth,
    uploadLimitBytes: http.uploadLimitBytes,
    timeZone: server.timeZone,
    ...identity,
    mail,
    cases,
    enrolment,
    seminars,
    jobs,
    certificates,
    evaluations,
    attendance,
    matching,
    credentials,
    generatedSecrets,
  };
}
