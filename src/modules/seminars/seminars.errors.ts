import { defineError, type ProblemType } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { translate, type Text, message } from '../../common/i18n/messages';
import { type Language } from '../../common/i18n/text';
import type { SeminarStatus } from './seminar.entity';
import { statusName } from './seminar-status-names';

export enum SeminarsErrorCode {
  SeminarNotFound = 'seminar_not_found',
  SeminarDayNotFound = 'seminar_day_not_found',
  VenueNotFound = 'venue_not_found',
  VenueNameTaken = 'venue_name_taken',
  VenueInUse = 'venue_in_use',
  HolidayNotFound = 'holiday_not_found',
  HolidayExists = 'holiday_exists',
  HolidayOnSeminarDay = 'holiday_on_seminar_day',
  SeminarRuleBroken = 'seminar_rule_broken',
  StartDateNotWorkingDay = 'start_date_not_working_day',
  StartDateInPast = 'start_date_in_past',
  VenueCapacityExceeded = 'venue_capacity_exceeded',
  CapacityBelowEnrolled = 'capacity_below_enrolled',
  StatusConflict = 'seminar_status_conflict',
  SeminarNotEditable = 'seminar_not_editable',
  VenueRequired = 'venue_required',
  SpecialtiesNotCovered = 'specialties_not_covered',
  TooFewAttendees = 'too_few_attendees',
  SeminarNotStarted = 'seminar_not_started',
  SeminarDaysRemaining = 'seminar_days_remaining',
  NothingToReschedule = 'nothing_to_reschedule',
  SeminarNotDraft = 'seminar_not_draft',
  AgendaInvalid = 'agenda_invalid',
  AgendaChanged = 'agenda_changed',
  NotSeminarFacilitator = 'not_seminar_facilitator',
  NotAFacilitator = 'not_a_facilitator',
  FacilitatorAlreadyAdded = 'facilitator_already_added',
  FacilitationNotFound = 'facilitation_not_found',
  VenueDoubleBooked = 'venue_double_booked',
  PersonDoubleBooked = 'person_double_booked',
  FacilitatorMonthlyLimit = 'facilitator_monthly_limit',
  CalendarFeedNotFound = 'calendar_feed_not_found',
}

export class SeminarsError extends DomainError {}

export const seminarNotFound = defineError(
  SeminarsErrorCode.SeminarNotFound,
  404,
  () => message('seminars.errors.seminarNotFound'),
  SeminarsError,
);
export const venueNotFound = defineError(
  SeminarsErrorCode.VenueNotFound,
  404,
  () => message('seminars.errors.venueNotFound'),
  SeminarsError,
);
export const seminarDayNotFound = defineError(
  SeminarsErrorCode.SeminarDayNotFound,
  404,
  () => message('seminars.errors.seminarDayNotFound'),
  SeminarsError,
);

/** An action that the seminar's current status does not allow. */
export const statusConflict = defineError(
  SeminarsErrorCode.StatusConflict,
  409,
  (action: Text, status: SeminarStatus) =>
    message('seminars.errors.seminarCannotBe', { action, statusNames: statusName(status) }),
  SeminarsError,
);

export const seminarNotEditable = defineError(
  SeminarsErrorCode.SeminarNotEditable,
  409,
  (status: SeminarStatus) => message('seminars.errors.seminarNotEditable', { statusNames: statusName(status) }),
  SeminarsError,
);

export const notSeminarFacilitator = defineError(
  SeminarsErrorCode.NotSeminarFacilitator,
  403,
  () => message('seminars.errors.notSeminarFacilitator'),
  SeminarsError,
);

/** One clash between a seminar and another one, as shown to the office. */
export interface ScheduleConflict {
  kind:
    | SeminarsErrorCode.VenueDoubleBooked
    | SeminarsErrorCode.PersonDoubleBooked
    | SeminarsErrorCode.FacilitatorMonthlyLimit;
  /** The days (or, for the monthly limit, the month 'YYYY-MM') in question. */
  dates: string[];
  personId: string | null;
  personName: string | null;
  venueId: string | null;
  otherSeminar: { id: string; title: string; status: SeminarStatus; startDate: string; endDate: string };
  message: Text;
}

