import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { DirectoryError, DirectoryErrorCode } from '../directory/directory.errors';

export enum NeedsErrorCode {
  TrainingNeedsInvalid = 'training_needs_invalid',
  AvailabilityInvalid = 'availability_invalid',
  NotAnAttendee = 'not_an_attendee',
  NoAvailabilityRole = 'no_availability_role',
  NeedsChanged = 'needs_changed',
  AbsencesWindowInvalid = 'absences_window_invalid',
}

export class NeedsError extends DomainError {}

export const trainingNeedsInvalid = defineError(
  NeedsErrorCode.TrainingNeedsInvalid,
  422,
  (fields: FieldError[]) => ({ detail: message('needs.errors.trainingNeedsInvalid'), fields }),
  NeedsError,
);

export const availabilityInvalid = defineError(
  NeedsErrorCode.AvailabilityInvalid,
  422,
  (fields: FieldError[]) => ({ detail: message('needs.errors.availabilityInvalid'), fields }),
  NeedsError,
);

export const notAnAttendee = defineError(
  NeedsErrorCode.NotAnAttendee,
  422,
  () => message('needs.errors.notAnAttendee'),
  NeedsError,
);

export const noAvailabilityRole = defineError(
  NeedsErrorCode.NoAvailabilityRole,
  422,
  () => message('needs.errors.noAvailabilityRole'),
  NeedsError,
);

/** The days asked for the unit's absences: an end before the start, or too long a window. */
export const absencesWindowInvalid = defineError(
  NeedsErrorCode.AbsencesWindowInvalid,
  422,
  (fields: FieldError[]) => ({ detail: message('needs.errors.absencesWindowInvalid'), fields }),
  NeedsError,
);

/** A topic or a person changed (deleted) while the change was being saved. */
export const needsChanged = defineError(
  NeedsErrorCode.NeedsChanged,
  409,
  () => message('needs.errors.needsChanged'),
  NeedsError,
);

/** A training-needs file that names people by neither email nor licence number. */
export const importWithoutPersonColumn = defineError(
  DirectoryErrorCode.ImportFileInvalid,
  422,
  () => ({
    detail: message('needs.errors.importWithoutPersonColumn'),
    fields: [
      {
        field: 'email',
        message: message('needs.errors.columnLicenceNumberMissing'),
      },
    ],
  }),
  DirectoryError,
);
