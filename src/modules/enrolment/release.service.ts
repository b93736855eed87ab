import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import { offsetOf, type Page } from '../../common/pagination/pagination';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { ReleaseListQueryDto, ReleaseResponseDto, toReleaseResponse } from './enrolment.dto';
import { releaseAlreadyDecided, releaseNotFound } from './enrolment.errors';
import { EnrolmentNotices } from './enrolment-notices';
import { EnrolmentRepository } from './enrolment.repository';
import type { ReleaseApproval } from './release-approval.entity';
import { ReleaseApprovalRepository, type ReleaseRow } from './release-approval.repository';
import { SeminarRepository } from '../seminars/seminar.repository';
import { AnswerLinks } from './answer-links';
import { SeatsService } from './seats.service';

/** Unit managers release their physicians for a seminar's days; the office may decide for them. */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releases: ReleaseApprovalRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly seats: SeatsService,
    private readonly notices: EnrolmentNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly seminars: SeminarRepository,
    private readonly links: AnswerLinks,
  ) {}

  /** A manager sees their unit's requests; the office sees every unit's. */
  async list(actor: Principal, query: ReleaseListQueryDto): Promise<Page<ReleaseResponseDto>> {
    const office = hasRole(actor, 'office');
    const unitId = office ? query.unitId : (actor.unitId ?? undefined);
    if (!office && !unitId) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const [rows, total] = await this.releases.list({ unitId, status: query.status ?? 'pending', ...offsetOf(query) });
    const withUnit = rows.filter((row) => row.unit !== null);
    const away = await this.releases.unitsAway(
      withUnit.map((row) => ({
        unitId: row.unit!.id,
        dates: row.seminar.dates,
        exceptEnrolmentId: row.approval.enrolmentId,
      })),
    );
    const awayByRow = new Map(withUnit.map((row, index) => [row, away[index]]));
    const none = { staff: 0, away: new Map<string, number>() };
    return {
      items: rows.map((row) => toReleaseResponse(row, awayByRow.get(row) ?? none)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** One release request, with the seminar's days and how many of the unit's staff are away on each. */
  async get(actor: Principal, id: string): Promise<ReleaseResponseDto> {
    const found = await this.releases.findById(id);
    if (!found || !this.canDecide(actor, found)) throw releaseNotFound();
    const row = await this.releases.rowById(id);
    const [away] = row.unit
      ? await this.releases.unitsAway([
          { unitId: row.unit.id, dates: row.seminar.dates, exceptEnrolmentId: row.approval.enrolmentId },
        ])
      : [{ staff: 0, away: new Map<string, number>() }];
    return toReleaseResponse(row, away);
  }

  /** Who decides through a mailed link: the manager it was sent to, while the request is pending. */
  async linkActor(token: string, id: string): Promise<Principal> {
    const approval = await this.releases.findById(id);
    const enrolment = approval ? await this.enrolments.findById(approval.enrolmentId) : null;
    const seminar = enrolment ? await this.seminars.findById(enrolment.seminarId) : null;
    return this.links.releaseActor(token, approval, seminar, async (personId) => {
      const [person] = await this.enrolments.peopleByIds([personId], this.dataSource.manager);
      return person;
    });
  }

  /**
   * Approves or refuses a release. Approving confirms the seat; refusing gives it up (and calls the
   * next person in line). The same decision again answers with the request as it is; the opposite
   * one is refused.
   */
  async decide(
    actor: Principal,
    id: string,
    decision: 'approve' | 'refuse',
    reason?: string,
  ): Promise<ReleaseResponseDto> {
    const found = await this.releases.findById(id);
    if (!found || !this.canDecide(actor, found)) throw releaseNotFound();
    const target = decision === 'approve' ? 'approved' : 'refused';
    await inTransaction(this.dataSource, async (manager) => {
      const enrolmentRef = (await this.enrolments.findById(found.enrolmentId, manager))!;
      const seminar = await this.seats.lockSeminar(manager, enrolmentRef.seminarId);
      const approval = (await this.releases.lock(id, manager))!;
      const enrolment = (await this.enrolments.lock(approval.enrolmentId, manager))!;
      if (approval.status === target) return;
      if (approval.status !== 'pending') throw releaseAlreadyDecided();
      this.seats.assertEnrolling(seminar);
      const onBehalf = !(hasRole(actor, 'manager') && actor.unitId !== null && actor.unitId === approval.unitId);
      Object.assign(approval, {
        status: target,
        decidedById: actor.personId,
        onBehalf,
        decidedAt: this.clock.now(),
        reason: decision === 'refuse' ? reason! : null,
      });
      await this.releases.save(approval, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: `release.${target}`,
        subjectType: 'enrolment',
        subjectId: enrolment.id,
        reason: approval.reason,
        details: { releaseId: approval.id, onBehalf, seminarId: seminar.id },
      });
      const [attendee] = await this.enrolments.peopleByIds([enrolment.personId], manager);
      if (decision === 'approve') {
        enrolment.status = 'confirmed';
        await this.enrolments.save(enrolment, manager);
      } else {
        await this.seats.leave(manager, seminar, enrolment, {
          status: 'withdrawn',
          endedBy: 'release_refused',
          reason: reason!,
          actorId: actor.personId,
        });
      }
      if (attendee.active)
        await this.notices.releaseDecided(manager, seminar, attendee, decision === 'approve', approval.reason);
    });
    return this.toResponse(await this.releases.rowById(id));
  }

  private canDecide(actor: Principal, approval: ReleaseApproval): boolean {
    return (
      hasRole(actor, 'office') ||
      (hasRole(actor, 'manager') && actor.unitId !== null && actor.unitId === approval.unitId)
    );
  }

  private async toResponse(row: ReleaseRow): Promise<ReleaseResponseDto> {
    const staff = row.unit
      ? await this.releases.unitAway(row.unit.id, row.seminar.dates, row.approval.enrolmentId)
      : { staff: 0, away: new Map<string, number>() };
    return toReleaseResponse(row, staff);
  }
}
