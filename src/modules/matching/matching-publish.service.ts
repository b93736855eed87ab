import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { DomainEvents } from '../../common/events/domain-events';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { BookingRepository } from '../seminars/booking.repository';
import { ConflictsService } from '../seminars/conflicts.service';
import { ruleViolations } from './engine/checker';
import { MatchingInputService } from './matching-input.service';
import { FacilitationRepository } from '../seminars/facilitation.repository';
import type { InvitationsProposed } from './matching-events';
import { MatchingInputRepository } from './matching-input.repository';
import { MatchingRunRepository } from './matching-run.repository';
import type { PublishResultDto } from './run-comparison.dto';
import {
  RunConflictsError,
  RunStaleError,
  runAlreadyPublished,
  runFailed,
  runNotFinished,
  runNotFound,
} from './matching.errors';
import { toRunSummary } from './run-detail.dto';

/**
 * Turns a run's proposals into facilitator assignments and invitations, all in one transaction,
 * and only if nothing the run read about its seminars has changed since.
 */
@Injectable()
export class MatchingPublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: MatchingRunRepository,
    private readonly input: MatchingInputRepository,
    private readonly builder: MatchingInputService,
    private readonly facilitations: FacilitationRepository,
    private readonly bookings: BookingRepository,
    private readonly conflicts: ConflictsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(actor: Principal, runId: string): Promise<PublishResultDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const run = await this.runs.lock(runId, manager);
      if (!run) throw runNotFound();
      if (run.status === 'published') throw runAlreadyPublished();
      if (run.status === 'failed') throw runFailed();
      if (run.status !== 'succeeded' || !run.result || !run.fingerprints) throw runNotFinished();

      // Seminar rows first, in one order, so a concurrent change to them waits or is seen; then the
      // booking locks of everyone proposed, all at once and in one global order, so that two
      // publishes (or a publish and any other booking) never wait on each other in a cycle.
      await manager.query('SELECT id FROM seminar WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [run.seminarIds]);
      const people = run.result.proposals.flatMap((p) => [
        ...p.facilitators.map((f) => f.personId),
        ...p.attendees.map((a) => a.personId),
      ]);
      await this.bookings.lock({ personIds: [...new Set(people)] }, manager);
      const seminars = await this.input.seminarsInScope({ seminarIds: run.seminarIds }, manager);
      const now = await this.input.fingerprints(run.seminarIds, manager);
      const changed = seminars
        .filter((s) => now[s.id] !== run.fingerprints![s.id])
        .map((s) => ({ id: s.id, title: s.title }));
      const present = new Set(seminars.map((s) => s.id));
      const deleted = run.seminarIds.filter((id) => !present.has(id)).map((id) => ({ id, title: id }));
      if (changed.length + deleted.length > 0) throw new RunStaleError([...changed, ...deleted]);

      // People's calendars outside the run may have changed since (another run published, a draft
      // planned, someone deactivated or unavailable): the answer must still meet every rule today.
      const today = await this.builder.build(manager, seminars, run.settings);
      const broken = ruleViolations(today, run.result);
      if (broken.length > 0) throw new RunConflictsError(broken);

      const byId = new Map(seminars.map((s) => [s.id, s]));
      let facilitators = 0;
      const invitations: InvitationsProposed['invitations'] = [];
      for (const proposal of run.result.proposals) {
        const seminar = byId.get(proposal.seminarId)!;
        const facilitatorIds = proposal.facilitators.map((f) => f.personId);
        const attendeeIds = proposal.attendees.map((a) => a.personId);
        if (facilitatorIds.length + attendeeIds.length === 0) continue;
        // Calendars outside the run may have changed: the booking locks and checks settle that here.
        await this.conflicts.assertBookable(manager, {
          seminarId: seminar.id,
          venueId: null,
          venueName: null,
          dates: seminar.dates,
          facilitatorIds,
          attendeeIds,
        });
        for (const personId of facilitatorIds) {
          await this.facilitations.add(seminar.id, personId, false, manager);
          await this.audit.record(manager, {
            actorId: actor.personId,
            action: 'seminar.facilitator_added',
            subjectType: 'seminar',
            subjectId: seminar.id,
            details: { personId, lead: false, matchingRunId: run.id },
          });
        }
        facilitators += facilitatorIds.length;
        invitations.push(...attendeeIds.map((personId) => ({ seminarId: seminar.id, personId })));
      }
      await this.events.publish<InvitationsProposed>(manager, {
        type: 'matching.invitations_proposed',
        runId: run.id,
        actorId: actor.personId,
        invitations,
      });
      const publishedAt = this.clock.now();
      await this.runs.update(run.id, { status: 'published', publishedAt, publishedById: actor.personId }, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'matching_run.published',
        subjectType: 'matching_run',
        subjectId: run.id,
        details: { facilitators, invitations: invitations.length },
      });
      return {
        run: toRunSummary({ ...run, status: 'published', publishedAt, publishedById: actor.personId }),
        facilitators,
        invitations: invitations.length,
      };
    });
  }
}
