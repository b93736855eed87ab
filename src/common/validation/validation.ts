import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { text, type Text } from '../i18n/text';
import { UnknownFieldsError, ValidationError, type FieldError } from '../errors/domain-error';

/** Spanish and English messages for the constraints Puente's DTOs use. */
const MESSAGES: Record<string, (args: string[]) => Text> = {
  isNotEmpty: () => text('Es obligatorio.', 'Is required.'),
  isDefined: () => text('Es obligatorio.', 'Is required.'),
  isString: () => text('Debe ser texto.', 'Must be text.'),
  isEmail: () => text('Debe ser un correo electrónico válido.', 'Must be a valid email address.'),
  isUuid: () => text('Debe ser un identificador (UUID) válido.', 'Must be a valid identifier (UUID).'),
  isInt: () => text('Debe ser un número entero.', 'Must be a whole number.'),
  isBoolean: () => text('Debe ser verdadero o falso.', 'Must be true or false.'),
  isArray: () => text('Debe ser una lista.', 'Must be a list.'),
  isIn: () => text('No es uno de los valores permitidos.', 'Is not one of the allowed values.'),
  isEnum: () => text('No es uno de los valores permitidos.', 'Is not one of the allowed values.'),
  min: () => text('Es demasiado pequeño.', 'Is too small.'),
  max: () => text('Es demasiado grande.', 'Is too large.'),
  minLength: () => text('Es demasiado corto.', 'Is too short.'),
  maxLength: () => text('Es demasiado largo.', 'Is too long.'),
  arrayMaxSize: () => text('Tiene demasiados elementos.', 'Has too many items.'),
  arrayUnique: () => text('Tiene elementos repetidos.', 'Has repeated items.'),
  matches: () => text('No tiene el formato esperado.', 'Does not have the expected format.'),
  isPhone: () => text('Debe ser un teléfono válido.', 'Must be a valid phone number.'),
  isLicenceNumber: () =>
    text(
      'Debe ser una cédula profesional de 5 a 12 dígitos.',
      'Must be a professional licence number of 5 to 12 digits.',
    ),
  isDateString: () => text('Debe ser una fecha AAAA-MM-DD.', 'Must be a date YYYY-MM-DD.'),
  isCalendarDate: () => text('Debe ser una fecha válida AAAA-MM-DD.', 'Must be a valid date YYYY-MM-DD.'),
  isClockTime: () => text('Debe ser una hora HH:MM (00:00 a 23:59).', 'Must be a time HH:MM (00:00 to 23:59).'),
  nestedValidation: () => text('No es válido.', 'Is not valid.'),
};

function messageFor(constraint: string, fallback: string): Text {
  return MESSAGES[constraint]?.([]) ?? text(fallback, fallback);
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
