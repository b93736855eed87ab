import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { loadConfig } from '../../../config/configuration';
import { verifyCredentialJwt, signCredential } from './jwt';
import { importSigningKey, publicJwks, type CredentialSigningKey } from './keys';
import { openBadgeCredential, type OpenBadgeInput } from './open-badge';
import { decodeStatusList, encodeStatusList, isSet, MIN_STATUS_LIST_BITS, statusListCredential } from './status-list';

const BASE = 'https://puente.example';
const STATUS_LIST_URL = `${BASE}/api/v1/public/credentials/status/1`;
const JWT_SECRET = 'x'.repeat(40);

function input(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    certificateId: '6f1c2a4e-0b7d-4c39-9a51-2d8e3f4a5b6c',
    registryNumber: 'PUENTE-2025-000042',
    revision: 1,
    kind: 'attendance',
    holder: { name: 'María José Hernández Ruiz', licence: '12345678' },
    topic: 'Insuficiencia cardiaca',
    seminarTitle: 'Insuficiencia cardiaca en atención primaria',
    startDate: '2025-03-10',
    endDate: '2025-03-12',
    hours: 20,
    issuedAt: new Date('2025-03-14T17:00:00Z'),
    issuer: { id: BASE, name: 'Oficina de Formación' },
    achievementId: `${BASE}/api/v1/public/seminars/0c9f/achievements/attendance`,
    pdfUrl: `${BASE}/api/v1/certificates/6f1c2a4e-0b7d-4c39-9a51-2d8e3f4a5b6c/pdf`,
    pdfSha256: 'a'.repeat(64),
    statusListUrl: STATUS_LIST_URL,
    statusIndex: 42,
    ...overrides,
  };
}

/**
 * What an outside verifier does with nothing but `jose` and gunzip: checks both signatures against the
 * published keys, that the list is the one the credential points to and from the same issuer, and the bit.
 */
async function checkStatus(
  credentialJwt: string,
  statusListJwt: string,
  jwks: JSONWebKeySet,
): Promise<'revoked' | 'valid'> {
  const keys = createLocalJWKSet(jwks);
  const options = { algorithms: ['EdDSA'], typ: 'vc+jwt' };
  const { payload: credential } = await jwtVerify(credentialJwt, keys, options);
  const { payload: list } = await jwtVerify(statusListJwt, keys, options);
  const entry = credential.credentialStatus as {
    statusListCredential: string;
    statusListIndex: string;
    statusPurpose: string;
  };
  const subject = list.credentialSubject as { statusPurpose: string; encodedList: string };
  if (list.id !== entry.statusListCredential) throw new Error('not the status list the credential points to');
  if ((list.issuer as { id: string }).id !== (credential.issuer as { id: string }).id)
    throw new Error('status list of another issuer');
  if (subject.statusPurpose !== entry.statusPurpose) throw new Error('status purpose differs');
  const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
  const index = Number(entry.statusListIndex);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0 ? 'revoked' : 'valid';
}

/** The same JWT with one character changed to another valid base64url character. */
function flip(jwt: string, position: number): string {
  const replacement = jwt[position] === 'A' ? 'B' : 'A';
  return jwt.slice(0, position) + replacement + jwt.slice(position + 1);
}

