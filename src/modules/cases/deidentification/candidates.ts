/** What every rule of the scanner produces, and the pieces of pattern the rules share. */

export const FINDING_KINDS = [
  'name',
  'curp',
  'rfc',
  'nss',
  'phone',
  'email',
  'birth_date',
  'address',
  'record_number',
  'url',
  'ip_address',
  'age',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** A detected identifier: UTF-16 offsets into the scanned text, `end` exclusive. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
}

/** A finding before overlap resolution; `priority` says how specific the rule that produced it is. */
export interface Candidate extends Finding {
  priority: number;
}

/**
 * How specific each rule is. When two candidates overlap the higher one wins: a CURP with a valid
 * check digit is far less likely to be accidental than an 11-digit run passing Luhn, and a
 * labelled record number ("expediente 5512345678") must not be reported as a phone.
 */
export const PRIORITY = {
  curp: 100,
  email: 95,
  url: 94,
  ip_address: 93,
  rfc: 90,
  nssLabelled: 88,
  phoneLabelled: 87,
  record_number: 85,
  nss: 80,
  phone: 75,
  birth_date: 70,
  age: 65,
  address: 60,
  name: 50,
} as const;

// Letters (any script) and digits: used instead of \b, which is ASCII-only and would treat "á" as
// a boundary.
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

// Upper- and lower-case letters of Spanish and English names.
export const UPPER = 'A-ZÁÉÍÓÚÑÜ';
export const LOWER = 'a-záéíóúñü';
