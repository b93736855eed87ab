/** Identity and record numbers: CURP, RFC, IMSS NSS (with their check digits) and labelled record numbers. */

import { type Candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD, PRIORITY } from './candidates';

// ---------------------------------------------------------------------------------------------
// CURP
// ---------------------------------------------------------------------------------------------

const CURP_DICTIONARY = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const CURP_STATES =
  'AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE';
// Also written in its parts ("HETR-710318-HTLRZS09", "tehs 230814 hvz prn a5"), mistyped in its last two characters, or
// with a letter O typed for a zero in the date ("CAVA7O0214…").
const CURP_RE = new RegExp(
  `${NOT_AFTER_WORD}[A-Z][AEIOUX][A-Z]{2}([- ]?)([\\dO]{6})\\1[HM](?:${CURP_STATES})\\1?[B-DF-HJ-NP-TV-Z]{3}\\1?[0-9A-Z]{1,2}${NOT_BEFORE_WORD}`,
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

/**
 * The shape of a CURP is specific enough on its own (a date, a sex, a state code, three internal
 * consonants), so a mistyped check digit does not hide it: a mistyped CURP still identifies.
 */
export function findCurps(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(CURP_RE)) {
    if (/O.*O.*O/i.test(m[2])) continue;
    out.push({ kind: 'curp', start: m.index, end: m.index + m[0].length, priority: PRIORITY.curp });
  }
}

// ---------------------------------------------------------------------------------------------
// RFC
// ---------------------------------------------------------------------------------------------

// The trailing boundary matters: the first 13 characters of a CURP look like an RFC, but a CURP
// goes on with more letters, so the boundary rejects it. People write the parts apart ("GOMS-750312-AB4",
// "LIHE 720915 R3A"), and often without the homoclave.
const RFC_RE = new RegExp(
  `(?<![\\p{L}\\p{N}&])([A-ZÑ&]{3,4})([- ]?)(\\d{2})(\\d{2})(\\d{2})(?:\\2([A-Z0-9]{3}))?${NOT_BEFORE_WORD}`,
  'giu',
);
// A person's RFC without homoclave starts like a CURP (first letter, first inner vowel of the
// surname); requiring that keeps product codes and lot numbers out.
const PERSON_RFC_START = /^[A-ZÑ][AEIOUX]/i;

export function findRfcs(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(RFC_RE)) {
    const month = Number(m[4]);
    const day = Number(m[5]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    if (!m[6] && (m[1].length !== 4 || !PERSON_RFC_START.test(m[1]))) continue;
    // XAXX010101000 and XEXX010101000 are the RFCs of the general public and of foreigners: nobody's.
    if (/^X[AE]XX$/i.test(m[1])) continue;
    // Letters of one case; apart from the digits ("lote 850617") only in capitals.
    if (!/^[A-ZÑ&]+$/.test(m[1]) && (m[2] !== '' || !/^[a-zñ&]+$/.test(m[1]))) continue;
    out.push({ kind: 'rfc', start: m.index, end: m.index + m[0].length, priority: PRIORITY.rfc });
  }
}

// ---------------------------------------------------------------------------------------------
// NSS (IMSS social security number)
// ---------------------------------------------------------------------------------------------

// 11 digits: contiguous, grouped 2-2-2-4-1 (subdelegation, registration year, birth year, serial,
// check), grouped 2-2-4-1-2, or 10 + check digit. The separator must be consistent within a group
// pattern so "12 34-56" style noise is not glued together. After its label any grouping of eleven
// digits is one ("NSS 3298 6912 047").
const NSS_BODY =
  '(?:\\d{11}|\\d{2}([- ])\\d{2}\\1\\d{2}\\1\\d{4}\\1\\d|\\d{2}([- ])\\d{2}\\2\\d{4}\\2\\d\\2\\d{2}|\\d{4}([- ])\\d{2}\\3\\d{4}\\3\\d|\\d{10}[- ]\\d)';
