import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { addDays, todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { ACTIVE_STATUSES } from '../seminars/seminar.entity';
import { seminarNotFound } from '../seminars/seminars.errors';
import { CaseRepository, type SeminarAccess } from './case.repository';
import { caseNotFound, caseStatusConflict } from './cases.errors';
import type { ClinicalCase } from './clinical-case.entity';

/** A case and what the caller may do with it. */
export interface CaseInContext {
  c: ClinicalCase;
  access: SeminarAccess;
  /** Office, the seminar's facilitators and the author: every state, reviews and versions. */
  manages: boolean;
}

/** Who may see and change a clinical case, and whether its seminar still takes changes. */
@Injectable()
export class CaseAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** Loads a case as the caller may see it; 404 for anything they may not. */
  async inContext(actor: Principal, id: string, manager?: EntityManager): Promise<CaseInContext> {
    const c = await this.cases.findById(id, manager ?? this.dataSource.manager);
    if (!c) throw caseNotFound();
    const access = (await this.cases.seminarAccess(c.seminarId, actor.personId, manager ?? this.dataSource.manager))!;
    const manages = hasRole(actor, 'office') || access.facilitator || c.authorId === actor.personId;
    if (!manages && !(c.status === 'published' && this.attendeeMaySee(access))) throw caseNotFound();
    return { c, access, manages };
  }

  attendeeMaySee(access: SeminarAccess): boolean {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    return access.confirmedAttendee && today >= addDays(access.firstDay, -this.config.get('cases').attendeeLeadDays);
  }

  async seminarFor(actor: Principal, seminarId: string, manager?: EntityManager): Promise<SeminarAccess> {
    const access = await this.cases.seminarAccess(seminarId, actor.personId, manager ?? this.dataSource.manager);
    if (!access) throw seminarNotFound();
    return access;
  }

  assertPreparing(access: SeminarAccess): void {
    if (!(ACTIVE_STATUSES as string[]).includes(access.status)) {
      throw caseStatusConflict('seminarOver');
    }
  }
}
