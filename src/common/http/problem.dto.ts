import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'Debe ser un correo electrónico válido.' })
  message: string;
}

/** application/problem+json (RFC 9457) with Puente's stable `code`. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:puente:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
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
}
