import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';

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
  AnswerLinkInvalid = 'answer_link_invalid',
}

export class EnrolmentError extends DomainError {}

export const enrolmentNotFound = defineError(
  EnrolmentErrorCode.EnrolmentNotFound,
  404,
  () => message('enrolment.errors.enrolmentNotFound'),
  EnrolmentError,
);

export const enrolmentFrozen = defineError(
  EnrolmentErrorCode.EnrolmentFrozen,
  409,
  () => message('enrolment.errors.enrolmentFrozen'),
  EnrolmentError,
);

export const seminarNotOpenForEnrolment = defineError(
  EnrolmentErrorCode.SeminarNotOpenForEnrolment,
  409,
  () => message('enrolment.errors.seminarNotOpenForEnrolment'),
  EnrolmentError,
);

export const selfRequestsNotAllowed = defineError(
  EnrolmentErrorCode.SelfRequestsNotAllowed,
  422,
  () => message('enrolment.errors.selfRequestsNotAllowed'),
  EnrolmentError,
);

export const notAnAttendee = defineError(
  EnrolmentErrorCode.NotAnAttendee,
  422,
  (fields: FieldError[]) => ({ detail: message('enrolment.errors.notAnAttendee'), fields }),
  EnrolmentError,
);

export const alreadyEnrolled = defineError(
  EnrolmentErrorCode.AlreadyEnrolled,
  409,
  (fields: FieldError[] = []) => ({ detail: message('enrolment.errors.alreadyEnrolled'), fields }),
  EnrolmentError,
);

export const facilitatesSeminar = defineError(
  EnrolmentErrorCode.FacilitatesSeminar,
  409,
  (fields: FieldError[]) => ({ detail: message('enrolment.errors.facilitatesSeminar'), fields }),
  EnrolmentError,
);

export const topicAlreadyTaken = defineError(
  EnrolmentErrorCode.TopicAlreadyTaken,
  409,
  (fields: FieldError[] = []) => ({ detail: message('enrolment.errors.topicAlreadyTaken'), fields }),
  EnrolmentError,
);

export const invitationClosed = defineError(
  EnrolmentErrorCode.InvitationClosed,
  409,
  () => message('enrolment.errors.invitationClosed'),
  EnrolmentError,
);

export const invitationLapsed = defineError(
  EnrolmentErrorCode.InvitationLapsed,
  409,
  () => message('enrolment.errors.invitationLapsed'),
  EnrolmentError,
);

export const seatAlreadyAccepted = defineError(
  EnrolmentErrorCode.SeatAlreadyAccepted,
  409,
  () => message('enrolment.errors.seatAlreadyAccepted'),
  EnrolmentError,
);

export const notYetAccepted = defineError(
  EnrolmentErrorCode.NotYetAccepted,
  409,
  () => message('enrolment.errors.notYetAccepted'),
  EnrolmentError,
);

export const withdrawalReasonRequired = defineError(
  EnrolmentErrorCode.WithdrawalReasonRequired,
  422,
  () => ({
    detail: message('enrolment.errors.withdrawalReasonRequired'),
    fields: [{ field: 'reason', message: message('enrolment.errors.reasonRequired') }],
  }),
  EnrolmentError,
);

export const releaseNotFound = defineError(
  EnrolmentErrorCode.ReleaseNotFound,
  404,
  () => message('enrolment.errors.releaseNotFound'),
  EnrolmentError,
);

export const releaseAlreadyDecided = defineError(
  EnrolmentErrorCode.ReleaseAlreadyDecided,
  409,
  () => message('enrolment.errors.releaseAlreadyDecided'),
  EnrolmentError,
);

export const answerLinkInvalid = defineError(
  EnrolmentErrorCode.AnswerLinkInvalid,
  403,
  () => message('enrolment.errors.answerLinkInvalid'),
  EnrolmentError,
);
