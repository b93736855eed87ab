import { calculateJwkThumbprint, importJWK, type CryptoKey } from 'jose';
import type { Ed25519PrivateJwk } from '../../../config/configuration';

/** The public half of the issuer's key as published in the JWKS: never `d`. */
export interface PublishedJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** The issuer's signing key, ready for `jose`, with the key id verifiers look up in the JWKS. */
export interface CredentialSigningKey {
  /** RFC 7638 thumbprint of the public key: stable for a given key, changes when the key does. */
  kid: string;
  privateKey: CryptoKey;
  publicJwk: PublishedJwk;
}

/**
 * Imports the configured private JWK (already checked by the configuration) for signing. The `kid` is
 * the JWK thumbprint (RFC 7638), so it needs no bookkeeping and a rotated key gets a new one.
 */
export async function importSigningKey(jwk: Ed25519PrivateJwk): Promise<CredentialSigningKey> {
  const publicPart = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const kid = await calculateJwkThumbprint(publicPart, 'sha256');
  const privateKey = (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA', { extractable: false })) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: 'EdDSA', use: 'sig' } };
}

/** The JSON Web Key Set served at `/.well-known/jwks.json` (RFC 7517 §5): public members only. */
export function publicJwks(key: Pick<CredentialSigningKey, 'publicJwk'>): { keys: PublishedJwk[] } {
  const { kty, crv, x, kid, alg, use } = key.publicJwk;
  return { keys: [{ kty, crv, x, kid, alg, use }] };
}
