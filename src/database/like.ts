/** Escapes LIKE wildcards in a user's search text, so it is matched as typed. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
