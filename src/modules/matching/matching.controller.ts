import { personNotFound } from '../directory/directory.errors';
import {
  scopeInvalid,
  runNotFound,
  runNotFinished,
  pinChanged,
  pinInvalid,
  pinNotFound,
  RunStaleError,
  runFailed,
  runAlreadyPublished,
  RunConflictsError,
} from './matching.errors';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { MatchingPublishService } from './matching-publish.service';
import type { MatchingInstance } from './engine/instance';
import { LpQueryDto, RunDetailDto, RunsQueryDto, RunSummaryDto, StartRunDto } from './matching.dto';
import { PinDto, PinResponseDto, PinsQueryDto } from './pins.dto';
import { PublishResultDto, RunComparisonDto } from './run-comparison.dto';
import { MatchingService } from './matching.service';
const RunPage = PageResponse(RunSummaryDto);
const PinPage = PageResponse(PinResponseDto);

@ApiTags('matching')
@Controller('matching')
@Roles('office')
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly publishing: MatchingPublishService,
  ) {}

  @Post('runs')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a matching run',
    description:
      'Fixes the seminars now (named ones, or a cycle: the draft and open seminars starting within `from`–`to`, optionally of one network) and ' +
      'queues the run as a background job. Follow it with `GET /matching/runs/{id}`; the `Location` header names it.',
  })
  @ApiAcceptedResponse({
    type: RunSummaryDto,
    headers: { Location: { description: 'The run: `/api/v1/matching/runs/{id}`.', schema: { type: 'string' } } },
  })
  @ApiProblems(scopeInvalid)
  async start(
    @CurrentPrincipal() actor: Principal,
    @Body() body: StartRunDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunSummaryDto> {
    const run = await this.matching.start(actor, body);
    response.setHeader('Location', `/api/v1/matching/runs/${run.id}`);
    return run;
  }

  @Get('runs')
  @ApiOperation({
    summary: 'Matching runs, newest first',
    description: 'Finished runs carry their objective, optimality and whether the independent check passed.',
  })
  @ApiOkResponse({ type: RunPage })
  @ApiProblems()
  list(@Query() query: RunsQueryDto): Promise<Page<RunSummaryDto>> {
    return this.matching.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({
    summary: 'A matching run: status, progress and, once finished, its answer',
    description:
      'Objective and its parts, optimality per stage (proven optimal, or feasible with the gap to a proven bound), the independent check ' +
      '(every rule, the objective, the certificate), proposals per seminar with the reasons for each person, uncovered places with reasons, ' +
      'everyone left out with the reason, and the outcome of each pin. Texts follow `Accept-Language`.',
  })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiProblems(runNotFound)
  get(@Param('id', UuidPipe) id: string, @RequestLanguage() language: Language): Promise<RunDetailDto> {
    return this.matching.get(id, language);
  }

  @Get('runs/:id/instance')
  @ApiOperation({
    summary: 'The instance a finished run solved',
    description:
      "The engine's JSON input (ids, no names), to re-check the answer or to write it as LP with `npm run matching:export-lp`.",
  })
  @ApiOkResponse({
    description: 'The matching instance (see `src/modules/matching/engine/instance.ts`).',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(runNotFound, runNotFinished)
  instance(@Param('id', UuidPipe) id: string): Promise<MatchingInstance> {
    return this.matching.instance(id);
  }

  @Get('runs/:id/lp')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'A stage of a finished run as a CPLEX-LP program',
    description:
      "For any MIP solver (HiGHS, CBC, Gurobi…): its optimum is the stage's best objective; compare it with the run's. Stage 2 is written given the run's facilitators.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'CPLEX-LP text.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(runNotFound, runNotFinished)
  lp(@Param('id', UuidPipe) id: string, @Query() query: LpQueryDto): Promise<string> {
    return this.matching.lp(id, query.stage);
  }

  @Get('runs/:id/compare/:otherId')
  @ApiOperation({
    summary: 'Compare two finished runs',
    description:
      'Objectives side by side and, per seminar in both, who is added or removed going from the first run to the other.',
  })
  @ApiOkResponse({ type: RunComparisonDto })
  @ApiProblems(runNotFound, runNotFinished)
  compare(@Param('id', UuidPipe) id: string, @Param('otherId', UuidPipe) otherId: string): Promise<RunComparisonDto> {
    return this.matching.compare(id, otherId);
  }

  @Post('runs/:id/publish')
  @NoRequestBody()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a run',
    description:
      'In one transaction: adds the proposed facilitators to their seminars and invites the proposed attendees (enrolments in status `invited`). ' +
      'Refused, changing nothing, when anything the run read about its seminars changed since (status, dates, capacity, facilitators, enrolments, pins), ' +
      "or when the answer, re-checked against today's calendars, breaks a rule.",
  })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiProblems(runNotFound, RunStaleError, runNotFinished, runFailed, runAlreadyPublished, RunConflictsError)
  publish(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<PublishResultDto> {
    return this.publishing.publish(actor, id);
  }

  @Get('pins')
  @ApiOperation({
    summary: 'Pins: people the office forces into or forbids from seminars',
    description: 'Every later run obeys them (within availability and the caps).',
  })
  @ApiOkResponse({ type: PinPage })
  @ApiProblems()
  pins(@Query() query: PinsQueryDto): Promise<Page<PinResponseDto>> {
    return this.matching.pins(query);
  }

  @Put('pins')
  @ApiOperation({
    summary: 'Force or forbid a person in a seminar',
    description: 'Creates the pin, or changes the kind of the one for that person and seminar.',
  })
  @ApiOkResponse({ type: PinResponseDto, description: 'The pin existed and was changed.' })
  @ApiCreatedResponse({ type: PinResponseDto, description: 'The pin was created.' })
  @ApiProblems(personNotFound, pinChanged, pinInvalid)
  async pin(
    @CurrentPrincipal() actor: Principal,
    @Body() body: PinDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PinResponseDto> {
    const { pin, created } = await this.matching.pin(actor, body);
    response.status(created ? 201 : 200);
    return pin;
  }

  @Delete('pins/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a pin' })
  @ApiNoContentResponse()
  @ApiProblems(pinNotFound)
  async unpin(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.matching.unpin(actor, id);
  }
}
