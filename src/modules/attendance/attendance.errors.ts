import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { type Language } from '../../common/i18n/text';

export enum AttendanceErrorCode {
  AttendanceNotOpen = 'attendance_not_open',
  DayInFuture = 'attendance_day_in_future',
  AfterDayOfficeOnly = 'attendance_after_day_office_only',
  ReasonRequired = 'attendance_reason_required',
  RecordsInvalid = 'attendance_records_invalid',
  NotConfirmed = 'attendance_not_confirmed',
  CodeInvalid = 'check_in_code_invalid',
  CodeExpired = 'check_in_code_expired',
  CodeOtherSeminar = 'check_in_code_other_seminar',
  CodeReused = 'check_in_code_reused',
  CheckInNotConfirmed = 'check_in_not_confirmed',
  CheckInClosed = 'check_in_closed',
  AlreadyCheckedIn = 'already_checked_in',
}

export class AttendanceError extends DomainError {}

export const attendanceNotOpen = defineError(
  AttendanceErrorCode.AttendanceNotOpen,
  409,
  () => message('attendance.errors.attendanceNotOpen'),
  AttendanceError,
);

export const dayInFuture = defineError(
  AttendanceErrorCode.DayInFuture,
  422,
  () => message('attendance.errors.dayInFuture'),
  AttendanceError,
);

export const afterDayOfficeOnly = defineError(
  AttendanceErrorCode.AfterDayOfficeOnly,
  403,
  () => message('attendance.errors.afterDayOfficeOnly'),
  AttendanceError,
);

export const reasonRequired = defineError(
  AttendanceErrorCode.ReasonRequired,
  422,
  () => ({
    detail: message('attendance.errors.reasonRequired'),
    fields: [{ field: 'reason', message: message('attendance.errors.requiredAfterDay') }],
  }),
  AttendanceError,
);

export const recordsInvalid = defineError(
  AttendanceErrorCode.RecordsInvalid,
  422,
  (fields: FieldError[]) => ({ detail: message('attendance.errors.recordsInvalid'), fields }),
  AttendanceError,
);

/** Roster records for people who do not hold a confirmed seat in the seminar; nothing was saved. */
export class NotConfirmedError extends AttendanceError {
  static readonly code = AttendanceErrorCode.NotConfirmed;
  static readonly status = 422;

  constructor(readonly personIds: string[]) {
    super(
      AttendanceErrorCode.NotConfirmed,
      422,
      message('attendance.errors.thesePeopleDoNot', { personIds: personIds.join(', ') }),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { personIds: this.personIds };
  }
}

export const codeInvalid = defineError(
  AttendanceErrorCode.CodeInvalid,
  422,
  () => ({
    detail: message('attendance.errors.codeInvalid'),
    fields: [{ field: 'code', message: message('attendance.errors.matchesNoSeminarToday') }],
  }),
  AttendanceError,
);

export const codeExpired = defineError(
  AttendanceErrorCode.CodeExpired,
  422,
  () => ({
    detail: message('attendance.errors.codeExpired'),
    fields: [{ field: 'code', message: message('attendance.errors.expired') }],
  }),
  AttendanceError,
);

export const codeOtherSeminar = defineError(
  AttendanceErrorCode.CodeOtherSeminar,
  422,
  () => ({
    detail: message('attendance.errors.codeOtherSeminar'),
    fields: [{ field: 'code', message: message('attendance.errors.belongsAnotherSeminar') }],
  }),
  AttendanceError,
);

export const checkInNotConfirmed = defineError(
  AttendanceErrorCode.CheckInNotConfirmed,
  403,
  () => message('attendance.errors.checkInNotConfirmed'),
  AttendanceError,
);

export const checkInClosed = defineError(
  AttendanceErrorCode.CheckInClosed,
  409,
  (opens: string, closes: string) => message('attendance.errors.checkInClosed', { opens, closes }),
  AttendanceError,
);

export const codeReused = defineError(
  AttendanceErrorCode.CodeReused,
  409,
  () => message('attendance.errors.codeReused'),
  AttendanceError,
);

/** The person checked in earlier that day with another code. */
export class AlreadyCheckedInError extends AttendanceError {
  static readonly code = AttendanceErrorCode.AlreadyCheckedIn;
  static readonly status = 409;

  constructor(
    readonly checkedInAt: Date,
    wallTime: string,
  ) {
    super(AttendanceErrorCode.AlreadyCheckedIn, 409, message('attendance.errors.youAlreadyCheckedToday', { wallTime }));
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { checkedInAt: this.checkedInAt.toISOString() };
  }
}
