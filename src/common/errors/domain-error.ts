import type { Language, Text } from '../i18n/text';
import { text } from '../i18n/text';

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
    super(detail.en);
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
  Forbidden = 'forbidden',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  ServiceUnavailable = 'service_unavailable',
  Internal = 'internal_error',
}

export class ValidationError extends DomainError {
  constructor(
    fieldErrors: FieldError[],
    detail = text('Algunos campos no son válidos.', 'Some fields are not valid.'),
  ) {
    super(CommonErrorCode.ValidationFailed, 400, detail, fieldErrors);
  }
}

export class UnknownFieldsError extends DomainError {
  constructor(fields: string[]) {
    super(
      CommonErrorCode.UnknownFields,
      400,
      text(`Campos no reconocidos: ${fields.join(', ')}.`, `Unknown fields: ${fields.join(', ')}.`),
      fields.map((field) => ({
        field,
        message: text('Este campo no se acepta aquí.', 'This field is not accepted here.'),
      })),
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(
    detail = text('Inicie sesión para continuar.', 'Sign in to continue.'),
    code: string = CommonErrorCode.Unauthenticated,
  ) {
    super(code, 401, detail, [], { 'WWW-Authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = text('Su rol no permite esta acción.', 'Your role does not allow this action.')) {
    super(CommonErrorCode.Forbidden, 403, detail);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      CommonErrorCode.TooManyRequests,
      429,
      text(
        'Demasiados intentos. Espere unos minutos e intente de nuevo.',
        'Too many attempts. Wait a few minutes and try again.',
      ),
      [],
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
