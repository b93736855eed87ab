import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { inTransaction } from '../../database/transaction';
import { personNotFound } from '../directory/directory.errors';
import { PersonRepository } from '../identity/person.repository';
import {
  toTrainingNeedsResponse,
  toTrainingNeedsSummary,
  type TrainingInterestDto,
  type TrainingNeedsDto,
  type TrainingNeedsResponseDto,
  type TrainingNeedsSummaryDto,
  type TrainingNeedsSummaryQueryDto,
} from './needs.dto';
import { needsChanged, notAnAttendee, trainingNeedsInvalid } from './needs.errors';
import { TrainingDemandRepository, type DemandScope } from './training-demand.repository';
import { TrainingNeedsRepository } from './training-needs.repository';

/** A unit id no unit has: the scope of a manager without a unit, who manages nobody. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/**
 * Training needs: attendees state them (or the office does on their behalf), the office and
 * unit managers read the demand they add up to, and the matching reads them per topic.
 */
@Injectable()
export class TrainingNeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly needs: TrainingNeedsRepository,
    private readonly demand: TrainingDemandRepository,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  getMine(principal: Principal): Promise<TrainingNeedsResponseDto> {
    return this.read(principal.personId);
  }

  replaceMine(principal: Principal, input: TrainingNeedsDto): Promise<TrainingNeedsResponseDto> {
    return this.replace(principal, principal.personId, input, false);
  }

  /** The office reads an attendee's needs. */
  async getFor(personId: string): Promise<TrainingNeedsResponseDto> {
    await this.requireAttendee(personId);
    return this.read(personId);
  }

  /** The office states an attendee's needs on their behalf (say, from a paper form). */
  replaceFor(actor: Principal, personId: string, input: TrainingNeedsDto): Promise<TrainingNeedsResponseDto> {
    return this.replace(actor, personId, input, true);
  }

  /**
   * Demand per topic and per unit. The office sees every unit; a manager (who is not also office)
   * sees only the staff of their own unit, in both parts.
   */
  async summary(principal: Principal, query: TrainingNeedsSummaryQueryDto): Promise<TrainingNeedsSummaryDto> {
    const scope: DemandScope = {
      unitId: hasRole(principal, 'office') ? null : (principal.unitId ?? NO_UNIT),
      networkId: query.networkId ?? null,
      topicId: query.topicId ?? null,
    };
    const [topics, units, unitTopics] = await Promise.all([
      this.demand.demandByTopic(scope),
      this.demand.unitsWithAttendees(scope),
      this.demand.demandByUnitAndTopic(scope),
    ]);
    return toTrainingNeedsSummary(topics, units, unitTopics);
  }

  private async read(personId: string): Promise<TrainingNeedsResponseDto> {
    const [profile, interests] = await Promise.all([
      this.needs.findProfile(personId),
      this.needs.findInterests(personId),
    ]);
    return toTrainingNeedsResponse(personId, profile, interests);
  }

  private async requireAttendee(personId: string, manager?: EntityManager): Promise<void> {
    const person = await this.people.findById(personId, manager);
    if (!person) throw personNotFound();
    if (!person.roles.includes('attendee')) throw notAnAttendee();
  }

  /** `checkPerson`: the role guard has not already established that the person is an attendee. */
  private async replace(
    actor: Principal,
    personId: string,
    input: TrainingNeedsDto,
    checkPerson: boolean,
  ): Promise<TrainingNeedsResponseDto> {
    const onBehalf = actor.personId !== personId;
    await inTransaction(
      this.dataSource,
      async (manager) => {
        if (checkPerson) await this.requireAttendee(personId, manager);
        await this.needs.lockPeople([personId], manager);
        const listed = new Set((await this.needs.findInterests(personId, manager)).map((row) => row.topicId));
        await this.checkTopics(manager, input.interests, listed);
        await this.needs.upsertProfiles(
          [{ personId, willingToAttend: input.willingToAttend, wish: input.wish ?? null, updatedById: actor.personId }],
          manager,
        );
        await this.needs.replaceInterests(
          personId,
          input.interests.map((row) => ({
            topicId: row.topicId,
            interest: row.interest,
            trainedBefore: row.trainedBefore ?? false,
          })),
          manager,
        );
        await this.audit.record(manager, {
          actorId: actor.personId,
          action: 'training_needs.updated',
          subjectType: 'person',
          subjectId: personId,
          details: { onBehalf, willingToAttend: input.willingToAttend, topics: input.interests.length },
        });
      },
      { foreignKey: needsChanged },
    );
    return this.read(personId);
  }

  /**
   * Every topic must exist, be listed once and be active; a topic deactivated after the person
   * listed it may stay, so that a form sent back as it was read is accepted.
   */
  private async checkTopics(
    manager: EntityManager,
    interests: TrainingInterestDto[],
    alreadyListed: Set<string>,
  ): Promise<void> {
    const ids = interests.map((row) => row.topicId.toLowerCase());
    const topics = new Map((await this.needs.findTopics(ids, manager)).map((topic) => [topic.id, topic]));
    const problems: FieldError[] = [];
    ids.forEach((id, index) => {
      const field = `interests.${index}.topicId`;
      const topic = topics.get(id);
      const first = ids.indexOf(id);
      if (!topic) problems.push({ field, message: message('needs.trainingNeeds.topicDoesNotExist') });
      else if (first !== index) {
        problems.push({
          field,
          message: message('needs.trainingNeeds.topicAlreadyListedPosition', { first }),
        });
      } else if (!topic.active && !alreadyListed.has(id)) {
        problems.push({
          field,
          message: message('needs.trainingNeedsImport.topicNoLongerOffered', { title: topic.title }),
        });
      }
    });
    if (problems.length > 0) throw trainingNeedsInvalid(problems);
  }
}
