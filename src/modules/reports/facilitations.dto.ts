import { ApiProperty } from '@nestjs/swagger';
import { SEMINAR_STATUSES, type SeminarStatus } from '../seminars/seminar.entity';

export const FACILITATION_PHASES = ['upcoming', 'in_progress', 'past'] as const;
export type FacilitationPhase = (typeof FACILITATION_PHASES)[number];

/** A seminar the caller facilitates, with what it needs from them now. */
export class MyFacilitationResponseDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEMINAR_STATUSES }) status: SeminarStatus;
  @ApiProperty({ format: 'date', example: '2031-03-03' }) startDate: string;
  @ApiProperty({ format: 'date', example: '2031-03-05' }) endDate: string;
  @ApiProperty({ description: 'Whether the caller is its lead facilitator (who reviews the cases).' }) lead: boolean;

  @ApiProperty({
    enum: FACILITATION_PHASES,
    description: "By its dates and the service's today; a cancelled seminar keeps the phase of its dates.",
  })
  phase: FacilitationPhase;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      "Today, when it is one of the seminar's days and the seminar is confirmed or under way: the day's roster.",
  })
  today: string | null;

  @ApiProperty({
    type: [String],
    format: 'date',
    description: 'Days with no agenda block yet, while the agenda can still be planned and the seminar is not over.',
  })
  daysWithoutAgenda: string[];

  @ApiProperty({ type: 'integer', description: 'Cases the caller wrote for the seminar, in any state.' })
  myCases: number;

  @ApiProperty({ type: 'integer', description: 'Of them, drafts not yet sent to review.' })
  myDrafts: number;

  @ApiProperty({ type: 'integer', description: 'Of them, cases a reviewer sent back with changes to make.' })
  myChangesRequested: number;

  @ApiProperty({
    type: 'integer',
    description: "For the lead only (else 0): colleagues' cases sent to review and waiting for a decision.",
  })
  reviewRequests: number;

  @ApiProperty({ description: 'The seminar is completed or closed, so its evaluation report is final.' })
  reportReady: boolean;
}
