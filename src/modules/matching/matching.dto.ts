import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { JOB_INTERRUPTION_REASONS, type JobInterruptionReason } from '../../infrastructure/jobs/job.entity';
import { IsCalendarDate, IsOmittable } from '../../common/validation/decorators';
import {
  MATCHING_RUN_PHASES,
  MATCHING_RUN_STATUSES,
  PIN_KINDS,
  type MatchingRunPhase,
  type MatchingRunStatus,
  type PinKind,
} from './matching-run.entity';

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

export class PinDto {
  @ApiProperty({ format: 'uuid', description: 'An attendee or a facilitator.' })
  @IsUUID('all')
  personId: string;

  @ApiProperty({ format: 'uuid', description: 'A seminar in draft or open.' })
  @IsUUID('all')
  seminarId: string;

  @ApiProperty({
    enum: PIN_KINDS,
    description: '`force`: the person goes to the seminar if the rules allow it; `forbid`: never.',
  })
  @IsIn(PIN_KINDS)
  kind: PinKind;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'Why, for the office.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class PinsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all')
  seminarId?: string;
}

export class RunsQueryDto extends PageQueryDto {}

export class LpQueryDto {
  @ApiPropertyOptional({ enum: ['facilitators', 'attendees'], default: 'attendees' })
  @IsOmittable()
  @IsIn(['facilitators', 'attendees'])
  stage: 'facilitators' | 'attendees' = 'attendees';
}

// ---- Responses ------------------------------------------------------------------------------

export class PinResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ enum: PIN_KINDS }) kind: PinKind;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class FacilitatorsObjectiveDto {
  @ApiProperty({ description: 'The stage objective: coverage first, then referral hospitals, minus load.' })
  total: number;
  @ApiProperty({ type: 'integer', description: 'Places covered by this run.' }) covered: number;
  @ApiProperty({ type: 'integer', description: 'Of them, by specialists from a referral hospital of the network.' })
  referral: number;
  @ApiProperty({ description: 'Load cost (lower spreads the work more evenly).' }) load: number;
}

export class AttendeesObjectiveDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'integer' }) seats: number;
  @ApiProperty({ description: 'Sum of interest levels of the people seated.' }) interest: number;
  @ApiProperty({
    type: 'integer',
    description: 'People seated with a facilitator from the hospital their unit refers to.',
  })
  referralPairing: number;
  @ApiProperty({ type: 'integer', description: 'People seated who were never trained on the topic.' })
  neverTrained: number;
}

export class ObjectiveDto {
  @ApiProperty({ type: FacilitatorsObjectiveDto }) facilitators: FacilitatorsObjectiveDto;
  @ApiProperty({ type: AttendeesObjectiveDto }) attendees: AttendeesObjectiveDto;
}

export class StageOptimalityDto {
  @ApiProperty({
    enum: ['optimal', 'feasible'],
    description: '`optimal`: proven best; `feasible`: meets every rule, within `bound − objective` of the best.',
  })
  status: 'optimal' | 'feasible';
  @ApiProperty() objective: number;
  @ApiProperty({ description: 'Proven upper bound on the objective.' }) bound: number;
  @ApiProperty({ type: 'integer' }) flowSolves: number;
}

export class OptimalityDto {
  @ApiProperty({ type: StageOptimalityDto }) facilitators: StageOptimalityDto;
  @ApiProperty({ type: StageOptimalityDto }) attendees: StageOptimalityDto;
}

export class CheckViolationDto {
  @ApiProperty() rule: string;
  @ApiPropertyOptional({ format: 'uuid' }) seminarId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) personId?: string;
  @ApiProperty() detail: string;
}

export class StagesFlagDto {
  @ApiProperty() facilitators: boolean;
  @ApiProperty() attendees: boolean;
}

export class CheckResultDto {
  @ApiProperty({
    description:
      'Every rule held, the objective recomputed equals the reported one, and the certificates prove the bounds.',
  })
  ok: boolean;
  @ApiProperty() feasible: boolean;
  @ApiProperty() objectiveMatches: boolean;
  @ApiProperty() certificateValid: boolean;
  @ApiProperty({ type: StagesFlagDto, description: 'Per stage: the certificate proves the answer is the best.' })
  optimal: StagesFlagDto;
  @ApiProperty({ type: [CheckViolationDto] }) violations: CheckViolationDto[];
}

export class ProposedFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) specialtyId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) hospitalId: string | null;
  @ApiProperty({ type: String, nullable: true }) hospitalName: string | null;
  @ApiProperty() referralHospital: boolean;
  @ApiProperty() load: number;
  @ApiProperty() pinned: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class UncoveredPlaceDto {
  @ApiProperty({ format: 'uuid' }) specialtyId: string;
  @ApiProperty() specialtyName: string;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ enum: ['no_specialist', 'unavailable', 'monthly_limit', 'taken_elsewhere'] }) reason: string;
  @ApiProperty() reasonText: string;
}

export class ProposedAttendeeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3 }) interest: number;
  @ApiProperty() neverTrained: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) pairedFacilitatorIds: string[];
  @ApiProperty() pinned: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class SeminarProposalDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer', description: 'Seats already held before the run.' }) seatsTaken: number;
  @ApiProperty({ type: [ProposedFacilitatorDto] }) facilitators: ProposedFacilitatorDto[];
  @ApiProperty({ type: [UncoveredPlaceDto] }) uncovered: UncoveredPlaceDto[];
  @ApiProperty({ type: [ProposedAttendeeDto] }) attendees: ProposedAttendeeDto[];
}

export class LeftOutDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({
    enum: [
      'not_willing',
      'no_interest',
      'no_seminar',
      'already_has_topic',
      'unavailable',
      'pinned_out',
      'capacity',
      'unit_cap',
      'unit_daily_share',
      'search_limit',
    ],
  })
  reason: string;
  @ApiProperty() reasonText: string;
}

export class PinOutcomeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ enum: PIN_KINDS }) kind: PinKind;
  @ApiProperty() honoured: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() reasonText?: string;
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

export class PersonChangeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
}

export class SeminarDifferenceDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PersonChangeDto], description: 'Facilitators in the other run, not in this one.' })
  facilitatorsAdded: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto] }) facilitatorsRemoved: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto], description: 'Attendees in the other run, not in this one.' })
  attendeesAdded: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto] }) attendeesRemoved: PersonChangeDto[];
}

export class SeatedChangeDto {
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer' }) removed: number;
}

export class RunComparisonDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) otherRunId: string;
  @ApiProperty({ type: ObjectiveDto }) objective: ObjectiveDto;
  @ApiProperty({ type: ObjectiveDto }) otherObjective: ObjectiveDto;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Seminars in one run only.' })
  seminarsOnlyInOne: string[];
  @ApiProperty({ type: [SeminarDifferenceDto], description: 'Seminars common to both runs whose people differ.' })
  seminars: SeminarDifferenceDto[];
  @ApiProperty({
    type: SeatedChangeDto,
    description: 'People seated in the other run and not in this one, and the reverse.',
  })
  seated: SeatedChangeDto;
}

export class PublishResultDto {
  @ApiProperty({ type: RunSummaryDto }) run: RunSummaryDto;
  @ApiProperty({ type: 'integer', description: 'Facilitator assignments created.' }) facilitators: number;
  @ApiProperty({ type: 'integer', description: 'Invitations (enrolments in status `invited`) created.' })
  invitations: number;
}
