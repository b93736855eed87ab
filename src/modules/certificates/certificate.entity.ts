import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { CertificateData } from './render/certificate-data';

export const CERTIFICATE_KINDS = ['attendance', 'facilitation'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * One revision of a registered certificate. Frozen when issued: `snapshot` holds every value printed
 * on the PDF, which is stored once with its SHA-256. A reissue (a corrected name) keeps the registry
 * number and adds a revision; the earlier one is marked superseded.
 */
@Entity('certificate')
@Check('certificate_kind_known', `kind IN ('attendance','facilitation')`)
@Check('certificate_status_known', `status IN ('valid','revoked','superseded')`)
@Check(
  'certificate_revocation_has_reason',
  `(status = 'revoked') = (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL)`,
)
@Check('certificate_sequence_positive', 'sequence > 0 AND revision > 0')
@Unique('certificate_number_revision_unique', ['registryNumber', 'revision'])
// One active certificate per person, seminar and kind.
@Index('certificate_one_active', ['personId', 'seminarId', 'kind'], { unique: true, where: `status = 'valid'` })
@Index('certificate_status_index_unique', ['statusIndex'], { unique: true })
@Index('certificate_pdf_sha256_idx', ['pdfSha256'])
@Index('certificate_year_sequence_idx', ['year', 'sequence'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `<PREFIX>-<YEAR>-<NNNNNN>`. */
  @Column({ type: 'varchar', length: 40 })
  registryNumber: string;

  @Column({ type: 'smallint' })
  year: number;

  /** The number within the year, without gaps. */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'smallint', default: 1 })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  kind: CertificateKind;

  @Column({ type: 'varchar', length: 16, default: 'valid' })
  status: CertificateStatus;

  @Index('certificate_seminar_idx')
  @Column({ type: 'uuid' })
  seminarId: string;

  @ManyToOne('Seminar', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: unknown;

  @Index('certificate_person_idx')
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne('Person', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: unknown;

  /** Printed under the QR and carried in it; the verification page asks for it. */
  @Column({ type: 'varchar', length: 16 })
  checkCode: string;

  @Column({ type: 'varchar', length: 40 })
  template: string;

  @Column({ type: 'varchar', length: 2 })
  locale: 'es' | 'en';

  /** Every value printed on the certificate, as printed. */
  @Column({ type: 'jsonb' })
  snapshot: CertificateData;

  @Column({
    type: 'numeric',
    precision: 6,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  hours: number;

  @Column({ type: 'varchar', length: 200 })
  pdfKey: string;

  @Column({ type: 'char', length: 64 })
  pdfSha256: string;

  @Column({ type: 'int' })
  pdfSize: number;

  /** Position in the revocation status list published with the credentials. */
  @Column({ type: 'int' })
  statusIndex: number;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  issuedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The last registry number given in a year. Taken with a row lock in the issuing transaction, so a
 * rollback or a crash gives the number back: numbers have no gaps.
 */
@Entity('certificate_counter')
export class CertificateCounter {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  prefix: string;

  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @Column({ type: 'int' })
  last: number;
}

/** A failed public verification, counted per address for throttling. */
@Entity('verification_failure')
@Index('verification_failure_ip_idx', ['ip', 'createdAt'])
export class VerificationFailure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
