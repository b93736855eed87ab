import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';
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

export const formNotFound = () =>
  EvaluationsError.notFound(
    EvaluationsErrorCode.FormNotFound,
    text('No existe ese formulario de evaluación.', 'There is no such evaluation form.'),
  );

export const formInvalid = (problems: DefinitionProblem[]) =>
  EvaluationsError.rule(
    EvaluationsErrorCode.FormInvalid,
    text(
      'El formulario no es válido; revise las preguntas señaladas.',
      'The form is not valid; check the questions marked.',
    ),
    problems.map((p) => ({ field: p.field, message: text(p.problem, p.problem) })),
  );

export const formChanged = (current: number) =>
  EvaluationsError.conflict(
    EvaluationsErrorCode.FormChanged,
    text(
      `El formulario cambió mientras tanto; la versión vigente es la ${current}. Vuelva a cargarlo.`,
      `The form changed meanwhile; the current version is ${current}. Load it again.`,
    ),
  );

export const formKindMismatch = (kind: string) =>
  EvaluationsError.rule(
    EvaluationsErrorCode.FormKindMismatch,
    text(`Ese formulario no es del tipo ${kind}.`, `That form is not a ${kind} form.`),
    [{ field: kind, message: text('Otro tipo de formulario.', 'Another kind of form.') }],
  );

export const notApplicable = () =>
  EvaluationsError.notFound(
    EvaluationsErrorCode.NotApplicable,
    text('Este seminario no pide esa evaluación.', 'This seminar does not ask for that evaluation.'),
  );

export const notOwed = () =>
  EvaluationsError.rule(
    EvaluationsErrorCode.NotOwed,
    text(
      'Ese día no consta su asistencia; no hay evaluación que responder.',
      'You were not present that day; there is no evaluation to answer.',
    ),
  );

export const notOpen = (opensAt: Date) =>
  EvaluationsError.rule(
    EvaluationsErrorCode.NotOpen,
    text(`Esta evaluación se abre el ${opensAt.toISOString()}.`, `This evaluation opens at ${opensAt.toISOString()}.`),
  );

export const closed = (closedAt: Date) =>
  EvaluationsError.rule(
    EvaluationsErrorCode.Closed,
    text(
      `El plazo para responder esta evaluación terminó el ${closedAt.toISOString()}.`,
      `The time to answer this evaluation ended at ${closedAt.toISOString()}.`,
    ),
  );

const ANSWER_MESSAGES: Record<AnswerProblem['problem'], ReturnType<typeof text>> = {
  required: text('Esta pregunta es obligatoria.', 'This question is required.'),
  unknown_item: text('El formulario no tiene esta pregunta.', 'The form has no such question.'),
  out_of_range: text('Valor fuera del rango permitido.', 'Value outside the allowed range.'),
  not_an_option: text('No es una de las opciones.', 'Not one of the options.'),
  wrong_type: text('Tipo de respuesta incorrecto.', 'Wrong kind of answer.'),
  too_long: text('Respuesta demasiado larga.', 'Answer too long.'),
  facilitators: text(
    'Califique a cada facilitador de este seminario, y solo a ellos.',
    "Rate each of this seminar's facilitators, and only them.",
  ),
};

export const answersInvalid = (problems: AnswerProblem[]) =>
  EvaluationsError.rule(
    EvaluationsErrorCode.AnswersInvalid,
    text('Algunas respuestas no son válidas.', 'Some answers are not valid.'),
    problems.map((p): FieldError => ({ field: `answers.${p.itemId}`, message: ANSWER_MESSAGES[p.problem] })),
  );

export const responseNotFound = () =>
  EvaluationsError.notFound(
    EvaluationsErrorCode.ResponseNotFound,
    text('Aún no ha respondido esta evaluación.', 'You have not answered this evaluation yet.'),
  );

export const occasionInvalid = () =>
  new EvaluationsError(
    EvaluationsErrorCode.OccasionInvalid,
    400,
    text(
      'La evaluación es pre-test, post-test, final o una fecha AAAA-MM-DD.',
      'The evaluation is pre-test, post-test, final or a date YYYY-MM-DD.',
    ),
    [{ field: 'occasion', message: text('Valor no reconocido.', 'Unrecognised value.') }],
  );

export const periodInvalid = () =>
  EvaluationsError.rule(
    EvaluationsErrorCode.PeriodInvalid,
    text('La fecha inicial es posterior a la final.', 'The start date is after the end date.'),
    [{ field: 'from', message: text('Posterior a la fecha final.', 'After the end date.') }],
  );
