import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { Language } from '../../common/i18n/text';
import type { CheckViolation } from './engine/checker';
import { listParam, message, type Text } from '../../common/i18n/messages';

export enum MatchingErrorCode {
  ScopeInvalid = 'matching_scope_invalid',
  RunNotFound = 'matching_run_not_found',
  RunNotFinished = 'matching_run_not_finished',
  RunFailed = 'matching_run_failed',
  RunAlreadyPublished = 'matching_run_already_published',
  RunStale = 'matching_run_stale',
  RunConflicts = 'matching_run_conflicts',
  PinInvalid = 'matching_pin_invalid',
  PinNotFound = 'matching_pin_not_found',
  PinChanged = 'matching_pin_changed',
}

export class MatchingError extends DomainError {}

export const scopeInvalid = defineError(
  MatchingErrorCode.ScopeInvalid,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail: detail, fields }),
  MatchingError,
);

export const runNotFound = defineError(
  MatchingErrorCode.RunNotFound,
  404,
  () => message('matching.errors.runNotFound'),
  MatchingError,
);

export const runNotFinished = defineError(
  MatchingErrorCode.RunNotFinished,
  409,
  () => message('matching.errors.runNotFinished'),
  MatchingError,
);

export const runFailed = defineError(
  MatchingErrorCode.RunFailed,
  409,
  () => message('matching.errors.runFailed'),
  MatchingError,
);

export const runAlreadyPublished = defineError(
  MatchingErrorCode.RunAlreadyPublished,
  409,
  () => message('matching.errors.runAlreadyPublished'),
  MatchingError,
);

export const pinNotFound = defineError(
  MatchingErrorCode.PinNotFound,
  404,
  () => message('matching.errors.pinNotFound'),
  MatchingError,
);

/** Two pins for the same person and seminar saved at the same moment: one wins, the other is told. */
export const pinChanged = defineError(
  MatchingErrorCode.PinChanged,
  409,
  () => message('matching.errors.pinChanged'),
  MatchingError,
);

export const pinInvalid = defineError(
  MatchingErrorCode.PinInvalid,
  422,
  (detail: Text, field: string) => ({ detail: detail, fields: [{ field, message: detail }] }),
  MatchingError,
);

/** Publishing a run whose seminars changed after it read them. Lists the seminars that changed. */
export class RunStaleError extends MatchingError {
  static readonly code = MatchingErrorCode.RunStale;
  static readonly status = 409;

  constructor(readonly seminars: { id: string; title: string }[]) {
    super(
      MatchingErrorCode.RunStale,
      409,
      message('matching.errors.runStale', {
        count: seminars.length,
        titles: listParam(seminars.map((s) => message('matching.errors.quotedTitle', { title: s.title }))),
      }),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { changedSeminarIds: this.seminars.map((s) => s.id) };
  }
}

/**
 * Publishing a run whose answer no longer meets the rules: people's calendars outside the run
 * changed since (another run published, a seminar planned, someone became unavailable or left).
 */
export class RunConflictsError extends MatchingError {
  static readonly code = MatchingErrorCode.RunConflicts;
  static readonly status = 409;

  constructor(readonly violations: CheckViolation[]) {
    super(MatchingErrorCode.RunConflicts, 409, message('matching.errors.runConflicts', { count: violations.length }));
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { violations: this.violations.slice(0, 100) };
  }
}
