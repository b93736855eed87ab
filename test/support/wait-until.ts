import { inspect } from 'node:util';

export interface WaitOptions<T> {
  /** How long to keep looking, in milliseconds, before giving up. */
  timeoutMs: number;
  /** The pause between two looks, in milliseconds. */
  intervalMs: number;
  /** What is awaited, for the error when it never comes: e.g. 'the issuing job to finish'. */
  description: string;
  /** Whether a value is the one awaited; by default any truthy value is. */
  until?: (value: T) => boolean;
}

/**
 * Calls `check` every `intervalMs` until its value is the one awaited (`until`, or truthy), and
 * resolves with that value. Once `timeoutMs` have passed it throws, naming `description` and the
 * last value `check` gave. An error thrown by `check` ends the wait at once (e.g. a process that
 * exited). `check` runs at least once, and once more after the deadline before giving up.
 *
 * The one way tests wait for something that happens in the background (a job, a mail, a log line)
 * instead of sleeping a fixed time.
 */
export async function waitUntil<T>(check: () => T | Promise<T>, options: WaitOptions<T>): Promise<T> {
  const { timeoutMs, intervalMs, description, until = Boolean } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (until(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; last value seen: ${shown(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The value as JSON when it can be (as util.inspect otherwise), cut to a readable length. */
function shown(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Circular (an HTTP response, say): inspect copes.
  }
  text ??= inspect(value, { depth: 2, breakLength: Infinity });
  return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
}
