import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { message, dateParam } from '../../common/i18n/messages';
import { Clock } from '../../common/time/clock';
import { todayIn } from '../../common/time/calendar-date';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { HolidayRepository } from './holiday.repository';
import { SeminarRepository } from './seminar.repository';
import { holidayOnSeminarDay, holidayNotFound, holidayExists } from './seminars.errors';
import {
  toHolidayResponse,
  type CreateHolidayDto,
  type HolidayListQueryDto,
  type HolidayListResponseDto,
  type HolidayResponseDto,
} from './venues.dto';

@Injectable()
export class HolidaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holidays: HolidayRepository,
    private readonly seminars: SeminarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async list(query: HolidayListQueryDto): Promise<HolidayListResponseDto> {
    const year = query.year ?? Number(todayIn(this.config.get('timeZone'), this.clock.now()).slice(0, 4));
    return { year, items: (await this.holidays.findByYear(year)).map(toHolidayResponse) };
  }

  create(actor: Principal, input: CreateHolidayDto): Promise<HolidayResponseDto> {
    return inTransaction(this.dataSource, async (manager) => {
      // Holiday changes are serialised by this lock, so the check below cannot be raced.
      await this.holidays.lockCalendar('change', manager);
      if (await this.holidays.find(input.date, manager)) throw holidayExists();
      // A seminar already laid out on that day must be rescheduled first, so nobody is left
      // expecting a seminar on a day the office has closed.
      const [clash] = await this.seminars.findActiveOnDates([input.date], manager);
      if (clash) {
        throw holidayOnSeminarDay(
          message('seminars.holidays.hasDayRescheduleBefore', { title: clash.title, date: dateParam(input.date) }),
          [{ field: 'date', message: message('seminars.holidays.seminarHeldDay') }],
        );
      }
      const holiday = await this.holidays.insert(input, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'holiday.created',
        subjectType: 'holiday',
        subjectId: null,
        details: { date: input.date, name: input.name },
      });
      return toHolidayResponse(holiday);
    });
  }

  remove(actor: Principal, date: string): Promise<void> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.holidays.lockCalendar('change', manager);
      if (!(await this.holidays.find(date, manager))) {
        throw holidayNotFound(message('seminars.holidays.dayNotDeclaredHoliday'));
      }
      await this.holidays.remove(date, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'holiday.deleted',
        subjectType: 'holiday',
        subjectId: null,
        details: { date },
      });
    });
  }
}
