import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../common/auth/principal';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import {
  IsLicenceNumber,
  IsOmittable,
  IsPhone,
  IsPuenteEmail,
  LICENCE_NUMBER,
  NormalizeSpaces,
  PHONE,
} from '../../common/validation/decorators';
import { LOCALES, type Locale } from '../identity/person.entity';
import type { Network } from './network.entity';
import type { Specialty } from './specialty.entity';
import { UNIT_LEVELS, type Unit, type UnitLevel } from './unit.entity';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SPECIALTY_CODE = /^[a-z][a-z0-9_]*$/;

// Networks

export class CreateNetworkDto {
  @ApiProperty({ minLength: 1, example: 'Xalapa', maxLength: 120 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

/** Any field of a create, and only those; null is refused where the field is required. */
export class UpdateNetworkDto extends PartialType(CreateNetworkDto, { skipNullProperties: false }) {}

/** API sort names and the SQL columns they order by. */
export const NETWORK_SORT = { name: 'network.name', createdAt: 'network.created_at' };

export class NetworkListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(NETWORK_SORT), default: 'name' })
  @IsOptional()
  @IsIn(sortValues(NETWORK_SORT))
  sort?: string;
}

export class NetworkResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toNetworkResponse(network: Network): NetworkResponseDto {
  return {
    id: network.id,
    name: network.name,
    createdAt: network.createdAt.toISOString(),
    updatedAt: network.updatedAt.toISOString(),
  };
}

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

// People

export class CreatePersonDto {
  @ApiProperty({ minLength: 2, example: 'María José Hernández Peña', maxLength: 200 })
  @NormalizeSpaces()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ maxLength: 254, format: 'email', example: 'mjhernandez@salud.example' })
  @IsPuenteEmail()
  email: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE.source })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: LICENCE_NUMBER.source,
    description:
      'Professional licence number (cédula profesional), 5 to 12 digits; spaces, dots and dashes are dropped.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsLicenceNumber()
  licenceNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  specialtyId?: string | null;

  @ApiProperty({ uniqueItems: true, maxItems: 4, enum: ROLES, isArray: true, example: ['attendee'] })
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ enum: LOCALES, default: 'es' })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ default: true, description: 'Mail the person a link to choose their password.' })
  @IsOmittable()
  @IsBoolean()
  sendInvitation?: boolean;
}

export class UpdatePersonDto extends PartialType(OmitType(CreatePersonDto, ['sendInvitation'] as const), {
  skipNullProperties: false,
}) {}

export class DeactivatePersonDto {
  @ApiProperty({ minLength: 1, example: 'Dejó de laborar en la red', maxLength: 500 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** API sort names and the SQL they order by: names as search compares them, accents and case ignored. */
export const PERSON_SORT = {
  fullName: 'unaccent_lower(person.full_name)',
  email: 'person.email',
  createdAt: 'person.created_at',
};

export class PersonListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name, email or licence number (accents ignored).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  specialtyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: sortValues(PERSON_SORT), default: 'fullName' })
  @IsOptional()
  @IsIn(sortValues(PERSON_SORT))
  sort?: string;
}

export class ImportQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Apply the file. Without it the import is a dry run.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  commit?: boolean;
}

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export class ImportFieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportRowDto {
  @ApiProperty({ type: 'integer', description: 'Line number in the file (the header is line 1).' }) line: number;
  @ApiProperty({ enum: IMPORT_OUTCOMES }) outcome: ImportOutcome;
  @ApiPropertyOptional({ description: 'The key the row matched on or created.' }) key?: string;
  @ApiPropertyOptional({ type: [ImportFieldErrorDto] }) errors?: ImportFieldErrorDto[];
}

export class ImportSummaryDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({ type: 'integer' }) error: number;
}

export class ImportReportDto {
  @ApiProperty({ description: 'True when the file was applied; false for a dry run or a file with errors.' })
  committed: boolean;

  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: [ImportRowDto] }) rows: ImportRowDto[];
}

export class ImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV, UTF-8 (with or without BOM), comma or semicolon separated.',
  })
  file: unknown;
}
