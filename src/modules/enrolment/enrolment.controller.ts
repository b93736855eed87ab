import {
  enrolmentFrozen,
  notAnAttendee,
  seminarNotOpenForEnrolment,
  alreadyEnrolled,
  facilitatesSeminar,
  topicAlreadyTaken,
  selfRequestsNotAllowed,
  enrolmentNotFound,
  invitationClosed,
  invitationLapsed,
  seatAlreadyAccepted,
  notYetAccepted,
  withdrawalReasonRequired,
  answerLinkInvalid,
} from './enrolment.errors';
import { seminarNotFound, personDoubleBooked } from '../seminars/seminars.errors';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAsker, CurrentPrincipal, Roles, RolesOrLink } from '../../common/auth/access.decorators';
import type { Asker, Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { AnswersService } from './answers.service';
import {
  EnrolmentInvitationDto,
  EnrolmentListQueryDto,
  EnrolmentResponseDto,
  InviteDto,
  EnrolmentReasonDto,
} from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';

const EnrolmentPage = PageResponse(EnrolmentResponseDto);

@ApiTags('enrolment')
@Controller()
export class EnrolmentController {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly answers: AnswersService,
  ) {}

  @Post('seminars/:id/enrolments')
  @Roles('office')
  @ApiOperation({
    summary: 'Invite attendees to a seminar by hand',
    description:
      'All or nothing, in the order given. Each person gets an invitation by mail with links to accept or decline and a deadline ' +
      '(`ENROLMENT_RESPONSE_WORKING_DAYS` working days, at most the day before the seminar). People who had declined or withdrawn are invited again.',
  })
  @ApiCreatedResponse({ type: [EnrolmentResponseDto] })
  @ApiProblems(
    seminarNotFound,
    alreadyEnrolled,
    facilitatesSeminar,
    topicAlreadyTaken,
    personDoubleBooked,
    notAnAttendee,
    enrolmentFrozen,
  )
  invite(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: InviteDto,
  ): Promise<EnrolmentResponseDto[]> {
    return this.enrolments.invite(actor, id, body.personIds);
  }

  @Get('seminars/:id/enrolments')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Who is invited, enrolled, waiting or gone from a seminar',
    description:
      'For the office and the seminar’s facilitators. Seats first, then the waiting line in order; withdrawals carry their reason.',
  })
  @ApiOkResponse({ type: EnrolmentPage })
  @ApiProblems(seminarNotFound)
  listForSeminar(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: EnrolmentListQueryDto,
  ): Promise<Page<EnrolmentResponseDto>> {
    return this.enrolments.listForSeminar(actor, id, query);
  }

  @Post('seminars/:id/enrolments/requests')
  @Roles('attendee')
  @NoRequestBody()
  @ApiOperation({
    summary: 'Ask for a place in an open seminar',
    description:
      'When the topic allows requests. A free seat is held at once and the unit’s manager is asked to release the attendee; ' +
      'with no free seat the attendee joins the waiting line.',
  })
  @ApiCreatedResponse({ type: EnrolmentResponseDto })
  @ApiProblems(
    seminarNotFound,
    seminarNotOpenForEnrolment,
    alreadyEnrolled,
    facilitatesSeminar,
    topicAlreadyTaken,
    personDoubleBooked,
    selfRequestsNotAllowed,
    notAnAttendee,
  )
  request(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<EnrolmentResponseDto> {
    return this.enrolments.requestPlace(actor, id);
  }

  @Get('me/enrolments')
  @Roles('attendee')
  @ApiOperation({ summary: 'My invitations, seats and places in line', description: 'Newest seminars first.' })
  @ApiOkResponse({ type: EnrolmentPage })
  @ApiProblems()
  listMine(
    @CurrentPrincipal() actor: Principal,
    @Query() query: EnrolmentListQueryDto,
  ): Promise<Page<EnrolmentResponseDto>> {
    return this.enrolments.listMine(actor, query);
  }

  @Get('enrolments/:id')
  @RolesOrLink('attendee', 'office')
  @ApiOperation({
    summary: 'An invitation with its seminar',
    description:
      'For the person invited (or the office), or for whoever holds the token of the link the invitation was mailed with, while it waits for an answer.',
  })
  @ApiOkResponse({ type: EnrolmentInvitationDto })
  @ApiProblems(enrolmentNotFound, answerLinkInvalid)
  invitation(@CurrentAsker() asker: Asker, @Param('id', UuidPipe) id: string): Promise<EnrolmentInvitationDto> {
    return this.answers.invitation(asker, id);
  }

  @Post('enrolments/:id/accept')
  @RolesOrLink('attendee')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'Holds a seat when one is free and asks the unit’s manager for release (the seat is `confirmed` once released); otherwise joins the waiting line. ' +
      'Accepting again answers with the enrolment as it is.',
  })
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiProblems(
    enrolmentNotFound,
    invitationClosed,
    invitationLapsed,
    topicAlreadyTaken,
    personDoubleBooked,
    enrolmentFrozen,
    answerLinkInvalid,
  )
  async accept(@CurrentAsker() asker: Asker, @Param('id', UuidPipe) id: string): Promise<EnrolmentResponseDto> {
    return this.enrolments.respond(await this.answers.enrolmentActor(asker, id), id, 'accept');
  }

  @Post('enrolments/:id/decline')
  @RolesOrLink('attendee', 'office')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline an invitation',
    description:
      'Optionally with a reason. The office may decline for someone. Declining again answers with the enrolment as it is.',
  })
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiProblems(enrolmentNotFound, seatAlreadyAccepted, invitationClosed, enrolmentFrozen, answerLinkInvalid)
  async decline(
    @CurrentAsker() asker: Asker,
    @Param('id', UuidPipe) id: string,
    @Body() body: EnrolmentReasonDto,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.respond(await this.answers.enrolmentActor(asker, id), id, 'decline', body.reason);
  }

  @Post('enrolments/:id/withdraw')
  @Roles('attendee', 'office')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give up a seat or a place in line',
    description:
      'Optionally with a reason, required once the seminar is confirmed (the office sees it in the seminar’s enrolments). A freed seat goes to the ' +
      'next person in line. The office may withdraw someone. Withdrawing again answers with the enrolment as it is.',
  })
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiProblems(enrolmentNotFound, notYetAccepted, invitationClosed, withdrawalReasonRequired, enrolmentFrozen)
  withdraw(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: EnrolmentReasonDto,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.respond(actor, id, 'withdraw', body.reason);
  }
}
