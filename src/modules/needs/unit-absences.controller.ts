import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { absencesWindowInvalid } from './needs.errors';
import { UnitAbsencesQueryDto, UnitAbsencesResponseDto } from './unit-absences.dto';
import { UnitAbsencesService } from './unit-absences.service';

@ApiTags('availability')
@Controller()
export class UnitAbsencesController {
  constructor(private readonly absences: UnitAbsencesService) {}

  @Get('me/unit/absences')
  @Roles('manager')
  @ApiOperation({
    summary: 'Who of my unit is away on which days',
    description:
      'For a unit’s manager: each active attendee and facilitator of their own unit with the seminars they attend ' +
      '(invited, or holding a seat) or facilitate on days of the window, and the unavailable dates they declared ' +
      'that overlap it. A manager without a unit gets `unit: null` and nobody.',
  })
  @ApiOkResponse({ type: UnitAbsencesResponseDto })
  @ApiProblems(absencesWindowInvalid)
  get(
    @CurrentPrincipal() principal: Principal,
    @Query() query: UnitAbsencesQueryDto,
  ): Promise<UnitAbsencesResponseDto> {
    return this.absences.forManager(principal, query);
  }
}
