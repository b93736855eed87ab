import type { DomainEvent } from '../../common/events/domain-events';

/** A published run's attendees: each is to be invited to their seminar, in the publishing transaction. */
export interface InvitationsProposed extends DomainEvent {
  type: 'matching.invitations_proposed';
  runId: string;
  actorId: string;
  invitations: { seminarId: string; personId: string }[];
}
