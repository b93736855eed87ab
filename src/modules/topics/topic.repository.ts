import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { escapeLike } from '../../database/like';
import { Topic, TopicRequirement } from './topic.entity';
import { TOPIC_SORT, type TopicListQueryDto } from './topics.dto';

const WITH_REQUIREMENTS = { requirements: { specialty: true } } as const;

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

  async search(query: TopicListQueryDto): Promise<[Topic[], number]> {
    const builder = this.dataSource.manager.createQueryBuilder(Topic, 'topic');
    if (query.q) builder.andWhere('unaccent_lower(topic.title) LIKE unaccent_lower(:q)', { q: `%${escapeLike(query.q)}%` });
    if (query.active !== undefined) builder.andWhere('topic.active = :active', { active: query.active });
    const [topics, total] = await builder
      .orderBy(...orderBy(query.sort, TOPIC_SORT, 'title'))
      .addOrderBy('topic.id')
      .skip(offsetOf(query).skip)
      .take(query.pageSize)
      .getManyAndCount();
    if (topics.length > 0) {
      const requirements = await this.dataSource.manager.find(TopicRequirement, {
        where: topics.map((topic) => ({ topicId: topic.id })),
        relations: { specialty: true },
      });
      for (const topic of topics) topic.requirements = requirements.filter((requirement) => requirement.topicId === topic.id);
    }
    return [topics, total];
  }

  /** Locks a topic for a change; false when there is none. */
  async lock(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.createQueryBuilder(Topic, 'topic').select('topic.id').where('topic.id = :id', { id }).setLock('pessimistic_write').getOne()) !== null;
  }

  /** Saves the topic and replaces its requirements with the ones it carries. */
  async save(manager: EntityManager, topic: Topic): Promise<Topic> {
    const requirements = topic.requirements ?? [];
    const { requirements: _omitted, ...row } = topic;
    const saved = await manager.save(Topic, manager.create(Topic, row));
    await manager.delete(TopicRequirement, { topicId: saved.id });
    if (requirements.length > 0) {
      await manager.insert(
        TopicRequirement,
        requirements.map((requirement) => ({ topicId: saved.id, specialtyId: requirement.specialtyId, facilitatorCount: requirement.facilitatorCount })),
      );
    }
    return (await this.findById(saved.id, manager))!;
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Topic, { id });
  }

  async countSeminars(manager: EntityManager, topicId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM seminar WHERE topic_id = $1', [topicId]);
    return Number(row.count);
  }
}
