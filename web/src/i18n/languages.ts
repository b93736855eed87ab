export const LANGUAGES = ['es-MX', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'puente.language';

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this device, else Spanish (the service's default). */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'es-MX';
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

/** The language the API is asked for (its messages and problem details): `es` or `en`. */
export function apiLanguage(language: string): 'es' | 'en' {
  return language.startsWith('en') ? 'en' : 'es';
}