const NSS_RE = new RegExp(`(?<![\\p{L}\\p{N}]|\\d[-. ])${NSS_BODY}(?![-.]?\\d)(?![\\p{L}])`, 'gu');
const NSS_LABELLED_RE = new RegExp(
  `(?<![\\p{L}])(?:NSS|N\\.S\\.S\\.|[Nn][uú]mero de [Ss]eguridad [Ss]ocial|[Nn]o\\.? de [Ss]eguridad [Ss]ocial|[Aa]filiaci[oó]n|IMSS)[^\\d\\n]{0,20}?(\\d{11}|\\d{2}[- ]\\d{2}[- ]\\d{2}[- ]\\d{4}[- ]\\d|\\d{2}[- ]\\d{2}[- ]\\d{4}[- ]\\d[- ]\\d{2}|\\d{4}[- ]\\d{2}[- ]\\d{4}[- ]\\d|\\d{10}[- ]\\d|(?=(?:\\d[- ]?){11}(?![- ]?\\d))\\d{1,5}(?:[- ]\\d{1,6}){1,4})(?!\\d)`,
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

// Words that put an 11-digit run in the context of social security, so a mistyped check digit
// still reads as an NSS: "el bueno es 65135822909, el que está en el sistema (65135822900)".
const NSS_CONTEXT_RE =
  /(?<![\p{L}])(?:NSS|N\.S\.S\.|seguro social|seguridad social|afiliaci[oó]n|IMSS|social security)(?![\p{L}])/iu;

export function findNss(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(NSS_RE)) {
    const inContext = NSS_CONTEXT_RE.test(text.slice(Math.max(0, m.index - 160), m.index));
    if (inContext || isLuhnValid(m[0].replace(/[- ]/g, '')))
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

// Labels of records and registries. Places in a ward (a bed, a cot, an incubator, a room) are
// read with a single digit too: on one day of one service they point at one patient.
const RECORD_LABELS =
  '[Cc]arpeta(?:[ \\t]+de[ \\t]+investigaci[oó]n)?(?:[ \\t]+NUC)?|NUC|[Nn][uú]mero de expediente|[Nn]o\\.?[ \\t]+de[ \\t]+(?:expediente|registro|afiliaci[oó]n|orden|caso|cuenta|paciente|solicitud)|NO\\.?[ \\t]+DE[ \\t]+(?:EXPEDIENTE|REGISTRO)|[Ee]xpediente(?:[ \\t]+(?:cl[ií]nico|electr[oó]nico))?|EXPEDIENTE|[Ee]xp\\.?|EXP\\.?|[Rr]egistro(?:[ \\t]+(?:hospitalario|cl[ií]nico|m[eé]dico))?|[Rr]eg\\.|REG\\.|REGISTRO|[Ff]olio|FOLIO|NHC|[Hh]istoria[ \\t]+[Cc]l[ií]nica|HC|MRN|[Mm]edical[ \\t]+[Rr]ecord(?:[ \\t]+[Nn]umber)?|[Rr]ecord(?:[ \\t]+[Nn]umber)?|[Cc]hart(?:[ \\t]+[Nn]umber)?|[Pp]articipante?(?:[ \\t]+(?:ID|No\\.?))?|[Ss]ubject(?:[ \\t]+ID)?|[Pp]atient[ \\t]+ID|PID|ID[ \\t]+(?:del[ \\t]+)?paciente|[Nn][uú]mero[ \\t]+de[ \\t]+(?:paciente|afiliaci[oó]n|p[oó]liza|caso|certificado)|[Pp][oó]liza|P[OÓ]LIZA|[Pp]olicy(?:[ \\t]+[Nn]umber)?|[Aa]ccession(?:[ \\t]+[Nn]umber)?|[Ss]tudy[ \\t]+ID|[Cc]ertificado(?:[ \\t]+de[ \\t]+(?:defunci[oó]n|nacimiento|incapacidad))?|[Cc][eé]dula(?:[ \\t]+profesional)?|C[EÉ]DULA|[Mm]atr[ií]cula|MATR[IÍ]CULA|[Cc]redencial|[Pp]asaporte|[Pp]assport|INE|IFE|[Ll]icen(?:se|ce)[ \\t]+(?:[Nn]umber|[Nn]o\\.?)|[Ff]icha(?:[ \\t]+de[ \\t]+trabajador)?|[Ww]orker[ \\t]+ID|[Ee]mployee[ \\t]+ID|PatientID|[Nn][uú]mero[ \\t]+de[ \\t]+empleado|ID';
const PLACE_LABELS =
  '[Cc]ama|CAMA|[Cc]una|CUNA|[Cc]ot|[Aa]islado|[Aa]islamiento|[Ii]solette|[Ii]ncubadora|INCUBADORA|[Bb]ed|BED|[Hh]abitaci[oó]n|[Hh]ab\\.|[Rr]oom|[Rr]m\\.?|[Cc]uarto|[Cc]ub[ií]culo';
// What kind of record or place it is: "folio de ingreso", "Exp. clínico", "cama de recuperación".
const RECORD_QUALIFIERS = [
  'ingreso',
  'referencia',
  'admisi[oó]n',
  'egreso',
  'atenci[oó]n',
  'urgencias',
  'hospitalizaci[oó]n',
  'traslado',
  'recuperaci[oó]n',
  'observaci[oó]n',
  'aislamiento',
  'cl[ií]nico',
  'hospitalario',
  'electr[oó]nico',
  'provisional',
  'temporal',
  'seguro',
  'único',
  'unico',
  'notificaci[oó]n',
  'caso',
  'muestra',
  'solicitud',
  'laboratorio',
]
  .map((q) => `[${q[0].toUpperCase()}${q[0]}]${q.slice(1)}`)
  .join('|');
const RECORD_TAIL =
  // Qualifiers between label and identifier: "folio de ingreso 123456", "cama no. 12".
  `(?:[ \\t]+(?:(?:de|del)[ \\t]+)?(?:${RECORD_QUALIFIERS}))?` +
  `(?:[ \\t]+[A-Z]{2,6}(?=[ \\t:]))?` +
  `[ \\t]*(?:(?:[Nn][uú]mero|[Nn]umber|[Nn][uú]m\\.?|[Nn]o\\.?|[Nn]º|#|:|=)[ \\t]*){0,2}[:#=]?[ \\t]*` +
  `((?=[A-Za-z0-9/.-]*\\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){0,30})(?![\\p{L}\\p{N}]|[-/.][\\p{L}\\p{N}])` +
  // "record 12 days", "cama 12 horas": a quantity, not an identifier.
  `(?![ \\t]*(?:days?|d[ií]as?|hours?|horas?|hrs?|h|weeks?|semanas?|months?|meses|mes|years?|años?|mg|ml|mL|kg|cm|mm|degrees|grados)(?![\\p{L}])|[ \\t]*[%°º])`;
const RECORD_RE = new RegExp(`(?<![\\p{L}])(?:${RECORD_LABELS})(?![\\p{L}])${RECORD_TAIL}`, 'gdu');
const PLACE_RE = new RegExp(`(?<![\\p{L}])(?:${PLACE_LABELS})(?![\\p{L}])${RECORD_TAIL}`, 'gdu');
// A record named, then its number a few words on: "el expediente electrónico SAECA con el número 00451223".
const RECORD_FAR_RE =
  /(?<![\p{L}])(?:expediente|registro|folio|record|chart)(?![\p{L}])[^\n\d.;]{1,40}?(?:n[uú]mero|number|no\.|#)[ \t:]*([A-Za-z0-9](?:[A-Za-z0-9]|[-/](?=[A-Za-z0-9])){2,30})(?![\p{L}\p{N}])/giu;
// A medical record number a few words after its label: "MRN at our facility 00458921".
const MRN_FAR_RE = /(?<![\p{L}])(?:MRN|NHC)(?![\p{L}])[^\n\d.;]{1,30}?(\d{5,12})(?![\p{L}\p{N}])/gu;

// A code of letters and numbers as hospitals, programmes and registries write them, with no label:
// "URG-25-1402", "HRPR-2024-11204", "TB-SUR-2024-087". Codes of norms, guidelines, classifications,
// tests and microbes are written the same way and name nobody.
const RECORD_CODE_RE =
  /(?<![\p{L}\p{N}-])([A-Z]{2,6})(?:-[A-Z]{2,6})?-\d[\dA-Z]*(?:-[\dA-Z]+){0,3}(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;
const NON_PERSONAL_CODE =
  /^(?:NOM|NMX|GPC|CIE|ICD|ISO|IMSS|SSA|SSA2|DOI|ATC|CAS|SARS|COVID|MERS|VIH|HIV|HPV|VPH|HLA|IL|CD|CA|BRCA|BCR|HER|EGFR|ALK|KRAS|PD|PDL|FEV|BI|TI|LI|PI|CURB|PHQ|GAD|HAS|ECOG|NYHA|TNM|FIGO|RN|NHS|WHO|OMS|OPS|PAHO|RFC|CURP|NSS|DM|HTA|ERC|EPOC|IRC|IAM|ICC|TEP|TVP|EVC|SIDA|LES|AR|GPA|SGA|SDG|UCI|UCIN|UTIP|PEMEX|ISSSTE|HGZ|HGR|HG|UMF|CS|HR|HRAE|HGSZ|UMAA|CAE|IMSSB|JS|SESVER)$/;

export function findRecordNumbers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(RECORD_CODE_RE)) {
    if (NON_PERSONAL_CODE.test(m[1]) || m[0].replace(/\D/g, '').length < 3) continue;
    // A model or a scale named by a round number or a year: "XN-1000", "NRS-2002".
    if (/^[A-Z]+-(?:\d*00|(?:19|20)\d\d)$/.test(m[0])) continue;
    out.push({
      kind: 'record_number',
      start: m.index,
      end: m.index + m[0].length,
      priority: PRIORITY.record_number - 5,
    });
  }
  for (const [re, minDigits] of [
    [RECORD_RE, 2],
    [PLACE_RE, 1],
  ] as const) {
    for (const m of text.matchAll(re)) {
      // Records need two digits ("record of", "exp. A" are words); a bed or a cot one ("cama 5").
      if (m[1].replace(/\D/g, '').length < minDigits) continue;
      const [start, end] = m.indices![1]!;
      out.push({ kind: 'record_number', start, end, priority: PRIORITY.record_number });
    }
  }
  for (const re of [RECORD_FAR_RE, MRN_FAR_RE]) {
    for (const m of text.matchAll(re)) {
      if (m[1].replace(/\D/g, '').length < 3) continue;
      const start = m.index + m[0].length - m[1].length;
      out.push({ kind: 'record_number', start, end: start + m[1].length, priority: PRIORITY.record_number });
    }
  }
}

// ---------------------------------------------------------------------------------------------
