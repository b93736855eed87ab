import type { CertificateLocale } from './certificate-data';

const MONTHS: Record<CertificateLocale, string[]> = {
  es: [
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
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

interface Day {
  year: number;
  month: number;
  day: number;
}

function parseDay(value: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** '21 de marzo de 2031' / 'March 21, 2031'. */
export function formatDate(locale: CertificateLocale, value: string): string {
  const { year, month, day } = parseDay(value);
  const name = MONTHS[locale][month - 1];
  return locale === 'es' ? `${day} de ${name} de ${year}` : `${name} ${day}, ${year}`;
}

/**
 * A seminar's dates as a phrase: '17 al 19 de marzo de 2031', '28 de febrero al 2 de marzo de 2031',
 * '30 de diciembre de 2030 al 2 de enero de 2031' / 'March 17–19, 2031', 'February 28 – March 2, 2031',
 * 'December 30, 2030 – January 2, 2031'; one date when start and end are the same day.
 */
export function formatDateRange(locale: CertificateLocale, start: string, end: string): string {
  if (start === end) return formatDate(locale, start);
  const a = parseDay(start);
  const b = parseDay(end);
  const months = MONTHS[locale];
  if (locale === 'es') {
    if (a.year !== b.year) return `${formatDate('es', start)} al ${formatDate('es', end)}`;
    if (a.month !== b.month)
      return `${a.day} de ${months[a.month - 1]} al ${b.day} de ${months[b.month - 1]} de ${b.year}`;
    return `${a.day} al ${b.day} de ${months[b.month - 1]} de ${b.year}`;
  }
  if (a.year !== b.year) return `${formatDate('en', start)} – ${formatDate('en', end)}`;
  if (a.month !== b.month) return `${months[a.month - 1]} ${a.day} – ${months[b.month - 1]} ${b.day}, ${b.year}`;
  return `${months[a.month - 1]} ${a.day}–${b.day}, ${b.year}`;
}

/** Credit hours: '24', '22.5' (Mexico writes a decimal point), at most two decimals. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** The PDF creation date for a 'YYYY-MM-DD' day: noon UTC, so that every time zone shows that day. */
export function documentDate(value: string): Date {
  const { year, month, day } = parseDay(value);
  return new Date(Date.UTC(year, month - 1, day, 12));
}
