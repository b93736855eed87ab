import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationError } from '../errors/domain-error';
import { message } from '../i18n/messages';
import { isRequestDate } from '../validation/decorators';

/** A calendar date in the path, 'YYYY-MM-DD': anything else is a 400 before any query runs. */
@Injectable()
export class CalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isRequestDate(value))
      throw new ValidationError([{ field: 'date', message: message('common.calendarDatePipe.mustBeValidDate') }]);
    return value;
  }
}
