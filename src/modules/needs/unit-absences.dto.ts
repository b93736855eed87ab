import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsOmittable } from '../../common/validation/decorators';
import type { StaffMemberRow, StaffSeminarRow, StaffUnavailableRow } from './unit-absences.repository';

/** The longest window the unit's absences are read for, in days (about a quarter). */
export const MAX_ABSENCE_WINDOW_DAYS = 92;
/** The window when `to` is left out: four weeks from `from`. */
export const DEFAULT_ABSENCE_WINDOW_DAYS = 28;

/** Enrolment statuses that take a person away from their unit on a seminar's days (invited: perhaps). */
export const AWAY_ENROLMENT_STATUSES = ['invited', 'accepted', 'released', 'confirmed'] as const;

export class UnitAbsencesQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day, included; today by default.' })
  @IsOmittable()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: `Last day, included; ${DEFAULT_ABSENCE_WINDOW_DAYS} days from \`from\` by default, at most ${MAX_ABSENCE_WINDOW_DAYS} days in all.`,
  })
  @IsOmittable()
  @IsCalendarDate()
  to?: string;
}

export class AbsenceUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class StaffSeminarDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['attendee', 'facilitator'] }) role: 'attendee' | 'facilitator';
  @ApiProperty({
    enum: AWAY_ENROLMENT_STATUSES,
    nullable: true,
    description: 'Where the attendee stands (`invited`: not yet answered); null for a facilitator.',
  })
  enrolmentStatus: (typeof AWAY_ENROLMENT_STATUSES)[number] | null;
  @ApiProperty({ type: [String], format: 'date', description: 'The seminar’s days inside the window, in order.' })
  dates: string[];
}

export class StaffUnavailableDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date', description: 'Included. The whole range, even where it reaches outside the window.' })
  to: string;
}

export class StaffAbsencesDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({
    type: [StaffSeminarDto],
    description: 'Seminars (not cancelled, not draft) with a day in the window.',
  })
  seminars: StaffSeminarDto[];
  @ApiProperty({
    type: [StaffUnavailableDto],
    description: 'Declared unavailable dates that overlap the window (their reasons stay private).',
  })
  unavailable: StaffUnavailableDto[];
}

export class UnitAbsencesResponseDto {
  @ApiProperty({ type: AbsenceUnitDto, nullable: true, description: 'The manager’s unit; null when they have none.' })
  unit: AbsenceUnitDto | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({
    type: [StaffAbsencesDto],
    description: 'Every active attendee and facilitator of the unit, by name, away or not.',
  })
  people: StaffAbsencesDto[];
}

export function toUnitAbsencesResponse(
  unit: AbsenceUnitDto | null,
  window: { from: string; to: string },
  staff: StaffMemberRow[],
  seminars: StaffSeminarRow[],
  unavailable: StaffUnavailableRow[],
): UnitAbsencesResponseDto {
  return {
    unit: unit ? { id: unit.id, name: unit.name } : null,
    from: window.from,
    to: window.to,
    people: staff.map((person) => ({
      personId: person.id,
      fullName: person.fullName,
      seminars: seminars
        .filter((row) => row.personId === person.id)
        .map((row) => ({
          seminarId: row.seminarId,
          title: row.title,
          role: row.role,
          enrolmentStatus: row.role === 'attendee' ? row.enrolmentStatus : null,
          dates: row.dates,
        })),
      unavailable: unavailable
        .filter((row) => row.personId === person.id)
        .map((row) => ({ from: row.from, to: row.to })),
    })),
  };
}
