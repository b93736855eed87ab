import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { ConfigService } from '../../config/config.service';
import { Person } from './person.entity';
import { PersonRepository } from './person.repository';
import { hashPassword } from './secrets';

export const DEFAULT_OFFICE_EMAIL = 'oficina@puente.local';

export interface BootstrappedOffice {
  email: string;
  /** Present only when the password was generated and must be shown once. */
  generatedPassword?: string;
}

/** Makes sure the first start leaves a training-office account to sign in with. */
@Injectable()
export class OfficeBootstrapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  /** Creates the office account when none exists; returns it then, otherwise null. */
  async ensureOfficeAccount(): Promise<BootstrappedOffice | null> {
    const admin = this.config.get('admin');
    const email = admin.email ?? DEFAULT_OFFICE_EMAIL;
    const generatedPassword = admin.password ? undefined : randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(admin.password ?? generatedPassword!);
    return this.dataSource.transaction(async (manager) => {
      // Several processes may start at once; one of them creates the account.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:office-bootstrap'))`);
      if ((await this.people.countOffice(manager)) > 0) return null;
      const existing = await this.people.findByEmail(email, manager);
      const person =
        existing ?? manager.create(Person, { fullName: 'Oficina de Enseñanza', email, locale: 'es', active: true });
      person.roles = [...new Set([...(person.roles ?? []), 'office' as const])];
      person.active = true;
      const saved = await this.people.save(person, manager);
      await this.people.setPasswordHash(saved.id, passwordHash, manager);
      await this.audit.record(manager, {
        actorId: null,
        action: 'person.office_bootstrapped',
        subjectType: 'person',
        subjectId: saved.id,
        reason: 'first start without an office account',
      });
      return { email, generatedPassword };
    });
  }
}
