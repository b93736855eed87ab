import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { UNIT_SORT, type UnitListQueryDto } from './units.dto';
import { escapeLike } from '../../database/like';
import { Unit } from './unit.entity';

/** A unit as lists show it: its columns and the ids of its referral hospitals. */
export type UnitRow = Omit<Unit, 'network' | 'referralHospitals'> & { referralHospitals: Pick<Unit, 'id'>[] };

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
  lockReferralHospitals(ids: string[], manager: EntityManager): Promise<Unit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Unit, 'unit')
      .where('unit.id IN (:...ids)', { ids })
      .setLock('pessimistic_read')
      .getMany();
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

  /** A page of units with the ids of their referral hospitals and the exact count, in one statement. */
  search(query: UnitListQueryDto): Promise<[UnitRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.q) {
      const q = bind(`%${escapeLike(query.q)}%`);
      where.push(`(unaccent_lower(unit.name) LIKE unaccent_lower(${q}) OR unit.code LIKE upper(${q}))`);
    }
    if (query.networkId) where.push(`unit.network_id = ${bind(query.networkId)}`);
    if (query.level) where.push(`unit.level = ${bind(query.level)}`);
    const [column, direction] = orderBy(query.sort, UNIT_SORT, 'name');
    return findPage<UnitRow>(
      this.dataSource,
      {
        columns: `unit.id, unit.code, unit.name, unit.level, unit.network_id AS "networkId", unit.address, unit.created_at AS "createdAt", unit.updated_at AS "updatedAt",
          coalesce((SELECT json_agg(json_build_object('id', r.hospital_id)) FROM unit_referral r WHERE r.unit_id = unit.id), '[]') AS "referralHospitals"`,
        from: 'unit unit',
        where,
        params,
        order: `${column} ${direction}, unit.id`,
      },
      query,
    );
  }

  save(unit: Unit, manager: EntityManager): Promise<Unit> {
    return manager.save(Unit, unit);
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Unit, { id });
  }

  /**
   * Locks a unit for a delete: people and referrals added meanwhile wait for the decision, so the
   * checks of what depends on the unit stay true until it is gone. False when there is no unit.
   */
  /** Locks a unit row for a change that depends on what refers to it. False when there is no unit. */
  async lock(id: string, manager: EntityManager): Promise<boolean> {
    return (
      (await manager
        .createQueryBuilder(Unit, 'unit')
        .select('unit.id')
        .where('unit.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne()) !== null
    );
  }

  /** People who work at this unit, active or not. */
  async countStaff(unitId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM person WHERE unit_id = $1', [unitId]);
    return Number(row.count);
  }

  /** The units that list this hospital as a referral (without their own referrals). */
  findReferringUnits(hospitalId: string, manager: EntityManager): Promise<Unit[]> {
    return manager
      .createQueryBuilder(Unit, 'unit')
      .innerJoin('unit_referral', 'referral', 'referral.unit_id = unit.id')
      .where('referral.hospital_id = :hospitalId', { hospitalId })
      .getMany();
  }

  /** Primary units that list this hospital as a referral. */
  async countReferringUnits(hospitalId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>(
      'SELECT count(*) FROM unit_referral WHERE hospital_id = $1',
      [hospitalId],
    );
    return Number(row.count);
  }
}
