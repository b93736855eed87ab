import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarDatePipe } from '../../common/http/calendar-date.pipe';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { AgendaService } from './agenda.service';
import { CalendarService } from './calendar.service';
import { FacilitatorsService } from './facilitators.service';
import { HolidaysService } from './holidays.service';
import { SeminarLifecycleService } from './seminar-lifecycle.service';
import {
  AddFacilitatorDto,
  AgendaDayResponseDto,
  AgendaResponseDto,
  CalendarFeedResponseDto,
  ConflictsResponseDto,
  CreateSeminarDto,
  FacilitatorsResponseDto,
  MySeminarListQueryDto,
  MySeminarResponseDto,
  SeminarReasonDto,
  ReplaceAgendaDto,
  RescheduleSeminarDto,
  SeminarDetailResponseDto,
  SeminarListQueryDto,
  SeminarResponseDto,
  UpdateFacilitatorDto,
  UpdateSeminarDto,
} from './seminars.dto';
import { SeminarsService } from './seminars.service';
import {
  CreateHolidayDto,
  CreateVenueDto,
  HolidayListQueryDto,
  HolidayListResponseDto,
  HolidayResponseDto,
  UpdateVenueDto,
  VenueListQueryDto,
  VenueResponseDto,
} from './venues.dto';
import { VenuesService } from './venues.service';

const SeminarPage = PageResponse(SeminarResponseDto);
const MySeminarPage = PageResponse(MySeminarResponseDto);
const VenuePage = PageResponse(VenueResponseDto);
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const NOT_FOUND = [404, 'No such seminar, or a draft the caller does not plan (`seminar_not_found`).'] as [
  number,
  string,
];
const STATUS_CONFLICT = [409, "The seminar's status does not allow it (`seminar_status_conflict`)."] as [
  number,
  string,
];
const BOOKING_CONFLICT = [
  409,
  'A clash with another seminar (`venue_double_booked`, `person_double_booked`, `facilitator_monthly_limit`); `conflicts` lists each, naming the other seminar.',
] as [number, string];

