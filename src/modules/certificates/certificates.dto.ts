import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NormalizeSpaces } from '../../common/validation/decorators';
import {
  CERTIFICATE_KINDS,
  CERTIFICATE_STATUSES,
  type CertificateKind,
  type CertificateStatus,
} from './certificate.entity';

export class CertificateResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PUENTE-2031-000042' }) registryNumber: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind: CertificateKind;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ description: 'As printed.' }) holderName: string;
  @ApiProperty({ nullable: true, type: String }) licence: string | null;
  @ApiProperty() topic: string;
  @ApiProperty() seminarTitle: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ example: 'K7Q-M2P' }) checkCode: string;
  @ApiProperty() verificationUrl: string;
  @ApiProperty() pdfSha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
}

export class EligibilityCertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() registryNumber: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: string;
}

export class EligibilityRowDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) licence: string | null;
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind: CertificateKind;
  @ApiProperty() eligible: boolean;
  @ApiProperty({
    type: [String],
    enum: [
      'seminar_not_completed',
      'attendance_below_minimum',
      'final_evaluation_missing',
      'no_teaching_hours',
      'revoked',
    ],
    description: 'Why not, when not eligible.',
  })
  reasons: string[];
  @ApiProperty({ description: 'Credit hours the certificate carries (or would).' }) hours: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Attendees: hours attended over the seminar’s hours, 0–1.',
  })
  attendanceShare: number | null;
  @ApiProperty({
    type: EligibilityCertificateDto,
    nullable: true,
    description: 'The certificate already issued, if any.',
  })
  certificate: EligibilityCertificateDto | null;
}

export class IssueResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /jobs/{id}.' }) jobId: string;
}

export class CertificateReasonDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Nombre corregido a petición del titular' })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class RegistryQueryDto {
  @ApiProperty({ maximum: 2999, minimum: 2000, type: 'integer', example: 2031 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year: number;

  @ApiPropertyOptional({ enum: ['csv', 'pdf'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'pdf'])
  format?: 'csv' | 'pdf';
}

export class VerifyQueryDto {
  @ApiProperty({
    maxLength: 20,
    example: 'K7Q-M2P',
    description: 'The check code printed under the QR (case and dashes do not matter).',
  })
  @IsString()
  @MaxLength(20)
  code: string;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ enum: ['es', 'en'], description: 'Defaults to the Accept-Language.' })
  @IsOptional()
  @IsIn(['es', 'en'])
  locale?: 'es' | 'en';
}

export class VerificationDto {
  @ApiProperty({ enum: [true] }) match: true;
  @ApiProperty() registryNumber: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'When superseded: the current revision.' })
  supersededByRevision: number | null;
  @ApiProperty({ enum: CERTIFICATE_KINDS }) kind: CertificateKind;
  @ApiProperty() holderName: string;
  @ApiProperty() topic: string;
  @ApiProperty() seminarTitle: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ description: 'SHA-256 of the issued PDF, hex.' }) pdfSha256: string;
}

export class NoMatchDto {
  @ApiProperty({ enum: [false] }) match: false;
}
