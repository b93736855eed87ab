import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import { SpecialtyResponseDto, toSpecialtyResponse } from '../directory/specialties.dto';
import type { Specialty } from '../directory/specialty.entity';
import type { Topic, TopicRequirement } from './topic.entity';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class TopicRequirementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  specialtyId: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    example: 2,
    description: 'Facilitators of this specialty each seminar needs.',
  })
  @IsInt()
  @Min(1)
  @Max(20)
  count: number;
}

export class CreateTopicDto {
  @ApiProperty({ minLength: 1, example: 'Salud materna y perinatal', maxLength: 200 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOmittable()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({
    maxLength: 300,
    minLength: 1,
    type: [String],
    maxItems: 20,
    example: ['Identificar signos de alarma obstétrica'],
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  learningObjectives?: string[];

  @ApiPropertyOptional({
    type: [TopicRequirementDto],
    maxItems: 20,
    description: 'Required facilitator specialties, each listed once.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TopicRequirementDto)
  requirements?: TopicRequirementDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, default: 3 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10)
  dayCount?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 12,
    default: 8,
    description: 'Must fit in the working hours.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(12)
  hoursPerDay?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 200,
    description: 'Defaults to day count × hours per day.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(200)
  creditHours?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 25 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(500)
  defaultCapacity?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 8,
    description: 'Confirmed attendees a seminar needs to run.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(500)
  minimumAttendees?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 100,
    description: 'Share of hours attended needed for the certificate, in percent.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100)
  minAttendancePercent?: number;

  @ApiPropertyOptional({ default: true, description: 'Whether the final evaluation is needed for the certificate.' })
  @IsOmittable()
  @IsBoolean()
  evaluationRequired?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Whether attendees may ask to join an open seminar of the topic themselves.',
  })
  @IsOmittable()
  @IsBoolean()
  allowSelfRequests?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

/** Any field of a create; existing seminars keep the days they were laid out with. */
export class UpdateTopicDto extends PartialType(CreateTopicDto, { skipNullProperties: false }) {}

/** API sort names and the SQL columns they order by. */
export const TOPIC_SORT = { title: 'topic.title', createdAt: 'topic.created_at' };

export class TopicListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the title.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) topics.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: sortValues(TOPIC_SORT), default: 'title' })
  @IsOptional()
  @IsIn(sortValues(TOPIC_SORT))
  sort?: string;
}

export class TopicRequirementResponseDto {
  @ApiProperty({ type: SpecialtyResponseDto }) specialty: SpecialtyResponseDto;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class TopicResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) learningObjectives: string[];
  @ApiProperty({ type: [TopicRequirementResponseDto] }) requirements: TopicRequirementResponseDto[];
  @ApiProperty({ type: 'integer' }) dayCount: number;
  @ApiProperty({ type: 'integer' }) hoursPerDay: number;
  @ApiProperty({ type: 'integer' }) creditHours: number;
  @ApiProperty({ type: 'integer' }) defaultCapacity: number;
  @ApiProperty({ type: 'integer' }) minimumAttendees: number;
  @ApiProperty({ type: 'integer' }) minAttendancePercent: number;
  @ApiProperty() evaluationRequired: boolean;
  @ApiProperty() allowSelfRequests: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** The topic with its requirements, whose specialties must have been loaded. */
export function toTopicResponse(
  topic: Omit<Topic, 'requirements'> & { requirements?: Pick<TopicRequirement, 'facilitatorCount' | 'specialty'>[] },
): TopicResponseDto {
  return {
    id: topic.id,
    title: topic.title,
    description: topic.description,
    learningObjectives: topic.learningObjectives,
    requirements: (topic.requirements ?? [])
      .map((requirement) => ({
        specialty: toSpecialtyResponse(requirement.specialty as Specialty),
        count: requirement.facilitatorCount,
      }))
      .sort((a, b) => a.specialty.code.localeCompare(b.specialty.code)),
    dayCount: topic.dayCount,
    hoursPerDay: topic.hoursPerDay,
    creditHours: topic.creditHours,
    defaultCapacity: topic.defaultCapacity,
    minimumAttendees: topic.minimumAttendees,
    minAttendancePercent: topic.minAttendancePercent,
    evaluationRequired: topic.evaluationRequired,
    allowSelfRequests: topic.allowSelfRequests,
    active: topic.active,
    createdAt: topic.createdAt.toISOString(),
    updatedAt: topic.updatedAt.toISOString(),
  };
}
