import { defineError } from '../../common/errors/define-error';
import { CommonErrorCode, DomainError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { type Text } from '../../common/i18n/text';

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
  ImportFileInvalid = 'import_file_invalid',
  ImportHasErrors = 'import_has_errors',
  ImportConflict = 'import_conflict',
  PasswordAlreadySet = 'password_already_set',
  PersonDeactivated = 'person_deactivated',
}

export class DirectoryError extends DomainError {}

/** The field of a value already used by another record. */
const alreadyRegistered = (field: string): FieldError[] => [
  { field, message: message('directory.errors.alreadyRegistered') },
];

export const emailTaken = defineError(
  DirectoryErrorCode.EmailTaken,
  409,
  () => ({ detail: message('directory.people.someoneAlreadyHasEmail'), fields: alreadyRegistered('email') }),
  DirectoryError,
);

export const licenceNumberTaken = defineError(
  DirectoryErrorCode.LicenceNumberTaken,
  409,
  () => ({ detail: message('directory.people.someoneAlreadyHasLicence'), fields: alreadyRegistered('licenceNumber') }),
  DirectoryError,
);

export const personInUse = defineError(
  DirectoryErrorCode.PersonInUse,
  409,
  () => message('directory.people.otherRecordsDependPerson'),
  DirectoryError,
);

export const specialtyCodeTaken = defineError(
  DirectoryErrorCode.SpecialtyCodeTaken,
  409,
  () => ({ detail: message('directory.specialties.specialtyWithCodeAlready'), fields: alreadyRegistered('code') }),
  DirectoryError,
);

export const specialtyInUse = defineError(
  DirectoryErrorCode.SpecialtyInUse,
  409,
  () => message('directory.specialties.peopleHaveSpecialtyCannot'),
  DirectoryError,
);

export const unitCodeTaken = defineError(
  DirectoryErrorCode.UnitCodeTaken,
  409,
  () => ({ detail: message('directory.units.unitWithCodeAlready'), fields: alreadyRegistered('code') }),
  DirectoryError,
);

export const unitInUse = defineError(
  DirectoryErrorCode.UnitInUse,
  409,
  () => message('directory.units.unitHasStaffReferrals'),
  DirectoryError,
);

export const networkNameTaken = defineError(
  DirectoryErrorCode.NetworkNameTaken,
  409,
  () => ({ detail: message('directory.networks.networkWithNameAlready'), fields: alreadyRegistered('name') }),
  DirectoryError,
);

export const networkInUse = defineError(
  DirectoryErrorCode.NetworkInUse,
  409,
  () => message('directory.networks.networkHasUnitsCannot'),
  DirectoryError,
);

export const importConflict = defineError(
  DirectoryErrorCode.ImportConflict,
  409,
  () => message('directory.importReport.directoryChangedWhileFile'),
  DirectoryError,
);

/** An invitation for someone who has chosen a password already: they sign in, or reset it. */
export const passwordAlreadySet = defineError(
  DirectoryErrorCode.PasswordAlreadySet,
  409,
  () => message('directory.invitations.passwordAlreadySet'),
  DirectoryError,
);

export const personDeactivated = defineError(
  DirectoryErrorCode.PersonDeactivated,
  409,
  () => message('directory.invitations.personDeactivated'),
  DirectoryError,
);

export const networkNotFound = defineError(
  DirectoryErrorCode.NetworkNotFound,
  404,
  () => message('directory.errors.networkNotFound'),
  DirectoryError,
);
export const unitNotFound = defineError(
  DirectoryErrorCode.UnitNotFound,
  404,
  () => message('directory.people.unitDoesNotExist'),
  DirectoryError,
);
export const specialtyNotFound = defineError(
  DirectoryErrorCode.SpecialtyNotFound,
  404,
  () => message('directory.people.specialtyDoesNotExist'),
  DirectoryError,
);
export const personNotFound = defineError(
  DirectoryErrorCode.PersonNotFound,
  404,
  () => message('directory.errors.personNotFound'),
  DirectoryError,
);

export const referenceNotFound = defineError(
  DirectoryErrorCode.ReferenceNotFound,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  DirectoryError,
);

export const cannotChangeOwnAccess = defineError(
  DirectoryErrorCode.CannotChangeOwnAccess,
  422,
  () => message('directory.people.youCannotRemoveYour'),
  DirectoryError,
);

export const referralHospitalInvalid = defineError(
  DirectoryErrorCode.ReferralHospitalInvalid,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  DirectoryError,
);

export const importHasErrors = defineError(
  DirectoryErrorCode.ImportHasErrors,
  422,
  (badRows: number, fields: FieldError[]) => ({
    detail: message('directory.importReport.fileHasRowS', { badCount: badRows }),
    fields,
  }),
  DirectoryError,
);

export const importFileInvalid = defineError(
  DirectoryErrorCode.ImportFileInvalid,
  422,
  (detail: Text, fields: FieldError[] = []) => ({ detail, fields }),
  DirectoryError,
);

/** A spreadsheet sent where a CSV file is expected. */
export const importNotCsv = defineError(
  CommonErrorCode.UnsupportedMediaType,
  415,
  () => message('directory.importReport.sendCsvFileNot'),
  DirectoryError,
);
