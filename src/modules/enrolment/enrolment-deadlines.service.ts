import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays } from '../../common/time/calendar-date';
import { ConfigService } from '../../config/config.service';
import { JobsService } from '../../infrastructure/jobs/jobs.service';
import { SeminarRepository } from '../seminars/seminar.repository';
import { workingDaysAfter } from './deadlines';
import { EnrolmentNotices } from './enrolment-notices';
import { EnrolmentRepository } from './enrolment.repository';
import type { ReleaseApproval } from './release-approval.entity';
import { ReleaseApprovalRepository } from './release-approval.repository';
import { SeatsService } from './seats.service';
import { Clock } from '../../common/time/clock';

/** What one pass over the deadlines did. */
export interface DeadlinesReport {
  lapsed: number;
  reminded: number;
  escalated: number;
}

/**
 * The enrolment flow's clock: invitations not answered in time lapse (and the next person in line
 * is called); managers who have not decided on a release are reminded, and later the office is
 * told. Runs as a scheduled job on worker processes; each pass is safe to repeat and to run on
 * several processes at once.
 */
@Injectable()
export class EnrolmentDeadlinesService implements OnModuleInit {
  private readonly logger = new Logger(EnrolmentDeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly releases: ReleaseApprovalRepository,
    private readonly seminars: SeminarRepository,
    private readonly seats: SeatsService,
    private readonly notices: EnrolmentNotices,
    private readonly jobs: JobsService,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: 'enrolment-deadlines',
      retryLimit: 1,
      expireInSeconds: 600,
      cron: this.config.get('enrolment').sweepCron,
      handler: async () => {
        const report = await this.run();
        if (report.lapsed + report.reminded + report.escalated > 0)
          this.logger.log(`Enrolment deadlines: ${JSON.stringify(report)}`);
      },
    });
  }

  async run(): Promise<DeadlinesReport> {
    const lapsed = await this.lapseInvitations();
    const { reminded, escalated } = await this.chaseReleases();
    return { lapsed, reminded, escalated };
  }

  /** One transaction per seminar, under its lock, like every other change of seats. */
  private async lapseInvitations(): Promise<number> {
    const today = this.seats.today();
    const due = await this.enrolments.lapsedInvitations(today, this.dataSource.manager);
    const bySeminar = new Map<string, string[]>();
    for (const row of due) bySeminar.set(row.seminarId, [...(bySeminar.get(row.seminarId) ?? []), row.id]);
    let count = 0;
    for (const [seminarId, ids] of bySeminar) {
      count += await this.dataSource.transaction(async (manager) => {
        const seminar = await this.seats.lockSeminar(manager, seminarId);
        let lapsed = 0;
        for (const id of ids) {
          const enrolment = await this.enrolments.lock(id, manager);
          // Answered (or lapsed by another process) since it was read.
          if (!enrolment || enrolment.status !== 'invited' || enrolment.respondBy! >= today) continue;
          await this.seats.leave(manager, seminar, enrolment, {
            status: 'declined',
            endedBy: 'lapsed',
            reason: null,
            actorId: null,
          });
          lapsed++;
        }
        return lapsed;
      });
    }
    return count;
  }

  private async chaseReleases(): Promise<{ reminded: number; escalated: number }> {
    const { releaseReminderWorkingDays, releaseEscalationWorkingDays } = this.config.get('enrolment');
    return this.dataSource.transaction(async (manager) => {
      const today = this.seats.today();
      const holidays = await this.seats.holidaysAround(manager, addDays(today, -400), today);
      const waited = (approval: ReleaseApproval) => workingDaysAfter(approval.requestedOn, today, holidays);
      let reminded = 0;
      for (const approval of await this.releases.dueFor('reminder', today, manager)) {
        if (waited(approval) < releaseReminderWorkingDays) continue;
        const { notice, managers } = await this.describe(manager, approval);
        await this.notices.releaseReminder(
          manager,
          notice,
          managers.length > 0 ? managers : await this.enrolments.office(manager),
        );
        approval.remindedAt = this.clock.now();
        await this.releases.save(approval, manager);
        reminded++;
      }
      let escalated = 0;
      for (const approval of await this.releases.dueFor('escalation', today, manager)) {
        if (waited(approval) < releaseEscalationWorkingDays) continue;
        const { notice, managers } = await this.describe(manager, approval);
        await this.notices.releaseOverdue(manager, notice, await this.enrolments.office(manager), managers);
        approval.escalatedAt = this.clock.now();
        await this.releases.save(approval, manager);
        escalated++;
      }
      return { reminded, escalated };
    });
  }

  private async describe(manager: EntityManager, approval: ReleaseApproval) {
    const row = await this.releases.rowById(approval.id, manager);
    const seminar = (await this.seminars.findById(row.seminar.id, manager))!;
    const managers = approval.unitId ? await this.enrolments.managersOf(approval.unitId, manager) : [];
    return { notice: { approval, attendee: row.attendee, unitName: row.unit?.name ?? null, seminar }, managers };
  }
}
