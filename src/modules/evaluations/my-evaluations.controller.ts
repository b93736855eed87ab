import { seminarNotFound, seminarDayNotFound } from '../seminars/seminars.errors';
import {
  formChanged,
  occasionInvalid,
  notApplicable,
  notOpen,
  closed,
  notOwed,
  answersInvalid,
  responseNotFound,
} from './evaluations.errors';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { EvaluationResponseDto, PendingEvaluationDto, SubmitEvaluationDto } from './evaluations.dto';
import { QuestionnaireDto } from './questionnaire.dto';
import { EvaluationsService } from './evaluations.service';

const OCCASION_PARAM = {
  name: 'occasion',
  description: '`pre-test`, `post-test`, `final`, or the date (YYYY-MM-DD) of the day a daily evaluation is about.',
  example: 'final',
};

@ApiTags('evaluations')
@Controller('me/evaluations')
export class MyEvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get('pending')
  @SignedIn()
  @ApiOperation({ summary: 'Evaluations I still owe, soonest deadline first' })
  @ApiOkResponse({ type: [PendingEvaluationDto] })
  pending(
    @CurrentPrincipal() actor: Principal,
    @RequestLanguage() language: Language,
  ): Promise<PendingEvaluationDto[]> {
    return this.evaluations.pending(actor, language);
  }

  @Get(':seminarId/:occasion/form')
  @SignedIn()
  @ApiParam(OCCASION_PARAM)
  @ApiOperation({
    summary: 'An evaluation as I answer it',
    description:
      "Its form (without a diagnostic test's correct answers or points), the seminar's facilitators for the items answered per facilitator, whether it is open, and my answers so far. For the seminar's confirmed attendees only.",
  })
  @ApiOkResponse({ type: QuestionnaireDto })
  @ApiProblems(occasionInvalid, seminarNotFound, seminarDayNotFound, notApplicable)
  questionnaire(
    @CurrentPrincipal() actor: Principal,
    @Param('seminarId', UuidPipe) seminarId: string,
    @Param('occasion') occasion: string,
  ): Promise<QuestionnaireDto> {
    return this.evaluations.questionnaire(actor, seminarId, occasion);
  }

  @Put(':seminarId/:occasion')
  @SignedIn()
  @ApiParam(OCCASION_PARAM)
  @ApiOperation({
    summary: 'Answer an evaluation (again, to replace my answers while it is open)',
    description:
      'Daily evaluations open when their day ends (3 days by default), the final evaluation and the post-test when the last day ends (7 days), the pre-test closes when the first day starts.',
  })
  @ApiOkResponse({ type: EvaluationResponseDto })
  @ApiProblems(
    occasionInvalid,
    seminarNotFound,
    seminarDayNotFound,
    notApplicable,
    formChanged,
    notOpen,
    closed,
    notOwed,
    answersInvalid,
  )
  submit(
    @CurrentPrincipal() actor: Principal,
    @Param('seminarId', UuidPipe) seminarId: string,
    @Param('occasion') occasion: string,
    @Body() body: SubmitEvaluationDto,
  ): Promise<EvaluationResponseDto> {
    return this.evaluations.submit(actor, seminarId, occasion, body);
  }

  @Get(':seminarId/:occasion')
  @SignedIn()
  @ApiParam(OCCASION_PARAM)
  @ApiOperation({ summary: 'My answers to an evaluation', description: 'Only the respondent can read their answers.' })
  @ApiOkResponse({ type: EvaluationResponseDto })
  @ApiProblems(occasionInvalid, seminarNotFound, notApplicable, responseNotFound)
  mine(
    @CurrentPrincipal() actor: Principal,
    @Param('seminarId', UuidPipe) seminarId: string,
    @Param('occasion') occasion: string,
  ): Promise<EvaluationResponseDto> {
    return this.evaluations.mine(actor, seminarId, occasion);
  }
}
