import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A healthcare network: the units of one territory that refer patients to each other. */
@Entity('network')
export class Network {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('network_name_unique', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
