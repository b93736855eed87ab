import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClinicalCase } from './clinical-case.entity';

/** A file of a case, in storage under a generated key; the database keeps what identifies it. */
@Entity('case_attachment')
@Check('case_attachment_kind_known', `kind IN ('pdf','png','jpeg','docx')`)
export class CaseAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_attachment_case_idx')
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => ClinicalCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: ClinicalCase;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** The uploaded name, cleaned for display; never a path. */
  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 10 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** The file's text, for the de-identification scan on submission. */
  @Column({ type: 'text', default: '' })
  extractedText: string;

  @Column({ type: 'uuid' })
  uploadedById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
