import { SEAT_HOLDING_STATUSES } from '../seminars/seat-holding';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ENROLMENT_STATUSES = [
  'invited',
  'accepted',
  'released',
  'confirmed',
  'waitlisted',
  'declined',
  'withdrawn',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Statuses of people still in the seminar or in line for it. */
export const OPEN_STATUSES: EnrolmentStatus[] = ['invited', 'waitlisted', ...SEAT_HOLDING_STATUSES];

/** Where an enrolment came from. */
export const ENROLMENT_SOURCES = ['matching', 'office', 'request'] as const;
export type EnrolmentSource = (typeof ENROLMENT_SOURCES)[number];

/** Who or what ended an enrolment (declined or withdrawn). */
export const ENROLMENT_ENDINGS = ['attendee', 'office', 'lapsed', 'release_refused'] as const;
export type EnrolmentEnding = (typeof ENROLMENT_ENDINGS)[number];

/** A person's place (or place in line) as an attendee of a seminar. One per person and seminar. */
@Entity('enrolment')
@Index('enrolment_person_unique', ['seminarId', 'personId'], { unique: true })
@Index('enrolment_waitlist_idx', ['seminarId', 'waitlistPosition'], { where: `status = 'waitlisted'` })
@Check(
  'enrolment_status_known',
  `status IN ('invited','accepted','released','confirmed','waitlisted','declined','withdrawn')`,
)
@Check('enrolment_source_known', `source IN ('matching','office','request')`)
@Check('enrolment_ending_known', `ended_by IS NULL OR ended_by IN ('attendee','office','lapsed','release_refused')`)
@Check('enrolment_waitlist_has_position', `status <> 'waitlisted' OR waitlist_position IS NOT NULL`)
@Check('enrolment_invitation_has_deadline', `status <> 'invited' OR respond_by IS NOT NULL`)
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  @Index('enrolment_person_idx')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'varchar', length: 16 })
  status: EnrolmentStatus;

  @Column({ type: 'varchar', length: 12, default: 'office' })
  source: EnrolmentSource;

  /** Last day to answer an invitation (service time zone); after it the invitation lapses. */
  @Column({ type: 'date', nullable: true })
  respondBy: string | null;

  /**
   * Place in line, from a sequence taken while the seminar row is locked: lower came first. Kept
   * when a person is invited from the line, so that they return to the same place if the seat is
   * gone by the time they accept.
   */
  @Column({ type: 'bigint', nullable: true })
  waitlistPosition: string | null;

  /** Set when the invitation came from the waiting list (such invitations keep a seat in view). */
  @Column({ type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  /** Why the person declined or withdrew, or why the release was refused. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  endedBy: EnrolmentEnding | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
