import { topicNotFound, topicTitleTaken, topicRuleBroken, topicInUse } from './topics.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CreateTopicDto, TopicListQueryDto, TopicResponseDto, UpdateTopicDto } from './topics.dto';
import { TopicsService } from './topics.service';

const TopicPage = PageResponse(TopicResponseDto);

@ApiTags('topics')
@Controller('topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List topics (curricula)' })
  @ApiOkResponse({ type: TopicPage })
  @ApiProblems()
  list(@Query() query: TopicListQueryDto): Promise<Page<TopicResponseDto>> {
    return this.topics.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A topic with its required facilitator specialties' })
  @ApiOkResponse({ type: TopicResponseDto })
  @ApiProblems(topicNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<TopicResponseDto> {
    return this.topics.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a topic', description: 'Credit hours default to day count × hours per day.' })
  @ApiCreatedResponse({ type: TopicResponseDto })
  @ApiProblems(topicTitleTaken, topicRuleBroken)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateTopicDto): Promise<TopicResponseDto> {
    return this.topics.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({
    summary: 'Update a topic',
    description: '`requirements`, when sent, replaces the whole list. Seminars already planned keep their days.',
  })
  @ApiOkResponse({ type: TopicResponseDto })
  @ApiProblems(topicNotFound, topicTitleTaken, topicRuleBroken)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateTopicDto,
  ): Promise<TopicResponseDto> {
    return this.topics.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a topic that has no seminars (otherwise deactivate it)' })
  @ApiNoContentResponse()
  @ApiProblems(topicNotFound, topicInUse)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.topics.remove(actor, id);
  }
}
