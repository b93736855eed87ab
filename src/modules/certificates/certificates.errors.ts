import { defineError } from '../../common/errors/define-error';
import { DomainError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';

export enum CertificatesErrorCode {
  CertificateNotFound = 'certificate_not_found',
  StatusConflict = 'certificate_status_conflict',
  SeminarNotCompleted = 'seminar_not_completed',
  TemplateNotFound = 'certificate_template_not_found',
  NotACertificate = 'not_an_issued_certificate',
  StatusListNotFound = 'status_list_not_found',
  AchievementNotFound = 'achievement_not_found',
}

export class CertificatesError extends DomainError {}

/** Also the answer to a wrong check code: the two are not told apart. */
export const certificateNotFound = defineError(
  CertificatesErrorCode.CertificateNotFound,
  404,
  () => message('certificates.errors.certificateNotFound'),
  CertificatesError,
);

const STATUS_TEXT = {
  revoked: message('certificates.errors.statusText.revoked'),
  superseded: message('certificates.errors.statusText.superseded'),
  valid: message('certificates.errors.statusText.valid'),
};

export const certificateStatusConflict = defineError(
  CertificatesErrorCode.StatusConflict,
  409,
  (status: string) => STATUS_TEXT[status as keyof typeof STATUS_TEXT] ?? STATUS_TEXT.valid,
  CertificatesError,
);

export const seminarNotCompleted = defineError(
  CertificatesErrorCode.SeminarNotCompleted,
  409,
  () => message('certificates.errors.seminarNotCompleted'),
  CertificatesError,
);

export const templateNotFound = defineError(
  CertificatesErrorCode.TemplateNotFound,
  404,
  () => message('certificates.errors.templateNotFound'),
  CertificatesError,
);

export const statusListNotFound = defineError(
  CertificatesErrorCode.StatusListNotFound,
  404,
  () => message('certificates.errors.statusListNotFound'),
  CertificatesError,
);

export const achievementNotFound = defineError(
  CertificatesErrorCode.AchievementNotFound,
  404,
  () => message('certificates.errors.achievementNotFound'),
  CertificatesError,
);
