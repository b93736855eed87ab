import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_KINDS, type FormItem, type ItemKind, type Label } from './forms/form-items';
import { OCCASIONS, type Occasion, type WindowState } from './forms/windows';
import { EvaluationResponseDto, LabelResponseDto } from './evaluations.dto';

export class QuestionOptionDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: LabelResponseDto }) label: Label;
}

/** An item as the person answering it sees it: never a diagnostic test's correct answer or its points. */
export class QuestionDto {
  @ApiProperty({ description: 'The key of its answer in `answers`.' }) id: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: ItemKind;
  @ApiProperty({ type: LabelResponseDto }) prompt: Label;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'Choice items only.' }) options?: QuestionOptionDto[];
  @ApiPropertyOptional({ description: 'Number items: smallest accepted value.' }) min?: number;
  @ApiPropertyOptional({ description: 'Number items: largest accepted value.' }) max?: number;
  @ApiProperty({ description: 'Answered once for each facilitator: an object facilitator id → 1–5.' })
  perFacilitator: boolean;
}

export class QuestionnaireFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
}

export const WINDOW_STATES = ['not_yet_open', 'open', 'closed'] as const;

export class QuestionnaireDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() seminarTitle: string;
  @ApiProperty({ enum: OCCASIONS }) occasion: Occasion;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day a daily evaluation is about.' })
  date: string | null;
  @ApiProperty({ description: 'Path segment to answer it: pre-test, post-test, final or the date.' }) key: string;
  @ApiProperty({ format: 'uuid' }) formId: string;
  @ApiProperty({ type: 'integer', description: 'The version to send back with the answers.' }) formVersion: number;
  @ApiProperty({ type: LabelResponseDto }) title: Label;
  @ApiProperty({ type: [QuestionDto] }) items: QuestionDto[];
  @ApiProperty({ type: [QuestionnaireFacilitatorDto], description: "The seminar's facilitators, lead first." })
  facilitators: QuestionnaireFacilitatorDto[];
  @ApiProperty({ enum: WINDOW_STATES, description: 'Answers are accepted, and replace earlier ones, while open.' })
  state: WindowState;
  @ApiProperty({ description: 'False when the day (or every day) was recorded absent or excused.' }) owed: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) opensAt: string | null;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({
    type: EvaluationResponseDto,
    nullable: true,
    description: 'The answers already given, with the score of a diagnostic test; null before answering.',
  })
  response: EvaluationResponseDto | null;
}

export function toQuestion(item: FormItem): QuestionDto {
  return {
    id: item.id,
    kind: item.kind,
    prompt: item.prompt,
    required: item.required,
    ...(item.options ? { options: item.options.map((o) => ({ id: o.id, label: o.label })) } : {}),
    ...(item.min !== undefined ? { min: item.min } : {}),
    ...(item.max !== undefined ? { max: item.max } : {}),
    perFacilitator: item.perFacilitator === true,
  };
}
