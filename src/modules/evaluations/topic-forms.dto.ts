import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsOmittable } from '../../common/validation/decorators';
import { LabelResponseDto } from './evaluations.dto';

/** The topic's form for each kind: `null` when that evaluation is not asked. */
export class TopicFormsDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Daily session evaluation; null: none.',
  })
  @IsOmittable()
  @IsOptional()
  @IsUUID('all')
  daily?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Final seminar evaluation; null: none.',
  })
  @IsOmittable()
  @IsOptional()
  @IsUUID('all')
  final?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Diagnostic test taken before the first day and after the last; null: none.',
  })
  @IsOmittable()
  @IsOptional()
  @IsUUID('all')
  diagnostic?: string | null;
}

export class TopicFormChoiceDto {
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: LabelResponseDto }) title: LabelResponseDto;
  @ApiProperty({ enum: ['topic', 'default'], description: 'Chosen for the topic, or the default form of its kind.' })
  source: 'topic' | 'default';
}

export class TopicFormsResponseDto {
  @ApiProperty({ type: TopicFormChoiceDto, nullable: true }) daily: TopicFormChoiceDto | null;
  @ApiProperty({ type: TopicFormChoiceDto, nullable: true }) final: TopicFormChoiceDto | null;
  @ApiProperty({ type: TopicFormChoiceDto, nullable: true }) diagnostic: TopicFormChoiceDto | null;
}
