/** Full dates in Spanish and English writing, reported as `birth_date`. */

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

export function findDates(text: string, out: Candidate[]): void {
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
