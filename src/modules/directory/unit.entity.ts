import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Network } from './network.entity';

export const UNIT_LEVELS = ['primary', 'secondary', 'tertiary'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** A facility of a network. A primary unit lists the hospitals it refers patients to. */
@Entity('unit')
@Check('unit_level_known', `level IN ('primary','secondary','tertiary')`)
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The facility's official code (CLUES in Mexico); the key for CSV imports. */
  @Index('unit_code_unique', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Index('unit_network_idx')
  @Column({ type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Network, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @ManyToMany(() => Unit)
  @JoinTable({
    name: 'unit_referral',
    joinColumn: { name: 'unit_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'hospital_id', referencedColumnName: 'id' },
  })
  referralHospitals?: Unit[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
