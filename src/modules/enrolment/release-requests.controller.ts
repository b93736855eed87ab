import { releaseNotFound, releaseAlreadyDecided, enrolmentFrozen } from './enrolment.errors';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
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

  @Post('release-requests/:id/approve')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Release the attendee: their seat is confirmed',
    description:
      'By the unit’s manager, or by the office on the manager’s behalf (recorded as such). Approving again answers with the request as it is.',
  })
  @ApiOkResponse({ type: ReleaseResponseDto })
  @ApiProblems(releaseNotFound, releaseAlreadyDecided, enrolmentFrozen)
  approve(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<ReleaseResponseDto> {
    return this.releases.decide(actor, id, 'approve');
  }

  @Post('release-requests/:id/refuse')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refuse the release, with a reason: the seat goes to the next person in line',
    description: 'The attendee is told the reason by mail. Refusing again answers with the request as it is.',
  })
  @ApiOkResponse({ type: ReleaseResponseDto })
  @ApiProblems(releaseNotFound, releaseAlreadyDecided, enrolmentFrozen)
  refuse(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: RefusalDto,
  ): Promise<ReleaseResponseDto> {
    return this.releases.decide(actor, id, 'refuse', body.reason);
  }
}
