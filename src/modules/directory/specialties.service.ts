import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { definedOnly } from '../../common/validation/defined-only';
import { inTransaction } from '../../database/transaction';
import {
  toSpecialtyResponse,
  type SpecialtyResponseDto,
  type CreateSpecialtyDto,
  type SpecialtyListQueryDto,
  type UpdateSpecialtyDto,
} from './specialties.dto';
import { specialtyCodeTaken, specialtyInUse, specialtyNotFound } from './directory.errors';
import { Specialty } from './specialty.entity';
import { SpecialtyRepository } from './specialty.repository';

@Injectable()
export class SpecialtiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly specialties: SpecialtyRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: SpecialtyListQueryDto): Promise<Page<SpecialtyResponseDto>> {
    const [rows, total] = await this.specialties.search(query);
    return pageOf(rows, total, query, toSpecialtyResponse);
  }

  async get(id: string): Promise<SpecialtyResponseDto> {
    const found = await this.specialties.findById(id);
    if (!found) throw specialtyNotFound();
    return toSpecialtyResponse(found);
  }

  create(actor: Principal, input: CreateSpecialtyDto): Promise<SpecialtyResponseDto> {
    return this.write(async (manager) => {
      const specialty = await this.specialties.save(manager.create(Specialty, { ...input }), manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'specialty.created',
        subjectType: 'specialty',
        subjectId: specialty.id,
      });
      return specialty;
    }).then(toSpecialtyResponse);
  }

  update(actor: Principal, id: string, input: UpdateSpecialtyDto): Promise<SpecialtyResponseDto> {
    return this.write(async (manager) => {
      const specialty = await this.specialties.findById(id, manager);
      if (!specialty) throw specialtyNotFound();
      Object.assign(specialty, definedOnly(input));
      const saved = await this.specialties.save(specialty, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'specialty.updated',
        subjectType: 'specialty',
        subjectId: id,
      });
      return saved;
    }).then(toSpecialtyResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (!(await this.specialties.lockForDelete(id, manager))) throw specialtyNotFound();
      // person.specialty_id is ON DELETE RESTRICT, so the rule is checked here rather than left to the delete.
      if ((await this.specialties.countPeople(id, manager)) > 0) throw specialtyInUse();
      await this.specialties.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'specialty.deleted',
        subjectType: 'specialty',
        subjectId: id,
      });
    });
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: {
        specialty_code_unique: () => specialtyCodeTaken(),
      },
      foreignKey: specialtyInUse,
    });
  }
}
