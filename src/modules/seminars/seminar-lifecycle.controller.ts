import {
  venueNotFound,
  startDateNotWorkingDay,
  startDateInPast,
  venueCapacityExceeded,
  seminarNotFound,
  venueDoubleBooked,
  venueRequired,
  statusConflict,
  personDoubleBooked,
  facilitatorMonthlyLimit,
  specialtiesNotCovered,
  tooFewAttendees,
  seminarNotStarted,
  seminarDaysRemaining,
  nothingToReschedule,
} from './seminars.errors';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { SeminarLifecycleService } from './seminar-lifecycle.service';
import { SeminarReasonDto, RescheduleSeminarDto, SeminarDetailResponseDto } from './seminars.dto';

@ApiTags('seminars')
/** The steps of a seminar's life: open, confirm, start, complete, close, cancel, reschedule. */
@ApiTags('seminars')
@Controller('seminars')
export class SeminarLifecycleController {
  constructor(private readonly lifecycle: SeminarLifecycleService) {}

  @Post(':id/open')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({
    summary: 'Open a draft for enrolment',
    description: 'Needs a venue and a start date not past; the venue and the people must be free.',
  })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(
    seminarNotFound,
    statusConflict,
    venueDoubleBooked,
    personDoubleBooked,
    facilitatorMonthlyLimit,
    venueRequired,
    startDateInPast,
  )
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
  @ApiProblems(seminarNotFound, statusConflict, specialtiesNotCovered, tooFewAttendees, startDateInPast)
  confirm(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'confirm');
  }

  @Post(':id/start')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Mark a confirmed seminar as in progress (from its first day)' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(seminarNotFound, statusConflict, seminarNotStarted)
  start(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'start');
  }

  @Post(':id/complete')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Mark a seminar in progress as completed (from its last day)' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(seminarNotFound, statusConflict, seminarDaysRemaining)
  complete(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.transition(actor, id, 'complete');
  }

  @Post(':id/close')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Close a completed seminar' })
  @ApiOkResponse({ type: SeminarDetailResponseDto })
  @ApiProblems(seminarNotFound, statusConflict)
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
  @ApiProblems(seminarNotFound, statusConflict)
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
  @ApiProblems(
    seminarNotFound,
    venueNotFound,
    statusConflict,
    venueDoubleBooked,
    personDoubleBooked,
    facilitatorMonthlyLimit,
    startDateNotWorkingDay,
    startDateInPast,
    nothingToReschedule,
    venueCapacityExceeded,
  )
  reschedule(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: RescheduleSeminarDto,
  ): Promise<SeminarDetailResponseDto> {
    return this.lifecycle.reschedule(actor, id, body);
  }
}