@ApiTags('seminars')
@Controller('seminars')
export class SeminarsController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly lifecycle: SeminarLifecycleService,
    private readonly agenda: AgendaService,
    private readonly facilitators: FacilitatorsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'List seminars',
    description: 'Drafts are listed for the office and for the facilitators planning them.',
  })
  @ApiOkResponse({ type: SeminarPage })
  @ApiProblems(400, [403, 'Only the office filters by another person (`forbidden`).'])
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
    400,
    [404, '`topic_not_found`, `network_not_found`, `venue_not_found`'],
    [
      422,
      'A start date on a weekend or holiday names the next valid date (`start_date_not_working_day`); `start_date_in_past`, `venue_capacity_exceeded`, `seminar_rule_broken`.',
    ],
  )
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateSeminarDto): Promise<SeminarDetailResponseDto> {
    return this.seminars.create(actor, body);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A seminar with its days and schedule history' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND)
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
    400,
    [404, '`seminar_not_found`, `venue_not_found`'],
    [409, '`seminar_not_editable`, `capacity_below_enrolled`, `venue_double_booked`'],
    [422, '`venue_capacity_exceeded`, `venue_required`, `seminar_rule_broken`'],
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
  @ApiProblems(400, NOT_FOUND, [409, '`seminar_not_draft`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.seminars.remove(actor, id);
  }

  @Post(':id/open')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Open a draft for enrolment',
    description: 'Needs a venue and a start date not past; the venue and the people must be free.',
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT, BOOKING_CONFLICT, [422, '`venue_required`, `start_date_in_past`'])
  open(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'open');
  }

  @Post(':id/confirm')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Confirm that an open seminar will run',
    description: "Needs every specialty the topic requires covered and the topic's minimum of confirmed attendees.",
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT, [
    422,
    '`specialties_not_covered`, `too_few_attendees`, `start_date_in_past`',
  ])
  confirm(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'confirm');
  }

  @Post(':id/start')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Mark a confirmed seminar as in progress (from its first day)' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT, [422, '`seminar_not_started`'])
  start(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'start');
  }

  @Post(':id/complete')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Mark a seminar in progress as completed (from its last day)' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT, [422, '`seminar_days_remaining`'])
  complete(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'complete');
  }

  @Post(':id/close')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Close a completed seminar' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT)
  close(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'close');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Cancel a seminar before it is completed',
    description: 'Every facilitator and enrolled person is told by mail, in their language.',
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, NOT_FOUND, STATUS_CONFLICT)
  cancel(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: SeminarReasonDto,
  ): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'cancel', body.reason);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Move a seminar to new dates (and optionally another venue)',
    description:
      'Days keep their hours and agenda; the previous dates stay in the history. Everyone affected is told by mail.',
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(400, [404, '`seminar_not_found`, `venue_not_found`'], STATUS_CONFLICT, BOOKING_CONFLICT, [
    422,
    '`start_date_not_working_day`, `start_date_in_past`, `nothing_to_reschedule`, `venue_capacity_exceeded`',
  ])
  reschedule(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: RescheduleSeminarDto,
  ): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.reschedule(actor, id, body);
  }

  @Get(':id/conflicts')
  @Roles('office')
  @ApiOperation({
    summary: 'Clashes with other seminars',
    description:
      'For a draft, warnings against every plan not cancelled (drafts included) to settle before opening it; otherwise clashes with seminars planned for real.',
  })
  @ApiOkResponse({ type: ConflictsResponseDto })
  @ApiProblems(400, NOT_FOUND)
  conflicts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @RequestLanguage() language: Language,
  ): Promise<ConflictsResponseDto> {
    return this.seminars.conflictsOf(principal, id, language);
  }

  @Get(':id/agenda')
  @SignedIn()
  @ApiOperation({ summary: 'The agenda of every day' })
  @ApiOkResponse({ type: AgendaResponseDto })
  @ApiProblems(400, NOT_FOUND)
  getAgenda(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AgendaResponseDto> {
    return this.agenda.get(principal, id);
  }

  @Put(':id/days/:date/agenda')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: "Replace one day's agenda",
    description:
      "The office and the seminar's facilitators co-plan it. Blocks stay inside the day's hours and do not overlap. `version` must be the day's current `agendaVersion`.",
  })
  @ApiOkResponse({ type: AgendaDayResponseDto })
  @ApiProblems(
    400,
    [403, 'Not a facilitator of this seminar (`not_seminar_facilitator`).'],
    [404, '`seminar_not_found`, `seminar_day_not_found`'],
    [409, 'Changed meanwhile (`agenda_changed`) or no longer editable (`seminar_not_editable`).'],
    [422, '`agenda_invalid`'],
  )
  replaceAgenda(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
    @Body() body: ReplaceAgendaDto,
  ): Promise<AgendaDayResponseDto> {
    return this.agenda.replaceDay(principal, id, date, body);
  }

  @Get(':id/facilitators')
  @SignedIn()
  @ApiOperation({ summary: "Facilitators, with the topic's required specialties covered or missing" })
  @ApiOkResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(400, NOT_FOUND)
  listFacilitators(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.list(principal, id);
  }

  @Post(':id/facilitators')
  @Roles('office')
  @ApiOperation({
    summary: 'Add a facilitator',
    description:
      'Once the seminar is open, double bookings and the monthly limit are refused; on a draft they show as conflicts.',
  })
  @ApiCreatedResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(
    400,
    [404, '`seminar_not_found`, `person_not_found`'],
    [409, '`facilitator_already_added`, `seminar_not_editable`, `person_double_booked`, `facilitator_monthly_limit`'],
    [422, '`not_a_facilitator`, `seminar_rule_broken`'],
  )
  addFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: AddFacilitatorDto,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.add(actor, id, body);
  }

  @Patch(':id/facilitators/:personId')
  @Roles('office')
  @ApiOperation({ summary: 'Make a facilitator the lead (or not)' })
  @ApiOkResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(400, [404, '`seminar_not_found`, `facilitation_not_found`'], [409, '`seminar_not_editable`'])
  updateFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Body() body: UpdateFacilitatorDto,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.setLead(actor, id, personId, body.lead);
  }

  @Delete(':id/facilitators/:personId')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({
    summary: 'Remove a facilitator',
    description: 'Agenda blocks they were responsible for are left without a responsible.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`seminar_not_found`, `facilitation_not_found`'], [409, '`seminar_not_editable`'])
  removeFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
  ): Promise<void> {
    return this.facilitators.remove(actor, id, personId);
  }

  @Get(':id/calendar.ics')
  @SignedIn()
  @Header('Content-Type', CALENDAR_TYPE)
  @ApiOperation({ summary: 'The seminar in iCalendar: one event per day, in the service time zone' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545).', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(400, NOT_FOUND)
  calendarFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @RequestLanguage() language: Language,
  ): Promise<string> {
    return this.calendar.seminarCalendar(principal, id, language);
  }
}

