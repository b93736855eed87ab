import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What a person shares with the people of their seminars, channel by channel, and the numbers only
 * this sharing needs (the work phone and the email are the person's own). Nothing is shared until
 * the person says so; no row means nothing shared.
 */
@Entity('contact_sharing')
@Check('contact_sharing_mobile_has_number', 'NOT share_mobile OR mobile IS NOT NULL')
@Check('contact_sharing_whatsapp_has_number', 'NOT share_whatsapp OR whatsapp IS NOT NULL')
export class ContactSharing {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  /** A mobile number in E.164 (`+522281234567`). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  mobile: string | null;

  /** The number the person uses WhatsApp on, in E.164. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  whatsapp: string | null;

  @Column({ type: 'boolean', default: false })
  shareWorkPhone: boolean;

  @Column({ type: 'boolean', default: false })
  shareMobile: boolean;

  @Column({ type: 'boolean', default: false })
  shareWhatsapp: boolean;

  @Column({ type: 'boolean', default: false })
  shareEmail: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
