import type { MyEnrolmentDto } from './seminars.dto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { ForbiddenError } from '../../common/errors/domain-error';
import { hasRole, type Principal } from '../../common/auth/principal';
import type { Language } from '../../common/i18n/text';
import { message } from '../../common/i18n/messages';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import { networkNotFound } from '../directory/directory.errors';
import { NetworkRepository } from '../directory/network.repository';
import { TopicRepository } from '../topics/topic.repository';
import { topicNotFound } from '../topics/topics.errors';
import { ConflictsService } from './conflicts.service';
import { FacilitationRepository } from './facilitation.repository';
import { ParticipantsRepository } from './participants.repository';
import { PLANNING_STATUSES, SeminarPlanning } from './seminar-planning';
import { Seminar } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import {
  toScheduleChangeResponse,
  toSeminarResponse,
  type CreateSeminarDto,
  type MySeminarResponseDto,
  type SeminarDetailResponseDto,
  type SeminarResponseDto,
  type UpdateSeminarDto,
} from './seminars.dto';
import { type ConflictsResponseDto } from './conflicts.dto';
import { type MySeminarListQueryDto, type SeminarListQueryDto } from './seminar-list.dto';
import {
  localizeConflict,
  seminarNotEditable,
  seminarNotFound,
  venueNotFound,
  seminarRuleBroken,
  capacityBelowEnrolled,
  seminarNotDraft,
  venueRequired,
} from './seminars.errors';
import { VenueRepository } from './venue.repository';

