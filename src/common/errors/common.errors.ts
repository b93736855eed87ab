import { message, type Text } from '../i18n/messages';
import { defineError, type ProblemType } from './define-error';
import { CommonErrorCode } from './domain-error';

/**
 * The errors every module may answer, for `@ApiProblems`: raised by the guards, the validation
 * pipe, the body parser and the global filter rather than by a module's rules.
 */
export const CommonProblems = {
  validationFailed: { code: CommonErrorCode.ValidationFailed, status: 400 },
  unknownFields: { code: CommonErrorCode.UnknownFields, status: 400 },
  malformedBody: { code: CommonErrorCode.MalformedBody, status: 400 },
  bodyTooDeep: { code: CommonErrorCode.BodyTooDeep, status: 400 },
  invalidId: { code: CommonErrorCode.InvalidId, status: 400 },
  unauthenticated: { code: CommonErrorCode.Unauthenticated, status: 401 },
  invalidToken: { code: CommonErrorCode.InvalidToken, status: 401 },
  sessionEnded: { code: CommonErrorCode.SessionEnded, status: 401 },
  forbidden: { code: CommonErrorCode.Forbidden, status: 403 },
  crossSiteRefused: { code: CommonErrorCode.CrossSiteRefused, status: 403 },
  routeNotFound: { code: CommonErrorCode.RouteNotFound, status: 404 },
  payloadTooLarge: { code: CommonErrorCode.PayloadTooLarge, status: 413 },
  unsupportedMediaType: { code: CommonErrorCode.UnsupportedMediaType, status: 415 },
  tooManyRequests: { code: CommonErrorCode.TooManyRequests, status: 429 },
  internal: { code: CommonErrorCode.Internal, status: 500 },
  serviceUnavailable: { code: CommonErrorCode.ServiceUnavailable, status: 503 },
} as const satisfies Record<string, ProblemType>;

/** What the access guard answers a request without a valid session. */
export const SIGNED_OUT_PROBLEMS: ProblemType[] = [
  CommonProblems.unauthenticated,
  CommonProblems.invalidToken,
  CommonProblems.sessionEnded,
];

/** What any request can meet before a route's own rules run, whatever its handler declares. */
export const EVERY_OPERATION_PROBLEMS: ProblemType[] = [
  CommonProblems.validationFailed,
  CommonProblems.unknownFields,
  CommonProblems.malformedBody,
  CommonProblems.bodyTooDeep,
  CommonProblems.invalidId,
  CommonProblems.payloadTooLarge,
  CommonProblems.unsupportedMediaType,
  CommonProblems.internal,
  CommonProblems.serviceUnavailable,
];

/** An upload sent without its file: one code and one status wherever a file is sent. */
export const fileMissing = defineError(
  CommonErrorCode.FileMissing,
  400,
  (detail: Text = message('common.errors.fileMissing')) => ({
    detail,
    fields: [{ field: 'file', message: message('common.errors.fileMissingField') }],
  }),
);
