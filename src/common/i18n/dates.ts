import { LOCALES, type Language } from './text';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    // Calendar dates carry no time zone: formatted at UTC midnight they never shift a day.
    format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}

/** '2027-03-22' as people read it: «22 de marzo de 2027», «March 22, 2027». */
export function formatDate(date: string, language: Language): string {
  return formatter(language, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** '2027-03-22' with its weekday: «lunes, 22 de marzo de 2027», «Monday, March 22, 2027». */
export function formatLongDate(date: string, language: Language): string {
  return formatter(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A span of dates, e.g. «22 de marzo de 2027 – 24 de marzo de 2027». */
export function formatDateRange(from: string, to: string, language: Language): string {
  return from === to ? formatDate(from, language) : `${formatDate(from, language)} – ${formatDate(to, language)}`;
}

/** Several dates in full ("lunes, 17 de marzo de 2031; martes, …"), for mail. */
export function formatLongDateList(dates: string[], language: Language): string {
  return dates.map((date) => formatLongDate(date, language)).join('; ');
}

/** A month ('2027-03') as people read it: «marzo de 2027», «March 2027». */
export function formatMonth(month: string, language: Language): string {
  return formatter(language, { month: 'long', year: 'numeric' }).format(new Date(`${month}-01T00:00:00Z`));
}
