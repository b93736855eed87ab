/** Dates of a person's history in Spanish and English writing, reported as `birth_date`. */

import { type Candidate, NOT_AFTER_WORD, PRIORITY } from './candidates';

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

const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const ROMAN_ALT = [...ROMAN_MONTHS].sort((a, b) => b.length - a.length).join('|');

// Words that say a number is a date of the person's history: what a date without its year, or
// a short ambiguous one ("1-8-15" could be a schedule), needs before it.
const DATE_CUE_RE =
  /(?:^|[^\p{L}])(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|el|del|al|para el|desde el|hasta el|fecha|fec|fum|fpp|fur|fup|ingres[oó]|ingreso|egres[oó]|egreso|alta|cita|naci[oó]|nacimiento|nac|f\.?[ ]?nac|cirug[ií]a|operad[oa]|falleci[oó]|defunci[oó]n|muri[oó]|on|since|from|until|dated|dob|d\.o\.b|born|admitted|discharged|seen|visit|appointment|date|due|lmp|edd)[.:]?[ \t]*$/iu;
// The stronger cues among them: the words of an event in the person's history.
const HISTORY_CUE_RE =
  /(?:^|[^\p{L}])(?:fecha|fec|fum|fpp|fur|fup|ingres[oó]|egres[oó]|alta|cita|naci[oó]|nacimiento|nac|cirug[ií]a|operad[oa]|falleci[oó]|defunci[oó]n|muri[oó]|dob|born|admitted|discharged|lmp|edd)(?:[ \t]+(?:el|on))?[.:]?[ \t]*$/iu;
// Dose schedules and cycles: "días 1-8-15", "lispro 8-10-12 UI", "NPH 20-0-10".
const SCHEDULE_BEFORE_RE =
  /(?:^|[^\p{L}])(?:d[ií]as?|days?|ciclos?|cycles?|semanas?|weeks?|dosis|esquema|schedule)[ \t:]*$/iu;
const UNIT_AFTER_RE =
  /^[ \t]*(?:UI|U|mg|mcg|ml|mL|g|unidades|units|IU|tabs?|tabletas?|gotas|drops|puffs?|mmHg|%)(?![\p{L}])/u;
// Streets, neighbourhoods and schools are named after dates ("Av. 20 de Noviembre", "col. 21 de marzo").
const PLACE_BEFORE_RE =
  /(?:^|[^\p{L}])(?:calle|c\.|av|avenida|calz|calzada|blvd|bulevar|boulevard|col|colonia|fracc|fraccionamiento|barrio|privada|priv|callej[oó]n|andador|esq|esquina|escuela|primaria|secundaria|unidad|u\.h|hospital|plaza|mercado|ejido|congregaci[oó]n|localidad|pueblo|ciudad|cd|puerto|heroica|h\.|villa)\.?[ \t]*$/iu;

