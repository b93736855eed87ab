import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal, Role } from '../../common/auth/principal';
import { Person } from './person.entity';

export type PersonWithPassword = Person & { passwordHash: string | null };

@Injectable()
export class PersonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { id });
  }

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { email: email.toLowerCase() });
  }

  /** The person with their password hash, which is otherwise never selected. */
  async findForLogin(email: string): Promise<PersonWithPassword | null> {
    return (await this.dataSource.manager
      .createQueryBuilder(Person, 'person')
      .addSelect('person.passwordHash')
      .where('person.email = :email', { email: email.toLowerCase() })
      .getOne()) as PersonWithPassword | null;
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const row = await this.dataSource.manager
      .createQueryBuilder(Person, 'person')
      .select('person.passwordHash', 'hash')
      .where('person.id = :id', { id })
      .getRawOne<{ hash: string | null }>();
    return row?.hash ?? null;
  }

  /**
   * The principal of an access token: only while the person is active and the session is neither
   * revoked nor expired. One indexed query per request, so a deactivation or a logout takes
   * effect on the very next request.
   */
  async findPrincipal(personId: string, sessionId: string): Promise<Principal | null> {
    const row = await this.dataSource.query<{ roles: Role[]; unit_id: string | null }[]>(
      `SELECT p.roles, p.unit_id
         FROM person p
         JOIN auth_session s ON s.person_id = p.id
        WHERE p.id = $1 AND s.id = $2 AND p.active AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [personId, sessionId],
    );
    return row[0] ? { personId, sessionId, roles: row[0].roles, unitId: row[0].unit_id } : null;
  }

  async setPasswordHash(id: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.update(Person, { id }, { passwordHash });
  }

  countOffice(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.createQueryBuilder(Person, 'person').where(`'office' = ANY(person.roles)`).getCount();
  }

  save(person: Person, manager: EntityManager): Promise<Person> {
    return manager.save(Person, person);
  }
}
