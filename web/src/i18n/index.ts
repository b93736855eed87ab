import type { Catalogue } from './catalogue';
import { i18n, startI18n } from './instance';

export * from './languages';
export { i18n };

// The application's catalogues: one file per area of pages (`es-MX/invitation.json` holds the
// `invitation` keys), in both languages.
startI18n(import.meta.glob<Catalogue>('./*/*.json', { eager: true, import: 'default' }));
