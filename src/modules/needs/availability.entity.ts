import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Days, both included, on which a person cannot attend or facilitate a seminar. A person's ranges
 * are stored merged: they never overlap or touch.
 */
@Entity('unavailability')
@Index('unavailability_person_idx', ['personId', 'fromDate'])
@Check('unavailability_dates_ordered', 'from_date <= to_date')
export class Unavailability {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  @Column({ type: 'date' })
  fromDate: string;

  @Column({ type: 'date' })
  toDate: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;
}
