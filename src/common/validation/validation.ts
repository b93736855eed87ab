import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { message } from '../i18n/messages';
import { sameInEveryLanguage, type Text } from '../i18n/text';
import { UnknownFieldsError, ValidationError, type FieldError } from '../errors/domain-error';

/** Spanish and English messages for the constraints Puente's DTOs use. */
const MESSAGES: Record<string, (args: string[]) => Text> = {
  isNotEmpty: () => message('validation.messages.isNotEmpty'),
  isDefined: () => message('validation.messages.isNotEmpty'),
  isString: () => message('validation.messages.isString'),
  isEmail: () => message('validation.messages.isEmail'),
  isUuid: () => message('validation.messages.isUuid'),
  isInt: () => message('validation.messages.isInt'),
  isBoolean: () => message('validation.messages.isBoolean'),
  isArray: () => message('validation.messages.isArray'),
  isIn: () => message('validation.messages.isIn'),
  isEnum: () => message('validation.messages.isIn'),
  min: () => message('validation.messages.min'),
  max: () => message('validation.messages.max'),
  minLength: () => message('validation.messages.minLength'),
  maxLength: () => message('validation.messages.maxLength'),
  arrayMaxSize: () => message('validation.messages.arrayMaxSize'),
  arrayUnique: () => message('validation.messages.arrayUnique'),
  matches: () => message('validation.messages.matches'),
  isPhone: () => message('validation.messages.isPhone'),
  isLicenceNumber: () => message('validation.messages.isLicenceNumber'),
  isDateString: () => message('validation.messages.isDateString'),
  isCalendarDate: () => message('validation.messages.isCalendarDate'),
  isClockTime: () => message('validation.messages.isClockTime'),
  nestedValidation: () => message('validation.messages.nestedValidation'),
};

function messageFor(constraint: string, fallback: string): Text {
  return MESSAGES[constraint]?.([]) ?? sameInEveryLanguage(fallback);
}

function flatten(errors: ClassValidatorError[], prefix = ''): { unknown: string[]; fields: FieldError[] } {
  const unknown: string[] = [];
  const fields: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    if ('whitelistValidation' in constraints) {
      unknown.push(path);
    } else {
      // One message per field: the first failed constraint in the order the decorators are written
      // (a missing or mistyped value before its size). class-validator lists them last decorator first.
      const constraint = Object.keys(constraints).at(-1);
      if (constraint) fields.push({ field: path, message: messageFor(constraint, constraints[constraint]) });
    }
    if (error.children?.length) {
      const nested = flatten(error.children, path);
      unknown.push(...nested.unknown);
      fields.push(...nested.fields);
    }
  }
  return { unknown, fields };
}

/** Turns class-validator's report into a coded error: unknown fields first, then invalid ones. */
export function toValidationError(errors: ClassValidatorError[]): Error {
  const { unknown, fields } = flatten(errors);
  if (unknown.length > 0) return new UnknownFieldsError(unknown);
  return new ValidationError(fields);
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: toValidationError,
  });
}
