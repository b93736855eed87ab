import type { Text } from '../i18n/messages';
import { DomainError, type FieldError } from './domain-error';

/** The statuses a coded error may carry. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** What the OpenAPI document needs to know of an error: its code and its status. */
export interface ProblemType {
  readonly code: string;
  readonly status: ProblemStatus;
}

export interface ErrorDetails {
  detail: Text;
  fields?: FieldError[];
  headers?: Record<string, string>;
}

type ErrorClass<E extends DomainError> = new (
  code: string,
  status: number,
  detail: Text,
  fields?: FieldError[],
  headers?: Record<string, string>,
) => E;

/** A member of a module's error catalogue: call it to make the error, read it to document it. */
export type ErrorType<A extends unknown[], E extends DomainError = DomainError> = ProblemType & ((...args: A) => E);

/**
 * Declares one error of a module's catalogue (`<module>.errors.ts`): its stable code, its status
 * and the sentence it tells people. `@ApiProblems` takes the member, so the OpenAPI document lists
 * exactly the codes a handler can raise.
 */
export function defineError<A extends unknown[], E extends DomainError = DomainError>(
  code: string,
  status: ProblemStatus,
  describe: (...args: A) => Text | ErrorDetails,
  errorClass?: ErrorClass<E>,
): ErrorType<A, E> {
  const Class = (errorClass ?? DomainError) as ErrorClass<E>;
  const create = (...args: A): E => {
    const described = describe(...args);
    const { detail, fields, headers } = 'detail' in described ? described : { detail: described };
    return new Class(code, status, detail as Text, fields ?? [], headers ?? {});
  };
  return Object.assign(create, { code, status });
}
