import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { message } from '../../common/i18n/messages';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { definedOnly } from '../../common/validation/defined-only';
import { inTransaction } from '../../database/transaction';
import { NetworkRepository } from '../directory/network.repository';
import { networkNotFound } from '../directory/directory.errors';
import { Venue } from './venue.entity';
import { VenueRepository } from './venue.repository';
import {
  toVenueResponse,
  type CreateVenueDto,
  type UpdateVenueDto,
  type VenueListQueryDto,
  type VenueResponseDto,
} from './venues.dto';
import { venueNotFound, venueCapacityExceeded, venueNameTaken, venueInUse } from './seminars.errors';

@Injectable()
export class VenuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenueRepository,
    private readonly networks: NetworkRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: VenueListQueryDto): Promise<Page<VenueResponseDto>> {
    const [rows, total] = await this.venues.search(query);
    return pageOf(rows, total, query, toVenueResponse);
  }

  async get(id: string): Promise<VenueResponseDto> {
    const venue = await this.venues.findById(id);
    if (!venue) throw venueNotFound();
    return toVenueResponse(venue);
  }

  create(actor: Principal, input: CreateVenueDto): Promise<VenueResponseDto> {
    return this.write(async (manager) => {
      if (!(await this.networks.findById(input.networkId, manager))) throw networkNotFound();
      const venue = await this.venues.save(manager.create(Venue, { address: '', notes: '', ...input }), manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'venue.created',
        subjectType: 'venue',
        subjectId: venue.id,
      });
      return venue;
    }).then(toVenueResponse);
  }

  update(actor: Principal, id: string, input: UpdateVenueDto): Promise<VenueResponseDto> {
    return this.write(async (manager) => {
      // Locked so that no seminar grows past the new capacity while it is checked.
      const venue = await this.venues.lock(id, manager);
      if (!venue) throw venueNotFound();
      if (input.capacity !== undefined) {
        const larger = await this.venues.largerSeminar(id, input.capacity, manager);
        if (larger) {
          throw venueCapacityExceeded(
            message('seminars.venues.hasRoomAtVenue', { title: larger.title, capacity: larger.capacity }),
            [
              {
                field: 'capacity',
                message: message('seminars.venues.mustBeAtLeast', { capacity: larger.capacity }),
              },
            ],
          );
        }
      }
      Object.assign(venue, definedOnly(input));
      const saved = await this.venues.save(venue, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'venue.updated',
        subjectType: 'venue',
        subjectId: id,
        details: { fields: Object.keys(input) },
      });
      return saved;
    }).then(toVenueResponse);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.write(async (manager) => {
      if (!(await this.venues.lock(id, manager))) throw venueNotFound();
      if ((await this.venues.countSeminars(id, manager)) > 0) throw venueInUse();
      await this.venues.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'venue.deleted',
        subjectType: 'venue',
        subjectId: id,
      });
    });
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, {
      unique: {
        venue_name_unique: () =>
          venueNameTaken(message('seminars.venues.networkAlreadyHasVenue'), [
            { field: 'name', message: message('seminars.venues.alreadyRegistered') },
          ]),
      },
      foreignKey: venueInUse,
    });
  }
}
