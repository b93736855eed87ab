import { DomainError } from '../../../common/errors/domain-error';
import { message } from '../../../common/i18n/messages';

export enum CertificateRenderErrorCode {
  TemplateNotFound = 'certificate_template_not_found',
  TemplateInvalid = 'certificate_template_invalid',
}

/**
 * A template the renderer does not have (404), or a template folder that breaks the rules (a layout
 * or text the renderer refuses at load: a configuration error, 500).
 */
export class CertificateRenderError extends DomainError {
  static templateNotFound(name: string): CertificateRenderError {
    return CertificateRenderError.notFound(
      CertificateRenderErrorCode.TemplateNotFound,
      message('certificates.errors.thereNoCertificateTemplate', { name }),
    );
  }

  static templateInvalid(where: string, problem: string): CertificateRenderError {
    return new CertificateRenderError(
      CertificateRenderErrorCode.TemplateInvalid,
      500,
      message('certificates.errors.templateInvalid', { where, problem }),
    );
  }
}
