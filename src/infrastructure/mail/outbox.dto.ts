import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsPuenteEmail } from '../../common/validation/decorators';
import { redactSecrets } from './redact';
import type { OutboxMail } from './outbox-mail.entity';

export class OutboxMailResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() recipient: string;
  @ApiProperty() template: string;
  @ApiProperty({ enum: ['es', 'en'] }) locale: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['stored', 'pending', 'sent', 'failed'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

export class OutboxListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 254, format: 'email', description: 'Only mail sent to this address.' })
  @IsOptional()
  @IsPuenteEmail()
  recipient?: string;
}

export function toOutboxMailResponse(mail: OutboxMail): OutboxMailResponseDto {
  return {
    id: mail.id,
    recipient: mail.recipient,
    template: mail.template,
    locale: mail.locale,
    subject: mail.subject,
    // Only mail with no other way to its recipient (no SMTP) shows its link to the office.
    body: mail.status === 'stored' ? mail.body : redactSecrets(mail.body),
    status: mail.status,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt?.toISOString() ?? null,
  };
}
