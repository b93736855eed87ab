import { seminarNotFound } from '../seminars/seminars.errors';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CaseResponseDto, CreateCaseDto, ReuseCaseDto } from './cases.dto';
import { CasesService } from './cases.service';
import {
  agendaBlockNotFound,
  caseNotFound,
  caseStatusConflict,
  reuseNotAllowed,
  specialtyNotFound,
} from './cases.errors';

@ApiTags('cases')
@Controller()
export class SeminarCasesController {
  constructor(private readonly cases: CasesService) {}

  @Post('seminars/:id/cases')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Write a clinical case for a seminar',
    description:
      'By the seminar’s facilitators or the office. Only the title and the summary (Markdown, up to 20,000 characters) are required. Starts as a draft.',
  })
  @ApiCreatedResponse({ type: CaseResponseDto })
  @ApiProblems(seminarNotFound, caseStatusConflict, specialtyNotFound, agendaBlockNotFound)
  create(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.create(actor, id, body);
  }

  @Post('seminars/:id/cases/reuse')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Reuse an approved case of the same topic in this seminar',
    description: 'Copies its text and files; the copy starts approved and keeps a link to its source.',
  })
  @ApiCreatedResponse({ type: CaseResponseDto })
  @ApiProblems(seminarNotFound, caseNotFound, caseStatusConflict, reuseNotAllowed)
  reuse(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReuseCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.reuse(actor, id, body.caseId);
  }

  @Get('seminars/:id/cases')
  @SignedIn()
  @ApiOperation({
    summary: 'A seminar’s cases',
    description:
      'Every state for the office and the seminar’s facilitators; published cases for its confirmed attendees from `CASE_ATTENDEE_LEAD_DAYS` days before the first day (an empty list before); nobody else.',
  })
  @ApiOkResponse({ type: [CaseResponseDto] })
  @ApiProblems(seminarNotFound)
  list(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto[]> {
    return this.cases.listForSeminar(actor, id);
  }
}
