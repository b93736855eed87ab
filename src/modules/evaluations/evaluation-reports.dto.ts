import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/decorators';
import { ITEM_KINDS, type ItemKind } from './forms/form-items';
import { LabelResponseDto } from './evaluations.dto';

export class TopicReportQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Seminars starting on or after this date.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Seminars starting on or before this date.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

// ---------- reports ----------

export class DistributionEntryDto {
  @ApiProperty({ description: 'The value (1–5, a number) or the option id.' }) value: string;
  @ApiProperty({ nullable: true, type: LabelResponseDto }) label: LabelResponseDto | null;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class ItemStatsDto {
  @ApiProperty({ type: 'integer' }) respondents: number;
  @ApiProperty({ description: 'Fewer respondents than the reporting minimum: no figures are shown.' })
  suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ type: [DistributionEntryDto] }) distribution: DistributionEntryDto[];
}

export class FacilitatorStatsDto extends ItemStatsDto {
  @ApiProperty({ format: 'uuid' }) facilitatorId: string;
  @ApiProperty() facilitatorName: string;
}

export class ItemReportDto {
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: ItemKind;
  @ApiProperty({ type: LabelResponseDto }) prompt: LabelResponseDto;
  @ApiProperty({ type: ItemStatsDto, nullable: true, description: 'Null for per-facilitator and text items.' })
  stats: ItemStatsDto | null;
  @ApiPropertyOptional({
    type: [FacilitatorStatsDto],
    description: 'Per-facilitator items: the office sees every facilitator, a facilitator only themself.',
  })
  facilitators?: FacilitatorStatsDto[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Text items: the comments, without names, in random order (none when suppressed).',
  })
  comments?: string[];
}

export class FormReportDto {
  @ApiProperty({ enum: ['daily', 'final'] }) occasion: 'daily' | 'final';
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: LabelResponseDto }) title: LabelResponseDto;
  @ApiProperty({ type: 'integer', description: 'Evaluations expected (daily: one per attendee present per day).' })
  expected: number;
  @ApiProperty({ type: 'integer' }) responses: number;
  @ApiProperty({ nullable: true, type: Number, description: 'responses / expected, 0–1.' }) responseRate: number | null;
  @ApiProperty({ type: [ItemReportDto] }) items: ItemReportDto[];
}

export class ScoreStatsDto {
  @ApiProperty({ type: 'integer' }) respondents: number;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean score in percent of the maximum.' }) meanPercent:
    number | null;
}

export class DiagnosticReportDto {
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: LabelResponseDto }) title: LabelResponseDto;
  @ApiProperty({ type: ScoreStatsDto }) pre: ScoreStatsDto;
  @ApiProperty({ type: ScoreStatsDto }) post: ScoreStatsDto;
  @ApiProperty({ type: 'integer', description: 'People who took both tests.' }) pairs: number;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of (post − pre) per person, in percentage points.' })
  meanImprovement: number | null;
}

export class EvaluationReportDto {
  @ApiProperty({ enum: ['seminar', 'topic'] }) scope: 'seminar' | 'topic';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) to: string | null;
  @ApiProperty({ type: 'integer', description: 'Seminars in the report.' }) seminars: number;
  @ApiProperty({ type: 'integer', description: 'Figures of fewer respondents than this are not shown.' })
  minimumRespondents: number;
  @ApiProperty({ type: [FormReportDto] }) forms: FormReportDto[];
  @ApiProperty({ type: [DiagnosticReportDto] }) diagnostics: DiagnosticReportDto[];
}
