import {
  seminarRuleBroken,
  seminarNotFound,
  seminarNotEditable,
  personDoubleBooked,
  facilitatorMonthlyLimit,
  facilitatorAlreadyAdded,
  notAFacilitator,
  facilitationNotFound,
} from './seminars.errors';
import { personNotFound } from '../directory/directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { FacilitatorsService } from './facilitators.service';
import { AddFacilitatorDto, FacilitatorsResponseDto, UpdateFacilitatorDto } from './facilitators.dto';

@ApiTags('seminars')
/** Who facilitates a seminar, against what its topic requires. */
@ApiTags('seminars')
@Controller('seminars')
export class SeminarFacilitatorsController {
  constructor(private readonly facilitators: FacilitatorsService) {}

  @Get(':id/facilitators')
  @SignedIn()
  @ApiOperation({ summary: "Facilitators, with the topic's required specialties covered or missing" })
  @ApiOkResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(seminarNotFound)
  listFacilitators(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.list(principal, id);
  }

  @Post(':id/facilitators')
  @Roles('office')
  @ApiOperation({
    summary: 'Add a facilitator',
    description:
      'Once the seminar is open, double bookings and the monthly limit are refused; on a draft they show as conflicts.',
  })
  @ApiCreatedResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(
    seminarNotFound,
    personNotFound,
    facilitatorAlreadyAdded,
    seminarNotEditable,
    personDoubleBooked,
    facilitatorMonthlyLimit,
    notAFacilitator,
    seminarRuleBroken,
  )
  addFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: AddFacilitatorDto,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.add(actor, id, body);
  }

  @Patch(':id/facilitators/:personId')
  @Roles('office')
  @ApiOperation({ summary: 'Make a facilitator the lead (or not)' })
  @ApiOkResponse({ type: FacilitatorsResponseDto })
  @ApiProblems(seminarNotFound, facilitationNotFound, seminarNotEditable)
  updateFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Body() body: UpdateFacilitatorDto,
  ): Promise<FacilitatorsResponseDto> {
    return this.facilitators.setLead(actor, id, personId, body.lead);
  }

  @Delete(':id/facilitators/:personId')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({
    summary: 'Remove a facilitator',
    description: 'Agenda blocks they were responsible for are left without a responsible.',
  })
  @ApiNoContentResponse()
  @ApiProblems(seminarNotFound, facilitationNotFound, seminarNotEditable)
  removeFacilitator(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
  ): Promise<void> {
    return this.facilitators.remove(actor, id, personId);
  }
}
