import type { MatchingPin } from './matching-run.entity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsOmittable } from '../../common/validation/decorators';
import { PIN_KINDS, type PinKind } from './matching-run.entity';

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

// ---- Responses ------------------------------------------------------------------------------

export class PinResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ enum: PIN_KINDS }) kind: PinKind;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class PinOutcomeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ enum: PIN_KINDS }) kind: PinKind;
  @ApiProperty() honoured: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() reasonText?: string;
}

export function toPinResponse(pin: MatchingPin): PinResponseDto {
  return {
    id: pin.id,
    personId: pin.personId,
    seminarId: pin.seminarId,
    kind: pin.kind,
    note: pin.note,
    createdAt: pin.createdAt.toISOString(),
  };
}
