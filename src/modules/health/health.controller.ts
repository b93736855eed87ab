import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/access.decorators';

export class HealthChecksDto {
  @ApiProperty({
    enum: ['ok', 'busy', 'unreachable'],
    description:
      '`busy`: every pooled connection is taken and requests are waiting; `unreachable`: the database does not answer.',
  })
  database: 'ok' | 'busy' | 'unreachable';

  @ApiProperty({
    enum: ['ok', 'pending_migrations', 'unknown'],
    description: '`unknown` while the database cannot be asked.',
  })
  migrations: 'ok' | 'pending_migrations' | 'unknown';
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ required: false, type: HealthChecksDto, description: 'Each check and its result.' })
  checks?: HealthChecksDto;
}

/** The part of node-postgres's pool that tells whether it is exhausted. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
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
    const checks: HealthChecksDto = { database: 'ok', migrations: 'ok' };
    // An exhausted pool is reported at once rather than after waiting in its queue.
    const pool = (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
    if (pool && pool.totalCount >= pool.options.max && pool.idleCount === 0 && pool.waitingCount > 0) {
      checks.database = 'busy';
      checks.migrations = 'unknown';
    } else {
      try {
        await this.dataSource.query('SELECT 1');
      } catch (error) {
        checks.database = /timeout exceeded when trying to connect/i.test((error as Error).message)
          ? 'busy'
          : 'unreachable';
        checks.migrations = 'unknown';
      }
    }
    if (checks.database === 'ok') {
      try {
        if (await this.dataSource.showMigrations()) checks.migrations = 'pending_migrations';
      } catch {
        checks.migrations = 'unknown';
      }
    }
    const ready = checks.database === 'ok' && checks.migrations === 'ok';
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }
}
