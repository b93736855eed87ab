import { useTranslation } from 'react-i18next';
import { LANGUAGES, rememberLanguage } from '../i18n/languages';
import { VerificationPage } from './VerificationPage';

/** The frame of the verification page: Puente's name, the language switch, the page, its foot. */
export function VerifyApp() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <a className="puente-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="v-header">
        <div className="v-container v-bar">
          <a href="/" className="v-brand">
            {t('app.name')}
          </a>
          <div role="group" aria-label={t('app.language')} className="v-languages">
            {LANGUAGES.map((language) => (
              <button
                key={language}
                type="button"
                aria-pressed={i18n.language === language}
                onClick={() => {
                  rememberLanguage(language);
                  void i18n.changeLanguage(language);
                }}
              >
                {t(`app.languages.${language}`)}
              </button>
            ))}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="v-container v-main">
        <VerificationPage />
      </main>
      <footer className="v-container">
        <p className="v-tagline">{t('app.tagline')}</p>
      </footer>
    </>
  );
}
