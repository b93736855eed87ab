import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { message } from '../../common/i18n/messages';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { definedOnly } from '../../common/validation/defined-only';
import { inTransaction } from '../../database/transaction';
import {
  toUnitResponse,
  type UnitResponseDto,
  type CreateUnitDto,
  type UnitListQueryDto,
  type UpdateUnitDto,
} from './units.dto';
import { networkNotFound, referralHospitalInvalid, unitCodeTaken, unitInUse, unitNotFound } from './directory.errors';
import { NetworkRepository } from './network.repository';
import { referralProblems } from './referrals';
import { Unit } from './unit.entity';
import { UnitRepository } from './unit.repository';

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly networks: NetworkRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: UnitListQueryDto): Promise<Page<UnitResponseDto>> {
    const [rows, total] = await this.units.search(query);
    return pageOf(rows, total, query, toUnitResponse);
  }

  async get(id: string): Promise<UnitResponseDto> {
    const found = await this.units.findById(id);
    if (!found) throw unitNotFound();
    return toUnitResponse(found);
  }

  create(actor: Principal, input: CreateUnitDto): Promise<UnitResponseDto> {
    return this.write(async (manager) => {
      if (!(await this.networks.findById(input.networkId, manager))) throw networkNotFound();
      const unit = manager.create(Unit, {
        code: input.code,
        name: input.name,
        level: input.level,
        networkId: input.networkId,
        address: input.address ?? null,
      });
      unit.referralHospitals = await this.checkedReferrals(manager, unit, input.referralHospitalIds ?? []);
      const saved = await this.units.save(unit, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'unit.created',
        subjectType: 'unit',
        subjectId: saved.id,
      });
      return saved;
    }).then(toUnitResponse);
  }

  update(actor: Principal, id: string, input: UpdateUnitDto): Promise<UnitResponseDto> {
    return this.write(async (manager) => {
      // Locked first: the units referring to this one are checked against what it becomes.
      if (!(await this.units.lock(id, manager))) throw unitNotFound();
      const unit = (await this.units.findById(id, manager))!;
      if (input.networkId !== undefined && input.networkId !== unit.networkId) {
        if (!(await this.networks.findById(input.networkId, manager))) throw networkNotFound();
      }
      const { referralHospitalIds, ...fields } = input;
      Object.assign(unit, definedOnly(fields));
      const hospitalIds = referralHospitalIds ?? (unit.referralHospitals ?? []).map((hospital) => hospital.id);
      unit.referralHospitals = await this.checkedReferrals(manager, unit, hospitalIds);
      // The units that refer to this hospital need it to stay a hospital of their own network.
      const referrers = await this.units.findReferringUnits(unit.id, manager);
      if (referrers.some((referrer) => referralProblems(referrer, [unit]).length > 0)) {
        throw referralHospitalInvalid(message('directory.units.otherUnitsReferHospital'), [
          {
            field: unit.level === 'primary' ? 'level' : 'networkId',
            message: message('directory.units.removeReferralsFirst'),
          },
        ]);
      }
      const saved = await this.units.save(unit, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'unit.updated',
        subjectType: 'unit',
        subjectId: id,
        details: { fields: Object.keys(input) },
      });
      return saved;
    }).then(toUnitResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (!(await this.units.lock(id, manager))) throw unitNotFound();
      // Checked under the row lock, so the answer is a clear 409 rather than a failed delete;
      // the foreign keys remain the last line of defence.
      if ((await this.units.countStaff(id, manager)) > 0 || (await this.units.countReferringUnits(id, manager)) > 0)
        throw unitInUse();
      await this.units.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'unit.deleted',
        subjectType: 'unit',
        subjectId: id,
      });
    });
  }

  private async checkedReferrals(manager: EntityManager, unit: Unit, hospitalIds: string[]): Promise<Unit[]> {
    const found = await this.units.lockReferralHospitals(hospitalIds, manager);
    const hospitals = hospitalIds.map((hospitalId) => found.find((candidate) => candidate.id === hospitalId));
    const problems = referralProblems(unit, hospitals);
    if (problems.length > 0) {
      throw referralHospitalInvalid(message('directory.units.referralHospitalsNotValid'), problems);
    }
    return found;
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: {
        unit_code_unique: () => unitCodeTaken(),
      },
      foreignKey: unitInUse,
    });
  }
}
