/** Identity and record numbers: CURP, RFC, IMSS NSS (with their check digits) and labelled record numbers. */

import { type Candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD, PRIORITY } from './candidates';

// ---------------------------------------------------------------------------------------------
// CURP
// ---------------------------------------------------------------------------------------------

const CURP_DICTIONARY = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const CURP_STATES =
  'AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE';
const CURP_RE = new RegExp(
  `${NOT_AFTER_WORD}[A-Z][AEIOUX][A-Z]{2}\\d{6}[HM](?:${CURP_STATES})[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\\d${NOT_BEFORE_WORD}`,
  'giu',
);

/**
 * RENAPO check digit of a CURP: each of the first 17 characters is mapped to its index in
 * "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" and weighted 18 down to 2; the digit is
 * (10 - sum % 10) % 10. Returns null when a character is outside the dictionary.
 */
export function curpCheckDigit(first17: string): number | null {
  const upper = first17.toUpperCase();
  if (upper.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CURP_DICTIONARY.indexOf(upper[i]);
    if (value < 0) return null;
    sum += value * (18 - i);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `curp` is 18 characters whose last one is the RENAPO check digit of the first 17. */
export function isValidCurpCheckDigit(curp: string): boolean {
  if (curp.length !== 18) return false;
  const expected = curpCheckDigit(curp.slice(0, 17));
  return expected !== null && String(expected) === curp[17];
}

export function findCurps(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(CURP_RE)) {
    if (isValidCurpCheckDigit(m[0]))
      out.push({ kind: 'curp', start: m.index, end: m.index + m[0].length, priority: PRIORITY.curp });
  }
}

// ---------------------------------------------------------------------------------------------
// RFC
// ---------------------------------------------------------------------------------------------

// The trailing boundary matters: the first 13 characters of a CURP look like an RFC, but a CURP
// goes on with more letters, so the boundary rejects it.
const RFC_RE = new RegExp(
  `(?<![\\p{L}\\p{N}&])([A-ZÑ&]{3,4})(\\d{2})(\\d{2})(\\d{2})[A-Z0-9]{3}${NOT_BEFORE_WORD}`,
  'giu',
);

export function findRfcs(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(RFC_RE)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    out.push({ kind: 'rfc', start: m.index, end: m.index + m[0].length, priority: PRIORITY.rfc });
  }
}

// ---------------------------------------------------------------------------------------------
// NSS (IMSS social security number)
// ---------------------------------------------------------------------------------------------

// 11 digits: contiguous, grouped 2-2-2-4-1 (subdelegation, registration year, birth year, serial,
// check), grouped 2-2-4-1-2, or 10 + check digit. The separator must be consistent within a group
// pattern so "12 34-56" style noise is not glued together.
const NSS_BODY =
  '(?:\\d{11}|\\d{2}([- ])\\d{2}\\1\\d{2}\\1\\d{4}\\1\\d|\\d{2}([- ])\\d{2}\\2\\d{4}\\2\\d\\2\\d{2}|\\d{10}[- ]\\d)';
const NSS_RE = new RegExp(`(?<![\\p{L}\\p{N}]|\\d[-. ])${NSS_BODY}(?![-.]?\\d)(?![\\p{L}])`, 'gu');
const NSS_LABELLED_RE = new RegExp(
  `(?<![\\p{L}])(?:NSS|N\\.S\\.S\\.|[Nn][uú]mero de [Ss]eguridad [Ss]ocial|[Nn]o\\.? de [Ss]eguridad [Ss]ocial|[Aa]filiaci[oó]n|IMSS)[^\\d\\n]{0,20}?(\\d{11}|\\d{2}[- ]\\d{2}[- ]\\d{2}[- ]\\d{4}[- ]\\d|\\d{2}[- ]\\d{2}[- ]\\d{4}[- ]\\d[- ]\\d{2}|\\d{10}[- ]\\d)(?!\\d)`,
  'gdu',
);

/** Luhn (mod 10) check over a digit string, used by IMSS for the 11th digit of an NSS. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function findNss(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(NSS_RE)) {
    if (isLuhnValid(m[0].replace(/[- ]/g, '')))
      out.push({ kind: 'nss', start: m.index, end: m.index + m[0].length, priority: PRIORITY.nss });
  }
  // A label makes the check digit optional: people mistype it, and the label already says what it is.
  for (const m of text.matchAll(NSS_LABELLED_RE)) {
    const [start, end] = m.indices![1]!;
    out.push({ kind: 'nss', start, end, priority: PRIORITY.nssLabelled });
  }
}

// ---------------------------------------------------------------------------------------------
// Record numbers
// ---------------------------------------------------------------------------------------------

const RECORD_RE = new RegExp(
  `(?<![\\p{L}])(?:[Nn][uú]mero de expediente|[Nn]o\\.?[ \\t]+de[ \\t]+expediente|[Ee]xpediente(?:[ \\t]+(?:cl[ií]nico|electr[oó]nico))?|EXPEDIENTE|[Ee]xp\\.|EXP\\.|[Ff]olio|FOLIO|NHC|[Hh]istoria[ \\t]+[Cc]l[ií]nica|HC|MRN|[Mm]edical[ \\t]+[Rr]ecord(?:[ \\t]+[Nn]umber)?|[Rr]ecord(?:[ \\t]+[Nn]umber)?|[Cc]hart(?:[ \\t]+[Nn]umber)?|[Cc]ama|CAMA|[Bb]ed|[Hh]abitaci[oó]n|[Hh]ab\\.|[Rr]oom|[Cc]uarto)(?![\\p{L}])` +
    // Qualifiers between label and identifier: "folio de ingreso 123456", "cama no. 12".
    `(?:[ \\t]+(?:de|del)[ \\t]+(?:ingreso|referencia|admisi[oó]n|egreso|atenci[oó]n|urgencias|hospitalizaci[oó]n))?` +
    `[ \\t]*(?:(?:[Nn][uú]mero|[Nn]umber|[Nn][uú]m\\.?|[Nn]o\\.?|[Nn]º|#|:)[ \\t]*){0,2}[:#]?[ \\t]*` +
    `([A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){1,30})(?![\\p{L}\\p{N}])` +
    // "record 12 days", "cama 12 horas": a quantity, not an identifier.
    `(?![ \\t]*(?:days?|d[ií]as?|hours?|horas?|hrs?|h|weeks?|semanas?|months?|meses|mes|years?|años?|mg|ml|mL|kg|cm|mm|degrees|grados)(?![\\p{L}])|[ \\t]*[%°º])`,
  'gdu',
);

export function findRecordNumbers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(RECORD_RE)) {
    const id = m[1];
    const digits = id.replace(/\D/g, '').length;
    // At least two digits: "cama 3", "room A" and "record of" are not identifiers.
    if (digits < 2) continue;
    const [start, end] = m.indices![1]!;
    out.push({ kind: 'record_number', start, end, priority: PRIORITY.record_number });
  }
}

// ---------------------------------------------------------------------------------------------
