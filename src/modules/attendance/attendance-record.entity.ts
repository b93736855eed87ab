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
  type ValueTransformer,
} from 'typeorm';
import { Seminar, SeminarDay } from '../seminars/seminar.entity';
import type { AttendanceStatus } from './hours';

/** pg reads numeric as text to keep its precision; hours (at most 99.99) fit a JS number exactly enough. */
const hours: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One confirmed attendee on one seminar day: present (the whole day), late (the hours given),
 * absent or excused (no hours). Written by the roster or by a self check-in.
 */
@Entity('attendance_record')
@Unique('attendance_record_day_person_unique', ['seminarDayId', 'personId'])
@Index('attendance_record_seminar_person_idx', ['seminarId', 'personId'])
// Days missed are few; evaluation reports count them per seminar to know what evaluations are owed.
@Index('attendance_record_missed_idx', ['seminarId', 'personId'], { where: `status IN ('absent','excused')` })
@Check('attendance_record_status_known', `status IN ('present','late','absent','excused')`)
@Check('attendance_record_hours_not_negative', 'hours_credited >= 0')
@Check('attendance_record_absence_credits_nothing', `status NOT IN ('absent','excused') OR hours_credited = 0`)
export class AttendanceRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne(() => Seminar, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  @Column({ type: 'uuid' })
  seminarDayId: string;

  @ManyToOne(() => SeminarDay, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_day_id' })
  seminarDay?: SeminarDay;

  @Index('attendance_record_person_idx')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: hours })
  hoursCredited: number;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  /** The code window of the self check-in, to tell a code used twice from a later one. */
  @Column({ type: 'bigint', nullable: true })
  checkInWindow: string | null;

  /** Who last wrote the record through the roster; null for a self check-in. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** The reason given for the last change made after the day. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A wrong check-in code (invalid, expired, another seminar's) typed by a person, kept for a while to
 * throttle guessing; in the database so that every API process counts the same attempts.
 */
@Entity('check_in_failure')
@Index('check_in_failure_person_idx', ['personId', 'createdAt'])
export class CheckInFailure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  /** Set from the service's clock, not the database's, so the window follows the same time as the codes. */
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
