import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A day the training office declares non-working: no seminar day falls on it. */
@Entity('holiday')
export class Holiday {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
