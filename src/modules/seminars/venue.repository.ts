import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findPage } from '../../common/pagination/pagination';
import { escapeLike } from '../../database/like';
import { ACTIVE_STATUSES } from './seminar.entity';
import { Venue } from './venue.entity';
import type { VenueListQueryDto } from './venues.dto';

@Injectable()
export class VenueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Venue | null> {
    return manager.findOneBy(Venue, { id });
  }

  search(query: VenueListQueryDto): Promise<[Venue[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.networkId) where.push(`venue.network_id = $${params.push(query.networkId)}`);
    if (query.q)
      where.push(`unaccent_lower(venue.name) LIKE unaccent_lower($${params.push(`%${escapeLike(query.q)}%`)})`);
    return findPage<Venue>(
      this.dataSource,
      {
        columns: `venue.id, venue.name, venue.address, venue.network_id AS "networkId", venue.capacity, venue.notes, venue.created_at AS "createdAt", venue.updated_at AS "updatedAt"`,
        from: 'venue venue',
        where,
        params,
        order: 'venue.name, venue.id',
      },
      query,
    );
  }

  /** Locks the venue row for a change that depends on the seminars held there. */
  lock(id: string, manager: EntityManager): Promise<Venue | null> {
    return manager
      .createQueryBuilder(Venue, 'venue')
      .where('venue.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /**
   * The venue, share-locked until the transaction ends, for a seminar about to use it: its capacity
   * cannot shrink meanwhile.
   */
  findForBooking(id: string, manager: EntityManager): Promise<Venue | null> {
    return manager
      .createQueryBuilder(Venue, 'venue')
      .where('venue.id = :id', { id })
      .setLock('pessimistic_read')
      .getOne();
  }

  save(venue: Venue, manager: EntityManager): Promise<Venue> {
    return manager.save(Venue, venue);
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Venue, { id });
  }

  async countSeminars(venueId: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>('SELECT count(*) FROM seminar WHERE venue_id = $1', [
      venueId,
    ]);
    return Number(row.count);
  }

  /** The active seminar at the venue with the largest capacity above the given one, if any. */
  async largerSeminar(
    venueId: string,
    capacity: number,
    manager: EntityManager,
  ): Promise<{ title: string; capacity: number } | null> {
    const [row] = await manager.query<{ title: string; capacity: number }[]>(
      `SELECT title, capacity FROM seminar
        WHERE venue_id = $1 AND capacity > $2 AND status = ANY($3)
        ORDER BY capacity DESC LIMIT 1`,
      [venueId, capacity, ACTIVE_STATUSES],
    );
    return row ?? null;
  }
}
