import { holidayExists, holidayOnSeminarDay, holidayNotFound } from './seminars.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarDatePipe } from '../../common/http/calendar-date.pipe';
import { HolidaysService } from './holidays.service';
import { CreateHolidayDto, HolidayListQueryDto, HolidayListResponseDto, HolidayResponseDto } from './venues.dto';

@ApiTags('venues')
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Holidays of a year (days without seminars)' })
  @ApiOkResponse({ type: HolidayListResponseDto })
  @ApiProblems()
  list(@Query() query: HolidayListQueryDto): Promise<HolidayListResponseDto> {
    return this.holidays.list(query);
  }

  @Post()
  @Roles('office')
  @ApiOperation({
    summary: 'Declare a holiday',
    description: 'Refused while a seminar has a day on that date; reschedule it first.',
  })
  @ApiCreatedResponse({ type: HolidayResponseDto })
  @ApiProblems(holidayExists, holidayOnSeminarDay)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateHolidayDto): Promise<HolidayResponseDto> {
    return this.holidays.create(actor, body);
  }

  @Delete(':date')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Remove a holiday' })
  @ApiNoContentResponse()
  @ApiProblems(holidayNotFound)
  remove(@CurrentPrincipal() actor: Principal, @Param('date', CalendarDatePipe) date: string): Promise<void> {
    return this.holidays.remove(actor, date);
  }
}
