import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { addDays, daysBetween, todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { absencesWindowInvalid } from './needs.errors';
import {
  AWAY_ENROLMENT_STATUSES,
  DEFAULT_ABSENCE_WINDOW_DAYS,
  MAX_ABSENCE_WINDOW_DAYS,
  toUnitAbsencesResponse,
  type UnitAbsencesQueryDto,
  type UnitAbsencesResponseDto,
} from './unit-absences.dto';
import { UnitAbsencesRepository } from './unit-absences.repository';

const LAST_DAY = '9999-12-31';
const LAST_WINDOW_START = addDays(LAST_DAY, -(DEFAULT_ABSENCE_WINDOW_DAYS - 1));

/**
 * A manager's view of who in their unit is away on which days, so that releasing one more person
 * never leaves the unit without staff.
 */
@Injectable()
export class UnitAbsencesService {
  constructor(
    private readonly absences: UnitAbsencesRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** The manager's own unit only: the unit comes from who asks, never from the request. */
  async forManager(principal: Principal, query: UnitAbsencesQueryDto): Promise<UnitAbsencesResponseDto> {
    const window = this.window(query);
    const unit = principal.unitId ? await this.absences.findUnit(principal.unitId) : null;
    if (!unit) return toUnitAbsencesResponse(null, window, [], [], []);
    const [staff, seminars, unavailable] = await Promise.all([
      this.absences.staff(unit.id),
      this.absences.seminars(unit.id, window, AWAY_ENROLMENT_STATUSES),
      this.absences.unavailable(unit.id, window),
    ]);
    return toUnitAbsencesResponse(unit, window, staff, seminars, unavailable);
  }

  private window(query: UnitAbsencesQueryDto): { from: string; to: string } {
    const from = query.from ?? todayIn(this.config.get('timeZone'), this.clock.now());
    // The calendar ends with 9999: a window asked for at its very end stops there.
    const to = query.to ?? (from > LAST_WINDOW_START ? LAST_DAY : addDays(from, DEFAULT_ABSENCE_WINDOW_DAYS - 1));
    const problems: FieldError[] = [];
    if (to < from) problems.push({ field: 'to', message: message('needs.absences.cannotBeBeforeFrom') });
    else if (daysBetween(from, to) + 1 > MAX_ABSENCE_WINDOW_DAYS)
      problems.push({
        field: 'to',
        message: message('needs.absences.windowSpansAtMost', { maxDays: MAX_ABSENCE_WINDOW_DAYS }),
      });
    if (problems.length > 0) throw absencesWindowInvalid(problems);
    return { from, to };
  }
}
