import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-in (or reset request) attempt that has not succeeded, kept for throttling: attempts are
 * recorded before the password is checked and removed when it proves right. The account is recorded as a hash of the normalised email so
 * that the table holds no address in clear; the table lives in the database so that every API
 * process sees the same counts.
 */
@Entity('login_failure')
@Index('login_failure_account_idx', ['accountKey', 'createdAt'])
@Index('login_failure_ip_idx', ['ip', 'createdAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'char', length: 64 })
  accountKey: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
