import { type CertificateLocale } from './certificate-data';
import { type Layout, type TableLayout } from './layout-types';

/** The variables certificate texts may use (documented in templates/certificates/README.md). */
export const CERTIFICATE_VARIABLES = [
  'kind',
  'holderName',
  'licence',
  'registryNumber',
  'revision',
  'reissued',
  'checkCode',
  'verificationUrl',
  'topic',
  'seminarTitle',
  'dates',
  'startDate',
  'endDate',
  'place',
  'hours',
  'issuedOn',
  'issuer',
] as const;

export const TRANSCRIPT_VARIABLES = [
  'holderName',
  'licence',
  'issuer',
  'generatedOn',
  'year',
  'hours',
  'count',
  'page',
  'pages',
] as const;

export const REGISTRY_BOOK_VARIABLES = ['year', 'issuer', 'generatedOn', 'count', 'page', 'pages'] as const;

export const VARIABLES: Record<Layout['kind'], ReadonlySet<string>> = {
  certificate: new Set(CERTIFICATE_VARIABLES),
  transcript: new Set(TRANSCRIPT_VARIABLES),
  'registry-book': new Set(REGISTRY_BOOK_VARIABLES),
};

const STATUS_TEXTS = ['statuses.valid', 'statuses.revoked', 'statuses.superseded'];

/** Texts the renderer itself uses, besides those the layout names. */
export const REQUIRED_TEXTS: Record<Layout['kind'], string[]> = {
  certificate: ['documentTitle', 'documentSubject'],
  transcript: [
    'title',
    'holderLine',
    'issuerLine',
    'yearHeading',
    'yearTotal',
    'grandTotal',
    'empty',
    'footer',
    'kinds.attendance',
    'kinds.facilitation',
    ...STATUS_TEXTS,
  ],
  'registry-book': ['title', 'issuerLine', 'empty', 'footer', ...STATUS_TEXTS],
};

export const COLUMNS: Record<TableLayout['kind'], readonly string[]> = {
  transcript: ['registryNumber', 'endDate', 'seminarTitle', 'topic', 'kind', 'hours', 'status'],
  'registry-book': ['registryNumber', 'revision', 'holder', 'licence', 'seminarTitle', 'hours', 'issuedOn', 'status'],
};

export const LANG: Record<CertificateLocale, string> = { es: 'es-MX', en: 'en' };
