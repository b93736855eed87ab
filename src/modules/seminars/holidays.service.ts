import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { formatDate } from '../../common/i18n/dates';
import { text } from '../../common/i18n/text';
import { Clock } from '../../common/time/clock';
import { todayIn } from '../../common/time/calendar-date';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { HolidayRepository } from './holiday.repository';
import { SeminarRepository } from './seminar.repository';
import { SeminarsError, SeminarsErrorCode } from './seminars.errors';
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
      await this.holidays.lockCalendar(manager, 'change');
      if (await this.holidays.find(manager, input.date)) throw holidayExists();
      // A seminar already laid out on that day must be rescheduled first, so nobody is left
      // expecting a seminar on a day the office has closed.
      const [clash] = await this.seminars.findActiveOnDates(manager, [input.date]);
      if (clash) {
        throw SeminarsError.conflict(
          SeminarsErrorCode.HolidayOnSeminarDay,
          text(
            `«${clash.title}» tiene un día el ${formatDate(input.date, 'es')}; reprográmelo antes de declarar el día inhábil.`,
            `“${clash.title}” has a day on ${formatDate(input.date, 'en')}; reschedule it before declaring the holiday.`,
          ),
          [{ field: 'date', message: text('Hay un seminario ese día.', 'A seminar is held that day.') }],
        );
      }
      const holiday = await this.holidays.insert(manager, input);
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
      await this.holidays.lockCalendar(manager, 'change');
      if (!(await this.holidays.find(manager, date))) {
        throw SeminarsError.notFound(
          SeminarsErrorCode.HolidayNotFound,
          text('Ese día no está declarado inhábil.', 'That day is not a declared holiday.'),
        );
      }
      await this.holidays.remove(manager, date);
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

function holidayExists(): SeminarsError {
  return SeminarsError.conflict(
    SeminarsErrorCode.HolidayExists,
    text('Ese día ya está declarado inhábil.', 'That day is already a declared holiday.'),
    [{ field: 'date', message: text('Ya está registrado.', 'Is already registered.') }],
  );
}
