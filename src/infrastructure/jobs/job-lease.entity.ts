import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Which worker holds an active pg-boss job, and when it last said it was alive. A worker takes the
 * lease in the transaction that fetches the job and renews it every `JOB_HEARTBEAT_SECONDS`; a lease
 * left unrenewed for `JOB_DEAD_AFTER_SECONDS` means the worker died and its job is handed to
 * another. Whoever deletes the lease settles the job, so it is never settled twice.
 */
@Entity('job_lease')
@Index('job_lease_worker_idx', ['workerId'])
export class JobLease {
  /** The pg-boss job (pgboss.job.id); no foreign key, since pg-boss owns and partitions that table. */
  @PrimaryColumn({ type: 'uuid' })
  jobId: string;

  @Column({ type: 'varchar', length: 100 })
  queue: string;

  /** Host, process id and a random part, so that a restarted process on the same host is another worker. */
  @Column({ type: 'varchar', length: 200 })
  workerId: string;

  /** The attempt the worker is making (1 for the first). */
  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  takenAt: Date;

  /** Set by the database's clock, as is the staleness test, so the workers' clocks never matter. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  heartbeatAt: Date;
}
