import { Client } from 'pg';
import type { AppConfig, Ed25519PrivateJwk, GeneratedSecretName } from '../config/configuration';

/**
 * Makes every process on one database use the same generated secrets: each process offers its
 * own candidates, the first offer of each name is kept (`ON CONFLICT DO NOTHING` decides races
 * atomically) and everybody takes what is stored. Configured secrets are never stored.
 */
export async function shareGeneratedSecrets(config: AppConfig, databaseUrl: string): Promise<AppConfig> {
  if (config.generatedSecrets.length === 0) return config;
  const candidates: Record<GeneratedSecretName, string> = {
    jwt_secret: config.auth.jwtSecret,
    credential_signing_key: JSON.stringify(config.credentials.signingKey),
  };
  const client = new Client({ connectionString: databaseUrl, application_name: 'puente-startup' });
  await client.connect();
  try {
    const names = config.generatedSecrets;
    await client.query(
      `INSERT INTO generated_secret (name, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name) DO NOTHING`,
      [names, names.map((name) => candidates[name])],
    );
    const { rows } = await client.query<{ name: GeneratedSecretName; value: string }>(
      'SELECT name, value FROM generated_secret WHERE name = ANY($1)',
      [names],
    );
    const stored = new Map(rows.map((row) => [row.name, row.value]));
    return {
      ...config,
      auth: { ...config.auth, jwtSecret: stored.get('jwt_secret') ?? config.auth.jwtSecret },
      credentials: {
        ...config.credentials,
        signingKey: stored.has('credential_signing_key')
          ? (JSON.parse(stored.get('credential_signing_key')!) as Ed25519PrivateJwk)
          : config.credentials.signingKey,
      },
    };
  } finally {
    await client.end();
  }
}
