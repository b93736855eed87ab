import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import { AttendanceErrorCode } from './attendance.errors';
import { ATTENDANCE_STATUSES, type AttendanceStatus, type AttendanceSummary } from './hours';

export class RosterRecordInputDto {
  @ApiProperty({ format: 'uuid', description: 'A confirmed attendee of the seminar.' })
  @IsUUID('all')
  personId: string;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    description:
      '`present` credits the whole day, `late` the hours attended, `absent` and `excused` nothing (excused is shown apart).',
  })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({
    minimum: 0.5,
    multipleOf: 0.5,
    description: 'Only for `late`, and required then: hours attended in half hours, more than 0 and less than the day.',
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  hoursAttended?: number;
}

export class ReplaceRosterDto {
  @ApiProperty({
    type: [RosterRecordInputDto],
    minItems: 1,
    maxItems: 500,
    description: 'The records to write, all or none; people left out keep what they had.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RosterRecordInputDto)
  records: RosterRecordInputDto[];

  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 500,
    description: 'Required after the day (office only); kept on the records and in the audit log.',
  })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}

export const ROSTER_STATUSES = [...ATTENDANCE_STATUSES, 'unrecorded'] as const;

/** Why a roster is read only: the codes a save would be refused with. */
export const ROSTER_READ_ONLY_REASONS = [
  AttendanceErrorCode.AttendanceNotOpen,
  AttendanceErrorCode.DayInFuture,
  AttendanceErrorCode.AfterDayOfficeOnly,
] as const;
export type RosterReadOnlyReason = (typeof ROSTER_READ_ONLY_REASONS)[number];

export class RosterLineDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ enum: ROSTER_STATUSES }) status: AttendanceStatus | 'unrecorded';
  @ApiProperty({ description: 'Hours this day credits; 0 while unrecorded.' }) hoursCredited: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the person checked in with a code.',
  })
  checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason of the last change after the day.' }) reason:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
}

export class DayRosterResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ format: 'uuid' }) seminarDayId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Hours of a full day (the topic’s hours per day).' }) dayHours: number;
  @ApiProperty({
    description: 'Whether the caller may change the roster now (after the day: the office only, with a reason).',
  })
  editable: boolean;
  @ApiProperty({
    description: 'Whether saving now needs a `reason`: a change after the day, by the office.',
  })
  reasonRequired: boolean;
  @ApiProperty({
    enum: ROSTER_READ_ONLY_REASONS,
    nullable: true,
    type: String,
    description:
      'Why the caller may not change the roster now, as the code a save would be refused with; null when `editable`.',
  })
  readOnlyReason: RosterReadOnlyReason | null;
  @ApiProperty({ type: [RosterLineDto], description: 'Every confirmed attendee, by name.' }) attendees: RosterLineDto[];
}

export class AttendanceSummaryDto implements AttendanceSummary {
  @ApiProperty({ description: 'Hours credited over the seminar’s days.' }) hoursAttended: number;
  @ApiProperty({ description: 'Days × hours per day of the topic.' }) topicHours: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'hoursAttended / topicHours, to four decimals.' }) share: number;
  @ApiProperty({ type: 'integer' }) presentDays: number;
  @ApiProperty({ type: 'integer' }) lateDays: number;
  @ApiProperty({ type: 'integer' }) absentDays: number;
  @ApiProperty({ type: 'integer' }) excusedDays: number;
  @ApiProperty({ type: 'integer' }) unrecordedDays: number;
}

export class AttendeeSummaryDto extends AttendanceSummaryDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
}

export class SeminarAttendanceResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty({ type: 'integer' }) dayCount: number;
  @ApiProperty({ type: 'integer' }) hoursPerDay: number;
  @ApiProperty() topicHours: number;
  @ApiProperty({ type: [AttendeeSummaryDto], description: 'Every confirmed attendee, by name.' })
  attendees: AttendeeSummaryDto[];
}

export class CheckInCodeResponseDto {
  @ApiProperty({ example: 'K7M2QX', description: 'Six characters without 0, O, 1, I or L.' }) code: string;
  @ApiProperty({ format: 'date-time' }) validFrom: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the next code replaces it (the old one is still taken for a minute), or when check-in closes.',
  })
  validUntil: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'The service’s time when it answered: a screen counts down from it to `validUntil`, whatever its own clock says.',
  })
  serverTime: string;
  @ApiProperty({ format: 'uri' }) checkInUrl: string;
  @ApiProperty({ description: 'An SVG image of a QR code of checkInUrl.' }) qrSvg: string;
}

export class CheckInCountResponseDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: 'integer', description: 'Confirmed attendees who have checked in with a code on the day.' })
  checkedIn: number;
  @ApiProperty({ type: 'integer', description: 'Confirmed attendees of the seminar.' }) confirmed: number;
}

export class CheckInDto {
  @ApiProperty({
    maxLength: 20,
    minLength: 1,
    example: 'K7M2QX',
    description: 'The code shown in the room; case, spaces and dashes do not matter.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  code: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The seminar the code was read for (the QR carries it); a code of another seminar is then refused.',
  })
  @IsOmittable()
  @IsUUID('all')
  seminarId?: string;
}

export class CheckInResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() seminarTitle: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: '`present` unless the roster already said otherwise.' })
  status: AttendanceStatus;
}
