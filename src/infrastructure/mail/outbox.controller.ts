import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { MailService } from './mail.service';
import { OutboxListQueryDto, OutboxMailResponseDto } from './outbox.dto';

const OutboxPage = PageResponse(OutboxMailResponseDto);

@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Roles('office')
  @ApiOperation({
    summary: 'Mail written by Puente, newest first',
    description:
      'Without SMTP settings this is where mail is delivered; it holds reset links, so only the office reads it.',
  })
  @ApiOkResponse({ type: OutboxPage })
  @ApiProblems()
  list(@Query() query: OutboxListQueryDto): Promise<Page<OutboxMailResponseDto>> {
    return this.mail.list(query);
  }
}
