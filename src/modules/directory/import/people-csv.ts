/** How a row of the people CSV reads: its headers, its cells checked, and what it would change. */
import { isEmail } from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/principal';
import type { FieldError } from '../../../common/errors/domain-error';
import { message } from '../../../common/i18n/messages';
import { LICENCE_NUMBER, PHONE } from '../../../common/validation/decorators';
import { Person, type Locale } from '../../identity/person.entity';
import { ownValue } from './csv-table';

/** Accepted headers (normalised) and the column each one fills. */
export const ALIASES: Record<string, string> = {
  full_name: 'fullName',
  fullname: 'fullName',
  name: 'fullName',
  nombre: 'fullName',
  nombre_completo: 'fullName',
  email: 'email',
  correo: 'email',
  correo_electronico: 'email',
  e_mail: 'email',
  licence_number: 'licenceNumber',
  license_number: 'licenceNumber',
  licencenumber: 'licenceNumber',
  licence: 'licenceNumber',
  cedula: 'licenceNumber',
  cedula_profesional: 'licenceNumber',
  phone: 'phone',
  telefono: 'phone',
  unit_code: 'unitCode',
  unit: 'unitCode',
  unidad: 'unitCode',
  clave_unidad: 'unitCode',
  clues: 'unitCode',
  specialty_code: 'specialtyCode',
  specialty: 'specialtyCode',
  especialidad: 'specialtyCode',
  roles: 'roles',
  role: 'roles',
  rol: 'roles',
  locale: 'locale',
  language: 'locale',
  idioma: 'locale',
};

const ROLE_ALIASES: Record<string, Role> = {
  office: 'office',
  oficina: 'office',
  facilitator: 'facilitator',
  facilitador: 'facilitator',
  facilitadora: 'facilitator',
  attendee: 'attendee',
  asistente: 'attendee',
  participante: 'attendee',
  manager: 'manager',
  director: 'manager',
  directora: 'manager',
  jefe: 'manager',
  jefa: 'manager',
};

export interface PersonFields {
  fullName: string;
  email: string;
  licenceNumber: string | null;
  phone: string | null;
  unitId: string | null;
  specialtyId: string | null;
  roles: Role[] | null;
  locale: Locale | null;
}

const required = message('directory.importReport.required');

export function repeated(field: string, line: number): FieldError {
  return {
    field,
    message: message('directory.peopleImport.repeatedAlreadyAppearsLine', { line }),
  };
}

/** The fields an import row would change on an existing person; empty cells change nothing. */
export function changes(person: Person, fields: PersonFields): (keyof PersonFields)[] {
  return (Object.keys(fields) as (keyof PersonFields)[]).filter((field) => {
    const value = fields[field];
    if (value === null) return false;
    if (field === 'roles') return [...(value as Role[])].sort().join() !== [...person.roles].sort().join();
    return person[field] !== value;
  });
}

export function parseRow(
  values: Record<string, string>,
  unitIds: Map<string, string>,
  specialtyIds: Map<string, string>,
): { fields?: PersonFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fullName = (values.fullName ?? '').replace(/\s+/g, ' ').trim();
  if (fullName === '') errors.push({ field: 'fullName', message: required });
  else if (fullName.length > 200)
    errors.push({ field: 'fullName', message: message('directory.peopleImport.tooLong') });
  const email = (values.email ?? '').trim().toLowerCase();
  if (email === '') errors.push({ field: 'email', message: required });
  else if (email.length > 254 || !isEmail(email, { require_tld: true })) {
    errors.push({
      field: 'email',
      message: message('directory.peopleImport.mustBeValidEmail'),
    });
  }
  const licenceNumber = (values.licenceNumber ?? '').replace(/[\s.-]/g, '') || null;
  if (licenceNumber && !LICENCE_NUMBER.test(licenceNumber)) {
    errors.push({
      field: 'licenceNumber',
      message: message('directory.peopleImport.mustHave512'),
    });
  }
  const phone = (values.phone ?? '').trim() || null;
  if (phone && !PHONE.test(phone))
    errors.push({ field: 'phone', message: message('directory.peopleImport.mustBeValidPhone') });
  const unitCode = (values.unitCode ?? '').trim().toUpperCase();
  const unitId = unitCode ? (unitIds.get(unitCode) ?? null) : null;
  if (unitCode && !unitId)
    errors.push({
      field: 'unitCode',
      message: message('directory.peopleImport.noUnitHasCode', { unitCode }),
    });
  const specialtyCode = (values.specialtyCode ?? '').trim().toLowerCase();
  const specialtyId = specialtyCode ? (specialtyIds.get(specialtyCode) ?? null) : null;
  if (specialtyCode && !specialtyId) {
    errors.push({
      field: 'specialtyCode',
      message: message('directory.peopleImport.noSpecialtyHasCode', { specialtyCode }),
    });
  }
  let roles: Role[] | null = null;
  const roleWords = (values.roles ?? '')
    .split(/[|,;\s]+/)
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  if (roleWords.length > 0) {
    const mapped = roleWords.map((word) => ownValue(ROLE_ALIASES, word));
    if (mapped.some((role) => role === undefined)) {
      errors.push({
        field: 'roles',
        message: message('directory.peopleImport.useRolesFromList', { roles: ROLES.join(', ') }),
      });
    } else {
      roles = [...new Set(mapped as Role[])].sort();
    }
  }
  const localeValue = (values.locale ?? '').trim().toLowerCase();
  const locale =
    localeValue === '' ? null : localeValue.startsWith('es') ? 'es' : localeValue.startsWith('en') ? 'en' : undefined;
  if (locale === undefined) errors.push({ field: 'locale', message: message('directory.peopleImport.useEsEn') });
  if (errors.length > 0) return { errors };
  return {
    fields: { fullName, email, licenceNumber, phone, unitId, specialtyId, roles, locale: locale ?? null },
    errors,
  };
}
