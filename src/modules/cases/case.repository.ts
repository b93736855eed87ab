import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findPage, type PageQueryDto } from '../../common/pagination/pagination';
import { CaseAttachment } from './case-attachment.entity';
import { CaseFindingWaiver, CaseReview, CaseVersion, ClinicalCase } from './clinical-case.entity';

/** What access to a seminar's cases depends on. */
export interface SeminarAccess {
  id: string;
  topicId: string;
  status: string;
  firstDay: string;
  /** The caller facilitates the seminar, and whether as its lead. */
  facilitator: boolean;
  lead: boolean;
  /** The caller holds a confirmed seat in it. */
  confirmedAttendee: boolean;
}

export interface LibraryFilter {
  topicId?: string;
  q?: string;
}

export type LibraryAttachment = Pick<
  CaseAttachment,
  'id' | 'displayName' | 'mediaType' | 'sizeBytes' | 'sha256' | 'createdAt'
>;

/** A case as the library lists it: its columns and what its response shows of each attachment. */
export type LibraryCase = Omit<ClinicalCase, 'seminar' | 'author'> & { attachments: LibraryAttachment[] };

type LibraryRow = Omit<LibraryCase, 'attachments'> & {
  attachments: (Omit<LibraryAttachment, 'createdAt'> & { createdAtMs: number })[];
};

const LIBRARY_COLUMNS = `c.id, c.seminar_id AS "seminarId", c.topic_id AS "topicId", c.author_id AS "authorId", c.status, c.version, c.title, c.summary,
  c.learning_objectives AS "learningObjectives", c.discussion_questions AS "discussionQuestions", c.specialty_id AS "specialtyId",
  c.agenda_block_id AS "agendaBlockId", c.source_case_id AS "sourceCaseId", c.published_at AS "publishedAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  coalesce((SELECT json_agg(json_build_object('id', a.id, 'displayName', a.display_name, 'mediaType', a.media_type, 'sizeBytes', a.size_bytes, 'sha256', a.sha256,
                                              'createdAtMs', trunc(extract(epoch FROM a.created_at) * 1000)) ORDER BY a.created_at, a.id)
              FROM case_attachment a WHERE a.case_id = c.id), '[]') AS attachments`;

