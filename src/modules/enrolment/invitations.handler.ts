import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DomainEvents } from '../../common/events/domain-events';
import type { InvitationsProposed } from '../matching/matching-events';

/** Invites the attendees of a published matching run: one `invited` enrolment each, audited per seminar. */
@Injectable()
export class InvitationsHandler implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.on<InvitationsProposed>('matching.invitations_proposed', (manager, event) => this.invite(manager, event));
  }

  private async invite(manager: EntityManager, event: InvitationsProposed): Promise<void> {
    if (event.invitations.length === 0) return;
    // Someone who had declined or withdrawn and whom the office pinned back in is invited again.
    await manager.query(
      `INSERT INTO enrolment (seminar_id, person_id, status)
       SELECT seminar_id, person_id, 'invited' FROM unnest($1::uuid[], $2::uuid[]) AS x(seminar_id, person_id)
       ON CONFLICT (seminar_id, person_id) DO UPDATE SET status = 'invited', updated_at = now()
        WHERE enrolment.status IN ('declined', 'withdrawn')`,
      [event.invitations.map((i) => i.seminarId), event.invitations.map((i) => i.personId)],
    );
    const bySeminar = new Map<string, string[]>();
    for (const i of event.invitations) bySeminar.set(i.seminarId, [...(bySeminar.get(i.seminarId) ?? []), i.personId]);
    for (const [seminarId, personIds] of bySeminar) {
      await this.audit.record(manager, {
        actorId: event.actorId,
        action: 'enrolment.invited',
        subjectType: 'seminar',
        subjectId: seminarId,
        details: { personIds, matchingRunId: event.runId },
      });
    }
  }
}
