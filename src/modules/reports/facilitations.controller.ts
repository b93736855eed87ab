import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { MyFacilitationResponseDto } from './facilitations.dto';
import { FacilitationsService } from './facilitations.service';

@ApiTags('seminars')
@Controller('me')
export class FacilitationsController {
  constructor(private readonly facilitations: FacilitationsService) {}

  @Get('facilitations')
  @Roles('facilitator')
  @ApiOperation({
    summary: 'Seminars I facilitate, with what each needs from me now',
    description:
      'Under way and coming seminars first (soonest first), then past ones (latest first): days without an agenda, ' +
      "my cases to write or fix, colleagues' cases to review (as lead), today's roster, the final report.",
  })
  @ApiOkResponse({ type: [MyFacilitationResponseDto] })
  @ApiProblems()
  listMine(@CurrentPrincipal() principal: Principal): Promise<MyFacilitationResponseDto[]> {
    return this.facilitations.listMine(principal);
  }
}
