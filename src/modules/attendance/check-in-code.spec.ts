import { checkInKey, CODE_ALPHABET, codeFor, isCurrent, normaliseCode, windowOf } from './check-in-code';

describe('check-in codes', () => {
  const key = checkInKey('a-secret-of-at-least-thirty-two-characters');
  const day = '6f1c1f0e-8a57-4c47-9f0e-2f8f4c5b6a70';

  it('are six unambiguous characters, the same for the same day and window and different otherwise', () => {
    const code = codeFor(key, day, 100);
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(code).not.toMatch(/[01OIL]/);
    expect(codeFor(key, day, 100)).toBe(code);
    expect(codeFor(key, day, 101)).not.toBe(code);
    expect(codeFor(key, '0e7a9c51-1111-4c47-9f0e-2f8f4c5b6a70', 100)).not.toBe(code);
    expect(codeFor(checkInKey('another-secret-of-at-least-thirty-two-chars'), day, 100)).not.toBe(code);
  });

  it('spread over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let window = 0; window < 200; window += 1) for (const c of codeFor(key, day, window)) seen.add(c);
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
  });

  it('take the current window and the previous one for a minute after the change', () => {
    const period = 600;
    const start = new Date(1_000 * period * 1000);
    expect(windowOf(start, period)).toBe(1000);
    expect(isCurrent(1000, start, period)).toBe(true);
    expect(isCurrent(999, new Date(start.getTime() + 59_999), period)).toBe(true);
    expect(isCurrent(999, new Date(start.getTime() + 60_000), period)).toBe(false);
    expect(isCurrent(998, start, period)).toBe(false);
    expect(isCurrent(1001, start, period)).toBe(false);
  });

  it('are read without case, spaces or dashes', () => {
    expect(normaliseCode(' ab3-d e7 ')).toBe('AB3DE7');
  });
});
