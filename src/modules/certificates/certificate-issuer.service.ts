import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { violatedConstraint } from '../../common/errors/database-errors';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { JobProgressService } from '../../infrastructure/jobs/job-progress.service';
import { JobsService } from '../../infrastructure/jobs/jobs.service';
import { type JobContext } from '../../infrastructure/jobs/queue-definition';
import { seminarNotFound } from '../seminars/seminars.errors';
import { Certificate, type CertificateKind } from './certificate.entity';
import { CertificateEligibility, type EligibilityRow } from './certificate-eligibility.service';
import { IssuanceRepository, type SeminarFacts } from './certificate-issuance.repository';
import { CertificateMinter } from './certificate-minter.service';
import { seminarNotCompleted } from './certificates.errors';
import { registryNumber } from './eligibility';

export const ISSUANCE_QUEUE = 'certificate-issuance';
export const ISSUANCE_JOB_KIND = 'certificate-issuance';

interface IssuanceJob {
  jobId: string;
  seminarId: string;
  actorId: string | null;
}

/**
 * Issues certificates: the background job over a seminar's eligible people, and the issuing
 * transaction itself, which takes registry numbers without gaps from a counter row locked until it
 * commits and mints each PDF with its number before the row goes in.
 */
@Injectable()
export class CertificateIssuer implements OnModuleInit {
  private readonly logger = new Logger(CertificateIssuer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly progress: JobProgressService,
    private readonly issuance: IssuanceRepository,
    private readonly eligibility: CertificateEligibility,
    private readonly minter: CertificateMinter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<IssuanceJob>({
      name: ISSUANCE_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 5,
      expireInSeconds: this.config.get('certificates').jobExpireSeconds,
      handler: (data, job) => this.run(data, job),
      onGiveUp: (data) => this.progress.finish(data.jobId, 'failed', this.clock.now()),
      onInterrupted: (manager, data, interruption) => this.progress.interrupted(manager, data.jobId, interruption),
    });
  }

