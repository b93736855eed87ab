import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { offsetOf, pageOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import { ConflictsService } from '../seminars/conflicts.service';
import { holdsSeat } from '../seminars/seat-holding';
import { type Enrolment } from './enrolment.entity';
import { EnrolmentListQueryDto, EnrolmentResponseDto, toEnrolmentResponse } from './enrolment.dto';
import {
  alreadyEnrolled,
  enrolmentNotFound,
  facilitatesSeminar,
  invitationClosed,
  invitationLapsed,
  notAnAttendee,
  notYetAccepted,
  seatAlreadyAccepted,
  selfRequestsNotAllowed,
  seminarNotOpenForEnrolment,
  topicAlreadyTaken,
  withdrawalReasonRequired,
} from './enrolment.errors';
import { EnrolmentRepository, type PersonCard } from './enrolment.repository';
import { SeatsService } from './seats.service';
import { SeminarRepository } from '../seminars/seminar.repository';
import { seminarNotFound } from '../seminars/seminars.errors';
import type { Seminar } from '../seminars/seminar.entity';
import { message } from '../../common/i18n/messages';

export type EnrolmentAction = 'accept' | 'decline' | 'withdraw';

/** Invitations, requests for a place, and an attendee's answers. */
@Injectable()
export class EnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly seminars: SeminarRepository,
    private readonly seats: SeatsService,
    private readonly conflicts: ConflictsService,
  ) {}

  /** The office invites attendees by hand; all or nothing. */
  async invite(actor: Principal, seminarId: string, personIds: string[]): Promise<EnrolmentResponseDto[]> {
    const ids = await inTransaction(
      this.dataSource,
      async (manager) => {
        const seminar = await this.seats.lockSeminar(manager, seminarId);
        this.seats.assertEnrolling(seminar);
        return (await this.seats.invite(manager, seminar, personIds, 'office', actor.personId)).map((e) => e.id);
      },
      { unique: { enrolment_person_unique: () => alreadyEnrolled() } },
    );
    return Promise.all(ids.map(async (id) => toEnrolmentResponse(await this.enrolments.rowById(id))));
  }

  /** An attendee asks for a place in an open seminar whose topic allows it. */
  async requestPlace(actor: Principal, seminarId: string): Promise<EnrolmentResponseDto> {
    const id = await inTransaction(
      this.dataSource,
      async (manager) => {
        const seminar = await this.seats.lockSeminar(manager, seminarId);
        if (seminar.status !== 'open') throw seminarNotOpenForEnrolment();
        if (!seminar.topic!.allowSelfRequests) throw selfRequestsNotAllowed();
        const [person] = await this.enrolments.peopleByIds([actor.personId], manager);
        if (!person?.active || !person.roles.includes('attendee')) throw notAnAttendee([]);
        if ((await this.enrolments.facilitatorsAmong(seminar.id, [person.id], manager)).length > 0) {
          throw facilitatesSeminar([{ field: 'seminarId', message: message('enrolment.youFacilitateSeminar') }]);
        }
        const existing = await this.enrolments.findForPerson(seminar.id, person.id, manager);
        if (existing && !['declined', 'withdrawn'].includes(existing.status)) throw alreadyEnrolled();
        await this.assertCanAttend(manager, seminar, person);
        const enrolment = existing ?? this.enrolments.create({ seminarId: seminar.id, personId: person.id }, manager);
        Object.assign(enrolment, {
          source: existing?.source ?? 'request',
          reason: null,
          endedBy: null,
          promotedAt: null,
          respondBy: null,
        });
        await this.seats.takeSeat(manager, seminar, enrolment, person);
        return enrolment.id;
      },
      { unique: { enrolment_person_unique: () => alreadyEnrolled() } },
    );
    return toEnrolmentResponse(await this.enrolments.rowById(id));
  }

  /**
   * The attendee's answer. Accepting again, declining again or withdrawing again changes nothing
   * and answers with the enrolment as it is. The office may decline or withdraw for someone.
   */
  async respond(actor: Principal, id: string, action: EnrolmentAction, reason?: string): Promise<EnrolmentResponseDto> {
    const found = await this.enrolments.findById(id);
    const own = found?.personId === actor.personId;
    if (!found || !(own || (action !== 'accept' && hasRole(actor, 'office')))) throw enrolmentNotFound();
    await inTransaction(this.dataSource, async (manager) => {
      const seminar = await this.seats.lockSeminar(manager, found.seminarId);
      const enrolment = (await this.enrolments.lock(id, manager))!;
      this.seats.assertEnrolling(seminar);
      const endedBy = own ? 'attendee' : 'office';
      if (action === 'accept') return this.accept(manager, seminar, enrolment);
      if (action === 'decline') {
        if (enrolment.status === 'declined') return;
        if (enrolment.status === 'withdrawn') throw invitationClosed();
        if (enrolment.status !== 'invited') throw seatAlreadyAccepted();
        return this.seats.leave(manager, seminar, enrolment, {
          status: 'declined',
          endedBy,
          reason: reason ?? null,
          actorId: actor.personId,
        });
      }
      if (enrolment.status === 'withdrawn') return;
      if (enrolment.status === 'declined') throw invitationClosed();
      if (enrolment.status === 'invited') throw notYetAccepted();
      if (seminar.status === 'confirmed' && holdsSeat(enrolment.status) && !reason) throw withdrawalReasonRequired();
      return this.seats.leave(manager, seminar, enrolment, {
        status: 'withdrawn',
        endedBy,
        reason: reason ?? null,
        actorId: actor.personId,
      });
    });
    return toEnrolmentResponse(await this.enrolments.rowById(id));
  }

  private async accept(manager: EntityManager, seminar: Seminar, enrolment: Enrolment): Promise<void> {
    if (enrolment.status === 'declined' || enrolment.status === 'withdrawn') throw invitationClosed();
    if (enrolment.status !== 'invited') return;
    if (enrolment.respondBy! < this.seats.today()) throw invitationLapsed();
    const [person] = await this.enrolments.peopleByIds([enrolment.personId], manager);
    await this.assertCanAttend(manager, seminar, person);
    await this.seats.takeSeat(manager, seminar, enrolment, person);
  }

  /** Nobody takes a topic twice or sits in two seminars on the same day. */
  private async assertCanAttend(manager: EntityManager, seminar: Seminar, person: PersonCard): Promise<void> {
    if (await this.enrolments.holdsTopic(person.id, seminar.topicId, seminar.id, manager)) throw topicAlreadyTaken();
    const dates = (seminar.days ?? []).map((day) => day.date);
    await this.conflicts.assertBookable(manager, {
      seminarId: seminar.id,
      venueId: null,
      venueName: null,
      dates,
      facilitatorIds: [],
      attendeeIds: [person.id],
    });
  }

  async listMine(actor: Principal, query: EnrolmentListQueryDto): Promise<Page<EnrolmentResponseDto>> {
    const [rows, total] = await this.enrolments.listForPerson(actor.personId, {
      status: query.status,
      ...offsetOf(query),
    });
    return pageOf(rows, total, query, toEnrolmentResponse);
  }

  /** The office, and the seminar's facilitators, see who is enrolled and waiting. */
  async listForSeminar(
    actor: Principal,
    seminarId: string,
    query: EnrolmentListQueryDto,
  ): Promise<Page<EnrolmentResponseDto>> {
    if (!(await this.seminars.exists(seminarId))) throw seminarNotFound();
    if (
      !hasRole(actor, 'office') &&
      (await this.enrolments.facilitatorsAmong(seminarId, [actor.personId], this.dataSource.manager)).length === 0
    )
      throw seminarNotFound();
    const [rows, total] = await this.enrolments.listForSeminar(seminarId, { status: query.status, ...offsetOf(query) });
    return pageOf(rows, total, query, toEnrolmentResponse);
  }
}
