import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { inTransaction } from '../../database/transaction';
import { Topic } from '../topics/topic.entity';
import { topicNotFound } from '../topics/topics.errors';
import { EvaluationForm, EvaluationFormVersion, TopicEvaluationForm } from './evaluation-form.entity';
import { CreateFormDto, FormItemDto, FormResponseDto, LabelDto, UpdateFormDto } from './evaluations.dto';
import { TopicFormsDto, TopicFormsResponseDto } from './topic-forms.dto';
import { formChanged, formInvalid, formKindMismatch, formNotFound } from './evaluations.errors';
import { definitionProblems, FORM_KINDS, type FormItem, type FormKind, type Label } from './forms/form-items';
import { Clock } from '../../common/time/clock';

/** The form a topic uses for one kind, at its current version. */
export interface ResolvedForm {
  formId: string;
  versionId: string;
  version: number;
  title: Label;
  items: FormItem[];
  source: 'topic' | 'default';
}

/**
 * Evaluation forms and their versions, and which forms each topic uses. A version that has answers
 * is frozen: changing the form then makes a new version, which new answers use.
 */
@Injectable()
export class EvaluationFormsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(kind?: FormKind): Promise<FormResponseDto[]> {
    const forms = await this.dataSource.manager.find(EvaluationForm, {
      where: kind ? { kind } : {},
      order: { kind: 'ASC', createdAt: 'ASC' },
    });
    return Promise.all(forms.map((form) => this.toResponse(this.dataSource.manager, form)));
  }

  async get(id: string): Promise<FormResponseDto> {
    const form = await this.dataSource.manager.findOneBy(EvaluationForm, { id });
    if (!form) throw formNotFound();
    return this.toResponse(this.dataSource.manager, form);
  }

  async getVersion(id: string, version: number): Promise<FormResponseDto> {
    const form = await this.dataSource.manager.findOneBy(EvaluationForm, { id });
    if (!form) throw formNotFound();
    return this.toResponse(this.dataSource.manager, form, version);
  }

  async create(actor: Principal, input: CreateFormDto): Promise<FormResponseDto> {
    const items = toItems(input.items);
    const problems = definitionProblems(input.kind, items);
    if (problems.length > 0) throw formInvalid(problems);
    return inTransaction(this.dataSource, async (manager) => {
      const form = await manager.save(manager.create(EvaluationForm, { kind: input.kind, currentVersion: 1 }));
      await manager.insert(EvaluationFormVersion, {
        formId: form.id,
        version: 1,
        title: toLabel(input.title),
        items,
        createdBy: actor.personId,
      });
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'evaluation_form.created',
        subjectType: 'evaluation_form',
        subjectId: form.id,
      });
      return this.toResponse(manager, form);
    });
  }

  /** Changes the current version in place while nobody has answered it; otherwise makes the next version. */
  async update(actor: Principal, id: string, input: UpdateFormDto): Promise<FormResponseDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const form = await manager.findOne(EvaluationForm, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!form) throw formNotFound();
      if (input.version !== form.currentVersion) throw formChanged(form.currentVersion);
      const items = toItems(input.items);
      const problems = definitionProblems(form.kind, items);
      if (problems.length > 0) throw formInvalid(problems);
      const current = await manager.findOneByOrFail(EvaluationFormVersion, {
        formId: id,
        version: form.currentVersion,
      });
      if (await this.inUse(manager, current.id)) {
        form.currentVersion += 1;
        await manager.save(form);
        await manager.insert(EvaluationFormVersion, {
          formId: id,
          version: form.currentVersion,
          title: toLabel(input.title),
          items,
          createdBy: actor.personId,
        });
      } else {
        await manager.update(
          EvaluationFormVersion,
          { id: current.id },
          { title: toLabel(input.title), items: items as never },
        );
        await manager.update(EvaluationForm, { id }, { updatedAt: this.clock.now() });
      }
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'evaluation_form.changed',
        subjectType: 'evaluation_form',
        subjectId: id,
        details: { version: form.currentVersion },
      });
      return this.toResponse(manager, form);
    });
  }

  async topicForms(topicId: string): Promise<TopicFormsResponseDto> {
    if (!(await this.dataSource.manager.existsBy(Topic, { id: topicId }))) throw topicNotFound();
    const resolved = await this.forTopic(this.dataSource.manager, topicId);
    const choice = (kind: FormKind) => {
      const form = resolved.get(kind);
      return form ? { formId: form.formId, version: form.version, title: form.title, source: form.source } : null;
    };
    return { daily: choice('daily'), final: choice('final'), diagnostic: choice('diagnostic') };
  }

  async setTopicForms(actor: Principal, topicId: string, input: TopicFormsDto): Promise<TopicFormsResponseDto> {
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await manager.existsBy(Topic, { id: topicId }))) throw topicNotFound();
      for (const kind of FORM_KINDS) {
        const formId = input[kind];
        if (formId === undefined) continue;
        if (formId !== null) {
          const form = await manager.findOneBy(EvaluationForm, { id: formId });
          if (!form) throw formNotFound();
          if (form.kind !== kind) throw formKindMismatch(kind);
        }
        await manager.upsert(TopicEvaluationForm, { topicId, kind, formId }, ['topicId', 'kind']);
      }
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'topic.evaluation_forms_set',
        subjectType: 'topic',
        subjectId: topicId,
        details: { ...input },
      });
    });
    return this.topicForms(topicId);
  }

  /** The forms a topic uses, by kind, at their current versions; kinds it does not ask are absent. */
  async forTopic(manager: EntityManager, topicId: string): Promise<Map<FormKind, ResolvedForm>> {
    const rows: {
      kind: FormKind;
      form_id: string;
      version_id: string;
      version: number;
      title: Label;
      items: FormItem[];
      source: 'topic' | 'default';
    }[] = await manager.query(
      `WITH chosen AS (
         SELECT k.kind, COALESCE(t.form_id, CASE WHEN t.kind IS NULL THEN d.id END) AS form_id,
                CASE WHEN t.kind IS NULL THEN 'default' ELSE 'topic' END AS source
           FROM unnest(ARRAY['daily','final','diagnostic']) AS k(kind)
           LEFT JOIN topic_evaluation_form t ON t.topic_id = $1 AND t.kind = k.kind
           LEFT JOIN evaluation_form d ON d.kind = k.kind AND d.is_default
       )
       SELECT c.kind, f.id AS form_id, v.id AS version_id, v.version, v.title, v.items, c.source
         FROM chosen c
         JOIN evaluation_form f ON f.id = c.form_id
         JOIN evaluation_form_version v ON v.form_id = f.id AND v.version = f.current_version`,
      [topicId],
    );
    return new Map(
      rows.map((row) => [
        row.kind,
        {
          formId: row.form_id,
          versionId: row.version_id,
          version: row.version,
          title: row.title,
          items: row.items,
          source: row.source,
        },
      ]),
    );
  }

  private async inUse(manager: EntityManager, versionId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM evaluation_response WHERE form_version_id = $1) AS used`,
      [versionId],
    );
    return row.used;
  }

  private async toResponse(
    manager: EntityManager,
    form: EvaluationForm,
    version = form.currentVersion,
  ): Promise<FormResponseDto> {
    const versions = await manager.find(EvaluationFormVersion, {
      where: { formId: form.id },
      order: { version: 'ASC' },
    });
    const shown = versions.find((v) => v.version === version);
    if (!shown) throw formNotFound();
    return {
      id: form.id,
      kind: form.kind,
      version: shown.version,
      versionId: shown.id,
      isDefault: form.isDefault,
      title: shown.title,
      items: shown.items,
      inUse: await this.inUse(manager, shown.id),
      versions: versions.map((v) => v.version),
    };
  }
}

function toLabel(label: LabelDto): Label {
  return { es: label.es, en: label.en ?? label.es };
}

/** The definition as stored: labels in both languages, no empty optional members. */
function toItems(items: FormItemDto[]): FormItem[] {
  return items.map((item) => {
    const stored: FormItem = {
      id: item.id,
      kind: item.kind,
      prompt: toLabel(item.prompt),
      required: item.required ?? false,
    };
    if (item.options !== undefined)
      stored.options = item.options.map((option) => ({ id: option.id, label: toLabel(option.label) }));
    if (item.min !== undefined) stored.min = item.min;
    if (item.max !== undefined) stored.max = item.max;
    if (item.perFacilitator) stored.perFacilitator = true;
    if (item.correct !== undefined) stored.correct = item.correct;
    if (item.points !== undefined) stored.points = item.points;
    return stored;
  });
}
