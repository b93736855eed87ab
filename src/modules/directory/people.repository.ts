import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { Person } from '../identity/person.entity';
import { PERSON_SORT, type PersonListQueryDto } from './directory.dto';
import { escapeLike } from '../../database/like';

/** Directory queries over people: searching, scoping by unit, and matching import rows. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of people. `scopeUnitId` restricts the search to one unit (a manager sees only
   * their own staff); undefined means no restriction (the office).
   */
  search(query: PersonListQueryDto, scopeUnitId?: string): Promise<[Person[], number]> {
    const builder = this.dataSource.manager.createQueryBuilder(Person, 'person');
    if (scopeUnitId !== undefined) builder.andWhere('person.unitId = :scopeUnitId', { scopeUnitId });
    if (query.q) {
      builder.andWhere(
        `(unaccent_lower(person.fullName) LIKE unaccent_lower(:q) OR person.email LIKE lower(:q) OR person.licenceNumber LIKE :q)`,
        { q: `%${escapeLike(query.q.trim())}%` },
      );
    }
    if (query.unitId) builder.andWhere('person.unitId = :unitId', { unitId: query.unitId });
    if (query.specialtyId) builder.andWhere('person.specialtyId = :specialtyId', { specialtyId: query.specialtyId });
    if (query.role) builder.andWhere(':role = ANY(person.roles)', { role: query.role });
    if (query.active !== undefined) builder.andWhere('person.active = :active', { active: query.active });
    return builder
      .orderBy(...orderBy(query.sort, PERSON_SORT, 'fullName'))
      .addOrderBy('person.id')
      .skip(offsetOf(query).skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { id });
  }

  /** People whose licence number or email appears in an import, in one query. */
  findByLicencesOrEmails(manager: EntityManager, licences: string[], emails: string[]): Promise<Person[]> {
    if (licences.length === 0 && emails.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Person, 'person')
      .where('person.licenceNumber IN (:...licences)', { licences: licences.length ? licences : [''] })
      .orWhere('person.email IN (:...emails)', { emails: emails.length ? emails : [''] })
      .getMany();
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<Person[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Person, { id: In(ids) });
  }

  save(manager: EntityManager, person: Person): Promise<Person> {
    return manager.save(Person, person);
  }

  /** Inserts many people in chunks with multi-row statements. */
  async insertMany(manager: EntityManager, people: Partial<Person>[]): Promise<void> {
    for (let start = 0; start < people.length; start += 1000) {
      await manager.createQueryBuilder().insert().into(Person).values(people.slice(start, start + 1000) as QueryDeepPartialEntity<Person>[]).updateEntity(false).execute();
    }
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Person, { id });
  }
}
