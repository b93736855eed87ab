import { jobNotFound } from './jobs.errors';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { Clock } from '../../common/time/clock';
import { JOB_INTERRUPTION_REASONS, JOB_STATUSES } from './job.entity';
import { JobProgressService, type JobView } from './job-progress.service';

class JobErrorDto {
  @ApiProperty({ description: 'The item that failed, e.g. a person id.' }) item: string;
  @ApiProperty() code: string;
}

export class JobResponseDto implements JobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'certificate-issuance' }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({
    enum: JOB_STATUSES,
    description: '`queued` also while the job waits to be taken up again after an interruption or a failed attempt.',
  })
  status: JobView['status'];
  @ApiProperty({ nullable: true, type: Number, description: 'Items to do; null until the job has counted them.' })
  total: number | null;
  @ApiProperty() done: number;
  @ApiProperty() failures: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Items per second.' }) rate: number | null;
  @ApiProperty({ nullable: true, type: Number }) estimatedSecondsLeft: number | null;
  @ApiProperty({ type: [JobErrorDto], description: 'The latest failures (at most 50).' }) errors: {
    item: string;
    code: string;
  }[];
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'The attempt running or last run (0 before the first): a worker lost counts one, a worker shut down hands the job back keeping its number.',
  })
  attempts: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Times a worker let go of the job before finishing it.' })
  interruptions: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the last interruption was noticed.',
  })
  interruptedAt: string | null;
  @ApiProperty({
    enum: JOB_INTERRUPTION_REASONS,
    nullable: true,
    description:
      'Why: `worker_lost` (its worker stopped renewing its lease, e.g. the process died) or `worker_stopped` (its worker was shut down).',
  })
  interruptionReason: JobView['interruptionReason'];
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
  @ApiOperation({
    summary: 'Progress of a background job',
    description: 'The office sees every job; others the jobs they started.',
  })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiProblems(jobNotFound)
  get(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<JobResponseDto> {
    return this.progress.view(actor, id, this.clock.now());
  }
}
