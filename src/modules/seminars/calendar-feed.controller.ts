import { CALENDAR_TYPE } from './seminars.controller';
import { calendarFeedNotFound } from './seminars.errors';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarService } from './calendar.service';

@ApiTags('seminars')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':token.ics')
  @Public()
  @Header('Content-Type', CALENDAR_TYPE)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({
    summary: "A person's calendar feed",
    description:
      'The secret token is the credential: seminars the person facilitates or attends, cancelled ones marked as such.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545).', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(calendarFeedNotFound)
  feed(@Param('token') token: string): Promise<string> {
    return this.calendar.feed(token);
  }
}
