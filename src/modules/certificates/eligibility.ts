/**
 * Who earns a seminar's certificates and with how many hours. Pure: the caller gives the topic's
 * rule and each person's attendance, evaluations and teaching.
 */

export type IneligibleReason =
  | 'seminar_not_completed'
  | 'attendance_below_minimum'
  | 'final_evaluation_missing'
  | 'no_teaching_hours'
  | 'already_issued'
  | 'revoked';

export interface TopicRule {
  /** Share of the seminar's hours an attendee must attend, in percent. */
  minAttendancePercent: number;
  /** Whether the final evaluation must have been answered (when the topic asks one). */
  evaluationRequired: boolean;
  creditHours: number;
}

export interface AttendeeFacts {
  hoursAttended: number;
  /** The seminar's hours: its days times the topic's hours a day. */
  seminarHours: number;
  finalEvaluationAnswered: boolean;
  /** Whether the topic asks a final evaluation at all. */
  finalEvaluationAsked: boolean;
}

export interface Verdict {
  eligible: boolean;
  reasons: IneligibleReason[];
  /** Credit hours the certificate carries when eligible. */
  hours: number;
}

/** Half-hour steps, rounded down: a certificate never carries more than was earned. */
export function roundHours(hours: number): number {
  return Math.floor(hours * 2 + 1e-9) / 2;
}

/**
 * An attendee earns the topic's credit hours in proportion to the hours attended (all of them at full
 * attendance), once they attended the rule's share and answered the final evaluation where required.
 */
export function attendeeVerdict(completed: boolean, rule: TopicRule, facts: AttendeeFacts): Verdict {
  const reasons: IneligibleReason[] = [];
  const share = facts.seminarHours > 0 ? Math.min(1, facts.hoursAttended / facts.seminarHours) : 0;
  if (!completed) reasons.push('seminar_not_completed');
  if (share * 100 + 1e-9 < rule.minAttendancePercent) reasons.push('attendance_below_minimum');
  if (rule.evaluationRequired && facts.finalEvaluationAsked && !facts.finalEvaluationAnswered)
    reasons.push('final_evaluation_missing');
  return { eligible: reasons.length === 0, reasons, hours: roundHours(rule.creditHours * share) };
}

/** A facilitator earns the hours they taught (their agenda blocks, breaks aside). */
export function facilitatorVerdict(completed: boolean, hoursTaught: number): Verdict {
  const reasons: IneligibleReason[] = [];
  if (!completed) reasons.push('seminar_not_completed');
  if (!(hoursTaught > 0)) reasons.push('no_teaching_hours');
  return { eligible: reasons.length === 0, reasons, hours: roundHours(hoursTaught) };
}

/** `<PREFIX>-<YEAR>-<NNNNNN>`. */
export function registryNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999)
    throw new RangeError(`Registry sequence out of range: ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export const REGISTRY_NUMBER = /^([A-Z][A-Z0-9]{1,15})-(\d{4})-(\d{6})$/;

/** Check codes avoid letters and digits people confuse (0/O, 1/I/L). */
const CHECK_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short code `XXX-XXX` from random bytes (one byte per character, rejection-sampled to stay unbiased). */
export function checkCodeFrom(randomByte: () => number): string {
  const limit = 256 - (256 % CHECK_ALPHABET.length);
  let code = '';
  while (code.length < 6) {
    const byte = randomByte();
    if (byte < limit) code += CHECK_ALPHABET[byte % CHECK_ALPHABET.length];
  }
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What people type: case and separators do not matter. */
export function normaliseCheckCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return plain.length === 6 ? `${plain.slice(0, 3)}-${plain.slice(3)}` : plain;
}
