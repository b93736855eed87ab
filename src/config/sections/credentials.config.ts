import { generateKeyPairSync } from 'node:crypto';
import type { AppConfig, CredentialsConfig, GeneratedSecretName } from '../app-config';
import { ed25519PrivateJwk } from '../ed25519-jwk';
import { givenOrGenerated } from '../generated-secret';
import { readSettings, type Env } from '../read-setting';
import { settingsOf, type ConfigSection, type SettingGroup } from '../setting';

const CREDENTIALS_SETTINGS = {
  signingKey: {
    kind: 'ed25519Jwk',
    name: 'CREDENTIAL_SIGNING_KEY',
    secret: true,
    whenUnset: 'generated and kept in the database; required when `NODE_ENV=production`',
    description:
      'The Ed25519 private key (a JWK with `d`) that signs the credentials and the revocation list; its public half is served at `/.well-known/jwks.json`.',
  },
  issuerName: {
    kind: 'text',
    name: 'CERTIFICATE_ISSUER_NAME',
    default: 'Oficina de Formación',
    description: 'The issuer printed on the certificates and named in their credentials.',
  },
  issuerUrl: {
    kind: 'url',
    name: 'CERTIFICATE_ISSUER_URL',
    protocols: ['https:', 'http:'],
    whenUnset: '`PUBLIC_BASE_URL`',
    description: "The issuer's id in the credentials.",
  },
} as const satisfies SettingGroup;

export const credentialsSection: ConfigSection = {
  title: 'Signed credentials',
  summary: 'The verifiable credentials that come with certificates: who issues them and the key that signs them.',
  settings: settingsOf(CREDENTIALS_SETTINGS),
};

/**
 * The signing key follows the JWT secret: production must be given one, because every process
 * signs with it and verifiers keep trusting it; elsewhere a generated key is shared through the
 * database the same way.
 */
export function credentialsConfig(
  env: Env,
  server: Pick<AppConfig, 'env' | 'dataDir' | 'publicBaseUrl'>,
  generated: GeneratedSecretName[],
): CredentialsConfig {
  const credentials = readSettings(env, CREDENTIALS_SETTINGS);
  return {
    signingKey: givenOrGenerated(
      credentials.signingKey,
      {
        variable: 'CREDENTIAL_SIGNING_KEY',
        name: 'credential_signing_key',
        file: 'credential-key.json',
        adopt: (text, path) => ed25519PrivateJwk(text, path),
        generate: () =>
          ed25519PrivateJwk(
            JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
            'CREDENTIAL_SIGNING_KEY',
          ),
      },
      server,
      generated,
    ),
    issuerName: credentials.issuerName,
    issuerUrl: credentials.issuerUrl ?? server.publicBaseUrl,
  };
}
