import { defineError } from '../../../common/errors/define-error';
import { DomainError } from '../../../common/errors/domain-error';
import { message } from '../../../common/i18n/messages';

export enum CertificateRenderErrorCode {
  TemplateNotFound = 'certificate_template_not_found',
  TemplateInvalid = 'certificate_template_invalid',
}

export class CertificateRenderError extends DomainError {}

/** A template the renderer does not have. */
export const templateNotFound = defineError(
  CertificateRenderErrorCode.TemplateNotFound,
  404,
  (name: string) => message('certificates.errors.thereNoCertificateTemplate', { name }),
  CertificateRenderError,
);

/** A template folder that breaks the rules: a layout or text the renderer refuses at load (a configuration error). */
export const templateInvalid = defineError(
  CertificateRenderErrorCode.TemplateInvalid,
  500,
  (where: string, problem: string) => message('certificates.errors.templateInvalid', { where, problem }),
  CertificateRenderError,
);
