import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ENROLMENT_STATUSES = ['invited', 'accepted', 'released', 'confirmed', 'waitlisted', 'declined', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A person's place (or place in line) as an attendee of a seminar. One per person and seminar. */
@Entity('enrolment')
@Index('enrolment_person_unique', ['seminarId', 'personId'], { unique: true })
@Check('enrolment_status_known', `status IN ('invited','accepted','released','confirmed','waitlisted','declined','withdrawn')`)
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
