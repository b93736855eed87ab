import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { definedOnly } from '../../common/validation/defined-only';
import { minutesOf } from '../../common/time/clock-time';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { SpecialtyRepository } from '../directory/specialty.repository';
import { Topic, TopicRequirement } from './topic.entity';
import { TopicRepository } from './topic.repository';
import {
  toTopicResponse,
  type CreateTopicDto,
  type TopicListQueryDto,
  type TopicRequirementDto,
  type TopicResponseDto,
  type UpdateTopicDto,
} from './topics.dto';
import { topicInUse, topicNotFound, topicTitleTaken, topicRuleBroken } from './topics.errors';

@Injectable()
export class TopicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicRepository,
    private readonly specialties: SpecialtyRepository,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  async list(query: TopicListQueryDto): Promise<Page<TopicResponseDto>> {
    const [rows, total] = await this.topics.search(query);
    return pageOf(rows, total, query, toTopicResponse);
  }

  async get(id: string): Promise<TopicResponseDto> {
    const topic = await this.topics.findById(id);
    if (!topic) throw topicNotFound();
    return toTopicResponse(topic);
  }

  create(actor: Principal, input: CreateTopicDto): Promise<TopicResponseDto> {
    return this.write(async (manager) => {
      const { requirements, ...fields } = input;
      const topic = manager.create(Topic, {
        description: '',
        learningObjectives: [],
        dayCount: 3,
        hoursPerDay: 8,
        defaultCapacity: 25,
        minimumAttendees: 8,
        ...definedOnly(fields),
      });
      topic.creditHours = input.creditHours ?? topic.dayCount * topic.hoursPerDay;
      topic.requirements = await this.checkedRequirements(manager, requirements ?? []);
      this.checkRules(topic);
      const saved = await this.topics.save(topic, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'topic.created',
        subjectType: 'topic',
        subjectId: saved.id,
      });
      return saved;
    }).then(toTopicResponse);
  }

  update(actor: Principal, id: string, input: UpdateTopicDto): Promise<TopicResponseDto> {
    return this.write(async (manager) => {
      if (!(await this.topics.lock(id, manager))) throw topicNotFound();
      const topic = (await this.topics.findById(id, manager))!;
      const { requirements, ...fields } = input;
      // Credit hours that were the default (days × hours) follow a change of length; hours the
      // office set to something else stay as set.
      const followsLength = input.creditHours === undefined && topic.creditHours === topic.dayCount * topic.hoursPerDay;
      Object.assign(topic, definedOnly(fields));
      if (followsLength) topic.creditHours = topic.dayCount * topic.hoursPerDay;
      if (requirements !== undefined) topic.requirements = await this.checkedRequirements(manager, requirements);
      this.checkRules(topic);
      const saved = await this.topics.save(topic, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'topic.updated',
        subjectType: 'topic',
        subjectId: id,
        details: { fields: Object.keys(input) },
      });
      return saved;
    }).then(toTopicResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (!(await this.topics.lock(id, manager))) throw topicNotFound();
      if ((await this.topics.countSeminars(id, manager)) > 0) throw topicInUse();
      await this.topics.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'topic.deleted',
        subjectType: 'topic',
        subjectId: id,
      });
    });
  }

  private checkRules(topic: Topic): void {
    const problems: FieldError[] = [];
    const { dayStart, dayEnd } = this.config.get('seminars');
    const workingHours = (minutesOf(dayEnd) - minutesOf(dayStart)) / 60;
    if (topic.hoursPerDay > workingHours) {
      problems.push({
        field: 'hoursPerDay',
        message: message('topics.doNotFitWorking', { dayStart, dayEnd, workingHours }),
      });
    }
    if (topic.minimumAttendees > topic.defaultCapacity) {
      problems.push({
        field: 'minimumAttendees',
        message: message('topics.cannotExceedCapacity', { defaultCapacity: topic.defaultCapacity }),
      });
    }
    if (problems.length > 0) throw topicRuleBroken(message('topics.topicNotValid'), problems);
  }

  private async checkedRequirements(
    manager: EntityManager,
    requirements: TopicRequirementDto[],
  ): Promise<TopicRequirement[]> {
    const ids = requirements.map((requirement) => requirement.specialtyId);
    const found = new Set((await this.specialties.findByIds(ids, manager)).map((specialty) => specialty.id));
    const problems: FieldError[] = [];
    requirements.forEach((requirement, index) => {
      if (!found.has(requirement.specialtyId)) {
        problems.push({
          field: `requirements.${index}.specialtyId`,
          message: message('topics.specialtyDoesNotExist'),
        });
      } else if (ids.indexOf(requirement.specialtyId) !== index) {
        problems.push({
          field: `requirements.${index}.specialtyId`,
          message: message('topics.specialtyAlreadyListed'),
        });
      }
    });
    if (problems.length > 0) throw topicRuleBroken(message('topics.requiredSpecialtiesNotValid'), problems);
    return requirements.map((requirement) =>
      manager.create(TopicRequirement, { specialtyId: requirement.specialtyId, facilitatorCount: requirement.count }),
    );
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: { topic_title_unique: topicTitleTaken },
      foreignKey: topicInUse,
    });
  }
}
