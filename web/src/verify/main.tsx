import './verify.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Catalogue } from '../i18n/catalogue';
import { i18n, startI18n } from '../i18n/instance';
import { VerifyApp } from './VerifyApp';

// The public verification page is an entry of its own: what a committee member's phone downloads
// after scanning a certificate's QR code is React, i18next and this page, with only its catalogues.
startI18n(
  import.meta.glob<Catalogue>(['../i18n/*/app.json', '../i18n/*/errors.json', '../i18n/*/verify.json'], {
    eager: true,
    import: 'default',
  }),
);
document.documentElement.lang = i18n.language;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <VerifyApp />
    </I18nextProvider>
  </StrictMode>,
);
