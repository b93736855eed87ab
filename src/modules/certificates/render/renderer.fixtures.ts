import { join } from 'node:path';
import type { CertificateData } from './certificate-data';
import { sampleCertificateData } from './sample';

/** The certificate templates shipped with the service. */
export const TEMPLATES = join(__dirname, '..', '..', '..', '..', 'templates', 'certificates');

/** The sample certificate, for a holder whose name carries accents, ñ and ü. */
export const certificate = (overrides: Partial<CertificateData> = {}): CertificateData => ({
  ...sampleCertificateData(),
  holder: { name: 'José Ñúñez Güémez', licence: '87654321' },
  hours: 22.5,
  ...overrides,
});
