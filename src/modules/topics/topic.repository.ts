import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { escapeLike } from '../../database/like';
import type { Specialty } from '../directory/specialty.entity';
import { Topic, TopicRequirement } from './topic.entity';
import { TOPIC_SORT, type TopicListQueryDto } from './topics.dto';

const WITH_REQUIREMENTS = { requirements: { specialty: true } } as const;

/** A topic as lists show it, its requirements with their specialties in the mapper's shape. */
export type TopicRow = Omit<Topic, 'requirements'> & {
  requirements: (Pick<TopicRequirement, 'facilitatorCount'> & { specialty: Specialty })[];
};

const TOPIC_COLUMNS = `topic.id, topic.title, topic.description, topic.learning_objectives AS "learningObjectives", topic.day_count AS "dayCount",
  topic.hours_per_day AS "hoursPerDay", topic.credit_hours AS "creditHours", topic.default_capacity AS "defaultCapacity",
  topic.minimum_attendees AS "minimumAttendees", topic.min_attendance_percent AS "minAttendancePercent",
  topic.evaluation_required AS "evaluationRequired", topic.allow_self_requests AS "allowSelfRequests", topic.active,
  topic.created_at AS "createdAt", topic.updated_at AS "updatedAt",
  coalesce((SELECT json_agg(json_build_object('facilitatorCount', r.facilitator_count,
                                              'specialty', json_build_object('id', s.id, 'code', s.code, 'nameEs', s.name_es, 'nameEn', s.name_en)))
              FROM topic_requirement r JOIN specialty s ON s.id = r.specialty_id WHERE r.topic_id = topic.id), '[]') AS requirements`;

@Injectable()
export class TopicRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The topic with its required specialties. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Topic | null> {
    return manager.findOne(Topic, { where: { id }, relations: WITH_REQUIREMENTS });
  }

  findByTitle(title: string, manager: EntityManager = this.dataSource.manager): Promise<Topic | null> {
    return manager.findOne(Topic, { where: { title }, relations: WITH_REQUIREMENTS });
  }

  /** A page of topics with their required specialties and the exact count, in one statement. */
  search(query: TopicListQueryDto): Promise<[TopicRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q)
      where.push(`unaccent_lower(topic.title) LIKE unaccent_lower($${params.push(`%${escapeLike(query.q)}%`)})`);
    if (query.active !== undefined) where.push(`topic.active = $${params.push(query.active)}`);
    const [column, direction] = orderBy(query.sort, TOPIC_SORT, 'title');
    return findPage<TopicRow>(
      this.dataSource,
      { columns: TOPIC_COLUMNS, from: 'topic topic', where, params, order: `${column} ${direction}, topic.id` },
      query,
    );
  }

  /** Locks a topic for a change; false when there is none. */
  async lock(id: string, manager: EntityManager): Promise<boolean> {
    return (
      (await manager
        .createQueryBuilder(Topic, 'topic')
        .select('topic.id')
        .where('topic.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne()) !== null
    );
  }

  /** Saves the topic and replaces its requirements with the ones it carries. */
  async save(topic: Topic, manager: EntityManager): Promise<Topic> {
    const requirements = topic.requirements ?? [];
    const { requirements: _omitted, ...row } = topic;
    const saved = await manager.save(Topic, manager.create(Topic, row));
    await manager.delete(TopicRequirement, { topicId: saved.id });
    if (requirements.length > 0) {
      await manager.insert(
        TopicRequirement,
        requirements.map((requirement) => ({
          topicId: saved.id,
          specialtyId: requirement.specialtyId,
          facilitatorCount: requirement.facilitatorCount,
        })),
      );
    }
    return (await this.findById(saved.id, manager))!;
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Topic, { id });
  }

  async countSeminars(topicId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM seminar WHERE topic_id = $1', [
      topicId,
    ]);
    return Number(row.count);
  }
}
