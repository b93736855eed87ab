import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { SPECIALTY_SORT, type SpecialtyListQueryDto } from './specialties.dto';
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q) {
      const q = `$${params.push(`%${escapeLike(query.q)}%`)}`;
      where.push(
        `(specialty.code LIKE lower(${q}) OR unaccent_lower(specialty.name_es) LIKE unaccent_lower(${q}) OR unaccent_lower(specialty.name_en) LIKE unaccent_lower(${q}))`,
      );
    }
    const [column, direction] = orderBy(query.sort, SPECIALTY_SORT, 'nameEs');
    return findPage<Specialty>(
      this.dataSource,
      {
        columns: `specialty.id, specialty.code, specialty.name_es AS "nameEs", specialty.name_en AS "nameEn"`,
        from: 'specialty specialty',
        where,
        params,
        order: `${column} ${direction}, specialty.id`,
      },
      query,
    );
  }

  save(specialty: Specialty, manager: EntityManager): Promise<Specialty> {
    return manager.save(Specialty, specialty);
  }

  /** Locks a specialty for a delete, so that nobody is given it meanwhile. False when there is no specialty. */
  async lockForDelete(id: string, manager: EntityManager): Promise<boolean> {
    return (
      (await manager
        .createQueryBuilder(Specialty, 'specialty')
        .select('specialty.id')
        .where('specialty.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne()) !== null
    );
  }

  async countPeople(specialtyId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM person WHERE specialty_id = $1', [
      specialtyId,
    ]);
    return Number(row.count);
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Specialty, { id });
  }
}
