import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate, IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import type { Holiday } from './holiday.entity';
import type { Venue } from './venue.entity';

// Venues

export class CreateVenueDto {
  @ApiProperty({ minLength: 1, example: 'Auditorio de la Jurisdicción Sanitaria V', maxLength: 200 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Av. Ávila Camacho 123, Xalapa, Ver.', maxLength: 300 })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  networkId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2000, example: 30 })
  @IsInt()
  @Min(1)
  @Max(2000)
  capacity: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

/** The network of a venue stays; everything else can change. */
export class UpdateVenueDto extends PartialType(OmitType(CreateVenueDto, ['networkId'] as const), {
  skipNullProperties: false,
}) {}

export class VenueListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class VenueSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: 'integer' }) capacity: number;
}

export class VenueResponseDto extends VenueSummaryDto {
  @ApiProperty({ format: 'uuid' }) networkId: string;
  @ApiProperty() notes: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export type VenueSummarySource = Pick<Venue, 'id' | 'name' | 'address' | 'capacity'>;

export function toVenueSummary(venue: VenueSummarySource): VenueSummaryDto {
  return { id: venue.id, name: venue.name, address: venue.address, capacity: venue.capacity };
}

export function toVenueResponse(venue: Venue): VenueResponseDto {
  return {
    ...toVenueSummary(venue),
    networkId: venue.networkId,
    notes: venue.notes,
    createdAt: venue.createdAt.toISOString(),
    updatedAt: venue.updatedAt.toISOString(),
  };
}

// Holidays

export class CreateHolidayDto {
  @ApiProperty({ format: 'date', example: '2027-09-16' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ minLength: 1, example: 'Día de la Independencia', maxLength: 120 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

export class HolidayListQueryDto {
  @ApiPropertyOptional({
    maximum: 2100,
    minimum: 2000,
    type: 'integer',
    example: 2027,
    description: 'Defaults to the current year.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class HolidayResponseDto {
  @ApiProperty({ format: 'date', example: '2027-09-16' }) date: string;
  @ApiProperty() name: string;
}

export class HolidayListResponseDto {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: [HolidayResponseDto] }) items: HolidayResponseDto[];
}

export function toHolidayResponse(holiday: Holiday): HolidayResponseDto {
  return { date: holiday.date, name: holiday.name };
}
