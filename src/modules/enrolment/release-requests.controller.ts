import { releaseNotFound, releaseAlreadyDecided, enrolmentFrozen, answerLinkInvalid } from './enrolment.errors';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAsker, CurrentPrincipal, Roles, RolesOrLink } from '../../common/auth/access.decorators';
import type { Asker, Principal } from '../../common/auth/principal';
import { UnauthenticatedError } from '../../common/errors/domain-error';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { RefusalDto, ReleaseListQueryDto, ReleaseResponseDto } from './enrolment.dto';
import { ReleaseService } from './release.service';

const ReleasePage = PageResponse(ReleaseResponseDto);

@ApiTags('enrolment')
@Controller()
@Roles('manager', 'office')
export class ReleaseRequestsController {
  constructor(private readonly releases: ReleaseService) {}

  @Get('me/release-requests')
  @ApiOperation({
    summary: 'Release requests to decide',
    description:
      'A manager sees their unit’s; the office sees every unit’s (optionally one `unitId`). Pending ones by default, soonest seminar first, ' +
      'each with the seminar’s dates and how many of the unit’s staff are already away at other seminars on each of them.',
  })
  @ApiOkResponse({ type: ReleasePage })
  @ApiProblems()
  list(@CurrentPrincipal() actor: Principal, @Query() query: ReleaseListQueryDto): Promise<Page<ReleaseResponseDto>> {
    return this.releases.list(actor, query);
  }

  @Get('release-requests/:id')
  @RolesOrLink('manager', 'office')
  @ApiOperation({
    summary: 'A release request',
    description:
      'The attendee, the seminar and its days, and how many of the unit’s staff are already away on each; for the unit’s managers, the office, ' +
      'or whoever holds the token of the link the request was mailed with to one of them, while it waits for a decision.',
  })
  @ApiOkResponse({ type: ReleaseResponseDto })
  @ApiProblems(releaseNotFound, answerLinkInvalid)
  async get(@CurrentAsker() asker: Asker, @Param('id', UuidPipe) id: string): Promise<ReleaseResponseDto> {
    return this.releases.get(await this.actor(asker, id), id);
  }

  @Post('release-requests/:id/approve')
  @RolesOrLink('manager', 'office')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Release the attendee: their seat is confirmed',
    description:
      'By the unit’s manager, or by the office on the manager’s behalf (recorded as such). Approving again answers with the request as it is.',
  })
  @ApiOkResponse({ type: ReleaseResponseDto })
  @ApiProblems(releaseNotFound, releaseAlreadyDecided, enrolmentFrozen, answerLinkInvalid)
  async approve(@CurrentAsker() asker: Asker, @Param('id', UuidPipe) id: string): Promise<ReleaseResponseDto> {
    return this.releases.decide(await this.actor(asker, id), id, 'approve');
  }

  @Post('release-requests/:id/refuse')
  @RolesOrLink('manager', 'office')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuse the release, with a reason: the seat goes to the next person in line',
    description: 'The attendee is told the reason by mail. Refusing again answers with the request as it is.',
  })
  @ApiOkResponse({ type: ReleaseResponseDto })
  @ApiProblems(releaseNotFound, releaseAlreadyDecided, enrolmentFrozen, answerLinkInvalid)
  async refuse(
    @CurrentAsker() asker: Asker,
    @Param('id', UuidPipe) id: string,
    @Body() body: RefusalDto,
  ): Promise<ReleaseResponseDto> {
    return this.releases.decide(await this.actor(asker, id), id, 'refuse', body.reason);
  }

  private actor(asker: Asker, id: string): Promise<Principal> {
    if (asker.principal) return Promise.resolve(asker.principal);
    if (!asker.linkToken) throw new UnauthenticatedError();
    return this.releases.linkActor(asker.linkToken, id);
  }
}
