import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import { text } from '../../common/i18n/text';
import { pageOf, type Page } from '../../common/pagination/pagination';
import { addDays, todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { ACTIVE_STATUSES } from '../seminars/seminar.entity';
import { seminarNotFound } from '../seminars/seminars.errors';
import { CaseRepository, type SeminarAccess } from './case.repository';
import {
  CaseLibraryQueryDto,
  CaseResponseDto,
  CaseVersionDto,
  CreateCaseDto,
  ReviewCaseDto,
  toCaseResponse,
  toCaseVersionDto,
  UpdateCaseDto,
  WaiveFindingDto,
} from './cases.dto';
import {
  agendaBlockNotFound,
  caseNotEditable,
  caseNotFound,
  caseStatusConflict,
  findingNotFound,
  IdentifiersFoundError,
  notAReviewer,
  ownCaseReview,
  reuseNotAllowed,
  specialtyNotFound,
  type CaseFinding,
} from './cases.errors';
import type { ClinicalCase } from './clinical-case.entity';
import { fingerprintOf, scanText } from './deidentification/scanner';

/** A case and what the caller may do with it. */
export interface CaseInContext {
  c: ClinicalCase;
  access: SeminarAccess;
  /** Office, the seminar's facilitators and the author: every state, reviews and versions. */
  manages: boolean;
}

/**
 * Clinical cases: writing, the de-identification guard on submission, review, versions,
 * publication to the seminar's confirmed attendees, and the library of approved cases.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** Loads a case as the caller may see it; 404 for anything they may not. */
  async inContext(actor: Principal, id: string, manager?: EntityManager): Promise<CaseInContext> {
    const c = await this.cases.findById(id, manager);
    if (!c) throw caseNotFound();
    const access = (await this.cases.seminarAccess(c.seminarId, actor.personId, manager))!;
    const manages = hasRole(actor, 'office') || access.facilitator || c.authorId === actor.personId;
    if (!manages && !(c.status === 'published' && this.attendeeMaySee(access))) throw caseNotFound();
    return { c, access, manages };
  }

  private attendeeMaySee(access: SeminarAccess): boolean {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    return access.confirmedAttendee && today >= addDays(access.firstDay, -this.config.get('cases').attendeeLeadDays);
  }

  private async seminarFor(actor: Principal, seminarId: string, manager?: EntityManager): Promise<SeminarAccess> {
    const access = await this.cases.seminarAccess(seminarId, actor.personId, manager);
    if (!access) throw seminarNotFound();
    return access;
  }

  async create(actor: Principal, seminarId: string, input: CreateCaseDto): Promise<CaseResponseDto> {
    const id = await inTransaction(this.dataSource, async (manager) => {
      const access = await this.seminarFor(actor, seminarId, manager);
      if (!hasRole(actor, 'office') && !access.facilitator) throw seminarNotFound();
      this.assertPreparing(access);
      await this.checkReferences(manager, seminarId, input);
      const c = await this.cases.save(
        manager,
        this.cases.create(manager, {
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
        }),
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
      const access = await this.seminarFor(actor, seminarId, manager);
      if (!hasRole(actor, 'office') && !access.facilitator) throw seminarNotFound();
      this.assertPreparing(access);
      const source = await this.cases.findById(sourceId, manager);
      if (!source) throw caseNotFound();
      if (!['approved', 'published'].includes(source.status) || source.topicId !== access.topicId)
        throw reuseNotAllowed();
      const copy = await this.cases.save(
        manager,
        this.cases.create(manager, {
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
        }),
      );
      // Stored files never change, so the copy refers to the same ones.
      for (const a of await this.cases.attachments([source.id], manager)) {
        const { id: _id, caseId: _caseId, createdAt: _createdAt, ...file } = a;
        await this.cases.saveAttachment(manager, { ...file, caseId: copy.id });
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
    const { c, manages } = await this.inContext(actor, id);
    return toCaseResponse(c, await this.cases.attachments([c.id]), manages ? await this.cases.reviews(c.id) : []);
  }

  /** The seminar's cases as the caller may see them: all for those who prepare it, published ones for its attendees in time. */
  async listForSeminar(actor: Principal, seminarId: string): Promise<CaseResponseDto[]> {
    const access = await this.seminarFor(actor, seminarId);
    const manages = hasRole(actor, 'office') || access.facilitator;
    if (!manages && !access.confirmedAttendee) throw seminarNotFound();
    if (!manages && !this.attendeeMaySee(access)) return [];
    const rows = await this.cases.listForSeminar(seminarId, !manages);
    const attachments = await this.cases.attachments(rows.map((c) => c.id));
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
      const { c, access, manages } = await this.inContext(actor, id, manager);
      if (!manages) throw caseNotFound();
      const locked = (await this.cases.lock(manager, c.id))!;
      this.assertPreparing(access);
      if (locked.status === 'submitted') throw caseNotEditable();
      await this.checkReferences(manager, locked.seminarId, input);
      if (locked.status === 'approved' || locked.status === 'published') {
        await this.cases.addVersion(manager, locked);
        Object.assign(locked, { version: locked.version + 1, status: 'draft', publishedAt: null });
      }
      for (const key of [
        'title',
        'summary',
        'learningObjectives',
        'discussionQuestions',
        'specialtyId',
        'agendaBlockId',
      ] as const) {
        if (input[key] !== undefined) (locked as unknown as Record<string, unknown>)[key] = input[key];
      }
      await this.cases.save(manager, locked);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.updated',
        subjectType: 'case',
        subjectId: id,
        details: { version: locked.version },
      });
    });
    return this.get(actor, id);
  }

  /** Sends a case to review, after the de-identification scan finds nothing left unconfirmed. */
  async submit(actor: Principal, id: string): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access, manages } = await this.inContext(actor, id, manager);
      if (!manages) throw caseNotFound();
      const locked = (await this.cases.lock(manager, c.id))!;
      this.assertPreparing(access);
      if (locked.status === 'submitted') return;
      if (locked.status !== 'draft' && locked.status !== 'changes_requested') {
        throw caseStatusConflict(
          text(
            'Solo se envían a revisión borradores o casos con cambios pedidos.',
            'Only drafts, or cases with changes requested, go to review.',
          ),
        );
      }
      const findings = await this.openFindings(manager, locked);
      if (findings.length > 0) throw new IdentifiersFoundError(findings);
      locked.status = 'submitted';
      await this.cases.save(manager, locked);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.submitted',
        subjectType: 'case',
        subjectId: id,
        details: { version: locked.version },
      });
    });
    return this.get(actor, id);
  }

  /** Records that a finding is not an identifier, with the reason; only its fingerprint is kept. */
  async waiveFinding(actor: Principal, id: string, input: WaiveFindingDto): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, manages } = await this.inContext(actor, id, manager);
      if (!manages) throw caseNotFound();
      const fieldText = (await this.fieldTexts(manager, c)).get(input.field);
      const finding =
        fieldText === undefined
          ? undefined
          : scanText(fieldText).find((f) => f.kind === input.kind && f.start === input.start && f.end === input.end);
      if (!finding) throw findingNotFound();
      await this.cases.addWaiver(manager, {
        caseId: c.id,
        field: input.field,
        kind: finding.kind,
        fingerprint: fingerprintOf(fieldText!, finding),
        reason: input.reason,
        confirmedById: actor.personId,
      });
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.finding_waived',
        subjectType: 'case',
        subjectId: id,
        reason: input.reason,
        details: { field: input.field, kind: finding.kind },
      });
    });
    return this.get(actor, id);
  }

  /** The office or the seminar's lead facilitator (not on their own case) approves or asks for changes. */
  async review(actor: Principal, id: string, input: ReviewCaseDto): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access } = await this.inContext(actor, id, manager);
      const office = hasRole(actor, 'office');
      if (!office && !access.lead) throw notAReviewer();
      if (!office && c.authorId === actor.personId) throw ownCaseReview();
      const locked = (await this.cases.lock(manager, c.id))!;
      const decision = input.decision === 'approve' ? 'approved' : 'changes_requested';
      if (locked.status === decision) return;
      if (locked.status !== 'submitted')
        throw caseStatusConflict(
          text('Solo se revisan casos enviados a revisión.', 'Only cases submitted for review are reviewed.'),
        );
      locked.status = decision;
      await this.cases.save(manager, locked);
      await this.cases.addReview(manager, {
        caseId: c.id,
        version: locked.version,
        reviewerId: actor.personId,
        decision,
        comment: input.comment ?? '',
      });
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: `case.${decision}`,
        subjectType: 'case',
        subjectId: id,
        reason: input.comment ?? null,
        details: { version: locked.version },
      });
    });
    return this.get(actor, id);
  }

  /** Makes an approved case visible to the seminar's confirmed attendees. */
  async publish(actor: Principal, id: string): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access } = await this.inContext(actor, id, manager);
      if (!hasRole(actor, 'office') && !access.lead) throw notAReviewer();
      const locked = (await this.cases.lock(manager, c.id))!;
      if (locked.status === 'published') return;
      if (locked.status !== 'approved')
        throw caseStatusConflict(text('Solo se publican casos aprobados.', 'Only approved cases are published.'));
      Object.assign(locked, { status: 'published', publishedAt: this.clock.now() });
      await this.cases.save(manager, locked);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.published',
        subjectType: 'case',
        subjectId: id,
        details: { version: locked.version },
      });
    });
    return this.get(actor, id);
  }

  async versions(actor: Principal, id: string): Promise<CaseVersionDto[]> {
    const { c, manages } = await this.inContext(actor, id);
    if (!manages) throw caseNotFound();
    return (await this.cases.versions(c.id)).map(toCaseVersionDto);
  }

  /** Approved cases to reuse, for the office and facilitators. */
  async library(query: CaseLibraryQueryDto): Promise<Page<CaseResponseDto>> {
    const [rows, total] = await this.cases.library({ topicId: query.topic, q: query.q?.trim() || undefined }, query);
    return pageOf(rows, total, query, (c) => toCaseResponse(c, c.attachments, []));
  }

  /** Every text of the case by field name, attachments included, as the scan and waivers name them. */
  private async fieldTexts(manager: EntityManager, c: ClinicalCase): Promise<Map<string, string>> {
    const fields = new Map<string, string>([
      ['title', c.title],
      ['summary', c.summary],
    ]);
    c.learningObjectives.forEach((value, i) => fields.set(`learningObjectives[${i}]`, value));
    c.discussionQuestions.forEach((value, i) => fields.set(`discussionQuestions[${i}]`, value));
    for (const a of await this.cases.attachments([c.id], manager)) fields.set(`attachments[${a.id}]`, a.extractedText);
    return fields;
  }

  private async openFindings(manager: EntityManager, c: ClinicalCase): Promise<CaseFinding[]> {
    const waived = new Set((await this.cases.waivers(manager, c.id)).map((w) => `${w.field}|${w.fingerprint}`));
    const findings: CaseFinding[] = [];
    for (const [field, value] of await this.fieldTexts(manager, c)) {
      for (const finding of scanText(value)) {
        if (waived.has(`${field}|${fingerprintOf(value, finding)}`)) continue;
        findings.push({ field, kind: finding.kind, start: finding.start, end: finding.end });
      }
    }
    return findings;
  }

  private assertPreparing(access: SeminarAccess): void {
    if (!(ACTIVE_STATUSES as string[]).includes(access.status)) {
      throw caseStatusConflict(
        text(
          'El seminario terminó o se canceló: sus casos ya no cambian.',
          'The seminar is over or cancelled: its cases no longer change.',
        ),
      );
    }
  }

  private async checkReferences(manager: EntityManager, seminarId: string, input: UpdateCaseDto): Promise<void> {
    if (input.specialtyId && !(await this.cases.specialtyExists(manager, input.specialtyId))) throw specialtyNotFound();
    if (input.agendaBlockId && !(await this.cases.agendaBlockInSeminar(manager, input.agendaBlockId, seminarId)))
      throw agendaBlockNotFound();
  }
}
