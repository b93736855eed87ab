import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal, Role } from '../../common/auth/principal';
import { Person } from './person.entity';

export type PersonWithPassword = Person & { passwordHash: string | null };

/** What an invitation needs to know of its recipient. */
export type Invitee = Pick<Person, 'id' | 'fullName' | 'email' | 'locale'>;

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

  /** Notes that these people were invited now (the database's clock); returns that moment. */
  async markInvited(ids: string[], manager: EntityManager): Promise<Date | null> {
    if (ids.length === 0) return null;
    const [rows] = await manager.query<[{ invited_at: Date }[], number]>(
      `UPDATE person SET invited_at = now() WHERE id = ANY($1::uuid[]) RETURNING invited_at`,
      [ids],
    );
    return rows[0]?.invited_at ?? null;
  }

  /**
   * Those of `ids` still waiting for the link of the invitation noted for them: active, without a
   * password, and given no link to choose one since it was noted (a link issued at or after
   * `invited_at` is that invitation's, or newer). They are locked first, in id order, and read by a
   * second statement, whose snapshot sees what a worker that held them before committed: two
   * workers on the same people take turns, and the second finds nothing left to send.
   */
  async lockAwaitingInvitation(ids: string[], manager: EntityManager): Promise<Invitee[]> {
    if (ids.length === 0) return [];
    await manager.query(`SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    return manager.query<Invitee[]>(
      `SELECT p.id, p.full_name AS "fullName", p.email, p.locale
         FROM person p
        WHERE p.id = ANY($1::uuid[]) AND p.active AND NOT p.has_password AND p.invited_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM password_reset_token t WHERE t.person_id = p.id AND t.created_at >= p.invited_at)
        ORDER BY p.id`,
      [ids],
    );
  }

  countOffice(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.createQueryBuilder(Person, 'person').where(`'office' = ANY(person.roles)`).getCount();
  }

  save(person: Person, manager: EntityManager): Promise<Person> {
    return manager.save(Person, person);
  }
}
