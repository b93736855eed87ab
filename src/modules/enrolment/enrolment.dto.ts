import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import { ENROLMENT_ENDINGS, ENROLMENT_SOURCES, ENROLMENT_STATUSES, type EnrolmentStatus } from './enrolment.entity';
import type { EnrolmentRow } from './enrolment.repository';
import { SEMINAR_STATUSES } from '../seminars/seminar.entity';
import { RELEASE_STATUSES, type ReleaseStatus } from './release-approval.entity';
import { FacilitatorResponseDto } from '../seminars/facilitators.dto';
import { SeminarResponseDto } from '../seminars/seminars.dto';
import type { ReleaseRow } from './release-approval.repository';

export class InviteDto {
  @ApiProperty({
    uniqueItems: true,
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 200,
    description: 'Attendees to invite, in order.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  personIds: string[];
}

/** An optional reason, as people write it. */
export class EnrolmentReasonDto {
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 1000,
    description: 'Why (required to withdraw from a confirmed seminar).',
  })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason?: string;
}

export class RefusalDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why the release is refused; the attendee reads it.' })
  @NormalizeSpaces()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class EnrolmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOmittable()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;
}

export class ReleaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RELEASE_STATUSES, default: 'pending' })
  @IsOmittable()
  @IsIn(RELEASE_STATUSES)
  status?: ReleaseStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Office only: one unit’s requests.' })
  @IsOmittable()
  @IsUUID('all')
  unitId?: string;
}

export class EnrolmentSeminarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEMINAR_STATUSES }) status: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
}

export class EnrolmentPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
}

export class EnrolmentReleaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RELEASE_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ description: 'Decided by the office on the manager’s behalf.' }) onBehalf: boolean;
}

export class EnrolmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({ enum: ENROLMENT_SOURCES }) source: string;
  @ApiProperty({ type: EnrolmentSeminarDto }) seminar: EnrolmentSeminarDto;
  @ApiProperty({ type: EnrolmentPersonDto }) person: EnrolmentPersonDto;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Last day to answer an open invitation.' })
  respondBy: string | null;
  @ApiProperty({
    nullable: true,
    type: 'integer',
    description: 'Place in the waiting line (1 = next), while waitlisted.',
  })
  waitlistPlace: number | null;
  @ApiProperty({ description: 'The invitation came from the waiting list.' }) fromWaitlist: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ enum: ENROLMENT_ENDINGS, nullable: true }) endedBy: string | null;
  @ApiProperty({
    type: EnrolmentReleaseDto,
    nullable: true,
    description: 'The latest release request, once the seat was accepted.',
  })
  release: EnrolmentReleaseDto | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toEnrolmentResponse(row: EnrolmentRow): EnrolmentResponseDto {
  const { enrolment } = row;
  return {
    id: enrolment.id,
    status: enrolment.status,
    source: enrolment.source,
    seminar: row.seminar,
    person: row.person,
    respondBy: enrolment.status === 'invited' ? enrolment.respondBy : null,
    waitlistPlace: row.waitlistRank,
    fromWaitlist: enrolment.status === 'invited' && enrolment.promotedAt !== null,
    reason: enrolment.reason,
    endedBy: enrolment.endedBy,
    release: row.release ? { ...row.release, decidedAt: row.release.decidedAt?.toISOString() ?? null } : null,
    updatedAt: enrolment.updatedAt.toISOString(),
  };
}

export class AwayDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: 'integer', description: 'Staff of the unit already away at other seminars that day.' })
  away: number;
}

export class ReleaseAttendeeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class ReleaseUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReleaseSeminarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEMINAR_STATUSES }) status: string;
  @ApiProperty({ type: [String], format: 'date' }) dates: string[];
}

export class ReleaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RELEASE_STATUSES }) status: ReleaseStatus;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) enrolmentStatus: string;
  @ApiProperty({ type: ReleaseAttendeeDto }) attendee: ReleaseAttendeeDto;
  @ApiProperty({ type: ReleaseUnitDto, nullable: true, description: 'The unit whose managers decide.' })
  unit: ReleaseUnitDto | null;
  @ApiProperty({ type: ReleaseSeminarDto }) seminar: ReleaseSeminarDto;
  @ApiProperty({ type: 'integer', description: 'Attendees on the unit’s staff.' }) unitStaff: number;
  @ApiProperty({ type: [AwayDayDto] }) awayByDate: AwayDayDto[];
  @ApiProperty({ format: 'date' }) requestedOn: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() onBehalf: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) remindedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) escalatedAt: string | null;
}

export function toReleaseResponse(
  row: ReleaseRow,
  staff: { staff: number; away: Map<string, number> },
): ReleaseResponseDto {
  const { approval } = row;
  return {
    id: approval.id,
    status: approval.status,
    enrolmentId: approval.enrolmentId,
    enrolmentStatus: row.enrolmentStatus,
    attendee: { id: row.attendee.id, fullName: row.attendee.fullName },
    unit: row.unit,
    seminar: row.seminar,
    unitStaff: staff.staff,
    awayByDate: row.seminar.dates.map((date) => ({ date, away: staff.away.get(date) ?? 0 })),
    requestedOn: approval.requestedOn,
    reason: approval.reason,
    onBehalf: approval.onBehalf,
    decidedAt: approval.decidedAt?.toISOString() ?? null,
    remindedAt: approval.remindedAt?.toISOString() ?? null,
    escalatedAt: approval.escalatedAt?.toISOString() ?? null,
  };
}

/** An invitation as its page shows it: the enrolment, the seminar and who facilitates it. */
export class EnrolmentInvitationDto {
  @ApiProperty({ type: EnrolmentResponseDto }) enrolment: EnrolmentResponseDto;
  @ApiProperty({ type: SeminarResponseDto, description: 'Topic and credit hours, venue, and each day with its hours.' })
  seminar: SeminarResponseDto;
  @ApiProperty({ type: [FacilitatorResponseDto] }) facilitators: FacilitatorResponseDto[];
}
