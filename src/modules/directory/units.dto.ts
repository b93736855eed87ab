import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import { UNIT_LEVELS, type Unit, type UnitLevel } from './unit.entity';
import { CODE } from './directory.dto';

// Units

export class CreateUnitDto {
  @ApiProperty({
    description: 'Official facility code (CLUES).',
    example: 'VZSSA001234',
    maxLength: 32,
    pattern: CODE.source,
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(CODE)
  @MaxLength(32)
  code: string;

  @ApiProperty({ minLength: 1, example: 'Centro de Salud Xalapa Centro', maxLength: 200 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level: UnitLevel;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  networkId: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @NormalizeSpaces()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    uniqueItems: true,
    description: 'For a primary unit: the secondary or tertiary units of its network it refers patients to.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  referralHospitalIds?: string[];
}

export class UpdateUnitDto extends PartialType(CreateUnitDto, { skipNullProperties: false }) {}

/** API sort names and the SQL columns they order by. */
export const UNIT_SORT = { name: 'unit.name', code: 'unit.code', level: 'unit.level', createdAt: 'unit.created_at' };

export class UnitListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name or code.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;

  @ApiPropertyOptional({ enum: sortValues(UNIT_SORT), default: 'name' })
  @IsOptional()
  @IsIn(sortValues(UNIT_SORT))
  sort?: string;
}

export class UnitResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level: UnitLevel;
  @ApiProperty({ format: 'uuid' }) networkId: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) referralHospitalIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toUnitResponse(
  unit: Omit<Unit, 'network' | 'referralHospitals'> & { referralHospitals?: Pick<Unit, 'id'>[] },
): UnitResponseDto {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    networkId: unit.networkId,
    address: unit.address,
    referralHospitalIds: (unit.referralHospitals ?? []).map((hospital) => hospital.id).sort(),
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}
