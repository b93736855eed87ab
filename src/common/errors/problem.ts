import { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import { message, translate } from '../i18n/messages';
import { languageOf } from '../i18n/text';
import { CommonErrorCode, DomainError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every error response (RFC 9457) plus Puente's `code` and `errors`. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const BY_STATUS: Record<number, DomainError> = {
  400: new DomainError(CommonErrorCode.MalformedBody, 400, message('common.errors.malformedRequest')),
  401: new DomainError(CommonErrorCode.Unauthenticated, 401, message('common.errors.unauthenticated')),
  403: new DomainError(CommonErrorCode.Forbidden, 403, message('common.errors.forbidden')),
  404: new DomainError(CommonErrorCode.RouteNotFound, 404, message('common.errors.routeNotFound')),
  413: new DomainError(CommonErrorCode.PayloadTooLarge, 413, message('common.errors.payloadTooLarge')),
  415: new DomainError(CommonErrorCode.UnsupportedMediaType, 415, message('common.errors.unsupportedMediaType')),
  429: new DomainError(CommonErrorCode.TooManyRequests, 429, message('common.errors.tooManyRequests')),
};

const INTERNAL = new DomainError(CommonErrorCode.Internal, 500, message('common.errors.internal'));

/**
 * Maps anything thrown to a domain error the caller may see. Errors raised by Nest or Express
 * (unknown route, body parser, upload limits) keep their status but never their message, which
 * may name internals. Anything else is an internal error.
 */
export function toDomainError(error: unknown): { error: DomainError; unexpected: boolean; overload?: string } {
  if (error instanceof DomainError) return { error, unexpected: false };
  const overload = databaseOverload(error);
  if (overload) return { error: DATABASE_BUSY, unexpected: false, overload };
  // Nest wraps what middleware throws (the body parser's hooks); a coded error keeps its code.
  if (error instanceof HttpException && error.cause instanceof DomainError)
    return { error: error.cause, unexpected: false };
  if (isRejectedText(error)) return { error: REJECTED_TEXT, unexpected: false };
  const status = statusOf(error);
  if (status !== undefined && status < 500) {
    return {
      error: BY_STATUS[status] ?? new DomainError(`http_${status}`, status, message('common.errors.notServed')),
      unexpected: false,
    };
  }
  return { error: INTERNAL, unexpected: true };
}

const REJECTED_TEXT = new DomainError(CommonErrorCode.ValidationFailed, 400, message('common.errors.rejectedText'));

/** Seconds a client is asked to wait before trying again when the database cannot serve now. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const DATABASE_BUSY = new DomainError(
  CommonErrorCode.ServiceUnavailable,
  503,
  message('common.errors.serviceBusy'),
  [],
  { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
);

// query_canceled (statement timeout), admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const OVERLOAD_SQLSTATE = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
const OVERLOAD_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * Why the database could not serve a request (no free pooled connection in time, a statement
 * cancelled by its timeout, the server unreachable or restarting), or undefined for any other
 * error. These are the service's capacity, not a bug: the caller may retry.
 */
function databaseOverload(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (OVERLOAD_SQLSTATE.has(code) || OVERLOAD_NETWORK.has(code)))
    return `${code}: ${error.message}`;
  // pg-pool's wait for a free connection, and a connection lost mid-query.
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(error.message)) return error.message;
  return undefined;
}

/**
 * PostgreSQL refuses some text that passes validation, such as a NUL character (22021). That is
 * the caller's input, not a fault of the service.
 */
function isRejectedText(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === '22021' || code === '22P05';
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  // body-parser and similar middleware errors carry an HTTP status of their own.
  if (typeof error === 'object' && error !== null) {
    const { status, statusCode, expose } = error as { status?: unknown; statusCode?: unknown; expose?: unknown };
    const value = typeof status === 'number' ? status : statusCode;
    if (typeof value === 'number' && value >= 400 && value < 600 && expose !== false) return value;
  }
  return undefined;
}

export function problemBody(error: DomainError, request: Request, requestId?: string): ProblemBody {
  const language = languageOf(request);
  const body: ProblemBody = {
    type: `urn:puente:problem:${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: translate(error.detail, language),
    code: error.code,
    instance: request.originalUrl?.split('?')[0],
  };
  if (requestId) body.requestId = requestId;
  if (error.fieldErrors.length > 0) {
    body.errors = error.fieldErrors.map((fieldError) => ({
      field: fieldError.field,
      message: translate(fieldError.message, language),
    }));
  }
  return { ...error.extensions(language), ...body };
}
