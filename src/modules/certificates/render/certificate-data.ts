/** The locales certificates, transcripts and registry books are printed in; Spanish (es-MX) is the default. */
export type CertificateLocale = 'es' | 'en';

export const CERTIFICATE_LOCALES: readonly CertificateLocale[] = ['es', 'en'];

/** Everything printed on one certificate: frozen at issue, so that a reprint gives the same document. */
export interface CertificateData {
  kind: 'attendance' | 'facilitation';
  /** e.g. 'PUENTE-2031-000042'. */
  registryNumber: string;
  /** 1, 2…; "Revisión 2" is printed only when greater than 1. */
  revision: number;
  /** Short check code printed under the QR, e.g. 'K7Q-M2P'. */
  checkCode: string;
  /** What the QR encodes: the public verification page of this certificate. */
  verificationUrl: string;
  /** `licence` is the professional licence number (cédula profesional), when the person has one. */
  holder: { name: string; licence: string | null };
  topic: string;
  seminarTitle: string;
  /** 'YYYY-MM-DD'; printed per locale ('17 al 19 de marzo de 2031'). */
  startDate: string;
  endDate: string;
  /** Venue name and city; may be ''. */
  place: string;
  /** Credit hours, possibly fractional (22.5). */
  hours: number;
  /** 'YYYY-MM-DD'; also the PDF's creation date, so that the same data gives the same bytes. */
  issuedOn: string;
  /** e.g. 'Oficina de Formación, Secretaría de Salud'. */
  issuer: string;
  /** One to three. */
  signatories: CertificateSignatory[];
}

export interface CertificateSignatory {
  name: string;
  role: string;
}

/** As stored: only `valid` certificates count; the others are printed with their status. */
export type CertificateStatus = 'valid' | 'revoked' | 'superseded';

/** A person's certificates and credit hours grouped by year, for a promotion file. */
export interface TranscriptData {
  holder: { name: string; licence: string | null };
  /** 'YYYY-MM-DD'; also the PDF's creation date. */
  generatedOn: string;
  /** e.g. the training office; printed in the heading. */
  issuer: string;
  /** Printed grouped by year, in the order given within a year. */
  rows: TranscriptRow[];
  /**
   * Credit hours per year as the caller counts them; when left out, the hours of the year's `valid`
   * rows.
   */
  totals?: { year: number; hours: number }[];
}

export interface TranscriptRow {
  year: number;
  registryNumber: string;
  /** Printed after the registry number when > 1. */
  revision?: number;
  topic: string;
  seminarTitle: string;
  /** 'YYYY-MM-DD'; not printed (the end date dates the row). */
  startDate?: string;
  /** 'YYYY-MM-DD'. */
  endDate: string;
  hours: number;
  kind: CertificateData['kind'];
  status: CertificateStatus;
}

/** Every registry number of one year, for the office's registry book. */
export interface RegistryBookData {
  year: number;
  /** 'YYYY-MM-DD'; also the PDF's creation date. */
  generatedOn: string;
  issuer: string;
  rows: RegistryBookRow[];
}

export interface RegistryBookRow {
  registryNumber: string;
  revision: number;
  holder: string;
  licence: string | null;
  seminarTitle: string;
  hours: number;
  /** 'YYYY-MM-DD'. */
  issuedOn: string;
  status: CertificateStatus;
}

export { sampleCertificateData, sampleRegistryBookData, sampleTranscriptData } from './sample';
