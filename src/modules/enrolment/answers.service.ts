import { Injectable } from '@nestjs/common';
import { hasRole, type Asker, type Principal } from '../../common/auth/principal';
import { UnauthenticatedError } from '../../common/errors/domain-error';
import { FacilitatorsService } from '../seminars/facilitators.service';
import { SeminarRepository } from '../seminars/seminar.repository';
import { SeminarsService } from '../seminars/seminars.service';
import { AnswerLinks } from './answer-links';
import { EnrolmentInvitationDto, toEnrolmentResponse } from './enrolment.dto';
import { enrolmentNotFound } from './enrolment.errors';
import { EnrolmentRepository } from './enrolment.repository';
import { SeatsService } from './seats.service';

/**
 * Who answers an invitation: the signed-in person it is for (or the office), or whoever holds the
 * token of the link it was mailed with, for that invitation alone.
 */
@Injectable()
export class AnswersService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly seminars: SeminarRepository,
    private readonly seminarViews: SeminarsService,
    private readonly facilitators: FacilitatorsService,
    private readonly links: AnswerLinks,
    private readonly seats: SeatsService,
  ) {}

  /** The principal to act as on enrolment `id`; a signed-in person's own checks stay the service's. */
  async enrolmentActor(asker: Asker, id: string): Promise<Principal> {
    return asker.principal ?? (await this.resolve(asker, id)).actor;
  }

  async invitation(asker: Asker, id: string): Promise<EnrolmentInvitationDto> {
    const { actor, enrolment, seminar } = await this.resolve(asker, id);
    if (!enrolment || !seminar || !(enrolment.personId === actor.personId || hasRole(actor, 'office'))) {
      throw enrolmentNotFound();
    }
    const [row, detail, facilitators] = await Promise.all([
      this.enrolments.rowById(id),
      this.seminarViews.detail(seminar),
      this.facilitators.view(seminar),
    ]);
    const { scheduleHistory: _history, ...summary } = detail;
    return { enrolment: toEnrolmentResponse(row), seminar: summary, facilitators: facilitators.items };
  }

  /** The actor, with the enrolment and its seminar read once for both the token's check and the answer. */
  private async resolve(asker: Asker, id: string) {
    if (!asker.principal && !asker.linkToken) throw new UnauthenticatedError();
    const enrolment = await this.enrolments.findById(id);
    const seminar = enrolment ? await this.seminars.findById(enrolment.seminarId) : null;
    const actor =
      asker.principal ?? this.links.enrolmentActor(asker.linkToken!, enrolment, seminar, this.seats.today());
    return { actor, enrolment, seminar };
  }
}
