import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import { type Language } from '../../common/i18n/text';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import {
  CaseLibraryQueryDto,
  CaseResponseDto,
  CaseVersionDto,
  FindingDto,
  ReviewCaseDto,
  UpdateCaseDto,
  WaiveFindingDto,
} from './cases.dto';
import { CaseReviewService } from './case-review.service';
import { CasesService } from './cases.service';
import {
  agendaBlockNotFound,
  caseNotEditable,
  caseNotFound,
  caseStatusConflict,
  findingNotFound,
  findingNotRedactable,
  identifiersFound,
  notAReviewer,
  ownCaseReview,
  specialtyNotFound,
} from './cases.errors';

const CasePage = PageResponse(CaseResponseDto);

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly reviews: CaseReviewService,
  ) {}

  @Get('cases')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'The library: approved cases to reuse',
    description:
      '`q` searches titles, summaries and objectives (full text, Spanish and English, accents ignored); best matches first.',
  })
  @ApiOkResponse({ type: CasePage })
  library(@Query() query: CaseLibraryQueryDto): Promise<Page<CaseResponseDto>> {
    return this.cases.library(query);
  }

  @Get('cases/:id')
  @SignedIn()
  @ApiOperation({ summary: 'A case', description: 'Reviews are shown to those who prepare the seminar.' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound)
  get(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.cases.get(actor, id);
  }

  @Patch('cases/:id')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Edit a case',
    description:
      'Not while under review. Editing an approved or published case keeps the approved text as a version and starts a new draft.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, caseNotEditable, caseStatusConflict, specialtyNotFound, agendaBlockNotFound)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.update(actor, id, body);
  }

  @Post('cases/:id/submit')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Send a case to review',
    description:
      'Every text field and the text of every file are scanned for patient identifiers. Findings not confirmed as false positives refuse the submission (422 ' +
      '`case_identifiers_found`) with each finding’s field, kind and position, never the matched text.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, caseStatusConflict, identifiersFound)
  submit(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.reviews.submit(actor, id);
  }

  @Post('cases/:id/findings/waive')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a finding as a false positive',
    description: 'With a short reason, recorded in the audit log; only a fingerprint of the matched text is kept.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, findingNotFound)
  waive(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: WaiveFindingDto,
  ): Promise<CaseResponseDto> {
    return this.reviews.waiveFinding(actor, id, body);
  }

  @Post('cases/:id/findings/redact')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Redact a finding in place',
    description:
      'Replaces the finding with a placeholder naming its kind, in the language of the request (`[NOMBRE]`, `[FECHA]`; `[NAME]`, `[DATE]`). ' +
      'Edits the case as `PATCH` does: not while under review, and an approved case keeps its approved text as a version. Findings in the text of a file are not redacted here (422 `finding_not_redactable`).',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, caseNotEditable, caseStatusConflict, findingNotFound, findingNotRedactable)
  redact(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: FindingDto,
    @RequestLanguage() language: Language,
  ): Promise<CaseResponseDto> {
    return this.reviews.redactFinding(actor, id, body, language);
  }

  @Post('cases/:id/review')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a submitted case or ask for changes',
    description:
      'By the office or the seminar’s lead facilitator (not on their own case); a comment is required to ask for changes.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, notAReviewer, caseStatusConflict, ownCaseReview)
  review(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReviewCaseDto,
  ): Promise<CaseResponseDto> {
    return this.reviews.review(actor, id, body);
  }

  @Post('cases/:id/publish')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Publish an approved case to the seminar’s confirmed attendees',
    description: 'By the office or the seminar’s lead facilitator.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(caseNotFound, notAReviewer, caseStatusConflict)
  publish(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.reviews.publish(actor, id);
  }

  @Get('cases/:id/versions')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Earlier approved versions of a case',
    description: 'For reviewers, the seminar’s facilitators and the author.',
  })
  @ApiOkResponse({ type: [CaseVersionDto] })
  @ApiProblems(caseNotFound)
  versions(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseVersionDto[]> {
    return this.cases.versions(actor, id);
  }
}
