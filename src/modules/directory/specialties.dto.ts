import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import { NormalizeSpaces } from '../../common/validation/decorators';
import type { Specialty } from './specialty.entity';
import { SPECIALTY_CODE } from './directory.dto';

// Specialties

export class CreateSpecialtyDto {
  @ApiProperty({ example: 'gynecology_obstetrics', maxLength: 48, pattern: SPECIALTY_CODE.source })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(SPECIALTY_CODE)
  @MaxLength(48)
  code: string;

  @ApiProperty({ minLength: 1, example: 'Ginecología y obstetricia', maxLength: 120 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  nameEs: string;

  @ApiProperty({ minLength: 1, example: 'Gynaecology and obstetrics', maxLength: 120 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  nameEn: string;
}

/** The code is the key of imports and stays as it is; the names can change. */
export class UpdateSpecialtyDto extends PartialType(OmitType(CreateSpecialtyDto, ['code'] as const), {
  skipNullProperties: false,
}) {}

/** API sort names and the SQL columns they order by. */
export const SPECIALTY_SORT = { code: 'specialty.code', nameEs: 'specialty.name_es', nameEn: 'specialty.name_en' };

export class SpecialtyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the code or either name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(SPECIALTY_SORT), default: 'nameEs' })
  @IsOptional()
  @IsIn(sortValues(SPECIALTY_SORT))
  sort?: string;
}

export class SpecialtyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
}

export function toSpecialtyResponse(specialty: Specialty): SpecialtyResponseDto {
  return { id: specialty.id, code: specialty.code, nameEs: specialty.nameEs, nameEn: specialty.nameEn };
}
