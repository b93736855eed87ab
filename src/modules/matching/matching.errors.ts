import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { Language } from '../../common/i18n/text';
import type { CheckViolation } from './engine/checker';
import { text } from '../../common/i18n/text';

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

export const scopeInvalid = (detail: ReturnType<typeof text>, fields: FieldError[] = []) =>
  MatchingError.rule(MatchingErrorCode.ScopeInvalid, detail, fields);

export const runNotFound = () =>
  MatchingError.notFound(
    MatchingErrorCode.RunNotFound,
    text('No existe esa corrida de asignación.', 'There is no such matching run.'),
  );

export const runNotFinished = () =>
  MatchingError.conflict(
    MatchingErrorCode.RunNotFinished,
    text(
      'La corrida aún no termina; espere a que su estado sea «succeeded».',
      'The run has not finished yet; wait until its status is “succeeded”.',
    ),
  );

export const runFailed = () =>
  MatchingError.conflict(
    MatchingErrorCode.RunFailed,
    text('La corrida falló y no tiene propuestas que publicar.', 'The run failed and has no proposals to publish.'),
  );

export const runAlreadyPublished = () =>
  MatchingError.conflict(
    MatchingErrorCode.RunAlreadyPublished,
    text('Esta corrida ya se publicó.', 'This run has already been published.'),
  );

export const pinNotFound = () =>
  MatchingError.notFound(MatchingErrorCode.PinNotFound, text('No existe esa fijación.', 'There is no such pin.'));

/** Two pins for the same person and seminar saved at the same moment: one wins, the other is told. */
export const pinChanged = () =>
  MatchingError.conflict(
    MatchingErrorCode.PinChanged,
    text(
      'Alguien fijó a esa persona en ese seminario al mismo tiempo; revise las fijaciones e intente de nuevo.',
      'Someone pinned that person to that seminar at the same moment; check the pins and try again.',
    ),
  );

export const pinInvalid = (detail: ReturnType<typeof text>, field: string) =>
  MatchingError.rule(MatchingErrorCode.PinInvalid, detail, [{ field, message: detail }]);

/** Publishing a run whose seminars changed after it read them. Lists the seminars that changed. */
export class RunStaleError extends MatchingError {
  constructor(readonly seminars: { id: string; title: string }[]) {
    super(
      MatchingErrorCode.RunStale,
      409,
      text(
        `Cambiaron ${seminars.length === 1 ? 'el seminario' : 'los seminarios'} ${seminars.map((s) => `«${s.title}»`).join(', ')} después de la corrida; no se publicó nada. Haga una corrida nueva.`,
        `${seminars.length === 1 ? 'The seminar' : 'The seminars'} ${seminars.map((s) => `“${s.title}”`).join(', ')} changed after the run; nothing was published. Start a new run.`,
      ),
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
  constructor(readonly violations: CheckViolation[]) {
    super(
      MatchingErrorCode.RunConflicts,
      409,
      text(
        `Desde la corrida cambió la agenda de algunas personas propuestas (${violations.length} ${violations.length === 1 ? 'regla ya no se cumple' : 'reglas ya no se cumplen'}); no se publicó nada. Haga una corrida nueva.`,
        `The calendars of some people proposed changed since the run (${violations.length} ${violations.length === 1 ? 'rule no longer holds' : 'rules no longer hold'}); nothing was published. Start a new run.`,
      ),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { violations: this.violations.slice(0, 100) };
  }
}
