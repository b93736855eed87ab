import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { inTransaction } from '../../database/transaction';
import { JobsService } from '../../infrastructure/jobs/jobs.service';
import { AccountInvitations } from '../identity/account-invitations.service';
import { passwordAlreadySet, personDeactivated, personNotFound } from './directory.errors';
import type { InvitationSentDto, InvitationsSentDto, InvitePeopleDto } from './invitations.dto';
import { PeopleRepository } from './people.repository';

/** The queue whose jobs mail the invitations of up to {@link PEOPLE_PER_JOB} people each. */
export const INVITATION_QUEUE = 'account-invitations';

/** People per job, sent in one transaction of a few multi-row statements. */
const PEOPLE_PER_JOB = 500;

/** An invitation of the same person again within this long is a double click: nothing more is sent. */
const REPEAT_GUARD_SECONDS = 60;

interface InvitationJob {
  personIds: string[];
}

/**
 * Invitations to choose a password, for people who have none: those an import creates (noted in
 * the import's transaction and mailed by background jobs), one person again, or everyone still
 * without a password again. A job that runs twice (a worker lost mid-way) mails nobody twice.
 */
@Injectable()
export class PeopleInvitationsService implements OnModuleInit {
  private readonly logger = new Logger(PeopleInvitationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly invitations: AccountInvitations,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<InvitationJob>({
      name: INVITATION_QUEUE,
      retryLimit: 5,
      retryDelaySeconds: 10,
      retryBackoff: true,
      expireInSeconds: 600,
      handler: (job) => this.sendQueued(job),
      onGiveUp: async (job) => {
        this.logger.error(
          `Invitations of ${job.personIds.length} people given up after every attempt; they show as invited without a password and can be invited again`,
        );
      },
    });
  }

  /**
   * In the caller's transaction: the invitations of these people, noted as theirs already
   * (`invited_at`), are queued to be mailed once it commits.
   */
  async queue(manager: EntityManager, personIds: string[]): Promise<void> {
    for (let start = 0; start < personIds.length; start += PEOPLE_PER_JOB) {
      await this.jobs.send<InvitationJob>(manager, INVITATION_QUEUE, {
        personIds: personIds.slice(start, start + PEOPLE_PER_JOB),
      });
    }
  }

  /** Mails one person a new invitation now; their earlier unused links stop working. */
  inviteOne(actor: Principal, id: string): Promise<InvitationSentDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const person = await this.people.lockForInvitation(id, REPEAT_GUARD_SECONDS, manager);
      if (!person) throw personNotFound();
      if (!person.active) throw personDeactivated();
      if (person.hasPassword) throw passwordAlreadySet();
      if (person.invitedRecently) return { invited: 0, invitedAt: person.invitedAt!.toISOString() };
      const invitedAt = await this.invitations.send(manager, [person]);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'person.invited',
        subjectType: 'person',
        subjectId: id,
      });
      return { invited: 1, invitedAt: invitedAt!.toISOString() };
    });
  }

  /**
   * Invites again everyone active without a password (of a unit, network, specialty or role), in
   * the background, except those invited in the last minute, so that a second click sends nothing.
   */
  inviteAll(actor: Principal, filter: InvitePeopleDto): Promise<InvitationsSentDto> {
    return inTransaction(this.dataSource, async (manager) => {
      // One such request at a time: the second of a double click waits, then finds everyone invited.
      await this.people.lockInvitations(manager);
      const ids = await this.people.idsToInvite(filter, REPEAT_GUARD_SECONDS, manager);
      await this.invitations.note(manager, ids);
      await this.queue(manager, ids);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'people.invited',
        subjectType: 'person',
        details: { invited: ids.length, filter: { ...filter } },
      });
      return { invited: ids.length };
    });
  }

  /** The job: mails the invitations of its people still waiting for one. */
  private async sendQueued(job: InvitationJob): Promise<void> {
    const sent = await inTransaction(this.dataSource, (manager) =>
      this.invitations.sendAwaiting(manager, job.personIds),
    );
    this.logger.log(`Invitations mailed to ${sent} of ${job.personIds.length} people`);
  }
}
