/** One-time tokens in links are secrets of the recipient, not of whoever reads the outbox. */
export function redactSecrets(body: string): string {
  return body.replace(/([?&]token=)[A-Za-z0-9_-]+/g, '$1…');
}
