import { CommonErrorCode, DomainError } from '../errors/domain-error';
import { message } from '../i18n/messages';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in raw JSON bytes, stopping as soon as it passes
 * `limit`. It reads the bytes once without parsing, so a body too deep to validate is refused
 * before anything recurses over it (the parser, class-transformer, class-validator).
 */
export function jsonNestingExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

export class BodyTooDeepError extends DomainError {
  constructor(limit: number) {
    super(CommonErrorCode.BodyTooDeep, 400, message('common.jsonDepth.contentNestsObjectsLists', { limit }));
  }
}

/** A body parser `verify` hook that refuses JSON nested deeper than `limit` with a 400 problem. */
export function refuseDeepJson(limit: number): (request: unknown, response: unknown, body: Buffer) => void {
  return (_request, _response, body) => {
    if (jsonNestingExceeds(body, limit)) throw new BodyTooDeepError(limit);
  };
}
