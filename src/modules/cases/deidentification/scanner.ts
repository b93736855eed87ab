import { createHash } from 'node:crypto';

/**
 * Pure, dependency-free scanner for direct patient identifiers in Spanish (es-MX) and English
 * clinical text. It is deliberately rule-based: every rule is a linear-time regular expression
 * (no nested unbounded quantifiers, every repetition either bounded or anchored by a boundary
 * look-behind so a run is scanned from one start only) followed by cheap validation in code
 * (check digits, date ranges, stop-lists). Nothing here touches NestJS, TypeORM or I/O so it can
 * run anywhere, including on user input before it is persisted.
 */

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
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** A detected identifier: UTF-16 offsets into the scanned text, `end` exclusive. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
}

/** A finding before overlap resolution; `priority` says how specific the rule that produced it is. */
interface Candidate extends Finding {
  priority: number;
}

/**
 * How specific each rule is. When two candidates overlap the higher one wins: a CURP with a valid
 * check digit is far less likely to be accidental than an 11-digit run passing Luhn, and a
 * labelled record number ("expediente 5512345678") must not be reported as a phone.
 */
const PRIORITY = {
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
  address: 60,
  name: 50,
} as const;

// Letters (any script) and digits: used instead of \b, which is ASCII-only and would treat "á" as
// a boundary.
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

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

function findCurps(text: string, out: Candidate[]): void {
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

function findRfcs(text: string, out: Candidate[]): void {
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

function findNss(text: string, out: Candidate[]): void {
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
// Phone
// ---------------------------------------------------------------------------------------------

// Mexican numbers are 10 digits (area code 2 or 3 digits); the first digit is never 0 or 1 once the
// long-distance / mobile prefixes (+52, 52, 01, 044, 045, the old "1" after 52) are stripped. The
// look-arounds keep the number from being a slice of a longer digit run (NSS, folio, lab series).
const PHONE_PREFIX = '(?:(?:\\+52|52)[ .-]?(?:1[ .-]?)?|01[ .-]?|04[45][ .-]?)?';
const PHONE_BODY = '(?:\\(?[2-9]\\d\\)?[ .-]?\\d{4}[ .-]?\\d{4}|\\(?[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]?\\d{4})';
const PHONE_RE = new RegExp(`(?<!\\d[-. ]?|[\\p{L}+])${PHONE_PREFIX}${PHONE_BODY}(?![-. ]?\\d)(?![\\p{L}])`, 'gu');
// With an explicit label, shorter local numbers (7-8 digits) are accepted too.
const PHONE_LABELLED_RE = new RegExp(
  `(?<![\\p{L}])(?:[Tt]el(?:[eé]fono)?s?\\.?|[Cc]el(?:ular)?\\.?|[Mm][oó]vil|[Pp]hone|[Mm]obile|[Cc]ell|[Cc]ontacto|WhatsApp)(?![\\p{L}])[\\s:#.]{0,4}(\\+?[\\d(][\\d ().-]{5,18}\\d)(?![-.]?\\d)`,
  'gdu',
);

function findPhones(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(PHONE_RE)) {
    out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, priority: PRIORITY.phone });
  }
  for (const m of text.matchAll(PHONE_LABELLED_RE)) {
    const digits = m[1].replace(/\D/g, '').length;
    if (digits < 7 || digits > 13) continue;
    const [start, end] = m.indices![1]!;
    out.push({ kind: 'phone', start, end, priority: PRIORITY.phoneLabelled });
  }
}

// ---------------------------------------------------------------------------------------------
// Email, URL, IP
// ---------------------------------------------------------------------------------------------

// The look-behind anchors the local part at the start of its run so a long run without "@" is
// walked once, not once per starting position.
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const URL_RE = /(?<![\w.@/])(?:https?:\/\/|www\.)[^\s<>"'`]{2,2048}/gi;
const IPV4_RE = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;
const IPV6_RE =
  /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![\w:])/g;

