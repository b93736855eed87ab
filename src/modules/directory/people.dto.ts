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
import { toBoolean } from './directory.dto';

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

  @ApiPropertyOptional({
    type: Boolean,
    description: 'false: only people who have not chosen a password yet (and so cannot sign in).',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hasPassword?: boolean;

  @ApiPropertyOptional({ enum: sortValues(PERSON_SORT), default: 'fullName' })
  @IsOptional()
  @IsIn(sortValues(PERSON_SORT))
  sort?: string;
}
