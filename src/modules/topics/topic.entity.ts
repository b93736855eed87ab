import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A curriculum: what a seminar teaches, how long it lasts, which specialists facilitate it and what
 * an attendee must do to earn its credit hours.
 */
@Entity('topic')
@Check('topic_day_count_range', 'day_count BETWEEN 1 AND 10')
@Check('topic_hours_per_day_range', 'hours_per_day BETWEEN 1 AND 12')
@Check('topic_credit_hours_range', 'credit_hours BETWEEN 1 AND 200')
@Check('topic_capacity_range', 'default_capacity BETWEEN 1 AND 500')
@Check('topic_minimum_attendees_range', 'minimum_attendees BETWEEN 1 AND default_capacity')
@Check('topic_min_attendance_range', 'min_attendance_percent BETWEEN 1 AND 100')
export class Topic {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('topic_title_unique', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  learningObjectives: string[];

  @Column({ type: 'smallint', default: 3 })
  dayCount: number;

  @Column({ type: 'smallint', default: 8 })
  hoursPerDay: number;

  @Column({ type: 'smallint' })
  creditHours: number;

  @Column({ type: 'smallint', default: 25 })
  defaultCapacity: number;

  @Column({ type: 'smallint', default: 8 })
  minimumAttendees: number;

  /** Share of the seminar's hours an attendee must attend for the certificate, in percent. */
  @Column({ type: 'smallint', default: 100 })
  minAttendancePercent: number;

  /** Whether the final evaluation must be answered for the certificate. */
  @Column({ type: 'boolean', default: true })
  evaluationRequired: boolean;

  /** Whether attendees may ask to join an open seminar of the topic themselves. */
  @Column({ type: 'boolean', default: false })
  allowSelfRequests: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany(() => TopicRequirement, (requirement) => requirement.topic, { cascade: true })
  requirements?: TopicRequirement[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** How many facilitators of one specialty a topic's seminars need. */
@Entity('topic_requirement')
@Check('topic_requirement_count_range', 'facilitator_count BETWEEN 1 AND 20')
export class TopicRequirement {
  @PrimaryColumn({ type: 'uuid' })
  topicId: string;

  @PrimaryColumn({ type: 'uuid' })
  specialtyId: string;

  @ManyToOne(() => Topic, (topic) => topic.requirements, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'topic_id' })
  topic?: Topic;

  @ManyToOne('Specialty', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'specialty_id' })
  specialty?: unknown;

  @Column({ type: 'smallint' })
  facilitatorCount: number;
}
