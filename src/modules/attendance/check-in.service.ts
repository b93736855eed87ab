import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { TooManyRequestsError } from '../../common/errors/domain-error';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { zonedInstant } from '../../common/time/clock-time';
import { wallClockMs } from '../../common/time/zone-wall-clock';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { ATTENDANCE_STATUSES, AttendanceAccess } from './attendance-access';
import type { CheckInCodeResponseDto, CheckInDto, CheckInResponseDto } from './attendance.dto';
import {
  AlreadyCheckedInError,
  checkInClosed,
  checkInNotConfirmed,
  codeExpired,
  codeInvalid,
  codeOtherSeminar,
  codeReused,
} from './attendance.errors';
import { AttendanceRepository, type CheckInDay } from './attendance.repository';
import { checkInKey, codeFor, isCurrent, normaliseCode, windowBounds, windowOf } from './check-in-code';

/** When a day's check-in opens and closes. */
interface CheckInHours {
  opens: Date;
  closes: Date;
}

/** The day and window a typed code belongs to. */
interface CodeMatch {
  day: CheckInDay;
  window: number;
  hours: CheckInHours;
}

/**
 * Self check-in: a code per seminar day that changes every period, shown in the room by a
 * facilitator, typed (or scanned) by confirmed attendees. Codes are computed, never stored.
 */
@Injectable()
export class CheckInService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AttendanceAccess,
    private readonly attendance: AttendanceRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {
    this.key = checkInKey(config.get('auth').jwtSecret);
  }

  private get settings() {
    return this.config.get('attendance');
  }

  private get timeZone(): string {
    return this.config.get('timeZone');
  }

  /** The day's current code, only on the day from a while before it starts until it ends. */
  async code(principal: Principal, seminarId: string, date: string): Promise<CheckInCodeResponseDto> {
    const seminar = await this.access.managedSeminar(principal, seminarId);
    this.access.assertTakesAttendance(seminar);
    const day = this.access.dayOf(seminar, date);
    const now = this.clock.now();
    const hours = this.hoursOf(day.date, day.startTime, day.endTime);
    this.assertOpen(hours, now);
    const period = this.settings.checkInCodePeriodSeconds;
    const window = windowOf(now, period);
    const code = codeFor(this.key, day.id, window);
    const bounds = windowBounds(window, period);
    const checkInUrl = `${this.config.get('publicBaseUrl')}/check-in?seminar=${seminarId}&code=${code}`;
    return {
      code,
      validFrom: bounds.from.toISOString(),
      validUntil: new Date(Math.min(bounds.until.getTime(), hours.closes.getTime())).toISOString(),
      serverTime: now.toISOString(),
      checkInUrl,
      qrSvg: await QRCode.toString(checkInUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    };
  }

  /**
   * Checks the caller in with a code typed or scanned in the room. Wrong codes (unknown, expired,
   * another seminar's) count towards a limit per person, after which every try waits.
   */
  async checkIn(principal: Principal, input: CheckInDto): Promise<CheckInResponseDto> {
    const personId = principal.personId;
    const now = this.clock.now();
    await this.assertNotThrottled(personId, now);
    const match = await this.match(normaliseCode(input.code), now);
    if (!match) await this.refuseWrongCode(personId, now, codeInvalid());
    if (input.seminarId !== undefined && match!.day.seminarId !== input.seminarId)
      await this.refuseWrongCode(personId, now, codeOtherSeminar());
    const { day, window, hours } = match!;
    if (!(await this.attendance.isConfirmed(day.seminarId, personId, this.dataSource.manager)))
      throw checkInNotConfirmed();
    this.assertOpen(hours, now);
    if (!isCurrent(window, now, this.settings.checkInCodePeriodSeconds))
      await this.refuseWrongCode(personId, now, codeExpired());

    const status = await inTransaction(this.dataSource, async (manager) => {
      // An insert that loses a race to a roster write or a parallel check-in finds that record the second time.
      for (let attempt = 1; ; attempt += 1) {
        const existing = await this.attendance.lockRecord(day.seminarDayId, personId, manager);
        if (existing?.checkedInAt) {
          if (existing.checkInWindow === window) throw codeReused();
          throw new AlreadyCheckedInError(existing.checkedInAt, this.wallTime(existing.checkedInAt));
        }
        if (existing) {
          await this.attendance.stampCheckIn(day.seminarDayId, personId, now, window, manager);
          return existing.status;
        }
        if (await this.attendance.insertCheckIn(day, personId, now, window, manager)) return 'present' as const;
        if (attempt === 2) throw new Error('Check-in record neither found nor inserted');
      }
    });
    return {
      seminarId: day.seminarId,
      seminarTitle: day.seminarTitle,
      date: day.date,
      checkedInAt: now.toISOString(),
      status,
    };
  }

  /**
   * The seminar day and window whose code this is, among today's days and the windows their codes
   * have been shown in so far (none before check-in opens).
   */
  private async match(code: string, now: Date): Promise<CodeMatch | null> {
    const period = this.settings.checkInCodePeriodSeconds;
    for (const day of await this.attendance.daysOn(todayIn(this.timeZone, now), ATTENDANCE_STATUSES)) {
      const hours = this.hoursOf(day.date, day.startTime, day.endTime);
      const first = windowOf(hours.opens, period);
      const last = windowOf(new Date(Math.min(now.getTime(), hours.closes.getTime() - 1)), period);
      for (let window = last; window >= first; window -= 1) {
        if (codeFor(this.key, day.seminarDayId, window) === code) return { day, window, hours };
      }
    }
    return null;
  }

  private hoursOf(date: string, startTime: string, endTime: string): CheckInHours {
    const opens =
      zonedInstant(date, startTime, this.timeZone).getTime() - this.settings.checkInOpensMinutesBefore * 60_000;
    return { opens: new Date(opens), closes: zonedInstant(date, endTime, this.timeZone) };
  }

  private assertOpen(hours: CheckInHours, now: Date): void {
    if (now < hours.opens || now >= hours.closes)
      throw checkInClosed(this.wallTime(hours.opens), this.wallTime(hours.closes));
  }

  /** 'HH:MM' in the service's time zone. */
  private wallTime(instant: Date): string {
    return new Date(wallClockMs(this.timeZone, instant.getTime())).toISOString().slice(11, 16);
  }

  private async assertNotThrottled(personId: string, now: Date): Promise<void> {
    const { checkInMaxWrongCodes: limit, checkInWrongCodeWindowSeconds: windowSeconds } = this.settings;
    const recent = await this.attendance.recentFailures(personId, now, windowSeconds);
    if (recent.count >= limit) throw this.throttled(recent.oldest!, now);
  }

  /**
   * Counts a wrong code, then refuses it; over the limit (parallel tries included, as they count
   * before they check) the refusal is a 429.
   */
  private async refuseWrongCode(personId: string, now: Date, refusal: Error): Promise<never> {
    const { checkInMaxWrongCodes: limit, checkInWrongCodeWindowSeconds: windowSeconds } = this.settings;
    await this.attendance.recordFailure(personId, now, windowSeconds);
    const recent = await this.attendance.recentFailures(personId, now, windowSeconds);
    if (recent.count > limit) throw this.throttled(recent.oldest!, now);
    throw refusal;
  }

  private throttled(oldest: Date, now: Date): TooManyRequestsError {
    const until = oldest.getTime() + this.settings.checkInWrongCodeWindowSeconds * 1000;
    return new TooManyRequestsError(Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
  }
}
