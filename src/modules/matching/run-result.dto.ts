import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FacilitatorsObjectiveDto {
  @ApiProperty({ description: 'The stage objective: coverage first, then referral hospitals, minus load.' })
  total: number;
  @ApiProperty({ type: 'integer', description: 'Places covered by this run.' }) covered: number;
  @ApiProperty({ type: 'integer', description: 'Of them, by specialists from a referral hospital of the network.' })
  referral: number;
  @ApiProperty({ description: 'Load cost (lower spreads the work more evenly).' }) load: number;
}

export class AttendeesObjectiveDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'integer' }) seats: number;
  @ApiProperty({ description: 'Sum of interest levels of the people seated.' }) interest: number;
  @ApiProperty({
    type: 'integer',
    description: 'People seated with a facilitator from the hospital their unit refers to.',
  })
  referralPairing: number;
  @ApiProperty({ type: 'integer', description: 'People seated who were never trained on the topic.' })
  neverTrained: number;
}

export class ObjectiveDto {
  @ApiProperty({ type: FacilitatorsObjectiveDto }) facilitators: FacilitatorsObjectiveDto;
  @ApiProperty({ type: AttendeesObjectiveDto }) attendees: AttendeesObjectiveDto;
}

export class StageOptimalityDto {
  @ApiProperty({
    enum: ['optimal', 'feasible'],
    description: '`optimal`: proven best; `feasible`: meets every rule, within `bound − objective` of the best.',
  })
  status: 'optimal' | 'feasible';
  @ApiProperty() objective: number;
  @ApiProperty({ description: 'Proven upper bound on the objective.' }) bound: number;
  @ApiProperty({ type: 'integer' }) flowSolves: number;
  @ApiProperty({
    enum: ['flow_certificate', 'exact_solver'],
    description:
      "What proves `bound`: the run's flow certificate, or the exact MIP solver that solved the facilitator stage.",
  })
  provenBy: 'flow_certificate' | 'exact_solver';
}

export class OptimalityDto {
  @ApiProperty({ type: StageOptimalityDto }) facilitators: StageOptimalityDto;
  @ApiProperty({ type: StageOptimalityDto }) attendees: StageOptimalityDto;
}

export class CheckViolationDto {
  @ApiProperty() rule: string;
  @ApiPropertyOptional({ format: 'uuid' }) seminarId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) personId?: string;
  @ApiProperty() detail: string;
}

export class StagesFlagDto {
  @ApiProperty() facilitators: boolean;
  @ApiProperty() attendees: boolean;
}

export class CheckResultDto {
  @ApiProperty({
    description:
      'Every rule held, the objective recomputed equals the reported one, and the certificates prove the bounds.',
  })
  ok: boolean;
  @ApiProperty() feasible: boolean;
  @ApiProperty() objectiveMatches: boolean;
  @ApiProperty() certificateValid: boolean;
  @ApiProperty({ type: StagesFlagDto, description: 'Per stage: the certificate proves the answer is the best.' })
  optimal: StagesFlagDto;
  @ApiProperty({ type: [CheckViolationDto] }) violations: CheckViolationDto[];
}

export class ProposedFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) specialtyId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) hospitalId: string | null;
  @ApiProperty({ type: String, nullable: true }) hospitalName: string | null;
  @ApiProperty() referralHospital: boolean;
  @ApiProperty() load: number;
  @ApiProperty() pinned: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class PlaceBlockerDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({
    enum: ['unavailable', 'monthly_limit', 'same_day', 'network', 'pinned_out'],
    description:
      '`unavailable`: days off or taken outside the run on `dates`; `monthly_limit`: the limit of `month` is used by ' +
      'the run seminars `seminarIds` and `outside` seminars outside the run; `same_day`: facilitates `seminarIds` on ' +
      "`dates`; `network`: works outside the seminar's network and referral hospitals; `pinned_out`: kept out by the office.",
  })
  rule: string;
  @ApiProperty({ type: [String], format: 'date' }) dates: string[];
  @ApiProperty({ type: String, nullable: true, example: '2031-03' }) month: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) seminarIds: string[];
  @ApiProperty({ type: 'integer' }) outside: number;
  @ApiProperty() reasonText: string;
}

export class UncoveredPlaceDto {
  @ApiProperty({ format: 'uuid' }) specialtyId: string;
  @ApiProperty() specialtyName: string;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ enum: ['no_specialist', 'unavailable', 'monthly_limit', 'taken_elsewhere'] }) reason: string;
  @ApiProperty() reasonText: string;
  @ApiProperty({
    type: [PlaceBlockerDto],
    description:
      'Every specialist of the specialty and what keeps each one from the place: whom to ask, or which seminar to move.',
  })
  blockers: PlaceBlockerDto[];
}

export class ProposedAttendeeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3 }) interest: number;
  @ApiProperty() neverTrained: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) pairedFacilitatorIds: string[];
  @ApiProperty() pinned: boolean;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class SeminarProposalDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer', description: 'Seats already held before the run.' }) seatsTaken: number;
  @ApiProperty({ type: [ProposedFacilitatorDto] }) facilitators: ProposedFacilitatorDto[];
  @ApiProperty({ type: [UncoveredPlaceDto] }) uncovered: UncoveredPlaceDto[];
  @ApiProperty({ type: [ProposedAttendeeDto] }) attendees: ProposedAttendeeDto[];
}

export class LeftOutDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({
    enum: [
      'not_willing',
      'no_interest',
      'no_seminar',
      'already_has_topic',
      'unavailable',
      'pinned_out',
      'capacity',
      'unit_cap',
      'unit_daily_share',
      'search_limit',
    ],
  })
  reason: string;
  @ApiProperty() reasonText: string;
}
