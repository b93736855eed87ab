import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { UNIT_SORT, type UnitListQueryDto } from './directory.dto';
import { escapeLike } from '../../database/like';
import { Unit } from './unit.entity';

@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Unit | null> {
    return manager.findOne(Unit, { where: { id }, relations: { referralHospitals: true } });
  }

  findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Unit[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Unit, { id: In(ids) });
  }

  /**
   * Hospitals about to become referrals, share-locked until the transaction ends, so that none of
   * them can meanwhile turn primary or move to another network.
   */
  lockReferralHospitals(manager: EntityManager, ids: string[]): Promise<Unit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.createQueryBuilder(Unit, 'unit').where('unit.id IN (:...ids)', { ids }).setLock('pessimistic_read').getMany();
  }

  /** Unit ids by code, for imports that name units by their code. */
  async idsByCode(manager: EntityManager): Promise<Map<string, string>> {
    const rows = await manager.createQueryBuilder(Unit, 'unit').select(['unit.id', 'unit.code']).getMany();
    return new Map(rows.map((unit) => [unit.code, unit.id]));
  }

  /** All units with their referral hospitals, for the units import. */
  findAllWithReferrals(manager: EntityManager = this.dataSource.manager): Promise<Unit[]> {
    return manager.find(Unit, { relations: { referralHospitals: true } });
  }

  async search(query: UnitListQueryDto): Promise<[Unit[], number]> {
    const builder = this.dataSource.manager.createQueryBuilder(Unit, 'unit');
    if (query.q) {
      builder.andWhere(`(unaccent_lower(unit.name) LIKE unaccent_lower(:q) OR unit.code LIKE upper(:q))`, {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    if (query.networkId) builder.andWhere('unit.networkId = :networkId', { networkId: query.networkId });
    if (query.level) builder.andWhere('unit.level = :level', { level: query.level });
    const [units, total] = await builder
      .orderBy(...orderBy(query.sort, UNIT_SORT, 'name'))
      .addOrderBy('unit.id')
      .skip(offsetOf(query).skip)
      .take(query.pageSize)
      .getManyAndCount();
    await this.attachReferrals(units);
    return [units, total];
  }

  /** Loads referral hospitals of a page of units in one query. */
  private async attachReferrals(units: Unit[]): Promise<void> {
    if (units.length === 0) return;
    const rows = await this.dataSource.query<{ unit_id: string; hospital_id: string }[]>(
      'SELECT unit_id, hospital_id FROM unit_referral WHERE unit_id = ANY($1::uuid[])',
      [units.map((unit) => unit.id)],
    );
    for (const unit of units) {
      unit.referralHospitals = rows.filter((row) => row.unit_id === unit.id).map((row) => ({ id: row.hospital_id }) as Unit);
    }
  }

  save(manager: EntityManager, unit: Unit): Promise<Unit> {
    return manager.save(Unit, unit);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Unit, { id });
  }

  /**
   * Locks a unit for a delete: people and referrals added meanwhile wait for the decision, so the
   * checks of what depends on the unit stay true until it is gone. False when there is no unit.
   */
  /** Locks a unit row for a change that depends on what refers to it. False when there is no unit. */
  async lock(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.createQueryBuilder(Unit, 'unit').select('unit.id').where('unit.id = :id', { id }).setLock('pessimistic_write').getOne()) !== null;
  }

  /** People who work at this unit, active or not. */
  async countStaff(manager: EntityManager, unitId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM person WHERE unit_id = $1', [unitId]);
    return Number(row.count);
  }

  /** The units that list this hospital as a referral (without their own referrals). */
  findReferringUnits(manager: EntityManager, hospitalId: string): Promise<Unit[]> {
    return manager
      .createQueryBuilder(Unit, 'unit')
      .innerJoin('unit_referral', 'referral', 'referral.unit_id = unit.id')
      .where('referral.hospital_id = :hospitalId', { hospitalId })
      .getMany();
  }

  /** Primary units that list this hospital as a referral. */
  async countReferringUnits(manager: EntityManager, hospitalId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM unit_referral WHERE hospital_id = $1', [hospitalId]);
    return Number(row.count);
  }
}
