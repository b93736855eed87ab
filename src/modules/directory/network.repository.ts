import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findPage, orderBy } from '../../common/pagination/pagination';
import { NETWORK_SORT, type NetworkListQueryDto } from './networks.dto';
import { escapeLike } from '../../database/like';
import { Network } from './network.entity';

@Injectable()
export class NetworkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Network | null> {
    return manager.findOneBy(Network, { id });
  }

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<Network | null> {
    return manager.findOneBy(Network, { name });
  }

  search(query: NetworkListQueryDto): Promise<[Network[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q)
      where.push(`unaccent_lower(network.name) LIKE unaccent_lower($${params.push(`%${escapeLike(query.q)}%`)})`);
    const [column, direction] = orderBy(query.sort, NETWORK_SORT, 'name');
    return findPage<Network>(
      this.dataSource,
      {
        columns: `network.id, network.name, network.created_at AS "createdAt", network.updated_at AS "updatedAt"`,
        from: 'network network',
        where,
        params,
        order: `${column} ${direction}, network.id`,
      },
      query,
    );
  }

  save(network: Network, manager: EntityManager): Promise<Network> {
    return manager.save(Network, network);
  }

  /** Locks a network for a delete, so that no unit joins it meanwhile. False when there is no network. */
  async lockForDelete(id: string, manager: EntityManager): Promise<boolean> {
    return (
      (await manager
        .createQueryBuilder(Network, 'network')
        .select('network.id')
        .where('network.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne()) !== null
    );
  }

  async countUnits(networkId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM unit WHERE network_id = $1', [
      networkId,
    ]);
    return Number(row.count);
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Network, { id });
  }
}
