import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogue, type Catalogue } from './catalogue';
import { initialLanguage, LANGUAGES } from './languages';

/** The pages' i18next, shared by every module; `startI18n` gives it its catalogues. */
export const i18n = i18next.createInstance();

/**
 * Starts i18next with the catalogue files an entry bundles (`import.meta.glob` of
 * `<language>/<area>.json`, each file's keys under its area's name), in the device's language.
 */
export function startI18n(files: Record<string, Catalogue>): void {
  void i18n.use(initReactI18next).init({
    resources: {
      'es-MX': { translation: catalogue(files, 'es-MX') },
      en: { translation: catalogue(files, 'en') },
    },
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
}
