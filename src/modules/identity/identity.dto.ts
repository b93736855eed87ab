import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/principal';
import { IsPhone, IsPuenteEmail, PHONE } from '../../common/validation/decorators';
import { LOCALES, type Locale, type Person } from './person.entity';

export class LoginDto {
  @ApiProperty({ maxLength: 254, format: 'email', example: 'oficina@puente.local' })
  @IsPuenteEmail()
  email: string;

  @ApiProperty({ maxLength: 128, minLength: 1, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ maxLength: 100, minLength: 20 })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  refreshToken: string;
}

export class BrowserSessionDto {
  @ApiProperty({ type: 'integer', description: 'Seconds until the access cookie expires and the page renews it.' })
  expiresIn: number;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Bearer token for the API (JWT, HS256).' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque, single-use token for POST /auth/refresh.' })
  refreshToken: string;

  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires.', example: 900 })
  expiresIn: number;
}

export class PasswordResetRequestDto {
  @ApiProperty({ maxLength: 254, format: 'email' })
  @IsPuenteEmail()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ maxLength: 100, minLength: 20, description: 'The token from the emailed link.' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token: string;

  @ApiProperty({ format: 'password', minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  newPassword: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128, format: 'password' })
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  newPassword: string;
}

/** What a person may change about themselves; the rest is the office's. */
export class UpdateMeDto {
  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE.source, example: '+52 228 123 4567' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of mail and documents.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(LOCALES)
  locale?: Locale;
}

export class PersonResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'María José Hernández Peña' })
  fullName: string;

  @ApiProperty({ example: 'mjhernandez@salud.example' })
  email: string;

  @ApiProperty({ nullable: true, type: String })
  phone: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Professional licence number (cédula profesional).' })
  licenceNumber: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  unitId: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  specialtyId: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ enum: LOCALES })
  locale: Locale;

  @ApiProperty()
  active: boolean;

  @ApiProperty({
    description:
      'Whether the person has chosen a password (through their invitation or a reset link); until then they cannot sign in.',
  })
  hasPassword: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the person was last invited to choose their password (the account-created mail, sent on creation, on import or again by the office); null if never.',
  })
  invitedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export function toPersonResponse(person: Omit<Person, 'passwordHash'>): PersonResponseDto {
  return {
    id: person.id,
    fullName: person.fullName,
    email: person.email,
    phone: person.phone,
    licenceNumber: person.licenceNumber,
    unitId: person.unitId,
    specialtyId: person.specialtyId,
    roles: person.roles,
    locale: person.locale,
    active: person.active,
    hasPassword: person.hasPassword,
    invitedAt: person.invitedAt?.toISOString() ?? null,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}
