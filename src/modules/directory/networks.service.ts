import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import {
  toNetworkResponse,
  type NetworkResponseDto,
  type CreateNetworkDto,
  type NetworkListQueryDto,
  type UpdateNetworkDto,
} from './networks.dto';
import { networkInUse, networkNameTaken, networkNotFound } from './directory.errors';
import { Network } from './network.entity';
import { NetworkRepository } from './network.repository';

@Injectable()
export class NetworksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly networks: NetworkRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: NetworkListQueryDto): Promise<Page<NetworkResponseDto>> {
    const [rows, total] = await this.networks.search(query);
    return pageOf(rows, total, query, toNetworkResponse);
  }

  async get(id: string): Promise<NetworkResponseDto> {
    const found = await this.networks.findById(id);
    if (!found) throw networkNotFound();
    return toNetworkResponse(found);
  }

  create(actor: Principal, input: CreateNetworkDto): Promise<NetworkResponseDto> {
    return this.write(async (manager) => {
      const network = await this.networks.save(manager.create(Network, { name: input.name }), manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'network.created',
        subjectType: 'network',
        subjectId: network.id,
      });
      return network;
    }).then(toNetworkResponse);
  }

  update(actor: Principal, id: string, input: UpdateNetworkDto): Promise<NetworkResponseDto> {
    return this.write(async (manager) => {
      const network = await this.networks.findById(id, manager);
      if (!network) throw networkNotFound();
      if (input.name === undefined || input.name === network.name) return network;
      network.name = input.name;
      const saved = await this.networks.save(network, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'network.updated',
        subjectType: 'network',
        subjectId: id,
      });
      return saved;
    }).then(toNetworkResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (!(await this.networks.lockForDelete(id, manager))) throw networkNotFound();
      // unit.network_id is ON DELETE RESTRICT, so the rule is checked here rather than left to the delete.
      if ((await this.networks.countUnits(id, manager)) > 0) throw networkInUse();
      await this.networks.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'network.deleted',
        subjectType: 'network',
        subjectId: id,
      });
    });
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: {
        network_name_unique: () => networkNameTaken(),
      },
      foreignKey: networkInUse,
    });
  }
}
