import { DomainError } from '../../common/errors/domain-error';
import { translate, type Text } from '../../common/i18n/messages';
import { text, type Bilingual, type Language } from '../../common/i18n/text';
import type { SeminarStatus } from './seminar.entity';

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

export const seminarNotFound = () =>
  SeminarsError.notFound(
    SeminarsErrorCode.SeminarNotFound,
    text('El seminario no existe.', 'The seminar does not exist.'),
  );
export const venueNotFound = () =>
  SeminarsError.notFound(SeminarsErrorCode.VenueNotFound, text('La sede no existe.', 'The venue does not exist.'));
export const seminarDayNotFound = () =>
  SeminarsError.notFound(
    SeminarsErrorCode.SeminarDayNotFound,
    text('El seminario no tiene un día en esa fecha.', 'The seminar has no day on that date.'),
  );

const STATUS_NAMES: Record<SeminarStatus, Bilingual> = {
  draft: text('borrador', 'draft'),
  open: text('abierto', 'open'),
  confirmed: text('confirmado', 'confirmed'),
  in_progress: text('en curso', 'in progress'),
  completed: text('concluido', 'completed'),
  closed: text('cerrado', 'closed'),
  cancelled: text('cancelado', 'cancelled'),
};

export function statusName(status: SeminarStatus): Bilingual {
  return STATUS_NAMES[status];
}

/** An action that the seminar's current status does not allow. */
export function statusConflict(action: Bilingual, status: SeminarStatus): SeminarsError {
  return SeminarsError.conflict(
    SeminarsErrorCode.StatusConflict,
    text(
      `No se puede ${action.es} un seminario en estado «${STATUS_NAMES[status].es}».`,
      `A seminar that is ${STATUS_NAMES[status].en} cannot be ${action.en}.`,
    ),
  );
}

export const seminarNotEditable = (status: SeminarStatus) =>
  SeminarsError.conflict(
    SeminarsErrorCode.SeminarNotEditable,
    text(
      `Un seminario en estado «${STATUS_NAMES[status].es}» ya no se puede modificar.`,
      `A seminar that is ${STATUS_NAMES[status].en} can no longer be changed.`,
    ),
  );

export const notSeminarFacilitator = () =>
  new SeminarsError(
    SeminarsErrorCode.NotSeminarFacilitator,
    403,
    text(
      'Solo la oficina y los facilitadores de este seminario pueden hacer esto.',
      "Only the office and this seminar's facilitators can do this.",
    ),
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