const DATE_RES: {
  re: RegExp;
  parts: (m: RegExpMatchArray) => [day: number, month: number, year: number | null] | null;
  /** Written short enough to be something else: kept only after a date cue, or in two-digit parts. */
  ambiguous?: (m: RegExpMatchArray) => boolean;
  /** Read as a date only after a word of the person's history ("ingresó", "FUM"), not "el" or "del". */
  strongCue?: boolean;
}[] = [
  {
    // 12/03/1985, 12-03-1985, 12.03.1985, 12/03/85, 14.03.24.
    re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)/g,
    ambiguous: (m) => m[4].length === 2 && (m[1].length === 1 || m[3].length === 1),
    parts: (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      // Day-first (es-MX) or month-first (US): accept when either reading is a real date.
      if (isDate(a, b, 2000)) return [a, b, Number(m[4])];
      if (isDate(b, a, 2000)) return [b, a, Number(m[4])];
      return null;
    },
  },
  {
    // Roman-numeral months: 12/III/1948, 3-V-2024, 22.IX.15.
    re: new RegExp(`(?<![\\d/.-])(\\d{1,2})([/.-])(${ROMAN_ALT})\\2(\\d{4}|\\d{2})(?![\\d/]|[.-]\\d)`, 'gi'),
    parts: (m) => [Number(m[1]), ROMAN_MONTHS.indexOf(m[3].toUpperCase()) + 1, Number(m[4])],
  },
  {
    // Joined, as on forms and wristbands: 15MAR1958, 15-MAR-58.
    re: new RegExp(`${NOT_AFTER_WORD}(\\d{1,2})-?(${MONTH_ALT})-?((?:19|20)\\d{2}|\\d{2})(?![\\p{L}\\p{N}])`, 'giu'),
    parts: (m) => [Number(m[1]), MONTHS[m[2].toLowerCase()], Number(m[3])],
  },
  {
    // A day and a month without the year: "nació el 3 de mayo", "on 5 December", "el 12/04".
    re: new RegExp(
      `${NOT_AFTER_WORD}(\\d{1,2})(?:o\\.?|º|°)?(?:[ \\t]+de[ \\t]+|[ \\t]+of[ \\t]+|[ \\t]+)(${MONTH_ALT})(?![\\p{L}])`,
      'giu',
    ),
    parts: (m) =>
      m[2].length < 4 && m[2].toLowerCase() !== 'mayo' ? null : [Number(m[1]), MONTHS[m[2].toLowerCase()], null],
  },
  {
    // Month first is English order only: in Spanish "calle 5 de mayo 17" the number after the month is a house.
    re: new RegExp(
      `${NOT_AFTER_WORD}(${ENGLISH_MONTHS.join('|')})[ \\t]+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])`,
      'giu',
    ),
    parts: (m) => [Number(m[2]), MONTHS[m[1].toLowerCase()], null],
  },
  {
    // "May" only capitalised mid-sentence: lower case it is the verb ("may 2 doses be given").
    re: /(?<![\p{L}\p{N}])May[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}]|[.,:]\d)/gu,
    parts: (m) => [Number(m[1]), 5, null],
  },
  {
    re: /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/]|[.,-]\d)/g,
    ambiguous: () => true,
    parts: (m) => [Number(m[1]), Number(m[2]), null],
  },
  {
    // A day and a Roman-numeral month: "FUM 19/V", "ingresó el 3-XI".
    re: new RegExp(`(?<![\\d/.-])(\\d{1,2})[/-](${ROMAN_ALT})(?![\\p{L}\\p{N}]|[/.-]\\d)`, 'gu'),
    ambiguous: () => true,
    parts: (m) => [Number(m[1]), ROMAN_MONTHS.indexOf(m[2]) + 1, null],
  },
  {
    // "Ingreso 11-6": with a hyphen, only after a word of the person's history; "8-10-12" is a schedule.
    re: /(?<![\d/.-])(\d{1,2})-(\d{1,2})(?![\d/-]|[.,]\d)/g,
    ambiguous: () => true,
    strongCue: true,
    parts: (m) => [Number(m[1]), Number(m[2]), null],
  },
  {
    // Compact, as HL7 and DICOM headers and exports write it: 19670422.
    re: /(?<![\p{L}\p{N}])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\p{L}\p{N}])/gu,
    parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])],
  },
  {
    // ISO 1985-03-12 and 1985/03/12.
    re: /(?<![\d/.-])((?:19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/]|[.-]\d)/g,
    parts: (m) => [Number(m[4]), Number(m[3]), Number(m[1])],
  },
  {
    // 12 de marzo de 1985, 12 marzo 1985, 12-mar-1985, 12 March 1985, 12th of March, 1985, 1o. de mayo de 1990.
    re: new RegExp(
      `${NOT_AFTER_WORD}(\\d{1,2})(?:st|nd|rd|th|o\\.?|º|°)?(?:[ \\t]+de[ \\t]+|[ \\t]+of[ \\t]+|[ \\t]+|[/-])(${MONTH_ALT})\\.?(?:[ \\t]+de[ \\t]+|[ \\t]+del[ \\t]+|,?[ \\t]+|[/-])((?:19|20)\\d{2}|(?<=del?[ \\t]+|')\\d{2})(?!\\d)`,
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

export function findDates(text: string, out: Candidate[]): void {
  for (const { re, parts, ambiguous, strongCue } of DATE_RES) {
    for (const m of text.matchAll(re)) {
      const p = parts(m);
      if (!p) continue;
      const [day, month, year] = p;
      const fullYear = year === null ? 2000 : year < 100 ? 1900 + year : year;
      if (!isDate(day, month, fullYear)) continue;
      const before = text.slice(Math.max(0, m.index! - 24), m.index!);
      const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 12);
      if (UNIT_AFTER_RE.test(after)) continue;
      if (year === null && PLACE_BEFORE_RE.test(before)) continue;
      // Spanish writes months in lower case: "20 de Noviembre" without a year names a street, a
      // hospital or a holiday.
      if (year === null && /(?:^|[ \t])de[ \t]+\p{Lu}/u.test(m[0])) continue;
      if (ambiguous?.(m) && (!DATE_CUE_RE.test(before) || SCHEDULE_BEFORE_RE.test(before))) continue;
      if (strongCue && !HISTORY_CUE_RE.test(before)) continue;
      out.push({ kind: 'birth_date', start: m.index!, end: m.index! + m[0].length, priority: PRIORITY.birth_date });
    }
  }
}
