import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { loadConfig } from '../../../config/configuration';
import { BASE, flip, input, STATUS_LIST_URL } from './credential.fixtures';
import { verifyCredentialJwt, signCredential } from './jwt';
import { importSigningKey, publicJwks, type CredentialSigningKey } from './keys';
import { openBadgeCredential } from './open-badge';

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
});
