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
import type { Occasion } from './forms/windows';

const OCCASION_CHECK = `occasion IN ('pre_test','daily','final','post_test')`;

/**
 * That a person has answered an evaluation, and when: what completion and certificate eligibility
 * need. It holds no answers, and nothing in it points to the answers.
 */
@Entity('evaluation_submission')
@Check('evaluation_submission_occasion_known', OCCASION_CHECK)
@Check('evaluation_submission_day_fits', `(occasion = 'daily') = (day_number > 0)`)
@Unique('evaluation_submission_unique', ['seminarId', 'personId', 'occasion', 'dayNumber'])
export class EvaluationSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  @Index('evaluation_submission_person_idx')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'varchar', length: 16 })
  occasion: Occasion;

  /** The seminar day's position for a daily evaluation; 0 for the others. */
  @Column({ type: 'smallint', default: 0 })
  dayNumber: number;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The answers to one evaluation, under a pseudonym: `respondentKey` is a keyed hash of the seminar and
 * the person, so the respondent can find and replace their own answers and a pre-test can be paired
 * with its post-test, while the table alone names nobody. It keeps only the day it was answered.
 */
@Entity('evaluation_response')
@Check('evaluation_response_occasion_known', OCCASION_CHECK)
@Unique('evaluation_response_unique', ['seminarId', 'respondentKey', 'occasion', 'dayNumber'])
@Index('evaluation_response_topic_idx', ['topicId', 'startsOn'])
export class EvaluationResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  /** The seminar's topic and first day, kept here so topic reports read one table. */
  @Column({ type: 'uuid' })
  topicId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'uuid' })
  formId: string;

  @Column({ type: 'uuid' })
  formVersionId: string;

  @ManyToOne('EvaluationFormVersion', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'form_version_id' })
  formVersion?: unknown;

  @Column({ type: 'varchar', length: 16 })
  occasion: Occasion;

  @Column({ type: 'smallint', default: 0 })
  dayNumber: number;

  @Column({ type: 'char', length: 43 })
  respondentKey: string;

  /** Diagnostic tests: points earned and possible. */
  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ type: 'double precision', nullable: true })
  maxScore: number | null;

  @Column({ type: 'date' })
  answeredOn: string;
}

/**
 * One answer of a response: a number, one chosen option, or a text; Likert items about facilitators
 * have one answer per facilitator. Reports aggregate these rows in SQL.
 */
@Entity('evaluation_answer')
@Check('evaluation_answer_one_value', `num_nonnulls(number_value, choice, text_value) = 1`)
@Index('evaluation_answer_seminar_idx', ['seminarId', 'occasion', 'itemId'])
@Index('evaluation_answer_topic_idx', ['topicId', 'startsOn'])
// Topic reports list an item's comments newest seminars first, stopping at the limit.
@Index('evaluation_answer_comment_idx', ['topicId', 'occasion', 'formId', 'itemId', 'startsOn', 'id'], {
  where: 'text_value IS NOT NULL',
})
export class EvaluationAnswer {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('evaluation_answer_response_idx')
  @Column({ type: 'uuid' })
  responseId: string;

  @ManyToOne(() => EvaluationResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: EvaluationResponse;

  @Column({ type: 'uuid' })
  seminarId: string;

  @Column({ type: 'uuid' })
  topicId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'varchar', length: 16 })
  occasion: Occasion;

  @Column({ type: 'uuid' })
  formId: string;

  @Column({ type: 'varchar', length: 40 })
  itemId: string;

  @Column({ type: 'uuid', nullable: true })
  facilitatorId: string | null;

  @Column({ type: 'double precision', nullable: true })
  numberValue: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  choice: string | null;

  @Column({ type: 'text', nullable: true })
  textValue: string | null;
}
