import { gunzipSync, gzipSync } from 'node:zlib';

/** The smallest list the Bitstring Status List spec allows (16 KB), which also hides who is revoked among many. */
export const MIN_STATUS_LIST_BITS = 131_072;
/** Decompressed lists larger than this are refused rather than inflated (a compressed list is tiny). */
const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/**
 * The `encodedList` of a Bitstring Status List (W3C Bitstring Status List v1.0, §3.1 and the
 * Bitstring Generation Algorithm): one bit per credential, set when revoked, index 0 the left-most
 * (most significant) bit of the first byte; GZIP-compressed, then base64url without padding, with the
 * multibase prefix `u`.
 */
export function encodeStatusList(revokedIndexes: Iterable<number>, size = MIN_STATUS_LIST_BITS): string {
  if (!Number.isInteger(size) || size < MIN_STATUS_LIST_BITS || size % 8 !== 0) {
    throw new RangeError(`a status list holds a multiple of 8 bits, at least ${MIN_STATUS_LIST_BITS}; got ${size}`);
  }
  const bits = new Uint8Array(size / 8);
  for (const index of revokedIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`status index ${index} is outside a list of ${size}`);
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The bits of an `encodedList` (the spec's Bitstring Expansion Algorithm); throws if it is not one. */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u') || !/^u[A-Za-z0-9_-]+$/.test(encodedList)) {
    throw new TypeError('encodedList must be multibase base64url (starting with "u")');
  }
  const bits = new Uint8Array(
    gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_STATUS_LIST_BYTES }),
  );
  if (bits.length * 8 < MIN_STATUS_LIST_BITS)
    throw new RangeError(`status list is shorter than ${MIN_STATUS_LIST_BITS} bits`);
  return bits;
}

/** Whether the status bit at `index` is set; an index past the list is an error, never "not revoked". */
export function isSet(bits: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8)
    throw new RangeError(`status index ${index} is outside a list of ${bits.length * 8}`);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export interface StatusListCredentialInput {
  /** The URL the list is published at: the `statusListCredential` of every entry in it. */
  id: string;
  issuer: string | { id: string; type?: string[]; name?: string };
  validFrom: Date;
  /** When verifiers should fetch a fresh copy; the list changes whenever a certificate is revoked. */
  validUntil?: Date;
  encodedList: string;
}

/** The `BitstringStatusListCredential` (§2.2) of revocations, unsigned; sign it like any credential. */
export function statusListCredential(input: StatusListCredentialInput) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom.toISOString(),
    ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: input.encodedList,
    },
  };
}
