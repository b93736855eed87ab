import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOmittable } from '../../common/validation/decorators';
import type { SeminarStatus } from '../seminars/seminar.entity';
import type { TopicDemandRow, UnitDemandRow, UnitTopicDemandRow } from './training-demand.repository';
import type { StoredInterest } from './training-needs.repository';
import type { SeminarClash, UnavailableRange } from './availability.repository';
import type { TrainingNeedProfile } from './training-need.entity';

/** Trimmed text, or null when blank: an empty wish or reason says nothing. */
const trimmedOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** Like trimmedOrNull, with inner runs of white space collapsed (a one-line reason). */
const oneLineOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') || null : value;

// ---- Training needs -------------------------------------------------------------------------

export const INTEREST_LEVELS = [0, 1, 2, 3] as const;

export class TrainingInterestDto {
  @ApiProperty({ format: 'uuid', description: 'An active topic.' })
  @IsUUID('all')
  topicId: string;

  @ApiProperty({
    maximum: 3,
    minimum: 0,
    type: 'integer',
    enum: INTEREST_LEVELS,
    description: '0 none, 1 low, 2 medium, 3 high.',
  })
  @IsInt()
  @Min(0)
  @Max(3)
  interest: number;

  @ApiPropertyOptional({ default: false, description: 'Already trained on this topic before, outside Puente.' })
  @IsOmittable()
  @IsBoolean()
  trainedBefore?: boolean;
}

/** The whole set of a person's training needs; it replaces what was there. */
export class TrainingNeedsDto {
  @ApiProperty({ description: 'Would attend a three-day seminar (with release time) if invited.' })
  @IsBoolean()
  willingToAttend: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 1000,
    description: 'What the person wishes to learn, in their words.',
  })
  @IsOptional()
  @Transform(trimmedOrNull)
  @IsString()
  @MaxLength(1000)
  wish?: string | null;

  @ApiProperty({
    type: [TrainingInterestDto],
    maxItems: 200,
    description: 'Each topic at most once; topics left out are removed.',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TrainingInterestDto)
  interests: TrainingInterestDto[];
}

export class TrainingInterestResponseDto {
  @ApiProperty({ format: 'uuid' }) topicId: string;
  @ApiProperty() topicTitle: string;
  @ApiProperty({ description: 'False when the topic was deactivated after the person listed it.' })
  topicActive: boolean;
  @ApiProperty({ type: 'integer', enum: INTEREST_LEVELS }) interest: number;
  @ApiProperty() trainedBefore: boolean;
}

export class TrainingNeedsResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ description: 'False while the person has never stated their needs (everything below is empty).' })
  stated: boolean;
  @ApiProperty() willingToAttend: boolean;
  @ApiProperty({ type: String, nullable: true }) wish: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: [TrainingInterestResponseDto], description: 'Sorted by topic title.' })
  interests: TrainingInterestResponseDto[];
}

export function toTrainingNeedsResponse(
  personId: string,
  profile: TrainingNeedProfile | null,
  interests: StoredInterest[],
): TrainingNeedsResponseDto {
  return {
    personId,
    stated: profile !== null,
    willingToAttend: profile?.willingToAttend ?? false,
    wish: profile?.wish ?? null,
    updatedAt: profile ? profile.updatedAt.toISOString() : null,
    interests: interests.map((row) => ({
      topicId: row.topicId,
      topicTitle: row.topicTitle,
      topicActive: row.topicActive,
      interest: row.interest,
      trainedBefore: row.trainedBefore,
    })),
  };
}

export class TrainingNeedsSummaryQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only people working in units of this network.' })
  @IsOptional()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this topic.' })
  @IsOptional()
  @IsUUID('all')
  topicId?: string;
}

export class TopicDemandDto {
  @ApiProperty({ format: 'uuid' }) topicId: string;
  @ApiProperty() topicTitle: string;
  @ApiProperty({ type: 'integer', description: 'People with interest 1 (low).' }) level1: number;
  @ApiProperty({ type: 'integer', description: 'People with interest 2 (medium).' }) level2: number;
  @ApiProperty({ type: 'integer', description: 'People with interest 3 (high).' }) level3: number;
  @ApiProperty({ type: 'integer', description: 'People with any interest (1 to 3).' }) interested: number;
  @ApiProperty({ type: 'integer', description: 'Interested people who are willing to attend.' }) willing: number;
  @ApiProperty({ type: 'integer', description: 'People trained on the topic before, outside Puente.' })
  trainedBefore: number;
}

