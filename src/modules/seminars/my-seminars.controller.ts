import { calendarFeedNotFound } from './seminars.errors';
import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CalendarService } from './calendar.service';
import { CalendarFeedResponseDto } from './calendar.dto';
import { MySeminarListQueryDto } from './seminar-list.dto';
import { MySeminarResponseDto } from './seminars.dto';
import { SeminarsService } from './seminars.service';

const MySeminarPage = PageResponse(MySeminarResponseDto);

@ApiTags('seminars')
@Controller('me')
export class MySeminarsController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get('seminars')
  @SignedIn()
  @ApiOperation({ summary: 'Seminars I facilitate or attend (or am invited to or waiting for)' })
  @ApiOkResponse({ type: MySeminarPage })
  @ApiProblems()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MySeminarListQueryDto,
  ): Promise<Page<MySeminarResponseDto>> {
    return this.seminars.listMine(principal, query);
  }

  @Post('calendar-feed')
  @NoRequestBody()
  @SignedIn()
  @ApiOperation({
    summary: 'Create (or replace) my secret calendar address',
    description: 'Subscribe to it from a phone calendar. A new address makes the previous one stop working.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponseDto })
  createFeed(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedResponseDto> {
    return this.calendar.createFeed(principal);
  }

  @Delete('calendar-feed')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'Revoke my calendar address' })
  @ApiNoContentResponse()
  @ApiProblems(calendarFeedNotFound)
  revokeFeed(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.calendar.revokeFeed(principal);
  }
}
