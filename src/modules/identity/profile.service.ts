import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { toPersonResponse, type PersonResponseDto, type UpdateMeDto } from './identity.dto';
import { sessionEnded } from './identity.errors';
import { PersonRepository } from './person.repository';

/** The caller's own profile. */
@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal): Promise<PersonResponseDto> {
    const person = await this.people.findById(principal.personId);
    if (!person) throw sessionEnded();
    return toPersonResponse(person);
  }

  async update(principal: Principal, changes: UpdateMeDto): Promise<PersonResponseDto> {
    const person = await this.dataSource.transaction(async (manager) => {
      const person = await this.people.findById(principal.personId, manager);
      if (!person) throw sessionEnded();
      const changed: string[] = [];
      if (changes.phone !== undefined && changes.phone !== person.phone) {
        person.phone = changes.phone;
        changed.push('phone');
      }
      if (changes.locale !== undefined && changes.locale !== person.locale) {
        person.locale = changes.locale;
        changed.push('locale');
      }
      if (changed.length === 0) return person;
      const saved = await this.people.save(person, manager);
      await this.audit.record(manager, {
        actorId: person.id,
        action: 'person.updated',
        subjectType: 'person',
        subjectId: person.id,
        details: { fields: changed },
      });
      return saved;
    });
    return toPersonResponse(person);
  }
}
