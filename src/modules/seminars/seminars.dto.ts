import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { isoWithOffset } from '../../common/time/clock-time';
import { IsCalendarDate, IsOmittable, NormalizeSpaces } from '../../common/validation/decorators';
import {
  SEMINAR_STATUSES,
  type ScheduleChange,
  type Seminar,
  type SeminarDay,
  type SeminarStatus,
} from './seminar.entity';
import type { Topic } from '../topics/topic.entity';
import { toVenueSummary, VenueSummaryDto, type VenueSummarySource } from './venues.dto';

// Seminars

export class CreateSeminarDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  topicId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  networkId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Needed before the seminar opens.' })
  @IsOmittable()
  @IsUUID('all')
  venueId?: string;

  @ApiProperty({
    format: 'date',
    example: '2027-03-22',
    description: 'A working day (Monday to Friday, not a holiday), today or later.',
  })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 2000,
    description: "Defaults to the topic's capacity, or the venue's if smaller.",
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(2000)
  capacity?: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: "Defaults to the topic's title." })
  @IsOmittable()
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOmittable()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

/** Dates change only through `reschedule`; the topic and network stay. */
export class UpdateSeminarDto extends PartialType(PickType(CreateSeminarDto, ['capacity', 'title', 'notes'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null removes the venue (drafts only).',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('all')
  venueId?: string | null;
}

export class SeminarDayResponseDto {
  @ApiProperty({ type: 'integer', example: 1 }) position: number;
  @ApiProperty({ format: 'date', example: '2027-03-22' }) date: string;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '16:00' }) endTime: string;
  @ApiProperty({
    format: 'date-time',
    example: '2027-03-22T08:00:00-06:00',
    description: 'Start instant in the service time zone.',
  })
  startsAt: string;
  @ApiProperty({ format: 'date-time', example: '2027-03-22T16:00:00-06:00' }) endsAt: string;
}

export class SeminarTopicSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) creditHours: number;
  @ApiProperty({ type: 'integer' }) minimumAttendees: number;
}

export class CancellationDto {
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class SeminarResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEMINAR_STATUSES }) status: SeminarStatus;
  @ApiProperty({ type: SeminarTopicSummaryDto }) topic: SeminarTopicSummaryDto;
  @ApiProperty({ format: 'uuid' }) networkId: string;
  @ApiProperty({ type: VenueSummaryDto, nullable: true }) venue: VenueSummaryDto | null;
  @ApiProperty({ format: 'date', example: '2027-03-22' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2027-03-24' }) endDate: string;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty() notes: string;
  @ApiProperty({ type: [SeminarDayResponseDto] }) days: SeminarDayResponseDto[];
  @ApiProperty({ type: CancellationDto, nullable: true }) cancellation: CancellationDto | null;
  @ApiProperty({
    type: 'integer',
    description: 'Increases with every change that calendars show (dates, venue, title, notes, status).',
  })
  revision: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ScheduleChangeResponseDto {
  @ApiProperty({ format: 'date', type: [String], example: ['2027-03-22', '2027-03-23', '2027-03-24'] })
  previousDates: string[];
  @ApiProperty({ format: 'date', type: [String] }) newDates: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousVenueId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) newVenueId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class SeminarDetailResponseDto extends SeminarResponseDto {
  @ApiProperty({ type: [ScheduleChangeResponseDto], description: 'Every reschedule, oldest first.' })
  scheduleHistory: ScheduleChangeResponseDto[];
}

export class MyEnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['invited', 'accepted', 'released', 'confirmed', 'waitlisted', 'declined', 'withdrawn'],
    description:
      'Accepted: a seat held while the manager is asked to release them; confirmed: released, the seat is theirs.',
  })
  status: 'invited' | 'accepted' | 'released' | 'confirmed' | 'waitlisted' | 'declined' | 'withdrawn';
}

export class MySeminarResponseDto extends SeminarResponseDto {
  @ApiProperty({ enum: ['facilitator', 'attendee'] }) myRole: 'facilitator' | 'attendee';
  @ApiProperty({ type: MyEnrolmentDto, nullable: true, description: 'My enrolment in it; null for its facilitators.' })
  myEnrolment: MyEnrolmentDto | null;
}

export function toSeminarDayResponse(
  day: Pick<SeminarDay, 'position' | 'date' | 'startTime' | 'endTime'>,
  timeZone: string,
): SeminarDayResponseDto {
  return {
    position: day.position,
    date: day.date,
    startTime: day.startTime,
    endTime: day.endTime,
    startsAt: isoWithOffset(day.date, day.startTime, timeZone),
    endsAt: isoWithOffset(day.date, day.endTime, timeZone),
  };
}

/** What a seminar's response shows: the entity with its relations loaded, or a list's row. */
export type SeminarView = Pick<
  Seminar,
  | 'id'
  | 'title'
  | 'status'
  | 'networkId'
  | 'startDate'
  | 'endDate'
  | 'capacity'
  | 'notes'
  | 'cancellationReason'
  | 'cancelledAt'
  | 'revision'
  | 'createdAt'
  | 'updatedAt'
> & {
  topic?: Pick<Topic, 'id' | 'title' | 'creditHours' | 'minimumAttendees'>;
  venue?: VenueSummarySource | null;
  days?: Pick<SeminarDay, 'position' | 'date' | 'startTime' | 'endTime'>[] | null;
};

/** The seminar with its topic, venue and days loaded. */
export function toSeminarResponse(seminar: SeminarView, timeZone: string): SeminarResponseDto {
  const topic = seminar.topic!;
  return {
    id: seminar.id,
    title: seminar.title,
    status: seminar.status,
    topic: {
      id: topic.id,
      title: topic.title,
      creditHours: topic.creditHours,
      minimumAttendees: topic.minimumAttendees,
    },
    networkId: seminar.networkId,
    venue: seminar.venue ? toVenueSummary(seminar.venue) : null,
    startDate: seminar.startDate,
    endDate: seminar.endDate,
    capacity: seminar.capacity,
    notes: seminar.notes,
    days: (seminar.days ?? []).map((day) => toSeminarDayResponse(day, timeZone)),
    cancellation:
      seminar.cancellationReason && seminar.cancelledAt
        ? { reason: seminar.cancellationReason, cancelledAt: seminar.cancelledAt.toISOString() }
        : null,
    revision: seminar.revision,
    createdAt: seminar.createdAt.toISOString(),
    updatedAt: seminar.updatedAt.toISOString(),
  };
}

export function toScheduleChangeResponse(change: ScheduleChange): ScheduleChangeResponseDto {
  return {
    previousDates: change.previousDates,
    newDates: change.newDates,
    previousVenueId: change.previousVenueId,
    newVenueId: change.newVenueId,
    reason: change.reason,
    changedAt: change.createdAt.toISOString(),
  };
}

// Lifecycle

export class SeminarReasonDto {
  @ApiProperty({ minLength: 5, maxLength: 1000, example: 'Contingencia sanitaria en la red.' })
  @NormalizeSpaces()
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  reason: string;
}

export class RescheduleSeminarDto extends SeminarReasonDto {
  @ApiProperty({
    format: 'date',
    example: '2027-04-12',
    description: 'The new first day: a working day, today or later.',
  })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A new venue, when the seminar moves place as well.' })
  @IsOmittable()
  @IsUUID('all')
  venueId?: string;
}
