import { venueNotFound, venueCapacityExceeded, venueNameTaken, venueInUse } from './seminars.errors';
import { networkNotFound } from '../directory/directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CreateVenueDto, UpdateVenueDto, VenueListQueryDto, VenueResponseDto } from './venues.dto';
import { VenuesService } from './venues.service';

const VenuePage = PageResponse(VenueResponseDto);

@ApiTags('venues')
@Controller('venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List venues' })
  @ApiOkResponse({ type: VenuePage })
  @ApiProblems()
  list(@Query() query: VenueListQueryDto): Promise<Page<VenueResponseDto>> {
    return this.venues.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A venue' })
  @ApiOkResponse({ type: VenueResponseDto })
  @ApiProblems(venueNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<VenueResponseDto> {
    return this.venues.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a venue' })
  @ApiCreatedResponse({ type: VenueResponseDto })
  @ApiProblems(networkNotFound, venueNameTaken)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateVenueDto): Promise<VenueResponseDto> {
    return this.venues.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({
    summary: 'Update a venue',
    description: 'Its capacity cannot drop below that of a seminar planned there.',
  })
  @ApiOkResponse({ type: VenueResponseDto })
  @ApiProblems(venueNotFound, venueNameTaken, venueCapacityExceeded)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateVenueDto,
  ): Promise<VenueResponseDto> {
    return this.venues.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a venue without seminars' })
  @ApiNoContentResponse()
  @ApiProblems(venueNotFound, venueInUse)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.venues.remove(actor, id);
  }
}
