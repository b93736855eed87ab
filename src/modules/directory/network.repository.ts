import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { NETWORK_SORT, type NetworkListQueryDto } from './directory.dto';
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
    const builder = this.dataSource.manager.createQueryBuilder(Network, 'network');
    if (query.q) builder.where('unaccent_lower(network.name) LIKE unaccent_lower(:q)', { q: `%${escapeLike(query.q)}%` });
    return builder
      .orderBy(...orderBy(query.sort, NETWORK_SORT, 'name'))
      .addOrderBy('network.id')
      .skip(offsetOf(query).skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  save(manager: EntityManager, network: Network): Promise<Network> {
    return manager.save(Network, network);
  }

  /** Locks a network for a delete, so that no unit joins it meanwhile. False when there is no network. */
  async lockForDelete(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.createQueryBuilder(Network, 'network').select('network.id').where('network.id = :id', { id }).setLock('pessimistic_write').getOne()) !== null;
  }

  async countUnits(manager: EntityManager, networkId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM unit WHERE network_id = $1', [networkId]);
    return Number(row.count);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Network, { id });
  }
}
