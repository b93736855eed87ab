import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export const CASE_STATUSES = ['draft', 'submitted', 'approved', 'changes_requested', 'published'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A clinical case prepared for a seminar. Its text is what reviewers approve: editing a case that
 * was approved or published keeps the approved text as a version and starts a new draft.
 */
@Entity('clinical_case')
@Check('clinical_case_status_known', `status IN ('draft','submitted','approved','changes_requested','published')`)
// Full-text search over title, summary and objectives in Spanish and English (accents ignored):
// expression indexes created by the migration, which TypeORM cannot describe.
@Index('clinical_case_search_es', { synchronize: false })
@Index('clinical_case_search_en', { synchronize: false })
export class ClinicalCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('clinical_case_seminar_idx')
  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  /** The seminar's topic, kept here for the library. */
  @Index('clinical_case_topic_idx')
  @Column({ type: 'uuid' })
  topicId: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: unknown;

  @Column({ type: 'varchar', length: 20 })
  status: CaseStatus;

  /** The version being written or reviewed; earlier ones are in case_version. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Markdown. */
  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  learningObjectives: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  discussionQuestions: string[];

  @Column({ type: 'uuid', nullable: true })
  specialtyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  agendaBlockId: string | null;

  /** The approved case this one was copied from, for a case reused from the library. */
  @Column({ type: 'uuid', nullable: true })
  sourceCaseId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The text of a case as it stood when a later edit replaced an approved version. */
@Entity('case_version')
@Unique('case_version_unique', ['caseId', 'version'])
export class CaseVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => ClinicalCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: ClinicalCase;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  status: CaseStatus;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text', array: true })
  learningObjectives: string[];

  @Column({ type: 'text', array: true })
  discussionQuestions: string[];

  @Column({ type: 'uuid', nullable: true })
  specialtyId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const REVIEW_DECISIONS = ['approved', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's decision on a submitted version, with comments. */
@Entity('case_review')
@Check('case_review_decision_known', `decision IN ('approved','changes_requested')`)
export class CaseReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_review_case_idx')
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => ClinicalCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: ClinicalCase;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'varchar', length: 20 })
  decision: ReviewDecision;

  @Column({ type: 'text', default: '' })
  comment: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A finding of the de-identification scan that the author confirmed as not an identifier. Only a
 * fingerprint of the matched text is kept, never the text itself.
 */
@Entity('case_finding_waiver')
@Unique('case_finding_waiver_unique', ['caseId', 'field', 'fingerprint'])
export class CaseFindingWaiver {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => ClinicalCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: ClinicalCase;

  @Column({ type: 'varchar', length: 120 })
  field: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'uuid' })
  confirmedById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