  /** Starts issuing every missing certificate of a completed seminar in the background. */
  async requestIssue(actor: Principal, seminarId: string): Promise<{ jobId: string }> {
    return inTransaction(this.dataSource, async (manager) => {
      const status = await this.issuance.lockSeminarStatus(seminarId, manager);
      if (!status) throw seminarNotFound();
      if (status !== 'completed' && status !== 'closed') throw seminarNotCompleted();
      const job = await this.progress.create(manager, ISSUANCE_JOB_KIND, seminarId, actor.personId);
      await this.jobs.send<IssuanceJob>(manager, ISSUANCE_QUEUE, { jobId: job.id, seminarId, actorId: actor.personId });
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'certificates.issue_requested',
        subjectType: 'seminar',
        subjectId: seminarId,
        details: { jobId: job.id },
      });
      return { jobId: job.id };
    });
  }

  /**
   * The job: issues what is missing, in batches of one transaction each. A lost worker's job is
   * started again and finds what the earlier attempt committed, so nobody gets two; a worker that
   * lets go of the job (shutdown) stops between batches.
   */
  async run(job: IssuanceJob, context: Pick<JobContext, 'id' | 'attempt' | 'signal'>): Promise<void> {
    const seminar = await this.issuance.seminarFacts(job.seminarId, this.dataSource.manager);
    if (!seminar) return this.progress.finish(job.jobId, 'failed', this.clock.now());
    const rows = (await this.eligibility.of(this.dataSource.manager, seminar)).filter((row) => row.eligible);
    const missing = rows.filter((row) => !row.certificate);
    if (
      !(await this.progress.start(
        job.jobId,
        rows.length,
        rows.length - missing.length,
        this.clock.now(),
        context.attempt,
      ))
    )
      return;
    const label = `Certificate issuance ${job.jobId} (job ${context.id})`;
    this.logger.log(
      `${label}: ${missing.length} of ${rows.length} eligible certificates to issue (attempt ${context.attempt})`,
    );
    const batchSize = this.config.get('certificates').batchSize;
    let quarter = 0;
    for (let start = 0; start < missing.length; start += batchSize) {
      context.signal.throwIfAborted();
      const reached = Math.floor((start * 4) / missing.length);
      if (reached > quarter) {
        quarter = reached;
        this.logger.log(`${label}: ${rows.length - missing.length + start} of ${rows.length} issued`);
      }
      const batch = missing.slice(start, start + batchSize);
      try {
        await inTransaction(this.dataSource, async (manager) => {
          await this.issueBatch(manager, seminar, batch, job.actorId);
          await this.progress.advance(manager, job.jobId, batch.length, []);
        });
      } catch {
        // One bad item must not hold back the rest: the batch is done again one by one.
        for (const row of batch) await this.issueAlone(job, seminar, row);
      }
    }
    await this.progress.finish(job.jobId, 'completed', this.clock.now());
  }

  private async issueAlone(job: IssuanceJob, seminar: SeminarFacts, row: EligibilityRow): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await this.issueBatch(manager, seminar, [row], job.actorId);
        await this.progress.advance(manager, job.jobId, 1, []);
      });
    } catch (error) {
      // Issued meanwhile by another attempt: nothing is missing.
      if (violatedConstraint(error)?.constraint === 'certificate_one_active') {
        await this.progress.advance(this.dataSource.manager, job.jobId, 1, []);
        return;
      }
      this.logger.error(`Certificate for ${row.personId} in ${job.seminarId} failed: ${(error as Error).message}`);
      await this.progress.advance(this.dataSource.manager, job.jobId, 0, [
        { item: row.personId, code: 'issue_failed' },
      ]);
    }
  }

  /**
   * Issues one person's missing certificate of a seminar now, in a transaction of its own. Two calls
   * racing for the same person end with one certificate: the other is rolled back, number included.
   */
  async issueMissing(
    seminarId: string,
    personId: string,
    kind: CertificateKind,
    actorId: string | null,
  ): Promise<'issued' | 'already_issued' | 'not_eligible'> {
    const seminar = await this.issuance.seminarFacts(seminarId, this.dataSource.manager);
    if (!seminar) throw seminarNotFound();
    const row = (await this.eligibility.of(this.dataSource.manager, seminar)).find(
      (candidate) => candidate.personId === personId && candidate.kind === kind,
    );
    if (!row || !row.eligible) return 'not_eligible';
    if (row.certificate) return 'already_issued';
    try {
      await inTransaction(this.dataSource, (manager) => this.issueBatch(manager, seminar, [row], actorId));
      return 'issued';
    } catch (error) {
      if (violatedConstraint(error)?.constraint === 'certificate_one_active') return 'already_issued';
      throw error;
    }
  }

  /**
   * Issues certificates inside the caller's transaction: their registry numbers are reserved together
   * from the year's counter row (locked until commit, so a rollback gives them all back), each PDF is
   * rendered with its number and written to storage while the next one renders, and the rows go in
   * once every file is stored.
   */
  async issueBatch(
    manager: EntityManager,
    seminar: SeminarFacts,
    rows: EligibilityRow[],
    actorId: string | null,
  ): Promise<Certificate[]> {
    if (rows.length === 0) return [];
    const now = this.clock.now();
    const issuedOn = todayIn(this.config.get('timeZone'), now);
    const year = Number(issuedOn.slice(0, 4));
    const { prefix } = this.config.get('certificates');
    const first = await this.issuance.reserveNumbers(prefix, year, rows.length, manager);
    const prepared = await this.minter.mint(
      manager,
      rows.map((row, offset) => ({
        seminarId: seminar.id,
        personId: row.personId,
        kind: row.kind,
        year,
        sequence: first + offset,
        revision: 1,
        locale: row.locale,
        data: this.minter.printed(
          seminar,
          row,
          registryNumber(prefix, year, first + offset),
          1,
          this.minter.newCheckCode(),
          issuedOn,
        ),
        now,
        actorId,
      })),
    );
    await manager.insert(Certificate, prepared as never);
    await this.audit.recordAll(
      manager,
      prepared.map((certificate) => ({
        actorId,
        action: 'certificate.issued',
        subjectType: 'certificate',
        subjectId: certificate.id,
        details: { registryNumber: certificate.registryNumber, seminarId: seminar.id, kind: certificate.kind },
      })),
    );
    return prepared;
  }
}