function findEmails(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(EMAIL_RE)) {
    let value = m[0];
    // A sentence-final period or hyphen is not part of the domain.
    value = value.replace(/[.-]+$/, '');
    const tld = value.slice(value.lastIndexOf('.') + 1);
    if (!/^[A-Za-z]{2,24}$/.test(tld)) continue;
    out.push({ kind: 'email', start: m.index, end: m.index + value.length, priority: PRIORITY.email });
  }
}

function findUrls(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(URL_RE)) {
    // Trailing punctuation usually belongs to the sentence; a ")" only when unbalanced.
    let value = m[0];
    for (;;) {
      const last = value[value.length - 1];
      if ('.,;:!?¡¿'.includes(last)) value = value.slice(0, -1);
      else if (last === ')' && !value.includes('(')) value = value.slice(0, -1);
      else break;
    }
    if (value.length < 8) continue;
    out.push({ kind: 'url', start: m.index, end: m.index + value.length, priority: PRIORITY.url });
  }
}

function findIps(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(IPV4_RE)) {
    const octets = [m[1], m[2], m[3], m[4]];
    // Leading zeros ("01.02.03.04") are dates/versions far more often than addresses.
    if (octets.some((o) => Number(o) > 255 || (o.length > 1 && o[0] === '0'))) continue;
    out.push({ kind: 'ip_address', start: m.index, end: m.index + m[0].length, priority: PRIORITY.ip_address });
  }
  for (const m of text.matchAll(IPV6_RE)) {
    const value = m[0];
    // A lone "::" or a "::" with a single short group is punctuation, not an address.
    const groups = value.split(':').filter((g) => g.length > 0);
    if (groups.length < 2) continue;
    if (value.includes('::') ? groups.length > 7 : groups.length !== 8) continue;
    out.push({ kind: 'ip_address', start: m.index, end: m.index + value.length, priority: PRIORITY.ip_address });
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (reported as birth_date)
// ---------------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  enero: 1,
  ene: 1,
  febrero: 2,
  feb: 2,
  marzo: 3,
  mar: 3,
  abril: 4,
  abr: 4,
  mayo: 5,
  may: 5,
  junio: 6,
  jun: 6,
  julio: 7,
  jul: 7,
  agosto: 8,
  ago: 8,
  septiembre: 9,
  setiembre: 9,
  sep: 9,
  sept: 9,
  set: 9,
  octubre: 10,
  oct: 10,
  noviembre: 11,
  nov: 11,
  diciembre: 12,
  dic: 12,
  january: 1,
  jan: 1,
  february: 2,
  march: 3,
  april: 4,
  apr: 4,
  june: 6,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  dec: 12,
};
// Longest first so "marzo" is not matched as "mar" + "zo".
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE_RES: { re: RegExp; parts: (m: RegExpMatchArray) => [day: number, month: number, year: number] | null }[] = [
  {
    // 12/03/1985, 12-03-1985, 12.03.1985, and 12/03/85 (two-digit years only with "/" or "-").
    re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)/g,
    parts: (m) => {
      if (m[4].length === 2 && m[2] === '.') return null;
      const a = Number(m[1]);
      const b = Number(m[3]);
      // Day-first (es-MX) or month-first (US): accept when either reading is a real date.
      if (isDate(a, b, 2000)) return [a, b, Number(m[4])];
      if (isDate(b, a, 2000)) return [b, a, Number(m[4])];
      return null;
    },
  },
  {
    // ISO 1985-03-12 and 1985/03/12.
    re: /(?<![\d/.-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/]|[.-]\d)/g,
    parts: (m) => [Number(m[4]), Number(m[3]), Number(m[1])],
  },
  {
    // 12 de marzo de 1985, 12 marzo 1985, 12-mar-1985, 12 March 1985, 12th of March, 1985, 1o. de mayo de 1990.
    re: new RegExp(
      `${NOT_AFTER_WORD}(\\d{1,2})(?:st|nd|rd|th|o\\.?|º|°)?(?:[ \\t]+de[ \\t]+|[ \\t]+of[ \\t]+|[ \\t]+|[/-])(${MONTH_ALT})\\.?(?:[ \\t]+de[ \\t]+|[ \\t]+del[ \\t]+|,?[ \\t]+|[/-])((?:19|20)\\d{2})(?!\\d)`,
      'giu',
    ),
    parts: (m) => [Number(m[1]), MONTHS[m[2].toLowerCase()], Number(m[3])],
  },
  {
    // March 12, 1985 / Mar. 12th 1985 / marzo 12 de 1985.
    re: new RegExp(
      `${NOT_AFTER_WORD}(${MONTH_ALT})\\.?[ \\t]+(\\d{1,2})(?:st|nd|rd|th)?(?:,?[ \\t]+|[ \\t]+de[ \\t]+|[ \\t]+del[ \\t]+)((?:19|20)\\d{2})(?!\\d)`,
      'giu',
    ),
    parts: (m) => [Number(m[2]), MONTHS[m[1].toLowerCase()], Number(m[3])],
  },
];

function isDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function findDates(text: string, out: Candidate[]): void {
  for (const { re, parts } of DATE_RES) {
    for (const m of text.matchAll(re)) {
      const p = parts(m);
      if (!p) continue;
      const [day, month, year] = p;
      const fullYear = year < 100 ? 1900 + year : year;
      if (!isDate(day, month, fullYear)) continue;
      out.push({ kind: 'birth_date', start: m.index!, end: m.index! + m[0].length, priority: PRIORITY.birth_date });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Address
// ---------------------------------------------------------------------------------------------

const UPPER = 'A-ZÁÉÍÓÚÑÜ';
const LOWER = 'a-záéíóúñü';
// A word of a street or neighbourhood name: capitalised, a number ("5 de Mayo"), or a particle.
const PLACE_WORD = `(?:[${UPPER}\\d][${UPPER}${LOWER}\\d'.-]{0,30}|de|del|la|las|los|el|y)`;
const STREET_TYPE_ES =
  '(?:[Cc]alle|CALLE|[Aa]v\\.|[Aa]v|AV\\.|[Aa]venida|AVENIDA|[Cc]alz\\.|[Cc]alzada|[Bb]lvd\\.|[Bb]lvr\\.|[Bb]oulevard|[Bb]ulevar|[Pp]rivada|[Pp]riv\\.|[Aa]ndador|[Cc]arretera|[Cc]ircuito|[Cc]errada|[Pp]rolongaci[oó]n|[Pp]rol\\.|[Cc]amino)';
// Street number, or a kilometre mark on highways ("Carretera Xalapa-Coatepec km 4.5").
const ADDRESS_NUMBER = `(?:(?:#[ \\t]?|[Nn]o\\.[ \\t]?|[Nn][uú]m\\.[ \\t]?|[Nn][uú]mero[ \\t])?\\d{1,5}(?:[ \\t]?[A-Za-z])?|[Kk]m\\.?[ \\t]?\\d{1,4}(?:\\.\\d{1,3})?)(?![\\p{L}\\d])`;
const ADDRESS_INTERIOR = `(?:,?[ \\t]+(?:[Ii]nt\\.?|[Ii]nterior|[Dd]epto\\.?|[Dd]pto\\.?|[Ll]ote|[Mm]z\\.?|[Mm]anzana|[Aa]pt\\.?|[Aa]pto\\.?)[ \\t]*#?[ \\t]?[A-Za-z0-9-]{1,6})?`;
const STREET_ES_RE = new RegExp(
  `(?<![\\p{L}])${STREET_TYPE_ES}[ \\t]+${PLACE_WORD}(?:[ \\t]+${PLACE_WORD}){0,5}?,?[ \\t]+${ADDRESS_NUMBER}${ADDRESS_INTERIOR}`,
  'gu',
);
// English order: number first, then name, then street type ("123 Main Street, Apt 4B").
const STREET_TYPE_EN =
  '(?:Street|St\\.|St|Avenue|Ave\\.|Ave|Road|Rd\\.|Rd|Boulevard|Blvd\\.|Lane|Ln\\.|Drive|Way|Court|Ct\\.|Place|Pl\\.|Terrace)';
const STREET_EN_RE = new RegExp(
  `(?<![\\p{L}\\d])\\d{1,5}[ \\t]+[${UPPER}][${UPPER}${LOWER}'.-]{0,30}(?:[ \\t]+[${UPPER}][${UPPER}${LOWER}'.-]{0,30}){0,3}?[ \\t]+${STREET_TYPE_EN}(?![\\p{L}])(?:,?[ \\t]+(?:Apt\\.?|Apartment|Suite|Unit|#)[ \\t]*#?[A-Za-z0-9-]{1,6})?`,
  'gu',
);
// The first word of a colonia must be a word or a "21 de Marzo" style date name: "Col. 245 mg/dL"
// is cholesterol, not a neighbourhood.
const COLONIA_RE = new RegExp(
  `(?<![\\p{L}])(?:Col\\.|COL\\.|[Cc]olonia|COLONIA|[Ff]racc\\.|[Ff]raccionamiento|[Bb]arrio)[ \\t]+(?:[${UPPER}][${UPPER}${LOWER}\\d'.-]{0,30}|\\d{1,2}[ \\t]+de[ \\t]+[${UPPER}][${LOWER}]+)(?:[ \\t]+(?:(?:de|del|la|las|los|el|y)[ \\t]+)?[${UPPER}\\d][${UPPER}${LOWER}\\d'.-]{0,30}){0,4}`,
  'gu',
);
const POSTAL_RE =
  /(?<![\p{L}])(?:C\.[ \t]?P\.?|CP|[Cc][oó]digo [Pp]ostal|ZIP(?: code)?|[Zz]ip(?: code)?)[ \t]*:?[ \t]*\d{5}(?!\d)/gu;

function findAddresses(text: string, out: Candidate[]): void {
  const spans: [number, number][] = [];
  for (const re of [STREET_ES_RE, STREET_EN_RE, COLONIA_RE, POSTAL_RE]) {
    for (const m of text.matchAll(re)) {
      // Colonia words may contain periods ("Col. Sta. María"), so a sentence-final period gets
      // swallowed: trim it. Street matches end in a number or a street type ("Rd.") and are kept.
      const value = re === COLONIA_RE ? m[0].replace(/[.,]+$/, '') : m[0];
      spans.push([m.index, m.index + value.length]);
    }
  }
  // Street, colonia and postal code written one after the other are one address: merge pieces that
  // overlap or are separated only by commas/spaces so the whole address is redacted as a unit.
  spans.sort((a, b) => a[0] - b[0]);
  let current: [number, number] | null = null;
  for (const span of spans) {
    if (
      current &&
      span[0] <= current[1] + 3 &&
      /^[\s,]*$/.test(text.slice(current[1], Math.max(current[1], span[0])))
    ) {
      current[1] = Math.max(current[1], span[1]);
      continue;
    }
    if (current) out.push({ kind: 'address', start: current[0], end: current[1], priority: PRIORITY.address });
    current = [span[0], span[1]];
  }
  if (current) out.push({ kind: 'address', start: current[0], end: current[1], priority: PRIORITY.address });
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

function findRecordNumbers(text: string, out: Candidate[]): void {
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
// Names
// ---------------------------------------------------------------------------------------------

// Capitalised words that follow a label but are not names: calendar words, institutions,
// specialties, honorifics (so "patient Mr. Smith" yields "Smith" via the second trigger) and the
// function words a sentence may start with.
const NAME_STOPWORDS = new Set(
  [
    'lunes',
    'martes',
    'miércoles',
    'miercoles',
    'jueves',
    'viernes',
    'sábado',
    'sabado',
    'domingo',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'hospital',
    'unidad',
    'centro',
    'clínica',
    'clinica',
    'instituto',
    'imss',
    'issste',
    'ssa',
    'insabi',
    'pemex',
    'sedena',
    'dif',
    'servicio',
    'servicios',
    'urgencias',
    'consulta',
    'consultorio',
    'sala',
    'piso',
    'quirófano',
    'uci',
    'ucin',
    'uti',
    'icu',
    'er',
    'medicina',
    'interna',
    'familiar',
    'general',
    'cardiología',
    'cardiologia',
    'pediatría',
    'pediatria',
    'ginecología',
    'ginecologia',
    'obstetricia',
    'neurología',
    'neurologia',
    'nefrología',
    'nefrologia',
    'endocrinología',
    'endocrinologia',
    'oncología',
    'oncologia',
    'cirugía',
    'cirugia',
    'traumatología',
    'traumatologia',
    'ortopedia',
    'psiquiatría',
    'psiquiatria',
    'dermatología',
    'dermatologia',
    'neumología',
    'neumologia',
    'gastroenterología',
    'gastroenterologia',
    'infectología',
    'infectologia',
    'reumatología',
    'reumatologia',
    'hematología',
    'hematologia',
    'urología',
    'urologia',
    'oftalmología',
    'oftalmologia',
    'geriatría',
    'geriatria',
    'radiología',
    'radiologia',
    'cardiology',
    'pediatrics',
    'neurology',
    'nephrology',
    'oncology',
    'surgery',
    'emergency',
    'department',
    'internal',
    'medicine',
    'family',
    'clinic',
    'center',
    'centre',
    'university',
    'universidad',
    'facultad',
    'escuela',
    'school',
    'ward',
    'unit',
    'room',
    'sr',
    'sra',
    'srita',
    'srta',
    'dr',
    'dra',
    'lic',
    'mr',
    'mrs',
    'ms',
    'miss',
    'don',
    'doña',
    'prof',
    'ing',
    'paciente',
    'patient',
    'nombre',
    'name',
    'caso',
    'case',
    'diagnóstico',
    'diagnostico',
    'diagnosis',
    'tratamiento',
    'treatment',
    'el',
    'la',
    'los',
    'las',
    'un',
    'una',
    'se',
    'de',
    'del',
    'en',
    'con',
    'sin',
    'por',
    'para',
    'al',
    'y',
    'que',
    'es',
    'su',
    'sus',
    'presenta',
    'refiere',
    'acude',
    'ingresa',
    'niega',
    'cursa',
    'tiene',
    'fue',
    'está',
    'esta',
    'este',
    'no',
    'sí',
    'si',
    'the',
    'a',
    'an',
    'he',
    'she',
    'they',
    'his',
    'her',
    'in',
    'on',
    'at',
    'with',
    'without',
    'for',
    'of',
    'and',
    'or',
    'was',
    'is',
    'has',
    'had',
    'presented',
    'presents',
    'reports',
    'denies',
    'who',
    'which',
    'this',
    'that',
    'no',
    'yes',
    'masculino',
    'femenino',
    'femenina',
    'male',
    'female',
    'hombre',
    'mujer',
    'adulto',
    'adulta',
    'niño',
    'niña',
    'diabetes',
    'hipertensión',
    'covid',
    'vih',
    'hiv',
    'tb',
    'epoc',
    'copd',
    'eva',
    'ecog',
    'nyha',
    'glasgow',
  ].map((w) => w.toLowerCase()),
);

// "Pérez", "Martínez-López", "O'Brien", "McDonald": every part is bounded, so no backtracking blow-up.
const CAP_WORD = `(?:[${UPPER}]')?[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:['-][${UPPER}]?[${LOWER}]+)?`;
const INITIAL = `[${UPPER}]\\.`;
const PARTICLE = '(?:de[ \\t]+la|de[ \\t]+los|de[ \\t]+las|del|de|la|y|van|von|da|dos|di)';
const NAME_BODY = `${CAP_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?(?:${CAP_WORD}|${INITIAL})){0,3}`;
// An upper-case name ("PÉREZ LÓPEZ JUAN") is common on forms, so it is accepted after "Nombre:" /
// "Name:" only; elsewhere an all-caps word is far more often an acronym.
const CAPS_WORD = `[${UPPER}]{2,}`;
const CAPS_NAME_BODY = `${CAPS_WORD}(?:[ \\t]+(?:(?:DE[ \\t]+LA|DEL|DE|Y)[ \\t]+)?${CAPS_WORD}){0,3}`;

const NAME_TRIGGERS =
  '(?:[Pp]aciente|PACIENTE|[Pp]atient|Sr\\.|Sra\\.|Srita\\.|Srta\\.|Dr\\.|Dra\\.|Dr|Dra|Lic\\.|Mr\\.|Mrs\\.|Ms\\.|Mr|Mrs|Ms|Miss|Don|Doña|[Ll]lamad[oa]|[Nn]amed|[Nn]ombre(?:[ \\t]+(?:del|de[ \\t]+la)[ \\t]+paciente)?:|[Nn]ame:|[Pp]atient[ \\t]+name:)';
const NAME_RE = new RegExp(
  `(?<![\\p{L}])${NAME_TRIGGERS}(?![\\p{L}])[ \\t,:]{0,3}[ \\t]*(${NAME_BODY})(?![\\p{L}])`,
  'gdu',
);
const CAPS_NAME_RE = new RegExp(
  `(?<![\\p{L}])(?:NOMBRE|[Nn]ombre|NAME|[Nn]ame)(?:[ \\t]+(?:DEL|del)[ \\t]+(?:PACIENTE|paciente))?:[ \\t]*(${CAPS_NAME_BODY})(?![\\p{L}])`,
  'gdu',
);

/**
 * Trims a matched name: drops it when its first word is a stop-word, cuts it before the first
 * stop-word otherwise, and drops trailing particles ("Juan y" -> "Juan").
 */
function trimName(text: string, start: number, end: number): [number, number] | null {
  const value = text.slice(start, end);
  const tokens = [...value.matchAll(/[^\s]+/g)];
  let keep = 0;
  for (const token of tokens) {
    const word = token[0].toLowerCase().replace(/\.$/, '');
    const isParticle = /^(de|del|la|los|las|y|van|von|da|dos|di)$/.test(token[0]);
    const isInitial = /^.\.$/u.test(token[0]);
    if (!isParticle && !isInitial && NAME_STOPWORDS.has(word)) break;
    keep++;
  }
  // Drop trailing particles and initials: a name ends in a real word.
  while (
    keep > 0 &&
    (/^(de|del|la|los|las|y|van|von|da|dos|di|DE|DEL|Y)$/.test(tokens[keep - 1][0]) ||
      /^.\.$/u.test(tokens[keep - 1][0]))
  )
    keep--;
  if (keep === 0) return null;
  const last = tokens[keep - 1];
  return [start, start + last.index + last[0].length];
}

// Institutions and streets are often named after people ("Hospital General Dr. Manuel Gea
// González", "Calle Dr. Lucio"): a trigger right after such a place name introduces the place,
// not a patient or clinician.
const PLACE_BEFORE_TRIGGER_RE = new RegExp(
  `(?:Hospital|HOSPITAL|Centro|Instituto|Cl[ií]nica|Unidad|Sanatorio|Escuela|Facultad|Fundaci[oó]n|Calle|Avenida|Av\\.|Colonia|Col\\.|Street|Avenue|Clinic|Center|Institute|School)(?:[ \\t]+(?:[${UPPER}][\\p{L}.]*|de|del|la|las|los|y|No\\.|\\d{1,4})){0,6}[ \\t]+$`,
  'u',
);

function findNames(text: string, out: Candidate[]): void {
  for (const source of [NAME_RE, CAPS_NAME_RE]) {
    // A private copy: lastIndex is moved by hand below and the module-level regex must stay clean.
    const re = new RegExp(source.source, source.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const [start, end] = m.indices![1]!;
      // Bounded look-back window keeps this check O(1) per match.
      const span = PLACE_BEFORE_TRIGGER_RE.test(text.slice(Math.max(0, m.index - 80), m.index))
        ? null
        : trimName(text, start, end);
      if (span) out.push({ kind: 'name', start: span[0], end: span[1], priority: PRIORITY.name });
      // Resume right after what was kept, not after the whole match: in "Sr. Juan y Sra. María" the
      // raw match swallows "Sra", whose own trigger must still be seen. Always move forward.
      re.lastIndex = Math.max(m.index + 1, span ? span[1] : start);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

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
