import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What an attendee said about training as a whole: whether they would attend a seminar and, in
 * their own words, what they wish to learn. One row per person who has ever stated their needs.
 */
@Entity('training_need_profile')
export class TrainingNeedProfile {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'boolean' })
  willingToAttend: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  wish: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** Who last changed it: the person themselves, or the office on their behalf. */
  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne('Person', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id' })
  updatedBy?: unknown;
}

/**
 * A person's interest in one topic, 0 (none) to 3 (high), and whether they were already trained
 * on it outside Puente.
 */
@Entity('training_need')
@Check('training_need_interest_range', 'interest BETWEEN 0 AND 3')
export class TrainingNeed {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Index('training_need_topic_idx')
  @PrimaryColumn({ type: 'uuid' })
  topicId: string;

  @ManyToOne('Topic', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'topic_id' })
  topic?: unknown;

  @Column({ type: 'smallint' })
  interest: number;

  @Column({ type: 'boolean', default: false })
  trainedBefore: boolean;
}
