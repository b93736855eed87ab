import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { Ed25519PrivateJwk } from './app-config';
import { ConfigError } from './config-error';

/**
 * Checks a private Ed25519 JWK and that its `x` belongs to its `d`, so a pasting mistake fails at
 * start-up. The messages never quote the key.
 */
export function ed25519PrivateJwk(raw: string, variable: string): Ed25519PrivateJwk {
  const shape = 'must be an Ed25519 private JWK, {"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}';
  let jwk: Partial<Record<keyof Ed25519PrivateJwk, unknown>>;
  try {
    jwk = JSON.parse(raw) as typeof jwk;
  } catch {
    throw new ConfigError(variable, `${shape}; it is not JSON`);
  }
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    jwk.kty !== 'OKP' ||
    jwk.crv !== 'Ed25519' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.d !== 'string'
  ) {
    throw new ConfigError(variable, shape);
  }
  let derivedX: unknown;
  try {
    const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
    derivedX = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  } catch {
    throw new ConfigError(variable, `${shape}; "d" is not a 32-byte base64url key`);
  }
  if (derivedX !== jwk.x) throw new ConfigError(variable, 'has an "x" that is not the public key of its "d"');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
}
