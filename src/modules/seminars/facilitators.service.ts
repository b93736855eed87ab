import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { message } from '../../common/i18n/messages';
import { inTransaction } from '../../database/transaction';
import { toSpecialtyResponse } from '../directory/specialties.dto';
import { personNotFound } from '../directory/directory.errors';
import { PersonRepository } from '../identity/person.repository';
import { ConflictsService } from './conflicts.service';
import { coverageOf } from './coverage';
import { FacilitationRepository, type FacilitatorRow } from './facilitation.repository';
import { ParticipantsRepository } from './participants.repository';
import { PLANNING_STATUSES, SeminarPlanning } from './seminar-planning';
import type { Seminar } from './seminar.entity';
import { SeminarRepository } from './seminar.repository';
import type { AddFacilitatorDto, FacilitatorResponseDto, FacilitatorsResponseDto } from './facilitators.dto';
import {
  seminarNotEditable,
  seminarNotFound,
  facilitationNotFound,
  notAFacilitator,
  seminarRuleBroken,
  facilitatorAlreadyAdded,
} from './seminars.errors';

function toFacilitatorResponse(row: FacilitatorRow): FacilitatorResponseDto {
  return {
    personId: row.personId,
    fullName: row.fullName,
    lead: row.lead,
    specialty: row.specialtyId
      ? toSpecialtyResponse({
          id: row.specialtyId,
          code: row.specialtyCode!,
          nameEs: row.specialtyNameEs!,
          nameEn: row.specialtyNameEn!,
        })
      : null,
    unitId: row.unitId,
    unitName: row.unitName,
  };
}

/** Who facilitates a seminar, against what its topic requires. */
@Injectable()
export class FacilitatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seminars: SeminarRepository,
    private readonly facilitations: FacilitationRepository,
    private readonly participants: ParticipantsRepository,
    private readonly people: PersonRepository,
    private readonly conflicts: ConflictsService,
    private readonly planning: SeminarPlanning,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, id: string): Promise<FacilitatorsResponseDto> {
    return this.view(await this.planning.visibleSeminar(principal, id));
  }

  /**
   * Adds a specialist. Once the seminar is planned for real the addition is refused if it would
   * double-book them or take them past the monthly limit; on a draft those are warnings to settle
   * before it opens.
   */
  async add(actor: Principal, id: string, input: AddFacilitatorDto): Promise<FacilitatorsResponseDto> {
    await inTransaction(
      this.dataSource,
      async (manager) => {
        const seminar = await this.lockPlannable(manager, id);
        const person = await this.people.findById(input.personId, manager);
        if (!person) throw personNotFound();
        const problem = !person.active
          ? message('seminars.facilitators.personSAccountDeactivated')
          : !person.roles.includes('facilitator')
            ? message('seminars.facilitators.personDoesNotHave')
            : !person.specialtyId
              ? message('seminars.facilitators.recordPersonSSpecialty')
              : null;
        if (problem) throw notAFacilitator(problem, [{ field: 'personId', message: problem }]);
        const enrolment = await this.participants.enrolmentStatus(id, person.id, manager);
        if (enrolment && !['declined', 'withdrawn'].includes(enrolment)) {
          throw seminarRuleBroken(
            message('seminars.facilitators.enrolledAsAttendeeSeminar', { fullName: person.fullName }),
            [{ field: 'personId', message: message('seminars.facilitators.alreadyAttendee') }],
          );
        }
        if (seminar.status !== 'draft') {
          await this.conflicts.assertBookable(manager, {
            seminarId: id,
            venueId: null,
            venueName: null,
            dates: (seminar.days ?? []).map((day) => day.date),
            facilitatorIds: [person.id],
            attendeeIds: [],
          });
        }
        await this.facilitations.add(id, person.id, input.lead ?? false, manager);
        await this.audit.record(manager, {
          actorId: actor.personId,
          action: 'seminar.facilitator_added',
          subjectType: 'seminar',
          subjectId: id,
          details: { personId: person.id, lead: input.lead ?? false },
        });
      },
      {
        unique: {
          facilitation_person_unique: () =>
            facilitatorAlreadyAdded(message('seminars.facilitators.personAlreadyFacilitatesSeminar'), [
              { field: 'personId', message: message('seminars.facilitators.alreadyListed') },
            ]),
        },
      },
    );
    return this.view((await this.seminars.findById(id))!);
  }

  async setLead(actor: Principal, id: string, personId: string, lead: boolean): Promise<FacilitatorsResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.lockPlannable(manager, id);
      if (!(await this.facilitations.find(id, personId, manager))) throw facilitationNotFound();
      await this.facilitations.setLead(id, personId, lead, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.facilitator_updated',
        subjectType: 'seminar',
        subjectId: id,
        details: { personId, lead },
      });
    });
    return this.view((await this.seminars.findById(id))!);
  }

  /** Removes a facilitator; the agenda blocks they were responsible for are left without one. */
  async remove(actor: Principal, id: string, personId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.lockPlannable(manager, id);
      if (!(await this.facilitations.find(id, personId, manager))) throw facilitationNotFound();
      const unassigned = await this.seminars.unassignBlocks(id, personId, manager);
      await this.facilitations.remove(id, personId, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'seminar.facilitator_removed',
        subjectType: 'seminar',
        subjectId: id,
        details: { personId, agendaBlocksUnassigned: unassigned },
      });
    });
  }

  private async lockPlannable(manager: EntityManager, id: string): Promise<Seminar> {
    const seminar = await this.seminars.lockAndLoad(id, manager);
    if (!seminar) throw seminarNotFound();
    if (!PLANNING_STATUSES.includes(seminar.status)) throw seminarNotEditable(seminar.status);
    return seminar;
  }

  /** The seminar's facilitators and its coverage, for a seminar the caller may see. */
  async view(seminar: Seminar): Promise<FacilitatorsResponseDto> {
    const rows = await this.facilitations.listForSeminar(seminar.id);
    const coverage = coverageOf(seminar.topic!, rows);
    return { items: rows.map(toFacilitatorResponse), coverage, covered: coverage.every((line) => line.missing === 0) };
  }
}
