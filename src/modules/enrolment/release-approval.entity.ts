import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enrolment } from './enrolment.entity';

export const RELEASE_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/**
 * A unit manager's decision to release a physician for a seminar's days. Asked for when the
 * physician accepts a seat; the seat is confirmed only when it is approved.
 */
@Entity('release_approval')
@Index('release_approval_one_pending', ['enrolmentId'], { unique: true, where: `status = 'pending'` })
@Index('release_approval_unit_status_idx', ['unitId', 'status'])
@Index('release_approval_pending_idx', ['requestedOn'], { where: `status = 'pending'` })
@Check('release_approval_status_known', `status IN ('pending','approved','refused','cancelled')`)
@Check('release_approval_refusal_has_reason', `status <> 'refused' OR reason IS NOT NULL`)
export class ReleaseApproval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: Enrolment;

  /** The attendee's unit when the release was asked for: its managers decide. */
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: ReleaseStatus;

  /** The day the release was asked for (service time zone): reminders count working days from it. */
  @Column({ type: 'date' })
  requestedOn: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  /** Decided by the office on the manager's behalf. */
  @Column({ type: 'boolean', default: false })
  onBehalf: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
