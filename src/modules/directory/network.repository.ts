import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, orderBy } from '../../common/pagination/pagination';
import { NETWORK_SORT, type NetworkListQueryDto } from './directory.dto';
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

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Network, { id });
  }
}

/** Escapes LIKE wildcards in a user's search text. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
