import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message, type Text } from '../../common/i18n/messages';
import { sameInEveryLanguage } from '../../common/i18n/text';
import type { AnswerProblem, DefinitionProblem } from './forms/form-items';

export enum EvaluationsErrorCode {
  FormNotFound = 'evaluation_form_not_found',
  FormInvalid = 'evaluation_form_invalid',
  FormChanged = 'evaluation_form_changed',
  FormKindMismatch = 'evaluation_form_kind_mismatch',
  NotApplicable = 'evaluation_not_applicable',
  NotOwed = 'evaluation_not_owed',
  NotOpen = 'evaluation_not_open',
  Closed = 'evaluation_closed',
  AnswersInvalid = 'evaluation_answers_invalid',
  ResponseNotFound = 'evaluation_response_not_found',
  OccasionInvalid = 'evaluation_occasion_invalid',
  PeriodInvalid = 'report_period_invalid',
}

export class EvaluationsError extends DomainError {}

export const formNotFound = defineError(
  EvaluationsErrorCode.FormNotFound,
  404,
  () => message('evaluations.errors.formNotFound'),
  EvaluationsError,
);

export const formInvalid = defineError(
  EvaluationsErrorCode.FormInvalid,
  422,
  (problems: DefinitionProblem[]) => ({
    detail: message('evaluations.errors.formInvalid'),
    fields: problems.map((p) => ({ field: p.field, message: sameInEveryLanguage(p.problem) })),
  }),
  EvaluationsError,
);

export const formChanged = defineError(
  EvaluationsErrorCode.FormChanged,
  409,
  (current: number) => message('evaluations.errors.formChanged', { current }),
  EvaluationsError,
);

export const formKindMismatch = defineError(
  EvaluationsErrorCode.FormKindMismatch,
  422,
  (kind: string) => ({
    detail: message('evaluations.errors.formKindMismatch', { kind }),
    fields: [{ field: kind, message: message('evaluations.errors.anotherKindForm') }],
  }),
  EvaluationsError,
);

export const notApplicable = defineError(
  EvaluationsErrorCode.NotApplicable,
  404,
  () => message('evaluations.errors.notApplicable'),
  EvaluationsError,
);

export const notOwed = defineError(
  EvaluationsErrorCode.NotOwed,
  422,
  () => message('evaluations.errors.notOwed'),
  EvaluationsError,
);

export const notOpen = defineError(
  EvaluationsErrorCode.NotOpen,
  422,
  (opensAt: Date) => message('evaluations.errors.notOpen', { opensAt: opensAt.toISOString() }),
  EvaluationsError,
);

export const closed = defineError(
  EvaluationsErrorCode.Closed,
  422,
  (closedAt: Date) => message('evaluations.errors.closed', { closedAt: closedAt.toISOString() }),
  EvaluationsError,
);

const ANSWER_MESSAGES: Record<AnswerProblem['problem'], Text> = {
  required: message('evaluations.errors.answerMessages.required'),
  unknown_item: message('evaluations.errors.answerMessages.unknownItem'),
  out_of_range: message('evaluations.errors.answerMessages.outOfRange'),
  not_an_option: message('evaluations.errors.answerMessages.notAnOption'),
  wrong_type: message('evaluations.errors.answerMessages.wrongType'),
  too_long: message('evaluations.errors.answerMessages.tooLong'),
  facilitators: message('evaluations.errors.answerMessages.facilitators'),
};

export const answersInvalid = defineError(
  EvaluationsErrorCode.AnswersInvalid,
  422,
  (problems: AnswerProblem[]) => ({
    detail: message('evaluations.errors.answersInvalid'),
    fields: problems.map((p): FieldError => ({ field: `answers.${p.itemId}`, message: ANSWER_MESSAGES[p.problem] })),
  }),
  EvaluationsError,
);

export const responseNotFound = defineError(
  EvaluationsErrorCode.ResponseNotFound,
  404,
  () => message('evaluations.errors.responseNotFound'),
  EvaluationsError,
);

export const occasionInvalid = defineError(
  EvaluationsErrorCode.OccasionInvalid,
  400,
  () => ({
    detail: message('evaluations.errors.occasionInvalid'),
    fields: [{ field: 'occasion', message: message('evaluations.errors.unrecognisedValue') }],
  }),
  EvaluationsError,
);

export const periodInvalid = defineError(
  EvaluationsErrorCode.PeriodInvalid,
  422,
  () => ({
    detail: message('evaluations.errors.periodInvalid'),
    fields: [{ field: 'from', message: message('evaluations.errors.afterEndDate') }],
  }),
  EvaluationsError,
);
