import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import type { CaseAttachment } from './case-attachment.entity';
import {
  CASE_STATUSES,
  type CaseReview,
  type CaseStatus,
  type CaseVersion,
  type ClinicalCase,
} from './clinical-case.entity';
import { FINDING_KINDS } from './deidentification/scanner';

export const SUMMARY_MAX = 20_000;

export class CreateCaseDto {
  @ApiProperty({ minLength: 3, maxLength: 200 })
  @NormalizeSpaces()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    minLength: 1,
    maxLength: SUMMARY_MAX,
    description: 'The clinical summary, in Markdown. No patient identifiers: it is scanned on submission.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(SUMMARY_MAX)
  summary: string;

  @ApiPropertyOptional({ maxLength: 500, type: [String], maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  learningObjectives?: string[];

  @ApiPropertyOptional({ maxLength: 1000, type: [String], maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  discussionQuestions?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsUUID('all')
  specialtyId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The agenda block where the case is discussed.',
  })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsUUID('all')
  agendaBlockId?: string | null;
}

export class UpdateCaseDto extends PartialType(CreateCaseDto, { skipNullProperties: false }) {}

export class ReuseCaseDto {
  @ApiProperty({ format: 'uuid', description: 'An approved or published case of a seminar of the same topic.' })
  @IsUUID('all')
  caseId: string;
}

export class ReviewCaseDto {
  @ApiProperty({ enum: ['approve', 'request_changes'] })
  @IsIn(['approve', 'request_changes'])
  decision: 'approve' | 'request_changes';

  @ApiPropertyOptional({ minLength: 3, maxLength: 2000, description: 'Required when asking for changes.' })
  @ValidateIf((o: ReviewCaseDto) => o.decision === 'request_changes' || o.comment !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  comment?: string;
}

/** A finding as the refusal named it: the field, the kind and the position in the field's current text. */
export class FindingDto {
  @ApiProperty({
    maxLength: 120,
    example: 'summary',
    description: 'The field as the finding named it (`summary`, `learningObjectives[0]`, `attachments[<id>]`…).',
  })
  @IsString()
  @MaxLength(120)
  field: string;

  @ApiProperty({ enum: FINDING_KINDS })
  @IsIn(FINDING_KINDS)
  kind: string;

  @ApiProperty({ minimum: 0, type: 'integer' }) @IsInt() @Min(0) start: number;
  @ApiProperty({ minimum: 1, type: 'integer' }) @IsInt() @Min(1) end: number;
}

export class WaiveFindingDto extends FindingDto {
  @ApiProperty({ minLength: 5, maxLength: 500, description: 'Why this is not an identifier; recorded.' })
  @NormalizeSpaces()
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}

export class CaseLibraryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only cases of this topic.' })
  @IsOmittable()
  @IsUUID('all')
  topic?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Words to find in titles, summaries and objectives (Spanish and English, accents ignored).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CaseAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the stored file, hex.' }) sha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CaseReviewDto {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ enum: ['approved', 'changes_requested'] }) decision: string;
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ format: 'uuid' }) topicId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) learningObjectives: string[];
  @ApiProperty({ type: [String] }) discussionQuestions: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) specialtyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agendaBlockId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sourceCaseId: string | null;
  @ApiProperty({ type: [CaseAttachmentDto] }) attachments: CaseAttachmentDto[];
  @ApiProperty({
    type: [CaseReviewDto],
    description: 'Reviews, for the author, facilitators and office; empty for attendees.',
  })
  reviews: CaseReviewDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CaseVersionDto {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) learningObjectives: string[];
  @ApiProperty({ type: [String] }) discussionQuestions: string[];
  @ApiProperty({ format: 'date-time' }) replacedAt: string;
}

export function toAttachmentDto(
  a: Pick<CaseAttachment, 'id' | 'displayName' | 'mediaType' | 'sizeBytes' | 'sha256' | 'createdAt'>,
): CaseAttachmentDto {
  return {
    id: a.id,
    displayName: a.displayName,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
  };
}

export function toCaseResponse(
  c: Omit<ClinicalCase, 'seminar' | 'author'>,
  attachments: Parameters<typeof toAttachmentDto>[0][],
  reviews: CaseReview[],
): CaseResponseDto {
  return {
    id: c.id,
    seminarId: c.seminarId,
    topicId: c.topicId,
    authorId: c.authorId,
    status: c.status,
    version: c.version,
    title: c.title,
    summary: c.summary,
    learningObjectives: c.learningObjectives,
    discussionQuestions: c.discussionQuestions,
    specialtyId: c.specialtyId,
    agendaBlockId: c.agendaBlockId,
    sourceCaseId: c.sourceCaseId,
    attachments: attachments.map(toAttachmentDto),
    reviews: reviews.map((r) => ({
      version: r.version,
      reviewerId: r.reviewerId,
      decision: r.decision,
      comment: r.comment,
      createdAt: r.createdAt.toISOString(),
    })),
    publishedAt: c.publishedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toCaseVersionDto(v: CaseVersion): CaseVersionDto {
  return {
    version: v.version,
    status: v.status,
    title: v.title,
    summary: v.summary,
    learningObjectives: v.learningObjectives,
    discussionQuestions: v.discussionQuestions,
    replacedAt: v.createdAt.toISOString(),
  };
}
