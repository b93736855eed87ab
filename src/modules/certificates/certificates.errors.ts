import { DomainError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';

export enum CertificatesErrorCode {
  CertificateNotFound = 'certificate_not_found',
  StatusConflict = 'certificate_status_conflict',
  SeminarNotCompleted = 'seminar_not_completed',
  TemplateNotFound = 'certificate_template_not_found',
  NotACertificate = 'not_an_issued_certificate',
}

export class CertificatesError extends DomainError {}

/** Also the answer to a wrong check code: the two are not told apart. */
export const certificateNotFound = () =>
  CertificatesError.notFound(
    CertificatesErrorCode.CertificateNotFound,
    text('No hay un certificado con ese número y código.', 'There is no certificate with that number and code.'),
  );

const STATUS_TEXT = {
  revoked: text('El certificado está revocado.', 'The certificate is revoked.'),
  superseded: text(
    'El certificado fue sustituido por una revisión posterior.',
    'The certificate was superseded by a later revision.',
  ),
  valid: text('El certificado está vigente.', 'The certificate is valid.'),
};

export const certificateStatusConflict = (status: string) =>
  CertificatesError.conflict(
    CertificatesErrorCode.StatusConflict,
    STATUS_TEXT[status as keyof typeof STATUS_TEXT] ?? STATUS_TEXT.valid,
  );

export const seminarNotCompleted = () =>
  CertificatesError.conflict(
    CertificatesErrorCode.SeminarNotCompleted,
    text(
      'Los certificados se emiten cuando el seminario está concluido.',
      'Certificates are issued once the seminar is completed.',
    ),
  );

export const templateNotFound = () =>
  CertificatesError.notFound(
    CertificatesErrorCode.TemplateNotFound,
    text('No existe esa plantilla de certificado.', 'There is no such certificate template.'),
  );
