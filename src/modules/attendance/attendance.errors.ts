import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { text, type Language } from '../../common/i18n/text';

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

export const attendanceNotOpen = () =>
  AttendanceError.conflict(
    AttendanceErrorCode.AttendanceNotOpen,
    text(
      'La asistencia se registra solo en seminarios abiertos, confirmados, en curso o concluidos; no en borradores, cerrados ni cancelados.',
      'Attendance is taken only in seminars that are open, confirmed, in progress or completed; not in drafts, closed or cancelled ones.',
    ),
  );

export const dayInFuture = () =>
  AttendanceError.rule(
    AttendanceErrorCode.DayInFuture,
    text(
      'La asistencia de un día se registra ese día o después, no antes.',
      'A day’s attendance is taken on the day or after it, not before.',
    ),
  );

export const afterDayOfficeOnly = () =>
  new AttendanceError(
    AttendanceErrorCode.AfterDayOfficeOnly,
    403,
    text(
      'Pasado el día, solo la Oficina corrige la asistencia, con un motivo. Pídaselo a la Oficina.',
      'After the day, only the office corrects attendance, with a reason. Ask the office.',
    ),
  );

export const reasonRequired = () =>
  AttendanceError.rule(
    AttendanceErrorCode.ReasonRequired,
    text(
      'Para corregir la asistencia de un día ya pasado escriba el motivo.',
      'Give the reason to correct the attendance of a day that is over.',
    ),
    [{ field: 'reason', message: text('Es obligatorio pasado el día.', 'Is required after the day.') }],
  );

export const recordsInvalid = (fields: FieldError[]) =>
  AttendanceError.rule(
    AttendanceErrorCode.RecordsInvalid,
    text(
      'Revise los registros: «late» requiere las horas asistidas (en medias horas, más de 0 y menos que el día), los demás estados no las llevan, y cada persona va una sola vez.',
      'Check the records: `late` needs the hours attended (in half hours, more than 0 and less than the day), other statuses take none, and each person appears once.',
    ),
    fields,
  );

/** Roster records for people who do not hold a confirmed seat in the seminar; nothing was saved. */
export class NotConfirmedError extends AttendanceError {
  constructor(readonly personIds: string[]) {
    super(
      AttendanceErrorCode.NotConfirmed,
      422,
      text(
        `Estas personas no tienen lugar confirmado en el seminario; no se guardó nada: ${personIds.join(', ')}.`,
        `These people do not hold a confirmed seat in the seminar; nothing was saved: ${personIds.join(', ')}.`,
      ),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { personIds: this.personIds };
  }
}

export const codeInvalid = () =>
  AttendanceError.rule(
    AttendanceErrorCode.CodeInvalid,
    text(
      'Ese código no es válido. Revise el que se muestra en la sala.',
      'That code is not valid. Check the one shown in the room.',
    ),
    [{ field: 'code', message: text('No corresponde a ningún seminario de hoy.', 'Matches no seminar today.') }],
  );

export const codeExpired = () =>
  AttendanceError.rule(
    AttendanceErrorCode.CodeExpired,
    text(
      'Ese código ya caducó; use el que se muestra ahora en la sala.',
      'That code has expired; use the one shown in the room now.',
    ),
    [{ field: 'code', message: text('Caducado.', 'Expired.') }],
  );

export const codeOtherSeminar = () =>
  AttendanceError.rule(
    AttendanceErrorCode.CodeOtherSeminar,
    text('Ese código es de otro seminario.', 'That code belongs to another seminar.'),
    [{ field: 'code', message: text('Es de otro seminario.', 'Belongs to another seminar.') }],
  );

export const checkInNotConfirmed = () =>
  new AttendanceError(
    AttendanceErrorCode.CheckInNotConfirmed,
    403,
    text(
      'No tiene lugar confirmado en este seminario, así que no puede registrar su llegada.',
      'You do not hold a confirmed seat in this seminar, so you cannot check in.',
    ),
  );

export const checkInClosed = (opens: string, closes: string) =>
  AttendanceError.conflict(
    AttendanceErrorCode.CheckInClosed,
    text(
      `El registro de llegada está abierto solo de ${opens} a ${closes} del día del seminario.`,
      `Check-in is open only from ${opens} to ${closes} on the seminar day.`,
    ),
  );

export const codeReused = () =>
  AttendanceError.conflict(
    AttendanceErrorCode.CodeReused,
    text('Ya registró su llegada con este código.', 'You already checked in with this code.'),
  );

/** The person checked in earlier that day with another code. */
export class AlreadyCheckedInError extends AttendanceError {
  constructor(
    readonly checkedInAt: Date,
    wallTime: string,
  ) {
    super(
      AttendanceErrorCode.AlreadyCheckedIn,
      409,
      text(`Ya registró su llegada hoy a las ${wallTime}.`, `You already checked in today at ${wallTime}.`),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { checkedInAt: this.checkedInAt.toISOString() };
  }
}
