import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { SpecialtyResponseDto } from '../directory/specialties.dto';
import type { OwnSharing, SharedContact, SharedSeminar } from './contacts.repository';
import { mailtoHref, telHref, whatsappHref } from './phone-numbers';

export const CHANNELS = ['workPhone', 'mobile', 'whatsapp', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

const NUMBER_DESCRIPTION =
  'Ten digits (a Mexican number) or `+` and the country code; spaces, dashes, dots and brackets are dropped. ' +
  'Stored and answered in E.164. Omitted: unchanged; null: removed (refused while the channel is shared).';

/** What the caller shares, channel by channel, and the numbers only sharing needs. */
export class ContactSharingDto {
  @ApiProperty({ description: 'Share the work phone of my profile (`phone`).' })
  @IsBoolean()
  shareWorkPhone: boolean;

  @ApiProperty({ description: 'Share my mobile number (`mobile`).' })
  @IsBoolean()
  shareMobile: boolean;

  @ApiProperty({ description: 'Share the number I use WhatsApp on (`whatsapp`).' })
  @IsBoolean()
  shareWhatsapp: boolean;

  @ApiProperty({ description: 'Share the email of my account.' })
  @IsBoolean()
  shareEmail: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 32,
    example: '228 123 4567',
    description: NUMBER_DESCRIPTION,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(32)
  mobile?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 32,
    example: '+52 228 123 4567',
    description: NUMBER_DESCRIPTION,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(32)
  whatsapp?: string | null;
}

export class ContactSharingResponseDto {
  @ApiProperty({ type: String, nullable: true, description: 'The work phone of my profile; changed on the profile.' })
  workPhone: string | null;

  @ApiProperty({ description: 'The email of my account.' })
  email: string;

  @ApiProperty({ type: String, nullable: true, example: '+522281234567' })
  mobile: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+522281234567' })
  whatsapp: string | null;

  @ApiProperty() shareWorkPhone: boolean;
  @ApiProperty() shareMobile: boolean;
  @ApiProperty() shareWhatsapp: boolean;
  @ApiProperty() shareEmail: boolean;
}

export class SharedChannelResponseDto {
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ example: '+522281234567' }) value: string;
  @ApiProperty({
    description: '`tel:` for the phones, `https://wa.me/<digits>` for WhatsApp, `mailto:` for the email.',
    example: 'https://wa.me/522281234567',
  })
  href: string;
}

export class ContactSeminarResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: SpecialtyResponseDto, nullable: true }) specialty: SpecialtyResponseDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where the person works: the hospital of a specialist, the unit of a participant.',
  })
  unitName: string | null;
  @ApiProperty({ description: "A specialist of a hospital the caller's unit refers patients to." })
  referralHospital: boolean;
  @ApiProperty({
    type: [ContactSeminarResponseDto],
    description: 'The started seminars the caller shared with the person, latest first.',
  })
  seminars: ContactSeminarResponseDto[];
  @ApiProperty({ type: [SharedChannelResponseDto], description: 'Only the channels the person shares, never others.' })
  channels: SharedChannelResponseDto[];
}

export class MyContactsResponseDto {
  @ApiProperty({
    type: [ContactResponseDto],
    description:
      'For an attendee: the facilitators of their started seminars, those of the hospitals their unit refers to first; only people who share some channel.',
  })
  specialists: ContactResponseDto[];

  @ApiProperty({
    type: [ContactResponseDto],
    description:
      'For a facilitator: the confirmed attendees of their started seminars; only people who share some channel.',
  })
  participants: ContactResponseDto[];
}

export function toContactSharingResponse(own: OwnSharing): ContactSharingResponseDto {
  const sharing = own.sharing;
  return {
    workPhone: own.workPhone,
    email: own.email,
    mobile: sharing?.mobile ?? null,
    whatsapp: sharing?.whatsapp ?? null,
    shareWorkPhone: sharing?.shareWorkPhone ?? false,
    shareMobile: sharing?.shareMobile ?? false,
    shareWhatsapp: sharing?.shareWhatsapp ?? false,
    shareEmail: sharing?.shareEmail ?? false,
  };
}

/** A contact card: the person, where they work, the seminars shared, and their shared channels only. */
export function toContactResponse(
  contact: SharedContact,
  seminars: SharedSeminar[],
  referralHospital: boolean,
): ContactResponseDto {
  const channels: SharedChannelResponseDto[] = [];
  if (contact.workPhone)
    channels.push({ channel: 'workPhone', value: contact.workPhone, href: telHref(contact.workPhone) });
  if (contact.mobile) channels.push({ channel: 'mobile', value: contact.mobile, href: telHref(contact.mobile) });
  if (contact.whatsapp)
    channels.push({ channel: 'whatsapp', value: contact.whatsapp, href: whatsappHref(contact.whatsapp) });
  if (contact.email) channels.push({ channel: 'email', value: contact.email, href: mailtoHref(contact.email) });
  const specialty =
    contact.specialtyId && contact.specialtyCode && contact.specialtyNameEs && contact.specialtyNameEn
      ? {
          id: contact.specialtyId,
          code: contact.specialtyCode,
          nameEs: contact.specialtyNameEs,
          nameEn: contact.specialtyNameEn,
        }
      : null;
  const seen = new Set<string>();
  return {
    personId: contact.personId,
    fullName: contact.fullName,
    specialty,
    unitName: contact.unitName,
    referralHospital,
    seminars: seminars
      .filter((s) => !seen.has(s.seminarId) && seen.add(s.seminarId))
      .map((s) => ({ id: s.seminarId, title: s.title, startDate: s.startDate })),
    channels,
  };
}
