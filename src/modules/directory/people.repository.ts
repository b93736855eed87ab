import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { Person } from '../identity/person.entity';
import { PERSON_SORT, type PersonListQueryDto } from './people.dto';
import { escapeLike } from '../../database/like';

/** A person as the directory lists them: every column but the password hash. */
export type PersonRow = Omit<Person, 'passwordHash' | 'unit' | 'specialty'>;

const PERSON_COLUMNS = `person.id, person.full_name AS "fullName", person.email, person.phone, person.licence_number AS "licenceNumber",
  person.unit_id AS "unitId", person.specialty_id AS "specialtyId", person.roles, person.locale, person.active,
  person.has_password AS "hasPassword", person.invited_at AS "invitedAt",
  person.deactivated_at AS "deactivatedAt", person.created_at AS "createdAt", person.updated_at AS "updatedAt"`;

/** Whom the office invites at once: the people list's filters, and a network. */
export interface InvitationFilter {
  unitId?: string;
  networkId?: string;
  specialtyId?: string;
  role?: string;
}

/** Directory queries over people: searching, scoping by unit, and matching import rows. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of people and their exact count, in one statement. `scopeUnitId` restricts the search
   * to one unit (a manager sees only their own staff); undefined means no restriction (the office).
   * The id breaks ties in the direction of the sort, so person_name_order_idx serves both.
   */
  search(query: PersonListQueryDto, scopeUnitId?: string): Promise<[PersonRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (scopeUnitId !== undefined) where.push(`person.unit_id = ${bind(scopeUnitId)}`);
    if (query.q) {
      const q = bind(`%${escapeLike(query.q.trim())}%`);
      where.push(
        `(unaccent_lower(person.full_name) LIKE unaccent_lower(${q}) OR person.email LIKE lower(${q}) OR person.licence_number LIKE ${q})`,
      );
    }
    if (query.unitId) where.push(`person.unit_id = ${bind(query.unitId)}`);
    if (query.specialtyId) where.push(`person.specialty_id = ${bind(query.specialtyId)}`);
    if (query.role) where.push(`${bind(query.role)} = ANY(person.roles)`);
    if (query.active !== undefined) where.push(`person.active = ${bind(query.active)}`);
    if (query.hasPassword !== undefined) where.push(`person.has_password = ${bind(query.hasPassword)}`);
    const [column, direction] = orderBy(query.sort, PERSON_SORT, 'fullName');
    // Everyone, as the office lists them by default: the kept count rather than 10,000 index entries.
    const count =
      where.length === 0 ? `SELECT coalesce(sum(rows), 0)::int FROM row_count WHERE table_name = 'person'` : undefined;
    return findPage<PersonRow>(
      this.dataSource,
      {
        columns: PERSON_COLUMNS,
        from: 'person person',
        where,
        params,
        order: `${column} ${direction}, person.id ${direction}`,
        count,
      },
      query,
    );
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { id });
  }

  /** People whose licence number or email appears in an import, in one query. */
  findByLicencesOrEmails(licences: string[], emails: string[], manager: EntityManager): Promise<Person[]> {
    if (licences.length === 0 && emails.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Person, 'person')
      .where('person.licenceNumber IN (:...licences)', { licences: licences.length ? licences : [''] })
      .orWhere('person.email IN (:...emails)', { emails: emails.length ? emails : [''] })
      .getMany();
  }

  findByIds(ids: string[], manager: EntityManager): Promise<Person[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Person, { id: In(ids) });
  }

  save(person: Person, manager: EntityManager): Promise<Person> {
    return manager.save(Person, person);
  }

  /** Inserts many people in chunks with multi-row statements; returns their ids, in order. */
  async insertMany(people: QueryDeepPartialEntity<Person>[], manager: EntityManager): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < people.length; start += 1000) {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Person)
        .values(people.slice(start, start + 1000))
        .returning('id')
        .updateEntity(false)
        .execute();
      ids.push(...(result.raw as { id: string }[]).map((row) => row.id));
    }
    return ids;
  }

  /**
   * A person locked for an invitation, and whether they were invited less than `withinSeconds` ago
   * (compared on the database's clock, which wrote `invited_at`).
   */
  async lockForInvitation(
    id: string,
    withinSeconds: number,
    manager: EntityManager,
  ): Promise<(PersonRow & { invitedRecently: boolean }) | undefined> {
    const [row] = await manager.query<(PersonRow & { invitedRecently: boolean })[]>(
      `SELECT ${PERSON_COLUMNS}, coalesce(person.invited_at > now() - make_interval(secs => $2), false) AS "invitedRecently"
         FROM person person WHERE person.id = $1 FOR UPDATE`,
      [id, withinSeconds],
    );
    return row;
  }

  /** Takes turns with any other invitation of many people, until the caller's transaction ends. */
  async lockInvitations(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:people-invitations'))`);
  }

  /**
   * Everyone the office may invite at once: active, without a password, matching the filter, and
   * not invited in the last `notWithinSeconds` (a second click on the button finds nobody).
   */
  async idsToInvite(filter: InvitationFilter, notWithinSeconds: number, manager: EntityManager): Promise<string[]> {
    const params: unknown[] = [notWithinSeconds];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [
      'person.active',
      'NOT person.has_password',
      '(person.invited_at IS NULL OR person.invited_at <= now() - make_interval(secs => $1))',
    ];
    if (filter.unitId) where.push(`person.unit_id = ${bind(filter.unitId)}`);
    if (filter.networkId)
      where.push(`person.unit_id IN (SELECT id FROM unit WHERE network_id = ${bind(filter.networkId)})`);
    if (filter.specialtyId) where.push(`person.specialty_id = ${bind(filter.specialtyId)}`);
    if (filter.role) where.push(`${bind(filter.role)} = ANY(person.roles)`);
    const rows = await manager.query<{ id: string }[]>(
      `SELECT person.id FROM person person WHERE ${where.join(' AND ')} ORDER BY person.id`,
      params,
    );
    return rows.map((row) => row.id);
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Person, { id });
  }
}
