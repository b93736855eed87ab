import { createHash } from 'node:crypto';
import { findAddresses } from './address';
import { findAges } from './ages';
import type { Candidate, Finding } from './candidates';
import { findEmails, findIps, findPhones, findUrls } from './contact';
import { findDates } from './dates';
import { findCurps, findNss, findRecordNumbers, findRfcs } from './identifiers';
import { findNames } from './names';

/**
 * Pure, dependency-free scanner for direct patient identifiers in Spanish (es-MX) and English
 * clinical text. It is deliberately rule-based: every rule is a linear-time regular expression
 * (no nested unbounded quantifiers, every repetition either bounded or anchored by a boundary
 * look-behind so a run is scanned from one start only) followed by cheap validation in code
 * (check digits, date ranges, stop-lists). Nothing here touches NestJS, TypeORM or I/O so it can
 * run anywhere, including on user input before it is persisted.
 */

export { FINDING_KINDS, type Finding, type FindingKind } from './candidates';
export { curpCheckDigit, isLuhnValid, isValidCurpCheckDigit } from './identifiers';

/**
 * Finds direct patient identifiers in Spanish (es-MX) or English clinical text.
 *
 * Kinds: person names after honorifics/patient labels, CURP (with RENAPO check digit), RFC,
 * IMSS NSS (Luhn check, or any 11 digits after an NSS label), Mexican phone numbers, e-mail
 * addresses, URLs, IPv4/IPv6 addresses, street addresses / colonias / postal codes, record numbers
 * after labels (expediente, folio, MRN, cama, room...), and dates.
 *
 * Dates: every full date (day, month and year) is reported as `birth_date`, whether or not it is
 * labelled as a date of birth. A full date is enough to re-identify a patient when combined with
 * the rest of a case, and distinguishing admission from birth dates reliably is not possible with
 * rules, so this favours recall. Years alone, month + year and times are never reported.
 *
 * The result is sorted by `start` and non-overlapping: when two rules claim overlapping text the
 * more specific one wins (CURP > e-mail > URL > IP > RFC > labelled NSS/phone > record number >
 * NSS > phone > date > address > name), then the longer span.
 *
 * Offsets are UTF-16 code-unit offsets into `text`, `end` exclusive, so `text.slice(start, end)`
 * is the identifier. All rules run in time linear in the text length.
 */
export function scanText(text: string): Finding[] {
  if (!text) return [];
  const candidates: Candidate[] = [];
  findCurps(text, candidates);
  findRfcs(text, candidates);
  findNss(text, candidates);
  findPhones(text, candidates);
  findEmails(text, candidates);
  findUrls(text, candidates);
  findIps(text, candidates);
  findDates(text, candidates);
  findAddresses(text, candidates);
  findRecordNumbers(text, candidates);
  findAges(text, candidates);
  findNames(text, candidates);

  candidates.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Occupancy mask: checking a span costs its length, so resolution stays linear in the text.
  const taken = new Uint8Array(text.length);
  const accepted: Finding[] = [];
  for (const c of candidates) {
    if (c.end <= c.start) continue;
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    accepted.push({ kind: c.kind, start: c.start, end: c.end });
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * A stable SHA-256 (hex) fingerprint of a finding: `kind + ':' + matched text`, lower-cased with
 * whitespace collapsed. Lets a reviewer's "this is a false positive" decision be remembered and
 * matched again later without storing the identifier-like text itself.
 */
export function fingerprintOf(text: string, finding: Finding): string {
  const normalized = text.slice(finding.start, finding.end).toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${finding.kind}:${normalized}`, 'utf8').digest('hex');
}
