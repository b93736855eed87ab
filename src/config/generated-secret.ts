import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig, GeneratedSecretName } from './app-config';
import { ConfigError } from './config-error';

interface GeneratedSecret<T> {
  variable: string;
  name: GeneratedSecretName;
  /** Where earlier versions kept the generated secret, in the data folder. */
  file: string;
  /** Reads that file's text; `path` names it in errors. */
  adopt(text: string, path: string): T;
  generate(): T;
}

/**
 * Outside production a secret that is not given is generated. Processes that share a database
 * must use the same one, so a generated secret is only a candidate: at start-up
 * (`shareGeneratedSecrets`) the first process stores it in the database and every other one adopts
 * the stored value. A secret kept in the data folder by earlier versions is the candidate, so
 * existing tokens and signatures stay valid. Production must be given the secret explicitly.
 */
export function givenOrGenerated<T>(
  given: T | undefined,
  secret: GeneratedSecret<T>,
  server: Pick<AppConfig, 'env' | 'dataDir'>,
  generated: GeneratedSecretName[],
): T {
  if (given !== undefined) return given;
  if (server.env === 'production') throw new ConfigError(secret.variable, 'is required when NODE_ENV=production');
  generated.push(secret.name);
  const path = join(server.dataDir, secret.file);
  if (server.env !== 'test' && existsSync(path)) return secret.adopt(readFileSync(path, 'utf8'), path);
  return secret.generate();
}
