import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { text, type Text } from '../../common/i18n/text';

export enum DirectoryErrorCode {
  NetworkNotFound = 'network_not_found',
  NetworkNameTaken = 'network_name_taken',
  NetworkInUse = 'network_in_use',
  UnitNotFound = 'unit_not_found',
  UnitCodeTaken = 'unit_code_taken',
  UnitInUse = 'unit_in_use',
  ReferralHospitalInvalid = 'referral_hospital_invalid',
  SpecialtyNotFound = 'specialty_not_found',
  SpecialtyCodeTaken = 'specialty_code_taken',
  SpecialtyInUse = 'specialty_in_use',
  PersonNotFound = 'person_not_found',
  EmailTaken = 'email_taken',
  LicenceNumberTaken = 'licence_number_taken',
  PersonInUse = 'person_in_use',
  ReferenceNotFound = 'reference_not_found',
  CannotChangeOwnAccess = 'cannot_change_own_access',
  ImportFileMissing = 'import_file_missing',
  ImportFileInvalid = 'import_file_invalid',
  ImportHasErrors = 'import_has_errors',
  ImportConflict = 'import_conflict',
}

export class DirectoryError extends DomainError {
  /** 409 for a value already used, naming the field when there is one. */
  static conflictOn(code: DirectoryErrorCode, detail: Text, field?: string): DirectoryError {
    const fields: FieldError[] = field
      ? [{ field, message: text('Ya está registrado.', 'Is already registered.') }]
      : [];
    return DirectoryError.conflict(code, detail, fields);
  }
}

export const networkNotFound = () =>
  DirectoryError.notFound(DirectoryErrorCode.NetworkNotFound, text('La red no existe.', 'The network does not exist.'));
export const unitNotFound = () =>
  DirectoryError.notFound(DirectoryErrorCode.UnitNotFound, text('La unidad no existe.', 'The unit does not exist.'));
export const specialtyNotFound = () =>
  DirectoryError.notFound(
    DirectoryErrorCode.SpecialtyNotFound,
    text('La especialidad no existe.', 'The specialty does not exist.'),
  );
export const personNotFound = () =>
  DirectoryError.notFound(
    DirectoryErrorCode.PersonNotFound,
    text('La persona no existe.', 'The person does not exist.'),
  );
