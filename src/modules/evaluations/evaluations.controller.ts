import { notSeminarFacilitator, seminarNotFound } from '../seminars/seminars.errors';
import { topicNotFound } from '../topics/topics.errors';
import { formInvalid, formNotFound, formChanged, formKindMismatch, periodInvalid } from './evaluations.errors';
import { Body, Controller, Get, Header, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { EvaluationFormsService } from './evaluation-forms.service';
import { EvaluationReportsService } from './evaluation-reports.service';
import { CreateFormDto, FormListQueryDto, FormResponseDto, UpdateFormDto } from './evaluations.dto';
import { EvaluationReportDto, TopicReportQueryDto } from './evaluation-reports.dto';
import { TopicFormsDto, TopicFormsResponseDto } from './topic-forms.dto';
import { reportCsv } from './report-csv';
const CSV_TYPE = 'text/csv; charset=utf-8';

@ApiTags('evaluations')
@Controller('evaluation-forms')
export class EvaluationFormsController {
  constructor(private readonly forms: EvaluationFormsService) {}

  @Get()
  @Roles('office')
  @ApiOperation({ summary: 'Evaluation forms, at their current versions' })
  @ApiOkResponse({ type: [FormResponseDto] })
  @ApiProblems()
  list(@Query() query: FormListQueryDto): Promise<FormResponseDto[]> {
    return this.forms.list(query.kind);
  }

  @Post()
  @Roles('office')
  @ApiOperation({
    summary: 'Create an evaluation form',
    description:
      'Items: Likert 1–5, single or multiple choice, number, short or long text, each optionally required. Diagnostic tests give scored items a correct answer and points. Keep forms short.',
  })
  @ApiCreatedResponse({ type: FormResponseDto })
  @ApiProblems(formInvalid)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateFormDto): Promise<FormResponseDto> {
    return this.forms.create(actor, body);
  }

  @Get(':id')
  @Roles('office')
  @ApiOperation({ summary: 'An evaluation form at its current version' })
  @ApiOkResponse({ type: FormResponseDto })
  @ApiProblems(formNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<FormResponseDto> {
    return this.forms.get(id);
  }

  @Get(':id/versions/:version')
  @Roles('office')
  @ApiOperation({ summary: 'An earlier version of an evaluation form' })
  @ApiOkResponse({ type: FormResponseDto })
  @ApiProblems(formNotFound)
  version(
    @Param('id', UuidPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<FormResponseDto> {
    return this.forms.getVersion(id, version);
  }

  @Put(':id')
  @Roles('office')
  @ApiOperation({
    summary: 'Change an evaluation form',
    description:
      'A version nobody has answered yet changes in place; once answered it is frozen and the change makes the next version, which new answers use. `version` must be the current one.',
  })
  @ApiOkResponse({ type: FormResponseDto })
  @ApiProblems(formNotFound, formChanged, formInvalid)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateFormDto,
  ): Promise<FormResponseDto> {
    return this.forms.update(actor, id, body);
  }
}

@ApiTags('evaluations')
@Controller('topics')
export class TopicEvaluationsController {
  constructor(
    private readonly forms: EvaluationFormsService,
    private readonly reports: EvaluationReportsService,
  ) {}

  @Get(':id/evaluation-forms')
  @Roles('office')
  @ApiOperation({
    summary: "The topic's evaluation forms",
    description: 'Without a choice of its own a topic uses the default daily and final forms, and no diagnostic test.',
  })
  @ApiOkResponse({ type: TopicFormsResponseDto })
  @ApiProblems(topicNotFound)
  topicForms(@Param('id', UuidPipe) id: string): Promise<TopicFormsResponseDto> {
    return this.forms.topicForms(id);
  }

  @Put(':id/evaluation-forms')
  @Roles('office')
  @ApiOperation({
    summary: 'Choose the evaluation forms of a topic',
    description: 'For each kind sent: a form of that kind, or null for none. Kinds left out keep their choice.',
  })
  @ApiOkResponse({ type: TopicFormsResponseDto })
  @ApiProblems(topicNotFound, formNotFound, formKindMismatch)
  setTopicForms(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: TopicFormsDto,
  ): Promise<TopicFormsResponseDto> {
    return this.forms.setTopicForms(actor, id, body);
  }

  @Get(':id/evaluation-report')
  @Roles('office')
  @ApiOperation({
    summary: "Evaluation report of a topic's seminars",
    description:
      'Seminars starting between `from` and `to`. Response rates, means and distributions, facilitator items per facilitator, pre/post test scores and the paired improvement, comments. Figures of too few respondents are withheld.',
  })
  @ApiOkResponse({ type: EvaluationReportDto })
  @ApiProblems(topicNotFound, periodInvalid)
  topicReport(@Param('id', UuidPipe) id: string, @Query() query: TopicReportQueryDto): Promise<EvaluationReportDto> {
    return this.reports.forTopic(id, query.from, query.to);
  }

  @Get(':id/evaluation-report.csv')
  @Roles('office')
  @Header('Content-Type', CSV_TYPE)
  @Header('Content-Disposition', 'attachment; filename="evaluation-report.csv"')
  @ApiOperation({ summary: "Evaluation report of a topic's seminars, as CSV" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The report as one CSV table (UTF-8 with BOM).',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(topicNotFound, periodInvalid)
  async topicReportCsv(
    @Param('id', UuidPipe) id: string,
    @Query() query: TopicReportQueryDto,
    @RequestLanguage() language: Language,
  ): Promise<string> {
    return reportCsv(await this.reports.forTopic(id, query.from, query.to), language);
  }
}

@ApiTags('evaluations')
@Controller('seminars')
export class SeminarEvaluationsController {
  constructor(private readonly reports: EvaluationReportsService) {}

  @Get(':id/evaluation-report')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Evaluation report of a seminar',
    description:
      "For the office and the seminar's facilitators; a facilitator sees the facilitator items about themself only. Nobody sees who answered what.",
  })
  @ApiOkResponse({ type: EvaluationReportDto })
  @ApiProblems(notSeminarFacilitator, seminarNotFound)
  seminarReport(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<EvaluationReportDto> {
    return this.reports.forSeminar(actor, id);
  }

  @Get(':id/evaluation-report.csv')
  @Roles('office', 'facilitator')
  @Header('Content-Type', CSV_TYPE)
  @Header('Content-Disposition', 'attachment; filename="evaluation-report.csv"')
  @ApiOperation({ summary: 'Evaluation report of a seminar, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The report as one CSV table (UTF-8 with BOM).',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(notSeminarFacilitator, seminarNotFound)
  async seminarReportCsv(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @RequestLanguage() language: Language,
  ): Promise<string> {
    return reportCsv(await this.reports.forSeminar(actor, id), language);
  }
}
