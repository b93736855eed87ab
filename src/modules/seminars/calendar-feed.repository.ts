import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarFeed } from './seminar.entity';
import { Clock } from '../../common/time/clock';

@Injectable()
export class CalendarFeedRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The person's feed with the given token hash; a new token replaces the previous one. */
  async replace(personId: string, tokenHash: string): Promise<CalendarFeed> {
    await this.dataSource.manager.upsert(CalendarFeed, { personId, tokenHash, createdAt: this.clock.now() }, [
      'personId',
    ]);
    return (await this.dataSource.manager.findOneBy(CalendarFeed, { personId }))!;
  }

  async remove(personId: string): Promise<boolean> {
    return ((await this.dataSource.manager.delete(CalendarFeed, { personId })).affected ?? 0) > 0;
  }

  /** The owner of an active feed token, if their account is active. */
  async findActiveOwner(
    tokenHash: string,
  ): Promise<{ personId: string; locale: 'es' | 'en'; fullName: string } | null> {
    const [row] = await this.dataSource.query<{ personId: string; locale: 'es' | 'en'; fullName: string }[]>(
      `SELECT p.id AS "personId", p.locale, p.full_name AS "fullName"
         FROM calendar_feed c JOIN person p ON p.id = c.person_id
        WHERE c.token_hash = $1 AND p.active`,
      [tokenHash],
    );
    return row ?? null;
  }
}
