import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager } from 'typeorm';
import { Holiday } from './holiday.entity';

@Injectable()
export class HolidayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByYear(year: number): Promise<Holiday[]> {
    return this.dataSource.manager.find(Holiday, {
      where: { date: Between(`${year}-01-01`, `${year}-12-31`) },
      order: { date: 'ASC' },
    });
  }

  /** The holidays from a date on, for laying out days (a seminar never spans more than a few weeks). */
  async datesFrom(from: string, to: string, manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.find(Holiday, { select: { date: true }, where: { date: Between(from, to) } });
    return new Set(rows.map((row) => row.date));
  }

  /**
   * Holiday changes take this lock exclusively and seminar layouts share it, so a holiday never
   * lands on a day that a concurrent transaction is laying out.
   */
  async lockCalendar(mode: 'layout' | 'change', manager: EntityManager): Promise<void> {
    const lock = mode === 'change' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await manager.query(`SELECT ${lock}(hashtextextended('puente:holidays', 0))`);
  }

  find(date: string, manager: EntityManager): Promise<Holiday | null> {
    return manager.findOneBy(Holiday, { date });
  }

  async insert(holiday: Pick<Holiday, 'date' | 'name'>, manager: EntityManager): Promise<Holiday> {
    await manager.insert(Holiday, holiday);
    return (await this.find(holiday.date, manager))!;
  }

  async remove(date: string, manager: EntityManager): Promise<void> {
    await manager.delete(Holiday, { date });
  }
}
