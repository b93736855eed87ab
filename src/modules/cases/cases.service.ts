import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { inTransaction } from '../../database/transaction';
import { seminarNotFound } from '../seminars/seminars.errors';
import { CaseRepository } from './case.repository';
import type { ClinicalCase } from './clinical-case.entity';
import {
  CaseLibraryQueryDto,
  CaseResponseDto,
  CaseVersionDto,
  CreateCaseDto,
  toCaseResponse,
  toCaseVersionDto,
  UpdateCaseDto,
} from './cases.dto';
import { agendaBlockNotFound, caseNotEditable, caseNotFound, reuseNotAllowed, specialtyNotFound } from './cases.errors';

import { CaseAccessService } from './case-access.service';

/** Clinical cases: writing, reuse from the library, versions, and what each caller may read. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly access: CaseAccessService,
  ) {}

  async create(actor: Principal, seminarId: string, input: CreateCaseDto): Promise<CaseResponseDto> {
    const id = await inTransaction(this.dataSource, async (manager) => {
      const access = await this.access.seminarFor(actor, seminarId, manager);
      if (!hasRole(actor, 'office') && !access.facilitator) throw seminarNotFound();
      this.access.assertPreparing(access);
      await this.checkReferences(manager, seminarId, input);
      const c = await this.cases.save(
        this.cases.create(
          {
            seminarId,
            topicId: access.topicId,
            authorId: actor.personId,
            status: 'draft',
            version: 1,
            title: input.title,
            summary: input.summary,
            learningObjectives: input.learningObjectives ?? [],
            discussionQuestions: input.discussionQuestions ?? [],
            specialtyId: input.specialtyId ?? null,
            agendaBlockId: input.agendaBlockId ?? null,
          },
          manager,
        ),
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.created',
        subjectType: 'case',
        subjectId: c.id,
        details: { seminarId },
      });
      return c.id;
    });
    return this.get(actor, id);
  }

  /** Copies an approved case of the same topic into this seminar, approved, with its files. */
  async reuse(actor: Principal, seminarId: string, sourceId: string): Promise<CaseResponseDto> {
    const id = await inTransaction(this.dataSource, async (manager) => {
      const access = await this.access.seminarFor(actor, seminarId, manager);
      if (!hasRole(actor, 'office') && !access.facilitator) throw seminarNotFound();
      this.access.assertPreparing(access);
      const source = await this.cases.findById(sourceId, manager);
      if (!source) throw caseNotFound();
      if (!['approved', 'published'].includes(source.status) || source.topicId !== access.topicId)
        throw reuseNotAllowed();
      const copy = await this.cases.save(
        this.cases.create(
          {
            seminarId,
            topicId: source.topicId,
            authorId: actor.personId,
            status: 'approved',
            version: 1,
            title: source.title,
            summary: source.summary,
            learningObjectives: source.learningObjectives,
            discussionQuestions: source.discussionQuestions,
            specialtyId: source.specialtyId,
            agendaBlockId: null,
            sourceCaseId: source.id,
          },
          manager,
        ),
        manager,
      );
      // Stored files never change, so the copy refers to the same ones.
      for (const a of await this.cases.attachments([source.id], manager)) {
        const { id: _id, caseId: _caseId, createdAt: _createdAt, ...file } = a;
        await this.cases.saveAttachment({ ...file, caseId: copy.id }, manager);
      }
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.reused',
        subjectType: 'case',
        subjectId: copy.id,
        details: { seminarId, sourceCaseId: source.id },
      });
      return copy.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Principal, id: string): Promise<CaseResponseDto> {
    const { c, manages } = await this.access.inContext(actor, id);
    return toCaseResponse(
      c,
      await this.cases.attachments([c.id], this.dataSource.manager),
      manages ? await this.cases.reviews(c.id) : [],
    );
  }

  /** The seminar's cases as the caller may see them: all for those who prepare it, published ones for its attendees in time. */
  async listForSeminar(actor: Principal, seminarId: string): Promise<CaseResponseDto[]> {
    const access = await this.access.seminarFor(actor, seminarId);
    const manages = hasRole(actor, 'office') || access.facilitator;
    if (!manages && !access.confirmedAttendee) throw seminarNotFound();
    if (!manages && !this.access.attendeeMaySee(access)) return [];
    const rows = await this.cases.listForSeminar(seminarId, !manages);
    const attachments = await this.cases.attachments(
      rows.map((c) => c.id),
      this.dataSource.manager,
    );
    return rows.map((c) =>
      toCaseResponse(
        c,
        attachments.filter((a) => a.caseId === c.id),
        [],
      ),
    );
  }

  /**
   * Edits a case. A case under review cannot change; one approved or published keeps its approved
   * text as a version and becomes a new draft to review again.
   */
  async update(actor: Principal, id: string, input: UpdateCaseDto): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await this.lockEditable(manager, actor, id);
      await this.checkReferences(manager, locked.seminarId, input);
      const changes: Partial<ClinicalCase> = {};
      for (const key of [
        'title',
        'summary',
        'learningObjectives',
        'discussionQuestions',
        'specialtyId',
        'agendaBlockId',
      ] as const) {
        if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
      }
      await this.applyEdit(manager, actor, locked, changes, { action: 'case.updated', details: {} });
    });
    return this.get(actor, id);
  }

  /** Locks a case its actor manages for an edit: not while under review, nor once the seminar is over. */
  async lockEditable(manager: EntityManager, actor: Principal, id: string): Promise<ClinicalCase> {
    const { c, access, manages } = await this.access.inContext(actor, id, manager);
    if (!manages) throw caseNotFound();
    const locked = (await this.cases.lock(c.id, manager))!;
    this.access.assertPreparing(access);
    if (locked.status === 'submitted') throw caseNotEditable();
    return locked;
  }

  /**
   * Writes an edit to a locked case that may be edited: an approved or published case keeps its
   * approved text as a version and becomes the next draft.
   */
  async applyEdit(
    manager: EntityManager,
    actor: Principal,
    locked: ClinicalCase,
    changes: Partial<ClinicalCase>,
    audit: { action: string; details: Record<string, unknown> },
  ): Promise<void> {
    if (locked.status === 'approved' || locked.status === 'published') {
      await this.cases.addVersion(locked, manager);
      Object.assign(locked, { version: locked.version + 1, status: 'draft', publishedAt: null });
    }
    Object.assign(locked, changes);
    await this.cases.save(locked, manager);
    await this.audit.record(manager, {
      actorId: actor.personId,
      action: audit.action,
      subjectType: 'case',
      subjectId: locked.id,
      details: { ...audit.details, version: locked.version },
    });
  }

  async versions(actor: Principal, id: string): Promise<CaseVersionDto[]> {
    const { c, manages } = await this.access.inContext(actor, id);
    if (!manages) throw caseNotFound();
    return (await this.cases.versions(c.id)).map(toCaseVersionDto);
  }

  /** Approved cases to reuse, for the office and facilitators. */
  async library(query: CaseLibraryQueryDto): Promise<Page<CaseResponseDto>> {
    const [rows, total] = await this.cases.library({ topicId: query.topic, q: query.q?.trim() || undefined }, query);
    return pageOf(rows, total, query, (c) => toCaseResponse(c, c.attachments, []));
  }

  private async checkReferences(manager: EntityManager, seminarId: string, input: UpdateCaseDto): Promise<void> {
    if (input.specialtyId && !(await this.cases.specialtyExists(input.specialtyId, manager))) throw specialtyNotFound();
    if (input.agendaBlockId && !(await this.cases.agendaBlockInSeminar(input.agendaBlockId, seminarId, manager)))
      throw agendaBlockNotFound();
  }
}
