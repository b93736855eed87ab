import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationError } from '../errors/domain-error';
import { text } from '../i18n/text';
import { isRequestDate } from '../validation/decorators';

/** A calendar date in the path, 'YYYY-MM-DD': anything else is a 400 before any query runs. */
@Injectable()
export class CalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isRequestDate(value))
      throw new ValidationError([
        { field: 'date', message: text('Debe ser una fecha válida AAAA-MM-DD.', 'Must be a valid date YYYY-MM-DD.') },
      ]);
    return value;
  }
}
