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
} from 'typeorm';
import type { JobInterruptionReason } from '../../infrastructure/jobs/job.entity';
import type { CheckReport } from './engine/checker';
import type { MatchingInstance, MatchingResult } from './engine/instance';

export const MATCHING_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'published'] as const;
export type MatchingRunStatus = (typeof MATCHING_RUN_STATUSES)[number];

export const MATCHING_RUN_PHASES = ['waiting', 'loading', 'facilitators_and_attendees', 'checking', 'done'] as const;
export type MatchingRunPhase = (typeof MATCHING_RUN_PHASES)[number];

/** What the office asked a run to cover. */
export interface MatchingScope {
  seminarIds?: string[];
  from?: string;
  to?: string;
  networkId?: string;
}

/**
 * One matching of facilitators and attendees to a set of seminars. Runs are kept: the office
 * compares them and publishes one. The instance the engine saw is kept with the result, so the
 * answer can be checked again (or by another solver) at any time.
 */
@Entity('matching_run')
@Check('matching_run_status_known', `status IN ('queued','running','succeeded','failed','published')`)
@Check('matching_run_progress_range', 'progress BETWEEN 0 AND 100')
@Check('matching_run_interruption_reason_known', `interruption_reason IN ('worker_lost','worker_stopped')`)
export class MatchingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: MatchingRunStatus;

  @Column({ type: 'varchar', length: 32, default: 'waiting' })
  phase: MatchingRunPhase;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'jsonb' })
  scope: MatchingScope;

  /** The seminars of the run, fixed when it is started. */
  @Column({ type: 'uuid', array: true })
  seminarIds: string[];

  /** Settings the office chose for this run (the rest come from the configuration). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings: Record<string, number>;

  /** Per seminar, a digest of everything matching read about it; publishing compares it with now. */
  @Column({ type: 'jsonb', nullable: true })
  fingerprints: Record<string, string> | null;

  @Column({ type: 'jsonb', nullable: true })
  instance: MatchingInstance | null;

  @Column({ type: 'jsonb', nullable: true })
  result: MatchingResult | null;

  /** The independent check of the result: every constraint and the optimality certificate. */
  @Column({ type: 'jsonb', nullable: true })
  checkReport: CheckReport | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The attempt running or last run (1 for the first); a run handed back on shutdown keeps its number. */
  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  /** Times a worker let go of the run before finishing it (it died, or was shut down). */
  @Column({ type: 'smallint', default: 0 })
  interruptions: number;

  @Column({ type: 'timestamptz', nullable: true })
  interruptedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  interruptionReason: JobInterruptionReason | null;

  @Index('matching_run_created_by_idx')
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne('Person', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: unknown;

  @Index('matching_run_created_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedById: string | null;

  @ManyToOne('Person', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'published_by_id' })
  publishedBy?: unknown;
}

export const PIN_KINDS = ['force', 'forbid'] as const;
export type PinKind = (typeof PIN_KINDS)[number];

/** The office's word on one person and one seminar, which every later run obeys. */
@Entity('matching_pin')
@Unique('matching_pin_pair_unique', ['personId', 'seminarId'])
@Check('matching_pin_kind_known', `kind IN ('force','forbid')`)
export class MatchingPin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Index('matching_pin_seminar_idx')
  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  @Column({ type: 'varchar', length: 8 })
  kind: PinKind;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne('Person', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
