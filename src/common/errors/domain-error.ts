import { message, translate, type Text } from '../i18n/messages';
import type { Language } from '../i18n/text';

export interface FieldError {
  field: string;
  message: Text;
}

/**
 * An error the caller can act on. `code` is stable and machine-readable; `detail` is a sentence
 * for people in both user languages. The global filter turns it into application/problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: Text,
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(translate(detail, 'en'));
    this.name = new.target.name;
  }

  /** 404: the thing does not exist or is not visible to the caller. */
  static notFound<T extends typeof DomainError>(this: T, code: string, detail: Text): InstanceType<T> {
    return new this(code, 404, detail) as InstanceType<T>;
  }

  /** 409: the change conflicts with the current state. */
  static conflict<T extends typeof DomainError>(
    this: T,
    code: string,
    detail: Text,
    fields: FieldError[] = [],
  ): InstanceType<T> {
    return new this(code, 409, detail, fields) as InstanceType<T>;
  }

  /** 422: the change breaks a business rule. */
  static rule<T extends typeof DomainError>(
    this: T,
    code: string,
    detail: Text,
    fields: FieldError[] = [],
  ): InstanceType<T> {
    return new this(code, 422, detail, fields) as InstanceType<T>;
  }

  /** Extra members of the problem body (RFC 9457 extensions), in the caller's language. */
  extensions(_language: Language): Record<string, unknown> {
    return {};
  }
}

/** Errors shared by every module. */
export enum CommonErrorCode {
  ValidationFailed = 'validation_failed',
  UnknownFields = 'unknown_fields',
  MalformedBody = 'malformed_body',
  BodyTooDeep = 'body_too_deep',
  InvalidId = 'invalid_id',
  RouteNotFound = 'route_not_found',
  Unauthenticated = 'unauthenticated',
  /** An access token that is malformed, forged or expired. */
  InvalidToken = 'invalid_token',
  /** An access token of a session that was ended (sign-out, password change). */
  SessionEnded = 'session_ended',
  Forbidden = 'forbidden',
  /** A change under the browser session's cookie without the pages' header, or from another site. */
  CrossSiteRefused = 'cross_site_request_refused',
  /** A multipart upload without its file. */
  FileMissing = 'file_missing',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  ServiceUnavailable = 'service_unavailable',
  Internal = 'internal_error',
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: FieldError[], detail: Text = message('common.errors.validationFailed')) {
    super(CommonErrorCode.ValidationFailed, 400, detail, fieldErrors);
  }
}

export class UnknownFieldsError extends DomainError {
  constructor(fields: string[]) {
    super(
      CommonErrorCode.UnknownFields,
      400,
      message('common.errors.unknownFields', { fields: fields.join(', ') }),
      fields.map((field) => ({
        field,
        message: message('common.errors.fieldNotAccepted'),
      })),
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail: Text = message('common.errors.unauthenticated'), code: string = CommonErrorCode.Unauthenticated) {
    super(code, 401, detail, [], { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: Text = message('common.errors.forbidden')) {
    super(CommonErrorCode.Forbidden, 403, detail);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(CommonErrorCode.TooManyRequests, 429, message('common.errors.tooManyAttempts'), [], {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
