import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { JOB_INTERRUPTION_REASONS, type JobInterruptionReason } from '../../infrastructure/jobs/job.entity';
import { IsCalendarDate, IsOmittable } from '../../common/validation/decorators';
import {
  MATCHING_RUN_PHASES,
  MATCHING_RUN_STATUSES,
  type MatchingRunPhase,
  type MatchingRunStatus,
} from './matching-run.entity';
import { PinOutcomeDto } from './pins.dto';
import { ObjectiveDto, OptimalityDto, CheckResultDto, SeminarProposalDto, LeftOutDto } from './run-result.dto';

// ---- Requests -------------------------------------------------------------------------------

export class RunSettingsDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    description: 'Attendees from one unit in one seminar, at most (default from MATCHING_UNIT_SEMINAR_CAP, 2).',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100)
  unitSeminarCap?: number;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    description:
      "Share of a unit's attendee staff that may be away on one day (default from MATCHING_UNIT_DAILY_SHARE, 0.2); at least one person.",
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  unitDailyShare?: number;
}

/** A run covers the seminars named, or the cycle of seminars starting within a period (and a network). */
export class StartRunDto {
  @ApiPropertyOptional({
    minItems: 1,
    type: [String],
    format: 'uuid',
    maxItems: 5000,
    description: 'Seminars in draft or open. Give these, or `from` and `to`.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  seminarIds?: string[];

  @ApiPropertyOptional({
    format: 'date',
    description: 'A cycle: the draft and open seminars starting on or after this day.',
  })
  @IsOmittable()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'A cycle: … and on or before this day.' })
  @IsOmittable()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A cycle: only this network’s seminars.' })
  @IsOmittable()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional({ type: RunSettingsDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => RunSettingsDto)
  settings?: RunSettingsDto;
}

export class RunsQueryDto extends PageQueryDto {}

export class LpQueryDto {
  @ApiPropertyOptional({ enum: ['facilitators', 'attendees'], default: 'attendees' })
  @IsOmittable()
  @IsIn(['facilitators', 'attendees'])
  stage: 'facilitators' | 'attendees' = 'attendees';
}

export class RunScopeDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) seminarIds?: string[];
  @ApiPropertyOptional({ format: 'date' }) from?: string;
  @ApiPropertyOptional({ format: 'date' }) to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) networkId?: string;
}

export class RunSettingsResponseDto {
  @ApiPropertyOptional({ type: 'integer' }) unitSeminarCap?: number;
  @ApiPropertyOptional() unitDailyShare?: number;
}

export class RunStatsDto {
  @ApiProperty({ type: 'integer' }) specialistPairs: number;
  @ApiProperty({ type: 'integer' }) attendeePairs: number;
  @ApiProperty({ type: 'integer' }) nodes: number;
  @ApiProperty({ type: 'integer' }) arcs: number;
  @ApiProperty() milliseconds: number;
}

export class RunSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: MATCHING_RUN_STATUSES,
    description: '`queued` also while the run waits to be taken up again after an interruption or a failed attempt.',
  })
  status: MatchingRunStatus;
  @ApiProperty({ enum: MATCHING_RUN_PHASES }) phase: MatchingRunPhase;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: [String], format: 'uuid' }) seminarIds: string[];
  @ApiProperty({ type: RunScopeDto, description: 'What the run was asked to cover.' }) scope: RunScopeDto;
  @ApiProperty({
    type: RunSettingsResponseDto,
    description: 'Settings chosen for the run (the others come from the configuration).',
  })
  settings: RunSettingsResponseDto;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'The attempt running or last run (0 before the first, 3 at most): a worker lost counts one, a worker shut down hands the run back keeping its number.',
  })
  attempts: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Times a worker let go of the run before finishing it.' })
  interruptions: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last interruption was noticed.',
  })
  interruptedAt: string | null;
  @ApiProperty({
    enum: JOB_INTERRUPTION_REASONS,
    nullable: true,
    description:
      'Why: `worker_lost` (its worker stopped renewing its lease, e.g. the process died) or `worker_stopped` (its worker was shut down).',
  })
  interruptionReason: JobInterruptionReason | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiPropertyOptional({ type: ObjectiveDto }) objective?: ObjectiveDto;
  @ApiPropertyOptional({ type: OptimalityDto }) optimality?: OptimalityDto;
  @ApiPropertyOptional({ description: 'The independent check passed.' }) checkOk?: boolean;
}

export class RunDetailDto extends RunSummaryDto {
  @ApiPropertyOptional({ type: CheckResultDto }) check?: CheckResultDto;
  @ApiPropertyOptional({ type: [SeminarProposalDto] }) proposals?: SeminarProposalDto[];
  @ApiPropertyOptional({ type: [LeftOutDto] }) leftOut?: LeftOutDto[];
  @ApiPropertyOptional({ type: [PinOutcomeDto] }) pins?: PinOutcomeDto[];
  @ApiPropertyOptional({ type: RunStatsDto, description: 'Size of the problem and the engine’s time in milliseconds.' })
  stats?: RunStatsDto;
}
