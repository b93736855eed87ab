import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Per-seminar counts of the daily and final evaluations, rebuilt from the seminar's own answers at
 * every submission, so that a topic report sums a few rows per seminar instead of every answer.
 * Rows with an empty `itemId` count the responses of an occasion and form; rows with an empty
 * `value` count an item's respondents (per facilitator for facilitator items). No answer text is kept.
 */
@Entity('evaluation_tally')
@Check('evaluation_tally_occasion_known', `occasion IN ('daily','final')`)
@Index('evaluation_tally_topic_idx', ['topicId', 'startsOn'])
@Index('evaluation_tally_seminar_idx', ['seminarId'])
export class EvaluationTally {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  /** Copied from the responses, as topic reports select them. */
  @Column({ type: 'uuid' })
  topicId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'varchar', length: 16 })
  occasion: 'daily' | 'final';

  @Column({ type: 'uuid' })
  formId: string;

  /** '' for the row counting the responses of this occasion and form. */
  @Column({ type: 'varchar', length: 40 })
  itemId: string;

  @Column({ type: 'uuid', nullable: true })
  facilitatorId: string | null;

  /** The chosen option id or the number as text; '' for the row counting the item's respondents. */
  @Column({ type: 'varchar', length: 40 })
  value: string;

  @Column({ type: 'integer' })
  count: number;
}

/**
 * Per-seminar sums of the diagnostic test scores: for 'pre_test' and 'post_test' the scored responses
 * and the sum of their percentages; for 'pairs' the people who took both and the sum of post − pre.
 */
@Entity('evaluation_score_tally')
@Check('evaluation_score_tally_occasion_known', `occasion IN ('pre_test','post_test','pairs')`)
@Index('evaluation_score_tally_topic_idx', ['topicId', 'startsOn'])
@Index('evaluation_score_tally_seminar_idx', ['seminarId'])
export class EvaluationScoreTally {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  @Column({ type: 'uuid' })
  topicId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'uuid' })
  formId: string;

  @Column({ type: 'varchar', length: 16 })
  occasion: 'pre_test' | 'post_test' | 'pairs';

  @Column({ type: 'integer' })
  respondents: number;

  @Column({ type: 'double precision' })
  percentSum: number;
}
