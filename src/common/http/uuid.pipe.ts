import { Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '../errors/domain-error';
import { message } from '../i18n/messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Path ids must be UUIDs: a malformed one is a 400 before any query runs. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new DomainError(CommonErrorCode.InvalidId, 400, message('common.uuidPipe.identifierNotValid'), [
        { field: 'id', message: message('common.uuidPipe.mustBeUuid') },
      ]);
    }
    return value.toLowerCase();
  }
}
