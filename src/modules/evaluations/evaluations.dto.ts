import type { ResolvedForm } from './evaluation-forms.service';
import { answersFromRows, type AnswerRow } from './forms/form-items';
import type { EvaluationWindow } from './forms/windows';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import {
  FORM_KINDS,
  ITEM_KINDS,
  MAX_ITEMS,
  MAX_OPTIONS,
  type FormItem,
  type FormKind,
  type ItemKind,
} from './forms/form-items';
import { OCCASIONS, type Occasion } from './forms/windows';

/**
 * A text in both user languages; English falls back to the Spanish when left out. Wherever a label
 * is required it carries `@IsDefined()`: `@ValidateNested()` alone lets a missing object through.
 */
export class LabelDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: '¿Qué tan útil fue la sesión?' })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  es: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: 'How useful was the session?' })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  en?: string;
}

export class ItemOptionDto {
  @ApiProperty({ example: 'b', pattern: '^[a-z][a-z0-9_]{0,39}$' })
  @IsString()
  id: string;

  @ApiProperty({ type: LabelDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  label: LabelDto;
}

export class FormItemDto {
  @ApiProperty({
    example: 'usefulness',
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description: 'Stable across versions; reports group answers by it.',
  })
  @IsString()
  id: string;

  @ApiProperty({ enum: ITEM_KINDS })
  @IsIn(ITEM_KINDS)
  kind: ItemKind;

  @ApiProperty({ type: LabelDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  prompt: LabelDto;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [ItemOptionDto], maxItems: MAX_OPTIONS, description: 'Choice items only.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => ItemOptionDto)
  options?: ItemOptionDto[];

  @ApiPropertyOptional({ description: 'Number items: smallest accepted value.' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ description: 'Number items: largest accepted value.' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @ApiPropertyOptional({ default: false, description: 'Likert items answered once per facilitator (openness).' })
  @IsOmittable()
  @IsBoolean()
  perFacilitator?: boolean;

  @ApiPropertyOptional({
    description: 'Diagnostic tests: the right answer — an option id, a list of option ids, or a number.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'number' }],
  })
  @IsOmittable()
  correct?: string | string[] | number;

  @ApiPropertyOptional({ minimum: 0, description: 'Diagnostic tests: points of a right answer.' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points?: number;
}

export class CreateFormDto {
  @ApiProperty({ enum: FORM_KINDS })
  @IsIn(FORM_KINDS)
  kind: FormKind;

  @ApiProperty({ type: LabelDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  title: LabelDto;

  @ApiProperty({ type: [FormItemDto], minItems: 1, maxItems: MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => FormItemDto)
  items: FormItemDto[];
}

export class UpdateFormDto extends PickType(CreateFormDto, ['title', 'items'] as const) {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The version the change was made on (the current one); a stale one is refused.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class FormListQueryDto {
  @ApiPropertyOptional({ enum: FORM_KINDS })
  @IsOptional()
  @IsIn(FORM_KINDS)
  kind?: FormKind;
}

export class LabelResponseDto {
  @ApiProperty() es: string;
  @ApiProperty() en: string;
}

export class FormResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FORM_KINDS }) kind: FormKind;
  @ApiProperty({ type: 'integer', description: 'The current version.' }) version: number;
  @ApiProperty({ format: 'uuid', description: 'Id of the current version.' }) versionId: string;
  @ApiProperty({ description: 'Used by topics that choose no other form of its kind.' }) isDefault: boolean;
  @ApiProperty({ type: LabelResponseDto }) title: LabelResponseDto;
  @ApiProperty({ type: [FormItemDto] }) items: FormItem[];
  @ApiProperty({ description: 'Whether the current version has answers (a change then makes a new version).' })
  inUse: boolean;
  @ApiProperty({ type: [Number], description: 'Every version, oldest first.' }) versions: number[];
}

export class SubmitEvaluationDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The form version answered, as given by the pending list; a stale one is refused.',
  })
  @IsInt()
  @Min(1)
  formVersion: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { usefulness: 5, clarity: 4, discussion_time: 3, comment: 'Más casos de urgencias' },
    description:
      'Item id → answer: Likert 1–5 (per facilitator: an object facilitator id → 1–5), single choice an option id, multiple choice a list of option ids, number a number, texts a string.',
  })
  @IsObject()
  answers: Record<string, unknown>;
}

export class PendingEvaluationDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() seminarTitle: string;
  @ApiProperty({ enum: OCCASIONS }) occasion: Occasion;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day a daily evaluation is about.' })
  date: string | null;
  @ApiProperty({ description: 'Path segment to answer it: pre-test, post-test, final or the date.' }) key: string;
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: 'integer' }) formVersion: number;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) opensAt: string | null;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class EvaluationResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ enum: OCCASIONS }) occasion: Occasion;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) date: string | null;
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: 'integer' }) formVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number, description: 'Diagnostic tests: points earned.' }) score: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxScore: number | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', description: 'Until then the answers may be replaced.' }) closesAt: string;
}

export const OCCASION_KEY = /^(pre-test|post-test|final|\d{4}-\d{2}-\d{2})$/;

/** An attendee's own answers, as they read them back. */
export function toEvaluationResponse(
  context: { id: string },
  window: EvaluationWindow,
  form: Pick<ResolvedForm, 'formId' | 'version' | 'items'>,
  rows: AnswerRow[],
  score: number | null,
  maxScore: number | null,
  submittedAt: Date,
  updatedAt: Date,
): EvaluationResponseDto {
  return {
    seminarId: context.id,
    occasion: window.occasion,
    date: window.date,
    formId: form.formId,
    formVersion: form.version,
    answers: answersFromRows(form.items, rows),
    score,
    maxScore,
    submittedAt: new Date(submittedAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    closesAt: window.closesAt.toISOString(),
  };
}
