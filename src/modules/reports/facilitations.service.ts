import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { ACTIVE_STATUSES } from '../seminars/seminar.entity';
import type { FacilitationPhase, MyFacilitationResponseDto } from './facilitations.dto';
import { FacilitationsRepository, type FacilitationRow } from './facilitations.repository';

/**
 * A facilitator's desk: the seminars they facilitate, under way and coming ones first (soonest
 * first), then past ones (latest first), each with what it needs from them now.
 */
@Injectable()
export class FacilitationsService {
  constructor(
    private readonly facilitations: FacilitationsRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async listMine(principal: Principal): Promise<MyFacilitationResponseDto[]> {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    const rows = await this.facilitations.findForFacilitator(principal.personId);
    const items = rows.map((row) => toFacilitationResponse(row, today));
    const current = items.filter((item) => item.phase !== 'past');
    const past = items.filter((item) => item.phase === 'past').reverse();
    return [...current, ...past];
  }
}

function toFacilitationResponse(row: FacilitationRow, today: string): MyFacilitationResponseDto {
  const phase: FacilitationPhase = today < row.startDate ? 'upcoming' : today > row.endDate ? 'past' : 'in_progress';
  const active = ACTIVE_STATUSES.includes(row.status);
  const holdsToday = row.status === 'confirmed' || row.status === 'in_progress';
  return {
    seminarId: row.seminarId,
    title: row.title,
    status: row.status,
    startDate: row.startDate,
    endDate: row.endDate,
    lead: row.lead,
    phase,
    today: holdsToday && row.dates.includes(today) ? today : null,
    daysWithoutAgenda: active && phase !== 'past' ? row.daysWithoutAgenda : [],
    myCases: row.myCases,
    myDrafts: row.myDrafts,
    myChangesRequested: row.myChangesRequested,
    reviewRequests: row.reviewRequests,
    reportReady: row.status === 'completed' || row.status === 'closed',
  };
}
