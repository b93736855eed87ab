import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id with the library defaults (64 MiB, 3 passes, 4 lanes), which match OWASP guidance. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** A hash of nothing anyone knows, verified when the account does not exist so both paths cost the same. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword(randomBytes(32).toString('base64url'));
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** A random opaque token for a link or a refresh credential, and the hash that is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const COMMON = ['password', 'contraseña', 'contrasena', '123456', 'qwerty', 'puente', 'medico', 'doctor', 'admin'];

/** Length first (NIST 800-63B): at least 10 characters, not built on a common word or the email. */
export function isAcceptablePassword(password: string, email?: string): boolean {
  if (password.length < 10 || password.length > 128) return false;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return false;
  if (COMMON.some((word) => lower.includes(word) && lower.length - word.length < 6)) return false;
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return false;
  return true;
}
