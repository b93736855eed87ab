import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CLOCK_TIME } from '../../common/time/clock-time';
import { IsClockTime, IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import { AGENDA_BLOCK_KINDS, type AgendaBlockKind } from './seminar.entity';
import { SeminarDayResponseDto } from './seminars.dto';

// Agenda

export class AgendaBlockInputDto {
  @ApiProperty({ enum: AGENDA_BLOCK_KINDS })
  @IsIn(AGENDA_BLOCK_KINDS)
  kind: AgendaBlockKind;

  @ApiProperty({ example: '08:00', pattern: CLOCK_TIME.source })
  @IsClockTime()
  start: string;

  @ApiProperty({ example: '10:00', pattern: CLOCK_TIME.source })
  @IsClockTime()
  end: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'Caso 1: preeclampsia en el primer nivel',
    description: 'Required except for breaks.',
  })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A facilitator of the seminar.' })
  @IsOmittable()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('all')
  responsibleId?: string | null;
}

export class ReplaceAgendaDto {
  @ApiProperty({
    type: [AgendaBlockInputDto],
    maxItems: 30,
    description: 'The whole day, in any order; it is stored sorted by start.',
  })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AgendaBlockInputDto)
  blocks: AgendaBlockInputDto[];

  @ApiProperty({
    minimum: 0,
    type: 'integer',
    description: 'The agendaVersion read; a stale one is refused so nobody overwrites a colleague unknowingly.',
  })
  @IsInt()
  @Min(0)
  version: number;
}

export class AgendaBlockResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AGENDA_BLOCK_KINDS }) kind: AgendaBlockKind;
  @ApiProperty({ example: '08:00' }) start: string;
  @ApiProperty({ example: '10:00' }) end: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) responsibleId: string | null;
  @ApiProperty({ type: String, nullable: true }) responsibleName: string | null;
}

export class AgendaDayResponseDto extends SeminarDayResponseDto {
  @ApiProperty({ type: 'integer' }) agendaVersion: number;
  @ApiProperty({ type: [AgendaBlockResponseDto] }) blocks: AgendaBlockResponseDto[];
}

export class AgendaResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ description: 'Whether the caller may edit it.' }) editable: boolean;
  @ApiProperty({ type: [AgendaDayResponseDto] }) days: AgendaDayResponseDto[];
}
