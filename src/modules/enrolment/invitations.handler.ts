import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../../common/events/domain-events';
import type { InvitationsProposed } from '../matching/matching-events';
import { SeatsService } from './seats.service';

/**
 * Invites the attendees of a published matching run, in the publishing transaction: an invitation
 * with a deadline and a mail for each. Someone who had declined or withdrawn and whom the office
 * pinned back in is invited again; anyone already in the seminar is left as they are.
 */
@Injectable()
export class InvitationsHandler implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly seats: SeatsService,
  ) {}

  onModuleInit(): void {
    this.events.on<InvitationsProposed>('matching.invitations_proposed', (manager, event) =>
      this.invite(manager, event),
    );
  }

  private async invite(manager: EntityManager, event: InvitationsProposed): Promise<void> {
    const bySeminar = new Map<string, string[]>();
    for (const i of event.invitations) bySeminar.set(i.seminarId, [...(bySeminar.get(i.seminarId) ?? []), i.personId]);
    for (const [seminarId, personIds] of bySeminar) {
      const seminar = await this.seats.lockSeminar(manager, seminarId);
      await this.seats.invite(manager, seminar, personIds, 'matching', event.actorId, { matchingRunId: event.runId });
    }
  }
}
