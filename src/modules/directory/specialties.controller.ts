import { specialtyNotFound, specialtyCodeTaken, specialtyInUse } from './directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CreateSpecialtyDto, SpecialtyListQueryDto, SpecialtyResponseDto, UpdateSpecialtyDto } from './specialties.dto';
import { SpecialtiesService } from './specialties.service';

const SpecialtyPage = PageResponse(SpecialtyResponseDto);

@ApiTags('directory')
@Controller('specialties')
export class SpecialtiesController {
  constructor(private readonly specialties: SpecialtiesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List specialties' })
  @ApiOkResponse({ type: SpecialtyPage })
  @ApiProblems()
  list(@Query() query: SpecialtyListQueryDto): Promise<Page<SpecialtyResponseDto>> {
    return this.specialties.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A specialty' })
  @ApiOkResponse({ type: SpecialtyResponseDto })
  @ApiProblems(specialtyNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<SpecialtyResponseDto> {
    return this.specialties.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Add a specialty to the catalogue' })
  @ApiCreatedResponse({ type: SpecialtyResponseDto })
  @ApiProblems(specialtyCodeTaken)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateSpecialtyDto): Promise<SpecialtyResponseDto> {
    return this.specialties.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Rename a specialty' })
  @ApiOkResponse({ type: SpecialtyResponseDto })
  @ApiProblems(specialtyNotFound)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateSpecialtyDto,
  ): Promise<SpecialtyResponseDto> {
    return this.specialties.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a specialty nobody has' })
  @ApiNoContentResponse()
  @ApiProblems(specialtyNotFound, specialtyInUse)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.specialties.remove(actor, id);
  }
}
