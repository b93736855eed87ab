import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Why a worker let go of a job before finishing it: it died (its lease went stale) or it was shut down. */
export const JOB_INTERRUPTION_REASONS = ['worker_lost', 'worker_stopped'] as const;
export type JobInterruptionReason = (typeof JOB_INTERRUPTION_REASONS)[number];

/**
 * Long-running work that people wait for (issuing a seminar's certificates): what it is, how far it
 * got and how it ended. The queue itself is pg-boss's; this is what `GET /jobs/{id}` shows.
 */
@Entity('job')
@Check('job_status_known', `status IN ('queued','running','completed','failed')`)
@Check('job_interruption_reason_known', `interruption_reason IN ('worker_lost','worker_stopped')`)
@Check('job_counts_valid', 'done >= 0 AND failures >= 0 AND (total IS NULL OR done + failures <= total)')
@Index('job_subject_idx', ['kind', 'subjectId'])
export class Job {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** What the work is about, e.g. the seminar whose certificates are issued. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: JobStatus;

  @Column({ type: 'int', nullable: true })
  total: number | null;

  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  failures: number;

  /** The last failures, without personal data: a code and the id of the item. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: { item: string; code: string }[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Items done when this attempt started, so the rate counts only this attempt's work. */
  @Column({ type: 'int', default: 0 })
  doneAtStart: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The attempt running or last run (1 for the first); a job handed back on shutdown keeps its number. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Times a worker let go of the job before finishing it. */
  @Column({ type: 'int', default: 0 })
  interruptions: number;

  @Column({ type: 'timestamptz', nullable: true })
  interruptedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  interruptionReason: JobInterruptionReason | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