export class UnitTopicDemandDto {
  @ApiProperty({ format: 'uuid' }) topicId: string;
  @ApiProperty() topicTitle: string;
  @ApiProperty({ type: 'integer', description: 'Staff with any interest (1 to 3).' }) interested: number;
  @ApiProperty({ type: 'integer', description: 'Interested staff willing to attend.' }) willing: number;
}

export class DemandNetworkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class UnitDemandDto {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: DemandNetworkDto }) network: DemandNetworkDto;
  @ApiProperty({ type: 'integer', description: 'Active people with the attendee role working in the unit.' })
  attendeeStaff: number;
  @ApiProperty({ type: [UnitTopicDemandDto], description: 'Topics with at least one interested person, by title.' })
  topics: UnitTopicDemandDto[];
}

export class TrainingNeedsSummaryDto {
  @ApiProperty({ type: [TopicDemandDto], description: 'Every active topic (or the one asked for), by title.' })
  topics: TopicDemandDto[];
  @ApiProperty({ type: [UnitDemandDto], description: 'Units with attendee staff, by network and code.' })
  units: UnitDemandDto[];
}

export function toTrainingNeedsSummary(
  topics: TopicDemandRow[],
  units: UnitDemandRow[],
  unitTopics: UnitTopicDemandRow[],
): TrainingNeedsSummaryDto {
  const byUnit = new Map<string, UnitTopicDemandDto[]>();
  for (const row of unitTopics) {
    byUnit.set(row.unitId, [
      ...(byUnit.get(row.unitId) ?? []),
      { topicId: row.topicId, topicTitle: row.topicTitle, interested: row.interested, willing: row.willing },
    ]);
  }
  return {
    topics: topics.map((row) => ({ ...row })),
    units: units.map((row) => ({
      unitId: row.unitId,
      code: row.code,
      name: row.name,
      network: { id: row.networkId, name: row.networkName },
      attendeeStaff: row.attendeeStaff,
      topics: byUnit.get(row.unitId) ?? [],
    })),
  };
}

// ---- Availability ---------------------------------------------------------------------------

export const MAX_UNAVAILABLE_RANGES = 366;
export const MAX_RANGE_DAYS = 366;

export class UnavailableRangeDto {
  @ApiProperty({ format: 'date', example: '2031-03-17' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2031-03-21',
    description: 'Last day, included; defaults to `from`. At most 366 days in all.',
  })
  @IsOmittable()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Vacaciones' })
  @IsOptional()
  @Transform(oneLineOrNull)
  @IsString()
  @MaxLength(200)
  reason?: string | null;
}

/** Every range a person cannot attend or facilitate on; it replaces what was there. */
export class AvailabilityDto {
  @ApiProperty({
    type: [UnavailableRangeDto],
    maxItems: MAX_UNAVAILABLE_RANGES,
    description: 'Overlapping or adjacent ranges are merged.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_UNAVAILABLE_RANGES)
  @ValidateNested({ each: true })
  @Type(() => UnavailableRangeDto)
  unavailable: UnavailableRangeDto[];
}

export class UnavailableRangeResponseDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class SeminarClashDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'open', 'confirmed', 'in_progress'] }) status: SeminarStatus;
  @ApiProperty({ type: [String], format: 'date', description: 'Days of the seminar that fall on unavailable dates.' })
  dates: string[];
}

export class AvailabilityResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [UnavailableRangeResponseDto], description: 'Merged, in date order.' })
  unavailable: UnavailableRangeResponseDto[];

  @ApiProperty({
    type: [SeminarClashDto],
    description:
      'Seminars still to be held that the person facilitates or attends on an unavailable day: tell the training office.',
  })
  clashes: SeminarClashDto[];
}

export function toAvailabilityResponse(
  personId: string,
  ranges: UnavailableRange[],
  clashes: SeminarClash[],
): AvailabilityResponseDto {
  return {
    personId,
    unavailable: ranges.map((range) => ({ from: range.from, to: range.to, reason: range.reason })),
    clashes: clashes.map((clash) => ({
      seminarId: clash.seminarId,
      title: clash.title,
      status: clash.status,
      dates: clash.dates,
    })),
  };
}
