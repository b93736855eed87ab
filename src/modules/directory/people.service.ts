import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import { AccountInvitations } from '../identity/account-invitations.service';
import { AuthService } from '../identity/auth.service';
import { toPersonResponse, type PersonResponseDto } from '../identity/identity.dto';
import { Person } from '../identity/person.entity';
import type { CreatePersonDto, PersonListQueryDto, UpdatePersonDto } from './people.dto';
import {
  cannotChangeOwnAccess,
  emailTaken,
  licenceNumberTaken,
  personInUse,
  personNotFound,
  referenceNotFound,
} from './directory.errors';
import { PeopleRepository } from './people.repository';
import { SpecialtyRepository } from './specialty.repository';
import { UnitRepository } from './unit.repository';
import { Clock } from '../../common/time/clock';

const CHANGEABLE = ['fullName', 'email', 'phone', 'licenceNumber', 'unitId', 'specialtyId', 'roles', 'locale'] as const;

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly units: UnitRepository,
    private readonly specialties: SpecialtyRepository,
    private readonly auth: AuthService,
    private readonly invitations: AccountInvitations,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The office sees everyone; a manager sees the staff of their own unit. */
  async list(principal: Principal, query: PersonListQueryDto): Promise<Page<PersonResponseDto>> {
    // A manager without a unit manages nobody: the impossible scope returns an empty page.
    const scope = hasRole(principal, 'office')
      ? undefined
      : (principal.unitId ?? '00000000-0000-0000-0000-000000000000');
    const [rows, total] = await this.people.search(query, scope);
    return pageOf(rows, total, query, toPersonResponse);
  }

  /** Visible to the office, to the person themselves and to the manager of their unit; else not found. */
  async get(principal: Principal, id: string): Promise<PersonResponseDto> {
    const person = await this.people.findById(id);
    if (!person || !this.canSee(principal, person)) throw personNotFound();
    return toPersonResponse(person);
  }

  async create(actor: Principal, input: CreatePersonDto): Promise<PersonResponseDto> {
    const person = await this.write(async (manager) => {
      await this.checkReferences(manager, input.unitId ?? null, input.specialtyId ?? null);
      const created = await this.people.save(
        manager.create(Person, {
          fullName: input.fullName,
          email: input.email,
          phone: input.phone ?? null,
          licenceNumber: input.licenceNumber ?? null,
          unitId: input.unitId ?? null,
          specialtyId: input.specialtyId ?? null,
          roles: input.roles,
          locale: input.locale ?? 'es',
          active: true,
        }),
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.created',
        subjectType: 'person',
        subjectId: created.id,
        details: { roles: created.roles },
      });
      if (input.sendInvitation !== false) created.invitedAt = await this.invitations.send(manager, [created]);
      return created;
    });
    return toPersonResponse(person);
  }

  update(actor: Principal, id: string, input: UpdatePersonDto): Promise<PersonResponseDto> {
    return this.write(async (manager) => {
      const person = await this.people.findById(id, manager);
      if (!person) throw personNotFound();
      if (actor.personId === id && input.roles && !input.roles.includes('office') && person.roles.includes('office')) {
        throw cannotChangeOwnAccess();
      }
      await this.checkReferences(
        manager,
        input.unitId !== undefined && input.unitId !== person.unitId ? input.unitId : null,
        input.specialtyId !== undefined && input.specialtyId !== person.specialtyId ? input.specialtyId : null,
      );
      const changed = CHANGEABLE.filter(
        (field) => input[field] !== undefined && JSON.stringify(input[field]) !== JSON.stringify(person[field]),
      );
      if (changed.length === 0) return person;
      for (const field of changed) Object.assign(person, { [field]: input[field] });
      const saved = await this.people.save(person, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.updated',
        subjectType: 'person',
        subjectId: id,
        details: { fields: changed, ...(changed.includes('roles') ? { roles: person.roles } : {}) },
      });
      return saved;
    }).then(toPersonResponse);
  }

  /** Deactivates a person: they cannot sign in and every session they had ends at once. */
  deactivate(actor: Principal, id: string, reason: string): Promise<PersonResponseDto> {
    return this.write(async (manager) => {
      if (actor.personId === id) throw cannotChangeOwnAccess();
      const person = await this.people.findById(id, manager);
      if (!person) throw personNotFound();
      if (!person.active) return person;
      person.active = false;
      person.deactivatedAt = this.clock.now();
      const saved = await this.people.save(person, manager);
      const ended = await this.auth.revokeAllSessions(manager, id, 'deactivated');
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.deactivated',
        subjectType: 'person',
        subjectId: id,
        reason,
        details: { sessionsEnded: ended },
      });
      return saved;
    }).then(toPersonResponse);
  }

  reactivate(actor: Principal, id: string): Promise<PersonResponseDto> {
    return this.write(async (manager) => {
      const person = await this.people.findById(id, manager);
      if (!person) throw personNotFound();
      if (person.active) return person;
      person.active = true;
      person.deactivatedAt = null;
      const saved = await this.people.save(person, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.reactivated',
        subjectType: 'person',
        subjectId: id,
      });
      return saved;
    }).then(toPersonResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (actor.personId === id) throw cannotChangeOwnAccess();
      if (!(await this.people.findById(id, manager))) throw personNotFound();
      await this.people.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.deleted',
        subjectType: 'person',
        subjectId: id,
      });
    });
  }

  private canSee(principal: Principal, person: Person): boolean {
    return (
      hasRole(principal, 'office') ||
      principal.personId === person.id ||
      (hasRole(principal, 'manager') && principal.unitId !== null && principal.unitId === person.unitId)
    );
  }

  private async checkReferences(
    manager: EntityManager,
    unitId: string | null,
    specialtyId: string | null,
  ): Promise<void> {
    const problems: FieldError[] = [];
    if (unitId && !(await this.units.findById(unitId, manager))) {
      problems.push({ field: 'unitId', message: message('directory.people.unitDoesNotExist') });
    }
    if (specialtyId && !(await this.specialties.findById(specialtyId, manager))) {
      problems.push({
        field: 'specialtyId',
        message: message('directory.people.specialtyDoesNotExist'),
      });
    }
    if (problems.length > 0) {
      throw referenceNotFound(message('directory.people.someReferencesDoNot'), problems);
    }
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: {
        person_email_unique: () => emailTaken(),
        person_licence_number_unique: () => licenceNumberTaken(),
      },
      foreignKey: () => personInUse(),
    });
  }
}
