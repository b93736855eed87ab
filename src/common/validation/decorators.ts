import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isEmail, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { isIsoDate } from '../time/calendar-date';
import { isClockTime } from '../time/clock-time';

/** Trims surrounding white space and collapses inner runs, for names typed by people. */
export function NormalizeSpaces(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value));
}

/**
 * A field that may be left out but, when sent, must be valid: unlike `@IsOptional()`, a null is
 * checked (and refused) rather than let through to a column that cannot hold it.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

const EMAIL_OPTIONS = { allow_display_name: false, require_tld: true };
const LONE_SURROGATE = /\p{Cs}/u;

/** An email address, trimmed and lower-cased. */
export function IsPuenteEmail(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    MaxLength(254),
    // validator.js measures the address with encodeURI, which throws on a lone surrogate (JSON
    // carries one as "\ud800"): such text is no address, so it is refused before validator.js sees it.
    ValidateBy({
      name: 'isEmail',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value, EMAIL_OPTIONS),
      },
    }),
  );
}

export const LICENCE_NUMBER = /^\d{5,12}$/;

/** A Mexican professional licence number (cédula profesional): 5 to 12 digits. */
export function IsLicenceNumber(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value)),
    matching('isLicenceNumber', LICENCE_NUMBER),
  );
}

export const PHONE = /^\+?[0-9 ()-]{7,20}$/;

export function IsPhone(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    matching('isPhone', PHONE),
  );
}

/**
 * A date a request may carry: a real 'YYYY-MM-DD' day that PostgreSQL can hold. Its calendar has no
 * year 0 (1 BC comes before AD 1), so '0000-01-01', a fine proleptic Gregorian date, would fail the
 * query that reads or writes it.
 */
export function isRequestDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value) && !value.startsWith('0000-');
}

/** A calendar date 'YYYY-MM-DD' that exists (no 2027-02-30) and can be stored (no year 0000). */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: isRequestDate } });
}

/** A time of day 'HH:MM', 24-hour. */
export function IsClockTime(): PropertyDecorator {
  return ValidateBy({
    name: 'isClockTime',
    validator: { validate: (value: unknown) => typeof value === 'string' && isClockTime(value) },
  });
}

/** A pattern check under its own constraint name, so that its message says what is expected. */
function matching(name: string, pattern: RegExp): PropertyDecorator {
  return ValidateBy({
    name,
    validator: { validate: (value: unknown) => typeof value === 'string' && pattern.test(value) },
  });
}
