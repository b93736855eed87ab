import { Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '../errors/domain-error';
import { text } from '../i18n/text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Path ids must be UUIDs: a malformed one is a 400 before any query runs. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new DomainError(
        CommonErrorCode.InvalidId,
        400,
        text('El identificador no es válido.', 'The identifier is not valid.'),
        [{ field: 'id', message: text('Debe ser un UUID.', 'Must be a UUID.') }],
      );
    }
    return value.toLowerCase();
  }
}
