import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';
import { DirectoryError, DirectoryErrorCode } from '../directory/directory.errors';

export enum NeedsErrorCode {
  TrainingNeedsInvalid = 'training_needs_invalid',
  AvailabilityInvalid = 'availability_invalid',
  NotAnAttendee = 'not_an_attendee',
  NoAvailabilityRole = 'no_availability_role',
  NeedsChanged = 'needs_changed',
}

export class NeedsError extends DomainError {}

export const trainingNeedsInvalid = (fields: FieldError[]) =>
  NeedsError.rule(
    NeedsErrorCode.TrainingNeedsInvalid,
    text('Las necesidades de capacitación no son válidas.', 'The training needs are not valid.'),
    fields,
  );

export const availabilityInvalid = (fields: FieldError[]) =>
  NeedsError.rule(
    NeedsErrorCode.AvailabilityInvalid,
    text('Las fechas no disponibles no son válidas.', 'The unavailable dates are not valid.'),
    fields,
  );

export const notAnAttendee = () =>
  NeedsError.rule(
    NeedsErrorCode.NotAnAttendee,
    text(
      'Solo los asistentes (médicos de primer nivel) declaran necesidades de capacitación.',
      'Only attendees (primary-care physicians) state training needs.',
    ),
  );

export const noAvailabilityRole = () =>
  NeedsError.rule(
    NeedsErrorCode.NoAvailabilityRole,
    text(
      'Solo asistentes y facilitadores declaran fechas no disponibles.',
      'Only attendees and facilitators declare unavailable dates.',
    ),
  );

/** A topic or a person changed (deleted) while the change was being saved. */
export const needsChanged = () =>
  NeedsError.conflict(
    NeedsErrorCode.NeedsChanged,
    text(
      'Los temas o la persona cambiaron mientras se guardaba; no se guardó nada. Intente de nuevo.',
      'The topics or the person changed while saving; nothing was saved. Try again.',
    ),
  );

/** A training-needs file that names people by neither email nor licence number. */
export const importWithoutPersonColumn = () =>
  DirectoryError.rule(
    DirectoryErrorCode.ImportFileInvalid,
    text(
      'Falta la columna email o licence_number (cedula) para identificar a cada persona.',
      'The email or licence_number column is missing: it identifies each person.',
    ),
    [
      {
        field: 'email',
        message: text('Falta esta columna (o licence_number).', 'This column (or licence_number) is missing.'),
      },
    ],
  );
