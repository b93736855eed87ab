import { CompactSign, createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTHeaderParameters } from 'jose';
import type { CredentialSigningKey } from './keys';

/**
 * Media types of VC-JOSE-COSE (W3C Recommendation, §3.1.1 "Securing JSON-LD Verifiable Credentials
 * with JOSE"): `typ` SHOULD be `vc+jwt` (application/vc+jwt) and `cty`, when present, `vc`.
 */
export const CREDENTIAL_JWT_TYPE = 'vc+jwt';
export const CREDENTIAL_JWT_CONTENT_TYPE = 'vc';

/** A credential of the VC Data Model 2.0, as far as signing and verifying need to know. */
export interface VerifiableCredentialJson {
  '@context': readonly string[];
  type: readonly string[];
  [property: string]: unknown;
}

/**
 * Signs a credential as a compact JWS (VC-JOSE-COSE): the payload is the credential itself, unchanged
 * (no `vc` claim, which the spec forbids, and no `iss`/`jti`/`nbf` copies of `issuer`/`id`/`validFrom`,
 * which it does not ask for and advises against when they could conflict; `nbf` is NOT RECOMMENDED).
 */
export async function signCredential(
  credential: VerifiableCredentialJson,
  key: Pick<CredentialSigningKey, 'kid' | 'privateKey'>,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: CREDENTIAL_JWT_TYPE, cty: CREDENTIAL_JWT_CONTENT_TYPE })
    .sign(key.privateKey);
}

/** A credential whose signature checked out, with the protected header it was signed under. */
export interface VerifiedCredential<T = VerifiableCredentialJson> {
  header: JWTHeaderParameters;
  credential: T;
}

/**
 * Verifies a credential JWT against a published key set: EdDSA only, `typ` vc+jwt, the key chosen by
 * `kid`, and the payload a VC 2.0 credential. Throws (a `jose` error or a TypeError) when any of it fails.
 */
export async function verifyCredentialJwt<T = VerifiableCredentialJson>(
  jwt: string,
  jwks: JSONWebKeySet,
): Promise<VerifiedCredential<T>> {
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    algorithms: ['EdDSA'],
    typ: CREDENTIAL_JWT_TYPE,
  });
  const context = payload['@context'];
  const type = payload.type;
  if (!Array.isArray(context) || context[0] !== 'https://www.w3.org/ns/credentials/v2')
    throw new TypeError('not a VC 2.0 credential: @context');
  if (!Array.isArray(type) || !type.includes('VerifiableCredential'))
    throw new TypeError('not a VC 2.0 credential: type');
  return { header: protectedHeader, credential: payload as T };
}