@Injectable()
export class SeminarsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seminars: SeminarRepository,
    private readonly topics: TopicRepository,
    private readonly networks: NetworkRepository,
    private readonly venues: VenueRepository,
    private readonly facilitations: FacilitationRepository,
    private readonly participants: ParticipantsRepository,
    private readonly conflicts: ConflictsService,
    private readonly planning: SeminarPlanning,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: SeminarListQueryDto): Promise<Page<SeminarResponseDto>> {
    const office = hasRole(principal, 'office');
    if (query.personId && !office && query.personId !== principal.personId) {
      throw new ForbiddenError(message('seminars.onlyOfficeLooksUp'));
    }
    const [rows, total] = await this.seminars.search(query, { viewerId: principal.personId, seesAllDrafts: office });
    return pageOf(rows, total, query, (seminar) => toSeminarResponse(seminar, this.planning.timeZone));
  }

  /** What the caller facilitates or attends (or is invited to, or waits for). */
  async listMine(principal: Principal, query: MySeminarListQueryDto): Promise<Page<MySeminarResponseDto>> {
    const [rows, total] = await this.seminars.search(query, {
      viewerId: principal.personId,
      seesAllDrafts: false,
      participantId: principal.personId,
    });
    const facilitated = new Set(
      await this.facilitations.seminarIdsOf(
        principal.personId,
        rows.map((row) => row.id),
      ),
    );
    const enrolments = await this.seminars.enrolmentsOf(
      principal.personId,
      rows.map((row) => row.id),
    );
    return pageOf(rows, total, query, (seminar) => ({
      ...toSeminarResponse(seminar, this.planning.timeZone),
      myRole: facilitated.has(seminar.id) ? 'facilitator' : 'attendee',
      myEnrolment: (enrolments.get(seminar.id) as MyEnrolmentDto | undefined) ?? null,
    }));
  }

  async get(principal: Principal, id: string): Promise<SeminarDetailResponseDto> {
    return this.detail(await this.planning.visibleSeminar(principal, id));
  }

  /** The seminar as the office sees it, with its schedule history. */
  async detail(seminar: Seminar): Promise<SeminarDetailResponseDto> {
    const history = await this.seminars.scheduleHistory(seminar.id);
    return {
      ...toSeminarResponse(seminar, this.planning.timeZone),
      scheduleHistory: history.map(toScheduleChangeResponse),
    };
  }

  async reload(id: string): Promise<SeminarDetailResponseDto> {
    return this.detail((await this.seminars.findById(id))!);
  }

  async create(actor: Principal, input: CreateSeminarDto): Promise<SeminarDetailResponseDto> {
    const id = await inTransaction(this.dataSource, async (manager) => {
      const topic = await this.topics.findById(input.topicId, manager);
      if (!topic) throw topicNotFound();
      if (!topic.active) {
        throw seminarRuleBroken(message('seminars.topicInactive'), [
          { field: 'topicId', message: message('seminars.chooseActiveTopic') },
        ]);
      }
      if (!(await this.networks.findById(input.networkId, manager))) throw networkNotFound();
      const venue = input.venueId ? await this.venues.findForBooking(input.venueId, manager) : null;
      if (input.venueId && !venue) throw venueNotFound();
      const capacity = input.capacity ?? Math.min(topic.defaultCapacity, venue?.capacity ?? Infinity);
      this.planning.checkCapacity(topic, capacity, venue, input.networkId);
      const days = await this.planning.layOut(manager, input.startDate, topic.dayCount, topic.hoursPerDay);
      const seminar = await this.seminars.save(
        manager.create(Seminar, {
          topicId: topic.id,
          networkId: input.networkId,
          venueId: venue?.id ?? null,
          title: input.title ?? topic.title,
          notes: input.notes ?? '',
          capacity,
          startDate: days[0].date,
          endDate: days[days.length - 1].date,
          status: 'draft',
        }),
        manager,
      );
      await this.seminars.insertDays(seminar.id, days, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.created',
        subjectType: 'seminar',
        subjectId: seminar.id,
      });
      return seminar.id;
    });
    return this.reload(id);
  }

  async update(actor: Principal, id: string, input: UpdateSeminarDto): Promise<SeminarDetailResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const seminar = await this.seminars.lockAndLoad(id, manager);
      if (!seminar) throw seminarNotFound();
      if (!PLANNING_STATUSES.includes(seminar.status)) throw seminarNotEditable(seminar.status);
      let venue = seminar.venue ?? null;
      if (input.venueId !== undefined && input.venueId !== seminar.venueId) {
        if (input.venueId === null) {
          if (seminar.status !== 'draft') throw venueRequired();
          venue = null;
        } else {
          venue = await this.venues.findForBooking(input.venueId, manager);
          if (!venue) throw venueNotFound();
          if (seminar.status !== 'draft') {
            await this.conflicts.assertBookable(manager, {
              seminarId: id,
              venueId: venue.id,
              venueName: venue.name,
              dates: (seminar.days ?? []).map((day) => day.date),
              facilitatorIds: [],
              attendeeIds: [],
            });
          }
        }
      }
      const capacity = input.capacity ?? seminar.capacity;
      // Checked only when capacity or venue change: a topic whose minimum rose since must not
      // stop the office from editing the seminar's title or notes.
      if (capacity !== seminar.capacity || (venue?.id ?? null) !== seminar.venueId) {
        this.planning.checkCapacity(seminar.topic!, capacity, venue, seminar.networkId);
      }
      const taken = await this.participants.countSeatsTaken(id, manager);
      if (capacity < taken) {
        throw capacityBelowEnrolled(message('seminars.seatsAlreadyTakenHeld', { taken }), [
          { field: 'capacity', message: message('seminars.mustBeAtLeast', { taken }) },
        ]);
      }
      const shownInCalendars =
        (venue?.id ?? null) !== seminar.venueId ||
        (input.title ?? seminar.title) !== seminar.title ||
        (input.notes ?? seminar.notes) !== seminar.notes;
      Object.assign(seminar, {
        venueId: venue?.id ?? null,
        capacity,
        title: input.title ?? seminar.title,
        notes: input.notes ?? seminar.notes,
        revision: seminar.revision + (shownInCalendars ? 1 : 0),
      });
      await this.seminars.save(seminar, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.updated',
        subjectType: 'seminar',
        subjectId: id,
        details: { fields: Object.keys(input) },
      });
    });
    return this.reload(id);
  }

  remove(actor: Principal, id: string): Promise<void> {
    return inTransaction(this.dataSource, async (manager) => {
      const seminar = await this.seminars.lockAndLoad(id, manager);
      if (!seminar) throw seminarNotFound();
      if (seminar.status !== 'draft' || (await this.participants.countEnrolments(id, manager)) > 0) {
        throw seminarNotDraft(message('seminars.onlyDraftsWithoutEnrolments'));
      }
      await this.seminars.remove(id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.deleted',
        subjectType: 'seminar',
        subjectId: id,
        details: { title: seminar.title },
      });
    });
  }

  /**
   * Clashes of the seminar with others. A draft is compared with every plan, drafts included, as
   * warnings to settle before it opens; a seminar planned for real only with other real ones.
   */
  async conflictsOf(principal: Principal, id: string, language: Language): Promise<ConflictsResponseDto> {
    const seminar = await this.planning.visibleSeminar(principal, id);
    const manager = this.dataSource.manager;
    const draft = seminar.status === 'draft';
    const found = await this.conflicts.find(
      manager,
      {
        seminarId: id,
        venueId: seminar.venueId,
        venueName: seminar.venue?.name ?? null,
        dates: (seminar.days ?? []).map((day) => day.date),
        facilitatorIds: await this.facilitations.personIds(id, manager),
        attendeeIds: await this.participants.attendeeIds(id, manager),
      },
      draft ? 'all_plans' : 'booked_seminars',
    );
    return {
      comparedWith: draft ? 'all_plans' : 'booked_seminars',
      items: found.map((conflict) => localizeConflict(conflict, language)),
    };
  }
}
