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
import type { Role } from '../../common/auth/principal';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A person: the account and the directory entry in one row. Unit and specialty are referenced by
 * entity name so that identity does not import the directory module.
 */
@Entity('person')
@Check('person_roles_known', `roles <@ ARRAY['office','facilitator','attendee','manager']::text[]`)
@Check('person_locale_known', `locale IN ('es','en')`)
@Check('person_email_lowercase', `email = lower(email)`)
// The directory's order by name, accents and case ignored: an expression index created by its
// migration, which TypeORM cannot describe.
@Index('person_name_order_idx', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Index('person_email_unique', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Index('person_licence_number_unique', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  licenceNumber: string | null;

  @Index('person_unit_idx')
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne('Unit', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: unknown;

  @Column({ type: 'uuid', nullable: true })
  specialtyId: string | null;

  @ManyToOne('Specialty', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'specialty_id' })
  specialty?: unknown;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  roles: Role[];

  @Column({ type: 'varchar', length: 2, default: 'es' })
  locale: Locale;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** Whether the person has chosen a password: kept from the hash by a trigger, never written here. */
  @Column({ type: 'boolean', default: false, insert: false, update: false })
  hasPassword: boolean;

  /**
   * When the person was last invited to choose a password (the account-created mail). Written only
   * by the invitation statements (`update: false`), so saving a person read earlier never undoes it.
   */
  @Column({ type: 'timestamptz', nullable: true, update: false })
  invitedAt: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
