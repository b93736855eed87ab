import type { Request } from 'express';

/**
 * The languages people read Puente in. Spanish (es-MX) is the default. A language is its catalogue
 * (`messages/<language>/`), its mail templates (`templates/emails/<language>/`) and its entry here.
 */
export const LANGUAGES = ['es', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'es';

/** The BCP 47 locale each language is formatted in (dates, numbers, plurals). */
export const LOCALES: Record<Language, string> = { es: 'es-MX', en: 'en-US' };

/** Words held as data in both languages (a specialty's name, an evaluation form's label). */
export type Bilingual = Record<Language, string>;

/** Words that read the same in every language: a name, a code, a checker's own report. */
export function sameInEveryLanguage(value: string): Bilingual {
  return Object.fromEntries(LANGUAGES.map((language) => [language, value])) as Bilingual;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The caller's language from `Accept-Language`: the best-ranked one Puente speaks, else Spanish. */
export function languageOf(request: Pick<Request, 'headers'>): Language {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header === '') return DEFAULT_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => isLanguage(entry.tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.tag as Language | undefined) ?? DEFAULT_LANGUAGE;
}

export type { Text } from './messages';
