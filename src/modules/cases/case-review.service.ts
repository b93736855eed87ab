import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { CaseRepository } from './case.repository';
import { CaseResponseDto, FindingDto, ReviewCaseDto, WaiveFindingDto } from './cases.dto';
import {
  caseNotFound,
  caseStatusConflict,
  findingNotFound,
  findingNotRedactable,
  IdentifiersFoundError,
  notAReviewer,
  ownCaseReview,
  type CaseFinding,
} from './cases.errors';
import type { ClinicalCase } from './clinical-case.entity';
import { fingerprintOf, scanText, type Finding } from './deidentification/scanner';
import { message, translate } from '../../common/i18n/messages';
import type { Language } from '../../common/i18n/text';

import { CaseAccessService } from './case-access.service';
import { CasesService } from './cases.service';

/**
 * A case's way to its readers: the de-identification guard on submission (with confirmed false
 * positives), review by the office or the seminar's lead, and publication to confirmed attendees.
 */
@Injectable()
export class CaseReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: CaseAccessService,
    private readonly casesService: CasesService,
  ) {}

  /** Sends a case to review, after the de-identification scan finds nothing left unconfirmed. */
  async submit(actor: Principal, id: string): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access, manages } = await this.access.inContext(actor, id, manager);
      if (!manages) throw caseNotFound();
      const locked = (await this.cases.lock(c.id, manager))!;
      this.access.assertPreparing(access);
      if (locked.status === 'submitted') return;
      if (locked.status !== 'draft' && locked.status !== 'changes_requested') {
        throw caseStatusConflict('submit');
      }
      const findings = await this.openFindings(manager, locked);
      if (findings.length > 0) throw new IdentifiersFoundError(findings);
      locked.status = 'submitted';
      await this.cases.save(locked, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.submitted',
        subjectType: 'case',
        subjectId: id,
        details: { version: locked.version },
      });
    });
    return this.casesService.get(actor, id);
  }

  /** Records that a finding is not an identifier, with the reason; only its fingerprint is kept. */
  async waiveFinding(actor: Principal, id: string, input: WaiveFindingDto): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, manages } = await this.access.inContext(actor, id, manager);
      if (!manages) throw caseNotFound();
      const fieldText = (await this.fieldTexts(manager, c)).get(input.field);
      const finding = fieldText === undefined ? undefined : this.findingIn(fieldText, input);
      if (!finding) throw findingNotFound();
      await this.cases.addWaiver(
        {
          caseId: c.id,
          field: input.field,
          kind: finding.kind,
          fingerprint: fingerprintOf(fieldText!, finding),
          reason: input.reason,
          confirmedById: actor.personId,
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.finding_waived',
        subjectType: 'case',
        subjectId: id,
        reason: input.reason,
        details: { field: input.field, kind: finding.kind },
      });
    });
    return this.casesService.get(actor, id);
  }

  /**
   * Replaces a finding in place with a placeholder naming its kind ("[NOMBRE]", "[FECHA]"), the
   * easy way to clear it. The field is edited as by an edit of the case (an approved case keeps
   * its approved text as a version); the text of a file cannot be edited here.
   */
  async redactFinding(actor: Principal, id: string, input: FindingDto, language: Language): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await this.casesService.lockEditable(manager, actor, id);
      const fieldText = (await this.fieldTexts(manager, locked)).get(input.field);
      const finding = fieldText === undefined ? undefined : this.findingIn(fieldText, input);
      if (!finding) throw findingNotFound();
      if (input.field.startsWith('attachments[')) throw findingNotRedactable();
      const placeholder = translate(message('cases.redaction.placeholder', { kind: finding.kind }), language);
      const redacted = fieldText!.slice(0, finding.start) + placeholder + fieldText!.slice(finding.end);
      await this.casesService.applyEdit(manager, actor, locked, redactedField(locked, input.field, redacted), {
        action: 'case.finding_redacted',
        details: { field: input.field, kind: finding.kind },
      });
    });
    return this.casesService.get(actor, id);
  }

  private findingIn(fieldText: string, input: FindingDto): Finding | undefined {
    return scanText(fieldText).find((f) => f.kind === input.kind && f.start === input.start && f.end === input.end);
  }

  /** The office or the seminar's lead facilitator (not on their own case) approves or asks for changes. */
  async review(actor: Principal, id: string, input: ReviewCaseDto): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access } = await this.access.inContext(actor, id, manager);
      const office = hasRole(actor, 'office');
      if (!office && !access.lead) throw notAReviewer();
      if (!office && c.authorId === actor.personId) throw ownCaseReview();
      const locked = (await this.cases.lock(c.id, manager))!;
      const decision = input.decision === 'approve' ? 'approved' : 'changes_requested';
      if (locked.status === decision) return;
      if (locked.status !== 'submitted') throw caseStatusConflict('review');
      locked.status = decision;
      await this.cases.save(locked, manager);
      await this.cases.addReview(
        {
          caseId: c.id,
          version: locked.version,
          reviewerId: actor.personId,
          decision,
          comment: input.comment ?? '',
        },
        manager,
      );
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: `case.${decision}`,
        subjectType: 'case',
        subjectId: id,
        reason: input.comment ?? null,
        details: { version: locked.version },
      });
    });
    return this.casesService.get(actor, id);
  }

  /** Makes an approved case visible to the seminar's confirmed attendees. */
  async publish(actor: Principal, id: string): Promise<CaseResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, access } = await this.access.inContext(actor, id, manager);
      if (!hasRole(actor, 'office') && !access.lead) throw notAReviewer();
      const locked = (await this.cases.lock(c.id, manager))!;
      if (locked.status === 'published') return;
      if (locked.status !== 'approved') throw caseStatusConflict('publish');
      Object.assign(locked, { status: 'published', publishedAt: this.clock.now() });
      await this.cases.save(locked, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.published',
        subjectType: 'case',
        subjectId: id,
        details: { version: locked.version },
      });
    });
    return this.casesService.get(actor, id);
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
    const waived = new Set((await this.cases.waivers(c.id, manager)).map((w) => `${w.field}|${w.fingerprint}`));
    const findings: CaseFinding[] = [];
    for (const [field, value] of await this.fieldTexts(manager, c)) {
      for (const finding of scanText(value)) {
        if (waived.has(`${field}|${fingerprintOf(value, finding)}`)) continue;
        findings.push({ field, kind: finding.kind, start: finding.start, end: finding.end });
      }
    }
    return findings;
  }
}

/** The edit that puts a redacted text back into its field ("summary", "learningObjectives[2]"). */
function redactedField(c: ClinicalCase, field: string, value: string): Partial<ClinicalCase> {
  const item = /^(learningObjectives|discussionQuestions)\[(\d+)\]$/.exec(field);
  if (!item) return { [field as 'title' | 'summary']: value };
  const list = [...c[item[1] as 'learningObjectives' | 'discussionQuestions']];
  list[Number(item[2])] = value;
  return { [item[1]]: list };
}
