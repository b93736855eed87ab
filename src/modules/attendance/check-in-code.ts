import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Stateless check-in codes: a short code per seminar day and time window, derived with HMAC from a
 * key of the service. Nothing is stored; any API process computes the same code. Plain TypeScript.
 */

/** No 0/O, 1/I/L: codes are read off a projector and typed on a phone. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;
/** After the window changes, the previous code is still taken for this long (someone typing it). */
export const GRACE_SECONDS = 60;

// The largest multiple of the alphabet's size below 256: bytes above it are skipped, so every
// character is equally likely.
const BYTE_LIMIT = 256 - (256 % CODE_ALPHABET.length);

/** The key for check-in codes, derived from the service's signing secret so it needs no setting of its own. */
export function checkInKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'puente check-in codes', 32));
}

/** The index of the window holding `instant`: windows of `periodSeconds` counted from the epoch. */
export function windowOf(instant: Date, periodSeconds: number): number {
  return Math.floor(instant.getTime() / 1000 / periodSeconds);
}

/** When a window starts and ends. */
export function windowBounds(window: number, periodSeconds: number): { from: Date; until: Date } {
  return { from: new Date(window * periodSeconds * 1000), until: new Date((window + 1) * periodSeconds * 1000) };
}

/** The code of a seminar day in a window. */
export function codeFor(key: Buffer, seminarDayId: string, window: number): string {
  let code = '';
  for (let round = 0; code.length < CODE_LENGTH; round += 1) {
    const digest = createHmac('sha256', key)
      .update(`${seminarDayId}:${window}${round === 0 ? '' : `:${round}`}`)
      .digest();
    for (const byte of digest) {
      if (byte < BYTE_LIMIT) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
      if (code.length === CODE_LENGTH) break;
    }
  }
  return code;
}

/** A code as typed: upper case, without spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Whether a code of window `codeWindow` is taken at `instant`: the current window's, or the
 * previous one's during the grace after the change.
 */
export function isCurrent(codeWindow: number, instant: Date, periodSeconds: number): boolean {
  const current = windowOf(instant, periodSeconds);
  if (codeWindow === current) return true;
  return (
    codeWindow === current - 1 &&
    instant.getTime() - windowBounds(current, periodSeconds).from.getTime() < GRACE_SECONDS * 1000
  );
}
