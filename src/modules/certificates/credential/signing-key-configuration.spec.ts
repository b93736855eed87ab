import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../config/configuration';
import { importSigningKey } from './keys';

const JWT_SECRET = 'x'.repeat(40);

describe('certificate credentials', () => {
  describe('signing key configuration', () => {
    let dataDir: string;
    beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'puente-credential-'))));
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('is required in production, and named when missing or malformed', () => {
      const production = { NODE_ENV: 'production', JWT_SECRET, PUENTE_DATA_DIR: dataDir };
      expect(() => loadConfig(production)).toThrow(/CREDENTIAL_SIGNING_KEY is required when NODE_ENV=production/);
      expect(() => loadConfig({ ...production, CREDENTIAL_SIGNING_KEY: 'not json' })).toThrow(/CREDENTIAL_SIGNING_KEY/);
      expect(() =>
        loadConfig({ ...production, CREDENTIAL_SIGNING_KEY: '{"kty":"EC","crv":"P-256","x":"a","d":"b"}' }),
      ).toThrow(/CREDENTIAL_SIGNING_KEY must be an Ed25519 private JWK/);
      const { x } = loadConfig({ NODE_ENV: 'test' }).credentials.signingKey;
      const { d } = loadConfig({ NODE_ENV: 'test' }).credentials.signingKey;
      expect(() =>
        loadConfig({ ...production, CREDENTIAL_SIGNING_KEY: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x, d }) }),
      ).toThrow(/"x" that is not the public key/);
    });

    it('uses the given key, whose kid is its stable RFC 7638 thumbprint', async () => {
      const given = JSON.stringify({
        ...loadConfig({ NODE_ENV: 'test' }).credentials.signingKey,
        kid: 'ignored',
        alg: 'EdDSA',
      });
      const env = {
        NODE_ENV: 'production',
        JWT_SECRET,
        PUENTE_DATA_DIR: dataDir,
        CREDENTIAL_SIGNING_KEY: given,
        PUBLIC_BASE_URL: 'https://formacion.salud.example',
      };
      const first = loadConfig(env).credentials;
      const again = await importSigningKey(loadConfig(env).credentials.signingKey);
      expect(first.signingKey).toEqual({ kty: 'OKP', crv: 'Ed25519', x: JSON.parse(given).x, d: JSON.parse(given).d });
      expect((await importSigningKey(first.signingKey)).kid).toBe(again.kid);
      // RFC 7638: SHA-256 of the required members in lexicographic order, without spaces.
      const thumbprint = createHash('sha256')
        .update(`{"crv":"Ed25519","kty":"OKP","x":"${JSON.parse(given).x}"}`)
        .digest('base64url');
      expect(again.kid).toBe(thumbprint);
      expect(first.issuerUrl).toBe('https://formacion.salud.example');
      expect(first.issuerName).toBe('Oficina de Formación');
    });

    it('outside production is generated (to be shared through the database), or adopted from the data folder of an earlier installation', () => {
      const env = {
        NODE_ENV: 'development',
        PUENTE_DATA_DIR: dataDir,
        CERTIFICATE_ISSUER_NAME: 'Coordinación de Enseñanza',
      };
      const first = loadConfig(env);
      expect(first.generatedSecrets).toEqual(['jwt_secret', 'credential_signing_key']);
      expect(loadConfig(env).credentials.signingKey).not.toEqual(first.credentials.signingKey);
      writeFileSync(join(dataDir, 'credential-key.json'), JSON.stringify(first.credentials.signingKey));
      expect(loadConfig(env).credentials.signingKey).toEqual(first.credentials.signingKey);
      expect(
        loadConfig({
          ...env,
          NODE_ENV: 'production',
          JWT_SECRET,
          CREDENTIAL_SIGNING_KEY: JSON.stringify(first.credentials.signingKey),
        }).generatedSecrets,
      ).toEqual([]);
      expect(first.credentials.issuerName).toBe('Coordinación de Enseñanza');
    });
  });
});
