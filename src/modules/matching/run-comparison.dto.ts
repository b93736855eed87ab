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