/** A change refused because it would double-book a venue or a person; the body lists every clash. */
/** The clashes a booking can meet; `ScheduleConflictError` answers with the first one's code. */
export const venueDoubleBooked: ProblemType = { code: SeminarsErrorCode.VenueDoubleBooked, status: 409 };
export const personDoubleBooked: ProblemType = { code: SeminarsErrorCode.PersonDoubleBooked, status: 409 };
export const facilitatorMonthlyLimit: ProblemType = { code: SeminarsErrorCode.FacilitatorMonthlyLimit, status: 409 };

export class ScheduleConflictError extends SeminarsError {
  constructor(readonly conflicts: ScheduleConflict[]) {
    super(conflicts[0].kind, 409, conflicts[0].message);
  }

  override extensions(language: Language): Record<string, unknown> {
    return { conflicts: this.conflicts.map((conflict) => localizeConflict(conflict, language)) };
  }
}

export function localizeConflict(conflict: ScheduleConflict, language: Language) {
  return { ...conflict, message: translate(conflict.message, language) };
}

export const venueCapacityExceeded = defineError(
  SeminarsErrorCode.VenueCapacityExceeded,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const venueNameTaken = defineError(
  SeminarsErrorCode.VenueNameTaken,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const venueInUse = defineError(
  SeminarsErrorCode.VenueInUse,
  409,
  () => message('seminars.venues.venueHasSeminarsCannot'),
  SeminarsError,
);

export const holidayOnSeminarDay = defineError(
  SeminarsErrorCode.HolidayOnSeminarDay,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const holidayNotFound = defineError(
  SeminarsErrorCode.HolidayNotFound,
  404,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const holidayExists = defineError(
  SeminarsErrorCode.HolidayExists,
  409,
  () => ({
    detail: message('seminars.holidays.dayAlreadyDeclaredHoliday'),
    fields: [{ field: 'date', message: message('seminars.venues.alreadyRegistered') }],
  }),
  SeminarsError,
);

export const agendaChanged = defineError(
  SeminarsErrorCode.AgendaChanged,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const agendaInvalid = defineError(
  SeminarsErrorCode.AgendaInvalid,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const seminarRuleBroken = defineError(
  SeminarsErrorCode.SeminarRuleBroken,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const capacityBelowEnrolled = defineError(
  SeminarsErrorCode.CapacityBelowEnrolled,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const seminarNotDraft = defineError(
  SeminarsErrorCode.SeminarNotDraft,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const venueRequired = defineError(
  SeminarsErrorCode.VenueRequired,
  422,
  () => ({
    detail: message('seminars.seminarNeedsVenue'),
    fields: [{ field: 'venueId', message: message('seminars.required') }],
  }),
  SeminarsError,
);

export const calendarFeedNotFound = defineError(
  SeminarsErrorCode.CalendarFeedNotFound,
  404,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const facilitationNotFound = defineError(
  SeminarsErrorCode.FacilitationNotFound,
  404,
  () => message('seminars.facilitators.facilitationNotFound'),
  SeminarsError,
);

export const notAFacilitator = defineError(
  SeminarsErrorCode.NotAFacilitator,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const facilitatorAlreadyAdded = defineError(
  SeminarsErrorCode.FacilitatorAlreadyAdded,
  409,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const nothingToReschedule = defineError(
  SeminarsErrorCode.NothingToReschedule,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const seminarNotStarted = defineError(
  SeminarsErrorCode.SeminarNotStarted,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const seminarDaysRemaining = defineError(
  SeminarsErrorCode.SeminarDaysRemaining,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const specialtiesNotCovered = defineError(
  SeminarsErrorCode.SpecialtiesNotCovered,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const tooFewAttendees = defineError(
  SeminarsErrorCode.TooFewAttendees,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const startDateNotWorkingDay = defineError(
  SeminarsErrorCode.StartDateNotWorkingDay,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);

export const startDateInPast = defineError(
  SeminarsErrorCode.StartDateInPast,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  SeminarsError,
);
