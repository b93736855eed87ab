import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';

export enum EnrolmentErrorCode {
  EnrolmentNotFound = 'enrolment_not_found',
  EnrolmentFrozen = 'enrolment_frozen',
  SeminarNotOpenForEnrolment = 'seminar_not_open_for_enrolment',
  SelfRequestsNotAllowed = 'self_requests_not_allowed',
  NotAnAttendee = 'not_an_attendee',
  AlreadyEnrolled = 'already_enrolled',
  FacilitatesSeminar = 'facilitates_seminar',
  TopicAlreadyTaken = 'topic_already_taken',
  InvitationClosed = 'invitation_closed',
  InvitationLapsed = 'invitation_lapsed',
  SeatAlreadyAccepted = 'seat_already_accepted',
  NotYetAccepted = 'not_yet_accepted',
  WithdrawalReasonRequired = 'withdrawal_reason_required',
  ReleaseNotFound = 'release_request_not_found',
  ReleaseAlreadyDecided = 'release_already_decided',
}

export class EnrolmentError extends DomainError {}

export const enrolmentNotFound = () =>
  EnrolmentError.notFound(
    EnrolmentErrorCode.EnrolmentNotFound,
    text('No existe esa inscripción.', 'There is no such enrolment.'),
  );

export const enrolmentFrozen = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.EnrolmentFrozen,
    text(
      'El seminario ya comenzó, terminó o se canceló: las inscripciones ya no cambian.',
      'The seminar has started, ended or been cancelled: enrolments no longer change.',
    ),
  );

export const seminarNotOpenForEnrolment = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.SeminarNotOpenForEnrolment,
    text(
      'Solo se puede pedir lugar en un seminario con inscripción abierta.',
      'Places can only be asked for in a seminar open for enrolment.',
    ),
  );

export const selfRequestsNotAllowed = () =>
  EnrolmentError.rule(
    EnrolmentErrorCode.SelfRequestsNotAllowed,
    text(
      'Este tema no admite solicitudes de lugar; la Oficina de Enseñanza invita a los asistentes.',
      'This topic does not take requests for a place; the training office invites attendees.',
    ),
  );

export const notAnAttendee = (fields: FieldError[]) =>
  EnrolmentError.rule(
    EnrolmentErrorCode.NotAnAttendee,
    text(
      'Solo se inscribe a personas activas con el rol de asistente.',
      'Only active people with the attendee role can be enrolled.',
    ),
    fields,
  );

export const alreadyEnrolled = (fields: FieldError[] = []) =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.AlreadyEnrolled,
    text(
      'Esa persona ya está invitada, inscrita o en lista de espera en este seminario.',
      'That person is already invited, enrolled or waiting in this seminar.',
    ),
    fields,
  );

export const facilitatesSeminar = (fields: FieldError[]) =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.FacilitatesSeminar,
    text('Quien facilita un seminario no puede asistir a él.', 'A facilitator of a seminar cannot attend it.'),
    fields,
  );

export const topicAlreadyTaken = (fields: FieldError[] = []) =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.TopicAlreadyTaken,
    text('Esa persona ya tiene otro seminario de este tema.', 'That person already has another seminar of this topic.'),
    fields,
  );

export const invitationClosed = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.InvitationClosed,
    text(
      'Esta invitación ya se rechazó o se retiró; pida una nueva a la Oficina de Enseñanza.',
      'This invitation was declined or withdrawn; ask the training office for a new one.',
    ),
  );

export const invitationLapsed = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.InvitationLapsed,
    text('El plazo para responder esta invitación venció.', 'The deadline to answer this invitation has passed.'),
  );

export const seatAlreadyAccepted = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.SeatAlreadyAccepted,
    text(
      'Ya aceptó este lugar; si no puede asistir, retírese del seminario.',
      'You have already accepted this place; if you cannot attend, withdraw from the seminar.',
    ),
  );

export const notYetAccepted = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.NotYetAccepted,
    text(
      'Aún no acepta esta invitación; si no puede asistir, recházela.',
      'You have not accepted this invitation yet; if you cannot attend, decline it.',
    ),
  );

export const withdrawalReasonRequired = () =>
  EnrolmentError.rule(
    EnrolmentErrorCode.WithdrawalReasonRequired,
    text(
      'El seminario ya está confirmado: indique el motivo por el que se retira.',
      'The seminar is already confirmed: give the reason you are withdrawing.',
    ),
    [{ field: 'reason', message: text('Se requiere un motivo.', 'A reason is required.') }],
  );

export const releaseNotFound = () =>
  EnrolmentError.notFound(
    EnrolmentErrorCode.ReleaseNotFound,
    text('No existe esa solicitud de liberación.', 'There is no such release request.'),
  );

export const releaseAlreadyDecided = () =>
  EnrolmentError.conflict(
    EnrolmentErrorCode.ReleaseAlreadyDecided,
    text(
      'Esta solicitud ya se resolvió en otro sentido o se canceló.',
      'This request has already been decided otherwise, or was cancelled.',
    ),
  );
