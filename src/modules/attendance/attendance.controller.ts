import { CommonProblems } from '../../common/errors/common.errors';
import {
  afterDayOfficeOnly,
  attendanceNotOpen,
  dayInFuture,
  reasonRequired,
  recordsInvalid,
  NotConfirmedError,
  checkInClosed,
  checkInNotConfirmed,
  codeReused,
  AlreadyCheckedInError,
  codeInvalid,
  codeExpired,
  codeOtherSeminar,
} from './attendance.errors';
import { notSeminarFacilitator, seminarNotFound, seminarDayNotFound } from '../seminars/seminars.errors';
import { Body, Controller, Get, Header, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarDatePipe } from '../../common/http/calendar-date.pipe';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { AttendanceService } from './attendance.service';
import {
  CheckInCodeResponseDto,
  CheckInCountResponseDto,
  CheckInDto,
  CheckInResponseDto,
  DayRosterResponseDto,
  ReplaceRosterDto,
  SeminarAttendanceResponseDto,
} from './attendance.dto';
import { CheckInService } from './check-in.service';

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly checkIns: CheckInService,
  ) {}

  @Get('seminars/:id/days/:date/attendance')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'A day’s roster',
    description:
      'Every confirmed attendee, by name, with their record of the day or `unrecorded`. For the office and the seminar’s facilitators.',
  })
  @ApiOkResponse({ type: DayRosterResponseDto })
  @ApiProblems(notSeminarFacilitator, seminarNotFound, seminarDayNotFound)
  roster(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
  ): Promise<DayRosterResponseDto> {
    return this.attendance.roster(principal, id, date);
  }

  @Put('seminars/:id/days/:date/attendance')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Record a day’s attendance, in bulk',
    description:
      'All records or none. On the day: the office or a facilitator of the seminar. After the day: the office only, with a `reason` (audited). ' +
      'Never before the day. `present` credits the day’s hours, `late` the `hoursAttended`, `absent` and `excused` none.',
  })
  @ApiOkResponse({ type: DayRosterResponseDto })
  @ApiProblems(
    notSeminarFacilitator,
    afterDayOfficeOnly,
    seminarNotFound,
    seminarDayNotFound,
    attendanceNotOpen,
    dayInFuture,
    reasonRequired,
    recordsInvalid,
    NotConfirmedError,
  )
  replaceRoster(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
    @Body() body: ReplaceRosterDto,
  ): Promise<DayRosterResponseDto> {
    return this.attendance.replaceRoster(principal, id, date, body);
  }

  @Get('seminars/:id/attendance')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Hours attended by each confirmed attendee',
    description:
      'Hours credited over the seminar’s days, the share of the topic’s hours (days × hours per day) and the days present, late, absent, excused and unrecorded.',
  })
  @ApiOkResponse({ type: SeminarAttendanceResponseDto })
  @ApiProblems(notSeminarFacilitator, seminarNotFound)
  summary(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
  ): Promise<SeminarAttendanceResponseDto> {
    return this.attendance.seminarSummary(principal, id);
  }

  @Get('seminars/:id/days/:date/check-in-code')
  @Roles('office', 'facilitator')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The day’s current check-in code and its QR',
    description:
      'To show in the room. The code changes every `CHECK_IN_CODE_PERIOD_MINUTES` (the previous one is still taken for a minute) and works only on the day, ' +
      'from `CHECK_IN_OPENS_MINUTES_BEFORE` before it starts until it ends.',
  })
  @ApiOkResponse({ type: CheckInCodeResponseDto })
  @ApiProblems(notSeminarFacilitator, seminarNotFound, seminarDayNotFound, checkInClosed, attendanceNotOpen)
  code(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
  ): Promise<CheckInCodeResponseDto> {
    return this.checkIns.code(principal, id, date);
  }

  @Get('seminars/:id/days/:date/check-ins/count')
  @Roles('office', 'facilitator')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'How many have checked in on a day',
    description:
      'The confirmed attendees and how many of them have checked in with a code on the day, for the room’s screen. For the office and the seminar’s facilitators.',
  })
  @ApiOkResponse({ type: CheckInCountResponseDto })
  @ApiProblems(notSeminarFacilitator, seminarNotFound, seminarDayNotFound)
  checkInCount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
  ): Promise<CheckInCountResponseDto> {
    return this.attendance.checkInCount(principal, id, date);
  }

  @Post('me/check-ins')
  @SignedIn()
  @ApiOperation({
    summary: 'Check in to today’s seminar day with the code shown in the room',
    description:
      'For anyone holding a confirmed seat in the seminar (the seat, not the role, decides). Marks the day `present` with its hours, or keeps what the roster already says. ' +
      'After `CHECK_IN_MAX_WRONG_CODES` wrong codes (unknown, expired, another seminar’s) within `CHECK_IN_WRONG_CODE_WINDOW_MINUTES`, every further try waits (429 with Retry-After), the right code too.',
  })
  @ApiCreatedResponse({ type: CheckInResponseDto })
  @ApiProblems(
    checkInNotConfirmed,
    checkInClosed,
    codeReused,
    AlreadyCheckedInError,
    codeInvalid,
    codeExpired,
    codeOtherSeminar,
    CommonProblems.tooManyRequests,
  )
  checkIn(@CurrentPrincipal() principal: Principal, @Body() body: CheckInDto): Promise<CheckInResponseDto> {
    return this.checkIns.checkIn(principal, body);
  }
}
