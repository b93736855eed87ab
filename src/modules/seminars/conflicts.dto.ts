import { ApiProperty } from '@nestjs/swagger';
import { SEMINAR_STATUSES, type SeminarStatus } from './seminar.entity';

// Conflicts

export class OtherSeminarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEMINAR_STATUSES }) status: SeminarStatus;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
}

export class ConflictResponseDto {
  @ApiProperty({ enum: ['venue_double_booked', 'person_double_booked', 'facilitator_monthly_limit'] }) kind: string;
  @ApiProperty({ type: [String], description: "The overlapping days, or the month 'YYYY-MM' for the monthly limit." })
  dates: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ type: String, nullable: true }) personName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) venueId: string | null;
  @ApiProperty({ type: OtherSeminarDto }) otherSeminar: OtherSeminarDto;
  @ApiProperty() message: string;
}

export class ConflictsResponseDto {
  @ApiProperty({
    enum: ['all_plans', 'booked_seminars'],
    description: 'Other plans compared: all not cancelled for a draft, only those planned for real otherwise.',
  })
  comparedWith: 'all_plans' | 'booked_seminars';
  @ApiProperty({ type: [ConflictResponseDto] }) items: ConflictResponseDto[];
}