describe('certificate credentials', () => {
  let key: CredentialSigningKey;
  let jwks: JSONWebKeySet;

  beforeAll(async () => {
    key = await importSigningKey(loadConfig({ NODE_ENV: 'test' }).credentials.signingKey);
    jwks = publicJwks(key);
  });

  describe('signing and verifying with jose alone', () => {
    it('verifies against the published key set, with the VC-JOSE-COSE header and the OB 3.0 shape', async () => {
      const jwt = await signCredential(openBadgeCredential(input()), key);
      const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
        algorithms: ['EdDSA'],
        typ: 'vc+jwt',
      });
      expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt', cty: 'vc' });
      expect(payload['@context']).toEqual([
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ]);
      expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(payload).not.toHaveProperty('vc');
      expect(payload).toMatchObject({
        id: 'urn:uuid:6f1c2a4e-0b7d-4c39-9a51-2d8e3f4a5b6c',
        issuer: { id: BASE, type: ['Profile'], name: 'Oficina de Formación' },
        validFrom: '2025-03-14T17:00:00.000Z',
        credentialSubject: {
          type: ['AchievementSubject'],
          creditsEarned: 20,
          identifier: [
            { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'María José Hernández Ruiz' },
            {
              type: 'IdentityObject',
              identityType: 'ext:ProfessionalLicence',
              hashed: false,
              identityHash: '12345678',
            },
          ],
          achievement: {
            type: ['Achievement'],
            name: 'Insuficiencia cardiaca',
            criteria: { narrative: expect.any(String) },
          },
        },
        relatedResource: [
          {
            mediaType: 'application/pdf',
            digestSRI: `sha256-${Buffer.from('a'.repeat(64), 'hex').toString('base64')}`,
          },
        ],
        credentialStatus: {
          id: `${STATUS_LIST_URL}#42`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '42',
          statusListCredential: STATUS_LIST_URL,
        },
      });
      expect((await verifyCredentialJwt(jwt, jwks)).credential).toEqual(payload);
    });

    it('fails when any single character of the payload or the signature changes', async () => {
      const jwt = await signCredential(openBadgeCredential(input()), key);
      const [header, payload] = jwt.split('.');
      const payloadStart = header.length + 1;
      const signatureStart = payloadStart + payload.length + 1;
      // The last character of a segment may carry unused bits, so stop one short of each end.
      const positions = [0, 1, 17, Math.floor(payload.length / 2), payload.length - 2]
        .map((offset) => payloadStart + offset)
        .concat([0, 1, 20, 42, 84].map((offset) => signatureStart + offset));
      for (const position of positions) {
        const tampered = flip(jwt, position);
        expect(tampered).not.toBe(jwt);
        await expect(jwtVerify(tampered, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] })).rejects.toThrow();
      }
    });

    it('fails under another key, and publishes no private part', async () => {
      const other = await importSigningKey(loadConfig({ NODE_ENV: 'test' }).credentials.signingKey);
      const jwt = await signCredential(openBadgeCredential(input()), { kid: key.kid, privateKey: other.privateKey });
      await expect(verifyCredentialJwt(jwt, jwks)).rejects.toThrow();
      expect(jwks).toEqual({
        keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: key.kid, alg: 'EdDSA', use: 'sig' }],
      });
      expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    });

    it('refuses a credential signed as a plain JWT (wrong typ)', async () => {
      const jwt = await signCredential(openBadgeCredential(input()), key);
      expect(decodeProtectedHeader(jwt).typ).toBe('vc+jwt');
      await expect(jwtVerify(jwt, createLocalJWKSet(jwks), { typ: 'JWT' })).rejects.toThrow(/typ/);
    });
  });

  describe('bitstring status list', () => {
    const revoked = [0, 7, 8, 131_071];

    it('sets exactly the revoked bits, left-most bit first', () => {
      const bits = decodeStatusList(encodeStatusList(revoked));
      expect(bits.length).toBe(MIN_STATUS_LIST_BITS / 8);
      expect(bits[0]).toBe(0b1000_0001);
      expect(bits[1]).toBe(0b1000_0000);
      expect(bits[bits.length - 1]).toBe(0b0000_0001);
      for (const index of revoked) expect(isSet(bits, index)).toBe(true);
      for (const index of [1, 6, 9, 15, 16, 42, 131_070]) expect(isSet(bits, index)).toBe(false);
      expect(() => isSet(bits, MIN_STATUS_LIST_BITS)).toThrow(RangeError);
    });

    it('is multibase base64url ("u") of a GZIP stream', () => {
      const encoded = encodeStatusList(revoked);
      expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
      const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
      expect(raw.length).toBe(16 * 1024);
      expect(raw[0]).toBe(0b1000_0001);
    });

    it('refuses lists below the minimum size and indexes outside the list', () => {
      expect(() => encodeStatusList([], 1024)).toThrow(RangeError);
      expect(() => encodeStatusList([MIN_STATUS_LIST_BITS])).toThrow(RangeError);
      expect(() => encodeStatusList([-1])).toThrow(RangeError);
      expect(() => decodeStatusList('zabc')).toThrow(TypeError);
    });

    it('lets an outside verifier tell a revoked certificate from a valid one', async () => {
      const listCredential = (revokedIndexes: number[]) =>
        signCredential(
          statusListCredential({
            id: STATUS_LIST_URL,
            issuer: { id: BASE, type: ['Profile'], name: 'Oficina de Formación' },
            validFrom: new Date(),
            encodedList: encodeStatusList(revokedIndexes),
          }),
          key,
        );
      const credential = await signCredential(openBadgeCredential(input({ statusIndex: 42 })), key);
      expect(await checkStatus(credential, await listCredential([41, 43]), jwks)).toBe('valid');
      expect(await checkStatus(credential, await listCredential([42]), jwks)).toBe('revoked');

      const tamperedList = flip(await listCredential([42]), 30);
      await expect(checkStatus(credential, tamperedList, jwks)).rejects.toThrow();
    });

    it('shapes the status list credential per the spec', async () => {
      const list = statusListCredential({
        id: STATUS_LIST_URL,
        issuer: BASE,
        validFrom: new Date('2025-03-14T00:00:00Z'),
        encodedList: 'uH4sI',
      });
      expect(list).toEqual({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: STATUS_LIST_URL,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: BASE,
        validFrom: '2025-03-14T00:00:00.000Z',
        credentialSubject: {
          id: `${STATUS_LIST_URL}#list`,
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList: 'uH4sI',
        },
      });
    });
  });

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
