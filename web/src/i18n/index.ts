import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogue, type Catalogue } from './catalogue';

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

export const i18n = i18next.createInstance();

// One file per area of pages (`es-MX/invitation.json` holds the `invitation` keys), merged into
// one catalogue per language.
const files = import.meta.glob<Catalogue>('./*/*.json', { eager: true, import: 'default' });
const esMX = catalogue(files, 'es-MX');
const en = catalogue(files, 'en');

void i18n.use(initReactI18next).init({
  resources: { 'es-MX': { translation: esMX }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
