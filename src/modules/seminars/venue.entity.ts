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

/** Where seminars are held: outside the services, with a room for a given number of people. */
@Entity('venue')
@Index('venue_name_unique', ['networkId', 'name'], { unique: true })
@Check('venue_capacity_positive', 'capacity BETWEEN 1 AND 2000')
export class Venue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  address: string;

  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne('Network', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: unknown;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'text', default: '' })
  notes: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
