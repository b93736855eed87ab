import { networkNotFound, networkNameTaken, networkInUse } from './directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CreateNetworkDto, NetworkListQueryDto, NetworkResponseDto, UpdateNetworkDto } from './networks.dto';
import { NetworksService } from './networks.service';

const NetworkPage = PageResponse(NetworkResponseDto);

@ApiTags('directory')
@Controller('networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List networks' })
  @ApiOkResponse({ type: NetworkPage })
  @ApiProblems()
  list(@Query() query: NetworkListQueryDto): Promise<Page<NetworkResponseDto>> {
    return this.networks.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A network' })
  @ApiOkResponse({ type: NetworkResponseDto })
  @ApiProblems(networkNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<NetworkResponseDto> {
    return this.networks.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a network' })
  @ApiCreatedResponse({ type: NetworkResponseDto })
  @ApiProblems(networkNameTaken)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateNetworkDto): Promise<NetworkResponseDto> {
    return this.networks.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Rename a network' })
  @ApiOkResponse({ type: NetworkResponseDto })
  @ApiProblems(networkNotFound, networkNameTaken)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateNetworkDto,
  ): Promise<NetworkResponseDto> {
    return this.networks.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a network without units' })
  @ApiNoContentResponse()
  @ApiProblems(networkNotFound, networkInUse)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.networks.remove(actor, id);
  }
}
