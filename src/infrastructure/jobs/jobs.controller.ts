import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { Clock } from '../../common/time/clock';
import { JOB_STATUSES } from './job.entity';
import { JobProgressService, type JobView } from './job-progress.service';

class JobErrorDto {
  @ApiProperty({ description: 'The item that failed, e.g. a person id.' }) item: string;
  @ApiProperty() code: string;
}

export class JobResponseDto implements JobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'certificate-issuance' }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ enum: JOB_STATUSES }) status: JobView['status'];
  @ApiProperty({ nullable: true, type: Number, description: 'Items to do; null until the job has counted them.' }) total: number | null;
  @ApiProperty() done: number;
  @ApiProperty() failures: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Items per second.' }) rate: number | null;
  @ApiProperty({ nullable: true, type: Number }) estimatedSecondsLeft: number | null;
  @ApiProperty({ type: [JobErrorDto], description: 'The latest failures (at most 50).' }) errors: { item: string; code: string }[];
  @ApiProperty({ description: 'Times the job was started (more than one after a lost worker).' }) attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly progress: JobProgressService,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'Progress of a background job', description: 'The office sees every job; others the jobs they started.' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiProblems(400, [404, '`job_not_found`'])
  get(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<JobResponseDto> {
    return this.progress.view(actor, id, this.clock.now());
  }
}
