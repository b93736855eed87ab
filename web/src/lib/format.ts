/** The service's time zone, which the service writes into the page (`<meta name="puente-time-zone">`). */
export function serviceTimeZone(): string {
  const meta = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="puente-time-zone"]');
  return meta?.content || 'America/Mexico_City';
}

/** A calendar date (`2031-03-04`) in words, as the person's language writes it. */
export function formatDate(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** An instant, as a date in the service's time zone. */
export function formatInstantDate(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: serviceTimeZone() }).format(
    new Date(instant),
  );
}

/** An instant, as a date and time in the service's time zone. */
export function formatInstant(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: serviceTimeZone(),
  }).format(new Date(instant));
}

/** A calendar date with its weekday (`lunes, 17 de marzo de 2031`), for the days of a seminar. */
export function formatDay(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Today's calendar date in the service's time zone (`2031-03-17`). */
export function serviceToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: serviceTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A file's size in the person's language (`12 kB`, `1,5 MB`). */
export function formatSize(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 * 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
