import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'Debe ser un correo electrónico válido.' })
  message: string;
}

export class CaseFindingDto {
  @ApiProperty({ example: 'summary' }) field: string;
  @ApiProperty({ example: 'phone' }) kind: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) start: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) end: number;
}

/** application/problem+json (RFC 9457) with Puente's stable `code`. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:puente:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status: number;

  @ApiProperty({ description: 'A sentence for people, in the language of Accept-Language (es by default).' })
  detail: string;

  @ApiProperty({ description: 'Stable, machine-readable error code.', example: 'validation_failed' })
  code: string;

  @ApiPropertyOptional({ example: '/api/v1/people' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Correlation id of the request (also in the X-Request-Id header).' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  errors?: FieldProblemDto[];

  // Extension members (RFC 9457) that some codes add. The schemas they refer to belong to the
  // modules that raise them, so they are named here rather than imported into common code.

  @ApiPropertyOptional({
    type: 'array',
    items: { $ref: getSchemaPath('ConflictResponseDto') },
    description: 'Scheduling conflicts (`venue_double_booked`, `person_double_booked`, `facilitator_monthly_limit`).',
  })
  conflicts?: unknown[];

  @ApiPropertyOptional({
    type: 'array',
    items: { $ref: getSchemaPath('CheckViolationDto') },
    description: 'Rules a matching run no longer meets, at most 100.',
  })
  violations?: unknown[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Seminars that changed since the matching run.' })
  changedSeminarIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'People without a confirmed seat in the seminar.',
  })
  personIds?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the person had already checked in.' })
  checkedInAt?: string;

  @ApiPropertyOptional({
    type: [CaseFindingDto],
    description: 'What looks like patient identifiers in a case submitted.',
  })
  findings?: CaseFindingDto[];
}
