import { personNotFound } from '../directory/directory.errors';
import { availabilityInvalid, noAvailabilityRole, needsChanged } from './needs.errors';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { AvailabilityService } from './availability.service';
import { AvailabilityDto, AvailabilityResponseDto } from './needs.dto';

@ApiTags('availability')
@Controller()
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get('me/availability')
  @Roles('attendee', 'facilitator')
  @ApiOperation({ summary: 'My unavailable dates, and my seminars that fall on them' })
  @ApiOkResponse({ type: AvailabilityResponseDto })
  getMine(@CurrentPrincipal() principal: Principal): Promise<AvailabilityResponseDto> {
    return this.availability.getMine(principal);
  }

  @Put('me/availability')
  @Roles('attendee', 'facilitator')
  @ApiOperation({
    summary: 'Declare the dates I cannot attend or facilitate',
    description:
      'Replaces the whole set; overlapping or adjacent ranges are merged. Saving is accepted even when a seminar I take part in ' +
      'falls on those dates: `clashes` lists them so that I can tell the training office.',
  })
  @ApiOkResponse({ type: AvailabilityResponseDto })
  @ApiProblems(availabilityInvalid)
  replaceMine(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AvailabilityDto,
  ): Promise<AvailabilityResponseDto> {
    return this.availability.replaceMine(principal, body);
  }

  @Get('people/:id/availability')
  @Roles('office')
  @ApiOperation({ summary: "A person's unavailable dates and the seminars that fall on them" })
  @ApiOkResponse({ type: AvailabilityResponseDto })
  @ApiProblems(personNotFound, noAvailabilityRole)
  getFor(@Param('id', UuidPipe) id: string): Promise<AvailabilityResponseDto> {
    return this.availability.getFor(id);
  }

  @Put('people/:id/availability')
  @Roles('office')
  @ApiOperation({
    summary: "Declare a person's unavailable dates on their behalf",
    description: 'Same body and rules as `PUT /me/availability`; audited.',
  })
  @ApiOkResponse({ type: AvailabilityResponseDto })
  @ApiProblems(personNotFound, needsChanged, noAvailabilityRole, availabilityInvalid)
  replaceFor(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: AvailabilityDto,
  ): Promise<AvailabilityResponseDto> {
    return this.availability.replaceFor(actor, id, body);
  }
}
