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
    if (asker.principal) return asker.principal;
    if (!asker.linkToken) throw new UnauthenticatedError();
    const enrolment = await this.enrolments.findById(id);
    const seminar = enrolment ? await this.seminars.findById(enrolment.seminarId) : null;
    return this.links.enrolmentActor(asker.linkToken, enrolment, seminar, this.seats.today());
  }

  async invitation(asker: Asker, id: string): Promise<EnrolmentInvitationDto> {
    const actor = await this.enrolmentActor(asker, id);
    const enrolment = await this.enrolments.findById(id);
    if (!enrolment || !(enrolment.personId === actor.personId || hasRole(actor, 'office'))) throw enrolmentNotFound();
    const seminar = (await this.seminars.findById(enrolment.seminarId))!;
    const [row, detail, facilitators] = await Promise.all([
      this.enrolments.rowById(id),
      this.seminarViews.detail(seminar),
      this.facilitators.view(seminar),
    ]);
    const { scheduleHistory: _history, ...summary } = detail;
    return { enrolment: toEnrolmentResponse(row), seminar: summary, facilitators: facilitators.items };
  }
}