@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seminarAccess(seminarId: string, personId: string, manager: EntityManager): Promise<SeminarAccess | null> {
    const [row] = await manager.query<SeminarAccess[]>(
      `SELECT s.id, s.topic_id AS "topicId", s.status, s.start_date::text AS "firstDay",
              (f.person_id IS NOT NULL) AS facilitator, coalesce(f.lead, false) AS lead,
              EXISTS (SELECT 1 FROM enrolment e WHERE e.seminar_id = s.id AND e.person_id = $2 AND e.status = 'confirmed') AS "confirmedAttendee"
         FROM seminar s LEFT JOIN facilitation f ON f.seminar_id = s.id AND f.person_id = $2
        WHERE s.id = $1`,
      [seminarId, personId],
    );
    return row ?? null;
  }

  findById(id: string, manager: EntityManager): Promise<ClinicalCase | null> {
    return manager.findOneBy(ClinicalCase, { id });
  }

  lock(id: string, manager: EntityManager): Promise<ClinicalCase | null> {
    return manager
      .createQueryBuilder(ClinicalCase, 'c')
      .where('c.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  save(value: ClinicalCase, manager: EntityManager): Promise<ClinicalCase> {
    return manager.save(ClinicalCase, value);
  }

  create(fields: Partial<ClinicalCase>, manager: EntityManager): ClinicalCase {
    return manager.create(ClinicalCase, fields);
  }

  /** A seminar's cases; `publishedOnly` for attendees. */
  listForSeminar(seminarId: string, publishedOnly: boolean): Promise<ClinicalCase[]> {
    return this.dataSource.manager.find(ClinicalCase, {
      where: publishedOnly ? { seminarId, status: 'published' } : { seminarId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  attachments(caseIds: string[], manager: EntityManager): Promise<CaseAttachment[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(CaseAttachment, 'a')
      .where('a.caseId IN (:...caseIds)', { caseIds })
      .orderBy('a.createdAt')
      .addOrderBy('a.id')
      .getMany();
  }

  findAttachment(caseId: string, id: string, manager: EntityManager): Promise<CaseAttachment | null> {
    return manager.findOneBy(CaseAttachment, { caseId, id });
  }

  saveAttachment(fields: Partial<CaseAttachment>, manager: EntityManager): Promise<CaseAttachment> {
    return manager.save(CaseAttachment, manager.create(CaseAttachment, fields));
  }

  async removeAttachment(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(CaseAttachment, { id });
  }

  async countAttachments(caseId: string, manager: EntityManager): Promise<number> {
    return manager.countBy(CaseAttachment, { caseId });
  }

  reviews(caseId: string): Promise<CaseReview[]> {
    return this.dataSource.manager.find(CaseReview, { where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  addReview(fields: Partial<CaseReview>, manager: EntityManager): Promise<CaseReview> {
    return manager.save(CaseReview, manager.create(CaseReview, fields));
  }

  addVersion(c: ClinicalCase, manager: EntityManager): Promise<CaseVersion> {
    return manager.save(
      CaseVersion,
      manager.create(CaseVersion, {
        caseId: c.id,
        version: c.version,
        status: c.status,
        title: c.title,
        summary: c.summary,
        learningObjectives: c.learningObjectives,
        discussionQuestions: c.discussionQuestions,
        specialtyId: c.specialtyId,
      }),
    );
  }

  versions(caseId: string): Promise<CaseVersion[]> {
    return this.dataSource.manager.find(CaseVersion, { where: { caseId }, order: { version: 'ASC' } });
  }

  waivers(caseId: string, manager: EntityManager): Promise<CaseFindingWaiver[]> {
    return manager.findBy(CaseFindingWaiver, { caseId });
  }

  async addWaiver(
    fields: Pick<CaseFindingWaiver, 'caseId' | 'field' | 'kind' | 'fingerprint' | 'reason' | 'confirmedById'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(CaseFindingWaiver).values(fields).orIgnore().execute();
  }

  async specialtyExists(id: string, manager: EntityManager): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM specialty WHERE id = $1', [id])).length > 0;
  }

  async agendaBlockInSeminar(blockId: string, seminarId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      'SELECT 1 FROM agenda_block b JOIN seminar_day d ON d.id = b.seminar_day_id WHERE b.id = $1 AND d.seminar_id = $2',
      [blockId, seminarId],
    );
    return rows.length > 0;
  }

  /**
   * Approved and published cases, optionally of one topic and matching words in Spanish or English
   * (accents ignored), best matches first. One row per approved text: copies made for reuse are
   * listed with their source.
   */
  async library(filter: LibraryFilter, page: PageQueryDto): Promise<[LibraryCase[], number]> {
    const params: unknown[] = [];
    const where = [`c.status IN ('approved', 'published')`];
    if (filter.topicId) {
      params.push(filter.topicId);
      where.push(`c.topic_id = $${params.length}`);
    }
    // Without search words every row ranks alike: newest first.
    let order = 'c.updated_at DESC, c.id';
    if (filter.q) {
      params.push(filter.q);
      const n = params.length;
      const es = `to_tsvector('puente_es'::regconfig, case_search_text(c.title, c.summary, c.learning_objectives))`;
      const en = `to_tsvector('puente_en'::regconfig, case_search_text(c.title, c.summary, c.learning_objectives))`;
      where.push(
        `(${es} @@ websearch_to_tsquery('puente_es'::regconfig, $${n}) OR ${en} @@ websearch_to_tsquery('puente_en'::regconfig, $${n}))`,
      );
      const rank = `greatest(ts_rank(${es}, websearch_to_tsquery('puente_es'::regconfig, $${n})), ts_rank(${en}, websearch_to_tsquery('puente_en'::regconfig, $${n})))`;
      order = `${rank} DESC, ${order}`;
    }
    const [rows, total] = await findPage<LibraryRow>(
      this.dataSource,
      { columns: LIBRARY_COLUMNS, from: 'clinical_case c', where, params, order },
      page,
    );
    // JSON has no timestamps: attachments bring epoch milliseconds, truncated as pg's own parsing truncates.
    const cases = rows.map((row) => ({
      ...row,
      attachments: row.attachments.map(({ createdAtMs, ...attachment }) => ({
        ...attachment,
        createdAt: new Date(createdAtMs),
      })),
    }));
    return [cases, total];
  }
}
