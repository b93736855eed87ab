import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/access.decorators';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ required: false, type: Object, description: 'Each check and its result.' })
  checks?: Record<string, 'ok' | 'failed' | 'pending_migrations'>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('live')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Ready to serve: the database answers and no migration is pending' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const checks: NonNullable<HealthDto['checks']> = { database: 'ok', migrations: 'ok' };
    try {
      await this.dataSource.query('SELECT 1');
      if (await this.dataSource.showMigrations()) checks.migrations = 'pending_migrations';
    } catch {
      checks.database = 'failed';
      checks.migrations = 'failed';
    }
    const ready = checks.database === 'ok' && checks.migrations === 'ok';
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }
}
