import { CommonProblems } from '../../common/errors/common.errors';
import {
  venueNotFound,
  startDateNotWorkingDay,
  startDateInPast,
  venueCapacityExceeded,
  seminarRuleBroken,
  seminarNotFound,
  seminarNotEditable,
  capacityBelowEnrolled,
  venueDoubleBooked,
  venueRequired,
  seminarNotDraft,
} from './seminars.errors';
import { networkNotFound } from '../directory/directory.errors';
import { topicNotFound } from '../topics/topics.errors';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CalendarService } from './calendar.service';
import { ConflictsResponseDto } from './conflicts.dto';
import { CreateSeminarDto, SeminarDetailResponseDto, SeminarResponseDto, UpdateSeminarDto } from './seminars.dto';
import { SeminarListQueryDto } from './seminar-list.dto';
import { SeminarsService } from './seminars.service';

const SeminarPage = PageResponse(SeminarResponseDto);
export const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

@ApiTags('seminars')
@ApiTags('seminars')
@Controller('seminars')
export class SeminarsController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'List seminars',
    description: 'Drafts are listed for the office and for the facilitators planning them.',
  })
  @ApiOkResponse({ type: SeminarPage })
  @ApiProblems(CommonProblems.forbidden)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SeminarListQueryDto,
  ): Promise<Page<SeminarResponseDto>> {
    return this.seminars.list(principal, query);
  }

  @Post()
  @Roles('office')
  @ApiOperation({
    summary: 'Plan a seminar (as a draft)',
    description:
      "Lays out the topic's day count in consecutive working days from the start date, each with the topic's hours from the start of the working day.",
  })
  @ApiCreatedResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(
    topicNotFound,
    networkNotFound,
    venueNotFound,
    startDateNotWorkingDay,
    startDateInPast,
    venueCapacityExceeded,
    seminarRuleBroken,
  )
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateSeminarDto): Promise<SeminarDetailResponseDto> {
    return this.seminars.create(actor, body);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A seminar with its days and schedule history' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(seminarNotFound)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.seminars.get(principal, id);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({
    summary: 'Change venue, capacity, title or notes',
    description: 'Dates change through `reschedule`.',
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(
    seminarNotFound,
    venueNotFound,
    seminarNotEditable,
    capacityBelowEnrolled,
    venueDoubleBooked,
    venueCapacityExceeded,
    venueRequired,
    seminarRuleBroken,
  )
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateSeminarDto,
  ): Promise<SeminarDetailResponseDto> {
    return this.seminars.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a draft without enrolments (otherwise cancel it)' })
  @ApiNoContentResponse()
  @ApiProblems(seminarNotFound, seminarNotDraft)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.seminars.remove(actor, id);
  }

  @Get(':id/conflicts')
  @Roles('office')
  @ApiOperation({
    summary: 'Clashes with other seminars',
    description:
      'For a draft, warnings against every plan not cancelled (drafts included) to settle before opening it; otherwise clashes with seminars planned for real.',
  })
  @ApiOkResponse({ type: ConflictsResponseDto })
  @ApiProblems(seminarNotFound)
  conflicts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @RequestLanguage() language: Language,
  ): Promise<ConflictsResponseDto> {
    return this.seminars.conflictsOf(principal, id, language);
  }

  @Get(':id/calendar.ics')
  @SignedIn()
  @Header('Content-Type', CALENDAR_TYPE)
  @ApiOperation({ summary: 'The seminar in iCalendar: one event per day, in the service time zone' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545).', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(seminarNotFound)
  calendarFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @RequestLanguage() language: Language,
  ): Promise<string> {
    return this.calendar.seminarCalendar(principal, id, language);
  }
}
