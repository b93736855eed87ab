import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { loadConfig } from '../../../config/configuration';
import { BASE, flip, input, STATUS_LIST_URL } from './credential.fixtures';
import { signCredential } from './jwt';
import { importSigningKey, publicJwks, type CredentialSigningKey } from './keys';
import { openBadgeCredential } from './open-badge';
import { decodeStatusList, encodeStatusList, isSet, MIN_STATUS_LIST_BITS, statusListCredential } from './status-list';

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

describe('certificate credentials', () => {
  let key: CredentialSigningKey;
  let jwks: JSONWebKeySet;

  beforeAll(async () => {
    key = await importSigningKey(loadConfig({ NODE_ENV: 'test' }).credentials.signingKey);
    jwks = publicJwks(key);
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
});