@ApiTags('seminars')
@Controller('me')
export class MySeminarsController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get('seminars')
  @SignedIn()
  @ApiOperation({ summary: 'Seminars I facilitate or attend (or am invited to or waiting for)' })
  @ApiOkResponse({ type: MySeminarPage })
  @ApiProblems(400)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MySeminarListQueryDto,
  ): Promise<Page<MySeminarResponseDto>> {
    return this.seminars.listMine(principal, query);
  }

  @Post('calendar-feed')
  @NoRequestBody()
  @SignedIn()
  @ApiOperation({
    summary: 'Create (or replace) my secret calendar address',
    description: 'Subscribe to it from a phone calendar. A new address makes the previous one stop working.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponseDto })
  createFeed(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedResponseDto> {
    return this.calendar.createFeed(principal);
  }

  @Delete('calendar-feed')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'Revoke my calendar address' })
  @ApiNoContentResponse()
  @ApiProblems([404, 'No calendar address (`calendar_feed_not_found`).'])
  revokeFeed(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.calendar.revokeFeed(principal);
  }
}

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
  @ApiProblems([404, 'Unknown or revoked address (`calendar_feed_not_found`).'])
  feed(@Param('token') token: string): Promise<string> {
    return this.calendar.feed(token);
  }
}

@ApiTags('venues')
@Controller('venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List venues' })
  @ApiOkResponse({ type: VenuePage })
  @ApiProblems(400)
  list(@Query() query: VenueListQueryDto): Promise<Page<VenueResponseDto>> {
    return this.venues.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A venue' })
  @ApiOkResponse({ type: VenueResponseDto })
  @ApiProblems(400, [404, '`venue_not_found`'])
  get(@Param('id', UuidPipe) id: string): Promise<VenueResponseDto> {
    return this.venues.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a venue' })
  @ApiCreatedResponse({ type: VenueResponseDto })
  @ApiProblems(400, [404, '`network_not_found`'], [409, '`venue_name_taken`'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateVenueDto): Promise<VenueResponseDto> {
    return this.venues.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({
    summary: 'Update a venue',
    description: 'Its capacity cannot drop below that of a seminar planned there.',
  })
  @ApiOkResponse({ type: VenueResponseDto })
  @ApiProblems(400, [404, '`venue_not_found`'], [409, '`venue_name_taken`'], [422, '`venue_capacity_exceeded`'])
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateVenueDto,
  ): Promise<VenueResponseDto> {
    return this.venues.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a venue without seminars' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`venue_not_found`'], [409, '`venue_in_use`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.venues.remove(actor, id);
  }
}

@ApiTags('venues')
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Holidays of a year (days without seminars)' })
  @ApiOkResponse({ type: HolidayListResponseDto })
  @ApiProblems(400)
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
  @ApiProblems(400, [409, '`holiday_exists`, `holiday_on_seminar_day`'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateHolidayDto): Promise<HolidayResponseDto> {
    return this.holidays.create(actor, body);
  }

  @Delete(':date')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Remove a holiday' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`holiday_not_found`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('date', CalendarDatePipe) date: string): Promise<void> {
    return this.holidays.remove(actor, date);
  }
}
