import type { NextFunction, Request, Response } from 'express';
import { DomainError, CommonErrorCode } from '../errors/domain-error';
import { message } from '../i18n/messages';

const ACCEPTED = /^(application\/json|application\/[a-z.+-]*\+json|multipart\/form-data)\b/i;

/** Requests that carry a body must say it is JSON (or a multipart upload); anything else is a 415. */
export function requireKnownContentType(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody || ACCEPTED.test(request.headers['content-type'] ?? '')) return next();
  next(
    new DomainError(
      CommonErrorCode.UnsupportedMediaType,
      415,
      message('common.contentTypeMiddleware.sendContentAsApplication'),
    ),
  );
}
