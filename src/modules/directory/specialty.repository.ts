import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { SPECIALTY_SORT, type SpecialtyListQueryDto } from './directory.dto';
import { escapeLike } from '../../database/like';
import { Specialty } from './specialty.entity';

@Injectable()
export class SpecialtyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Specialty | null> {
    return manager.findOneBy(Specialty, { id });
  }

  findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Specialty[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Specialty, { id: In(ids) });
  }

  findAll(manager: EntityManager = this.dataSource.manager): Promise<Specialty[]> {
    return manager.find(Specialty, { order: { code: 'ASC' } });
  }

  search(query: SpecialtyListQueryDto): Promise<[Specialty[], number]> {
    const builder = this.dataSource.manager.createQueryBuilder(Specialty, 'specialty');
    if (query.q) {
      builder.where(
        `(specialty.code LIKE lower(:q) OR unaccent_lower(specialty.nameEs) LIKE unaccent_lower(:q) OR unaccent_lower(specialty.nameEn) LIKE unaccent_lower(:q))`,
        { q: `%${escapeLike(query.q)}%` },
      );
    }
    return builder
      .orderBy(...orderBy(query.sort, SPECIALTY_SORT, 'nameEs'))
      .addOrderBy('specialty.id')
      .skip(offsetOf(query).skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  save(manager: EntityManager, specialty: Specialty): Promise<Specialty> {
    return manager.save(Specialty, specialty);
  }

  /** Locks a specialty for a delete, so that nobody is given it meanwhile. False when there is no specialty. */
  async lockForDelete(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.createQueryBuilder(Specialty, 'specialty').select('specialty.id').where('specialty.id = :id', { id }).setLock('pessimistic_write').getOne()) !== null;
  }

  async countPeople(manager: EntityManager, specialtyId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM person WHERE specialty_id = $1', [specialtyId]);
    return Number(row.count);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Specialty, { id });
  }
}
