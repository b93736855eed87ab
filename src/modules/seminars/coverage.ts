import { toSpecialtyResponse, type SpecialtyResponseDto } from '../directory/specialties.dto';
import type { Specialty } from '../directory/specialty.entity';
import type { Topic } from '../topics/topic.entity';

export interface CoverageLine {
  specialty: SpecialtyResponseDto;
  required: number;
  assigned: number;
  missing: number;
}

/** The topic's required specialties against the specialties of the facilitators on a seminar. */
export function coverageOf(topic: Topic, facilitators: readonly { specialtyId: string | null }[]): CoverageLine[] {
  return (topic.requirements ?? [])
    .map((requirement) => {
      const assigned = facilitators.filter((facilitator) => facilitator.specialtyId === requirement.specialtyId).length;
      return {
        specialty: toSpecialtyResponse(requirement.specialty as Specialty),
        required: requirement.facilitatorCount,
        assigned,
        missing: Math.max(0, requirement.facilitatorCount - assigned),
      };
    })
    .sort((a, b) => a.specialty.code.localeCompare(b.specialty.code));
}
