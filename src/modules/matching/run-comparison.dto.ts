import type { MatchingResult } from './engine/instance';
import type { MatchingRun } from './matching-run.entity';
import type { Names } from './run-detail.dto';
import { ApiProperty } from '@nestjs/swagger';
import { RunSummaryDto } from './matching.dto';
import { ObjectiveDto } from './run-result.dto';

export class PersonChangeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
}

export class SeminarDifferenceDto {
  @ApiProperty({ format: 'uuid' }) seminarId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PersonChangeDto], description: 'Facilitators in the other run, not in this one.' })
  facilitatorsAdded: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto] }) facilitatorsRemoved: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto], description: 'Attendees in the other run, not in this one.' })
  attendeesAdded: PersonChangeDto[];
  @ApiProperty({ type: [PersonChangeDto] }) attendeesRemoved: PersonChangeDto[];
}

export class SeatedChangeDto {
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer' }) removed: number;
}

export class RunComparisonDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) otherRunId: string;
  @ApiProperty({ type: ObjectiveDto }) objective: ObjectiveDto;
  @ApiProperty({ type: ObjectiveDto }) otherObjective: ObjectiveDto;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Seminars in one run only.' })
  seminarsOnlyInOne: string[];
  @ApiProperty({ type: [SeminarDifferenceDto], description: 'Seminars common to both runs whose people differ.' })
  seminars: SeminarDifferenceDto[];
  @ApiProperty({
    type: SeatedChangeDto,
    description: 'People seated in the other run and not in this one, and the reverse.',
  })
  seated: SeatedChangeDto;
}

export class PublishResultDto {
  @ApiProperty({ type: RunSummaryDto }) run: RunSummaryDto;
  @ApiProperty({ type: 'integer', description: 'Facilitator assignments created.' }) facilitators: number;
  @ApiProperty({ type: 'integer', description: 'Invitations (enrolments in status `invited`) created.' })
  invitations: number;
}

/** What changes from one finished run to another: objective, and who goes where. */
export function toRunComparison(
  run: MatchingRun & { result: MatchingResult },
  other: MatchingRun & { result: MatchingResult },
  names: Names,
): RunComparisonDto {
  const person = (personId: string) => ({ personId, fullName: names.person.get(personId) ?? personId });
  const mine = new Map(run.result.proposals.map((p) => [p.seminarId, p]));
  const theirs = new Map(other.result.proposals.map((p) => [p.seminarId, p]));
  const diff = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  const seminars: RunComparisonDto['seminars'] = [];
  for (const [seminarId, p] of mine) {
    const q = theirs.get(seminarId);
    if (!q) continue;
    const fa = p.facilitators.map((f) => f.personId);
    const fb = q.facilitators.map((f) => f.personId);
    const aa = p.attendees.map((a) => a.personId);
    const ab = q.attendees.map((a) => a.personId);
    const change = {
      seminarId,
      title: names.seminar.get(seminarId)?.title ?? '',
      facilitatorsAdded: diff(fa, fb).map(person),
      facilitatorsRemoved: diff(fb, fa).map(person),
      attendeesAdded: diff(aa, ab).map(person),
      attendeesRemoved: diff(ab, aa).map(person),
    };
    if (
      change.facilitatorsAdded.length +
        change.facilitatorsRemoved.length +
        change.attendeesAdded.length +
        change.attendeesRemoved.length >
      0
    )
      seminars.push(change);
  }
  const seatedIn = (r: MatchingResult) => new Set(r.proposals.flatMap((p) => p.attendees.map((a) => a.personId)));
  const seatedA = seatedIn(run.result);
  const seatedB = seatedIn(other.result);
  return {
    runId: run.id,
    otherRunId: other.id,
    objective: run.result.objective,
    otherObjective: other.result.objective,
    seminarsOnlyInOne: [
      ...[...mine.keys()].filter((s) => !theirs.has(s)),
      ...[...theirs.keys()].filter((s) => !mine.has(s)),
    ],
    seminars,
    seated: {
      added: [...seatedB].filter((p) => !seatedA.has(p)).length,
      removed: [...seatedA].filter((p) => !seatedB.has(p)).length,
    },
  };
}
