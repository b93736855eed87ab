import { createHash, randomBytes, randomUUID } from 'node:crypto';
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
import { JobsService, type JobContext } from '../../infrastructure/jobs/jobs.service';
import { StorageService } from '../../infrastructure/storage/storage.service';
import { AttendanceLedger } from '../attendance/attendance-ledger';
import { EvaluationFormsService } from '../evaluations/evaluation-forms.service';
import { seminarNotFound } from '../seminars/seminars.errors';
import { Certificate, type CertificateKind } from './certificate.entity';
import { CertificateRendererService } from './certificate-renderer.service';
import { certificateNotFound, certificateStatusConflict, seminarNotCompleted } from './certificates.errors';
import {
  attendeeVerdict,
  checkCodeFrom,
  facilitatorVerdict,
  registryNumber,
  type IneligibleReason,
} from './eligibility';
import type { CertificateData } from './render/certificate-data';

export const ISSUANCE_QUEUE = 'certificate-issuance';
export const ISSUANCE_JOB_KIND = 'certificate-issuance';

interface IssuanceJob {
  jobId: string;
  seminarId: string;
  actorId: string | null;
}

/** A seminar as printed on its certificates. */
interface SeminarFacts {
  id: string;
  title: string;
  topicId: string;
  topicTitle: string;
  startDate: string;
  endDate: string;
  place: string;
  completed: boolean;
  minAttendancePercent: number;
  evaluationRequired: boolean;
  creditHours: number;
}

export interface EligibilityRow {
  personId: string;
  name: string;
  licence: string | null;
  locale: 'es' | 'en';
  kind: CertificateKind;
  eligible: boolean;
  reasons: IneligibleReason[];
  hours: number;
  /** Hours attended over the seminar's hours (attendees), 0–1. */
  attendanceShare: number | null;
  certificate: { id: string; registryNumber: string; status: string } | null;
}

/**
 * Issues certificates: who is eligible, registry numbers without gaps from a counter row locked in
 * the issuing transaction, the PDF rendered once and stored with its hash before the row commits,
 * a frozen snapshot of what was printed, revocation and reissue with an audit trail.
 */
@Injectable()
export class CertificateIssuer implements OnModuleInit {
  private readonly logger = new Logger(CertificateIssuer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly progress: JobProgressService,
    private readonly ledger: AttendanceLedger,
    private readonly forms: EvaluationFormsService,
    private readonly renderer: CertificateRendererService,
    private readonly storage: StorageService,
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
      const [seminar] = await manager.query<{ status: string }[]>(
        `SELECT status FROM seminar WHERE id = $1 FOR SHARE`,
        [seminarId],
      );
      if (!seminar) throw seminarNotFound();
      if (seminar.status !== 'completed' && seminar.status !== 'closed') throw seminarNotCompleted();
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

  /** Everyone who could hold a certificate of the seminar, with the reasons when they cannot. */
  async eligibility(seminarId: string, manager: EntityManager = this.dataSource.manager): Promise<EligibilityRow[]> {
    const seminar = await this.seminarFacts(manager, seminarId);
    if (!seminar) throw seminarNotFound();
    return this.eligibilityOf(manager, seminar);
  }

  private async eligibilityOf(manager: EntityManager, seminar: SeminarFacts): Promise<EligibilityRow[]> {
    const seminarId = seminar.id;
    const [attendees, facilitators, certificates, answered, summaries, topicForms] = await Promise.all([
      manager.query<{ id: string; full_name: string; licence_number: string | null; locale: 'es' | 'en' }[]>(
        `SELECT p.id, p.full_name, p.licence_number, p.locale FROM enrolment e JOIN person p ON p.id = e.person_id
          WHERE e.seminar_id = $1 AND e.status = 'confirmed' ORDER BY p.full_name, p.id`,
        [seminarId],
      ),
      manager.query<
        { id: string; full_name: string; licence_number: string | null; locale: 'es' | 'en'; minutes: number }[]
      >(
        `SELECT p.id, p.full_name, p.licence_number, p.locale,
                COALESCE((SELECT sum(EXTRACT(epoch FROM b.end_time - b.start_time) / 60)
                            FROM agenda_block b JOIN seminar_day d ON d.id = b.seminar_day_id
                           WHERE d.seminar_id = f.seminar_id AND b.responsible_id = p.id AND b.kind <> 'break'), 0)::float8 AS minutes
           FROM facilitation f JOIN person p ON p.id = f.person_id
          WHERE f.seminar_id = $1 ORDER BY p.full_name, p.id`,
        [seminarId],
      ),
      manager.query<
        { id: string; person_id: string; kind: CertificateKind; registry_number: string; status: string }[]
      >(
        `SELECT id, person_id, kind, registry_number, status FROM certificate WHERE seminar_id = $1 AND status <> 'superseded'`,
        [seminarId],
      ),
      manager.query<{ person_id: string }[]>(
        `SELECT person_id FROM evaluation_submission WHERE seminar_id = $1 AND occasion = 'final'`,
        [seminarId],
      ),
      this.ledger.summaries(manager, seminarId),
      this.forms.forTopic(manager, seminar.topicId),
    ]);
    const answeredFinal = new Set(answered.map((row) => row.person_id));
    const held = (personId: string, kind: CertificateKind) => {
      const found = certificates.find((c) => c.person_id === personId && c.kind === kind);
      return found ? { id: found.id, registryNumber: found.registry_number, status: found.status } : null;
    };
    const agendaAssigned = facilitators.some((f) => f.minutes > 0);
    const seminarHours = await this.seminarHours(manager, seminarId);
    const rows: EligibilityRow[] = [];
    for (const person of attendees) {
      const summary = summaries.get(person.id);
      const share = summary?.share ?? 0;
      const verdict = attendeeVerdict(
        seminar.completed,
        {
          minAttendancePercent: seminar.minAttendancePercent,
          evaluationRequired: seminar.evaluationRequired,
          creditHours: seminar.creditHours,
        },
        {
          hoursAttended: summary?.hoursAttended ?? 0,
          seminarHours,
          finalEvaluationAnswered: answeredFinal.has(person.id),
          finalEvaluationAsked: topicForms.has('final'),
        },
      );
      rows.push(this.row(person, 'attendance', verdict, share, held(person.id, 'attendance')));
    }
    for (const person of facilitators) {
      // Without any agenda block assigned, every facilitator is credited the seminar's hours.
      const verdict = facilitatorVerdict(seminar.completed, agendaAssigned ? person.minutes / 60 : seminarHours);
      rows.push(this.row(person, 'facilitation', verdict, null, held(person.id, 'facilitation')));
    }
    return rows;
  }

  private row(
    person: { id: string; full_name: string; licence_number: string | null; locale: 'es' | 'en' },
    kind: CertificateKind,
    verdict: { eligible: boolean; reasons: IneligibleReason[]; hours: number },
    share: number | null,
    certificate: EligibilityRow['certificate'],
  ): EligibilityRow {
    const reasons = [...verdict.reasons];
    if (certificate?.status === 'revoked') reasons.push('revoked');
    return {
      personId: person.id,
      name: person.full_name,
      licence: person.licence_number,
      locale: person.locale === 'en' ? 'en' : 'es',
      kind,
      eligible: verdict.eligible && certificate?.status !== 'revoked',
      reasons,
      hours: verdict.hours,
      attendanceShare: share,
      certificate,
    };
  }

  /**
   * The job: issues what is missing, in batches of one transaction each. A lost worker's job is
   * started again and finds what the earlier attempt committed, so nobody gets two; a worker that
   * lets go of the job (shutdown) stops between batches.
   */
  async run(job: IssuanceJob, context: Pick<JobContext, 'id' | 'attempt' | 'signal'>): Promise<void> {
    const seminar = await this.seminarFacts(this.dataSource.manager, job.seminarId);
    if (!seminar) return this.progress.finish(job.jobId, 'failed', this.clock.now());
    const rows = (await this.eligibilityOf(this.dataSource.manager, seminar)).filter((row) => row.eligible);
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
    const seminar = await this.seminarFacts(this.dataSource.manager, seminarId);
    if (!seminar) throw seminarNotFound();
    const row = (await this.eligibilityOf(this.dataSource.manager, seminar)).find(
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
    const [counter] = await manager.query<{ last: number }[]>(
      `INSERT INTO certificate_counter (prefix, year, last) VALUES ($1, $2, $3)
       ON CONFLICT (prefix, year) DO UPDATE SET last = certificate_counter.last + $3 RETURNING last`,
      [prefix, year, rows.length],
    );
    const first = counter.last - rows.length + 1;
    const prepared = await this.prepare(
      manager,
      rows.map((row, offset) => ({
        seminarId: seminar.id,
        personId: row.personId,
        kind: row.kind,
        year,
        sequence: first + offset,
        revision: 1,
        locale: row.locale,
        data: this.printed(
          seminar,
          row,
          registryNumber(prefix, year, first + offset),
          1,
          this.newCheckCode(),
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

  /** Revokes a valid certificate; its registry number stays in the book, marked revoked. */
  async revoke(actor: Principal, id: string, reason: string): Promise<Certificate> {
    return inTransaction(this.dataSource, async (manager) => {
      const certificate = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw certificateNotFound();
      if (certificate.status !== 'valid') throw certificateStatusConflict(certificate.status);
      certificate.status = 'revoked';
      certificate.revokedAt = this.clock.now();
      certificate.revocationReason = reason;
      await manager.save(certificate);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: id,
        reason,
        details: { registryNumber: certificate.registryNumber },
      });
      return certificate;
    });
  }

  /**
   * Issues the next revision of a valid certificate under the same registry number, with the holder's
   * name and licence as the directory has them now; everything else as first printed.
   */
  async reissue(actor: Principal, id: string, reason: string): Promise<Certificate> {
    return inTransaction(this.dataSource, async (manager) => {
      const earlier = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!earlier) throw certificateNotFound();
      if (earlier.status !== 'valid') throw certificateStatusConflict(earlier.status);
      const [person] = await manager.query<{ full_name: string; licence_number: string | null; locale: string }[]>(
        `SELECT full_name, licence_number, locale FROM person WHERE id = $1`,
        [earlier.personId],
      );
      const now = this.clock.now();
      earlier.status = 'superseded';
      earlier.supersededAt = now;
      await manager.save(earlier);
      const data: CertificateData = {
        ...earlier.snapshot,
        revision: earlier.revision + 1,
        checkCode: this.newCheckCode(),
        holder: { name: person.full_name, licence: person.licence_number },
      };
      data.verificationUrl = this.verificationUrl(data.registryNumber, data.checkCode);
      const [next] = await this.prepare(manager, [
        {
          seminarId: earlier.seminarId,
          personId: earlier.personId,
          kind: earlier.kind,
          year: earlier.year,
          sequence: earlier.sequence,
          revision: earlier.revision + 1,
          locale: earlier.locale,
          data,
          now,
          actorId: actor.personId,
        },
      ]);
      await manager.insert(Certificate, next as never);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'certificate.reissued',
        subjectType: 'certificate',
        subjectId: next.id,
        reason,
        details: { registryNumber: next.registryNumber, revision: next.revision, supersedes: earlier.id },
      });
      return next;
    });
  }

  /**
   * Renders and stores the PDFs and builds the rows, with a position in the status lists each. Files
   * are stored before the rows commit: a crash leaves at most an unreferenced file, never a row
   * without its PDF.
   */
  private async prepare(
    manager: EntityManager,
    inputs: {
      seminarId: string;
      personId: string;
      kind: CertificateKind;
      year: number;
      sequence: number;
      revision: number;
      locale: 'es' | 'en';
      data: CertificateData;
      now: Date;
      actorId: string | null;
    }[],
  ): Promise<Certificate[]> {
    const indexes = await manager.query<{ index: string }[]>(
      `SELECT nextval('certificate_status_index_seq') AS index FROM generate_series(1, $1)`,
      [inputs.length],
    );
    const writes: Promise<void>[] = [];
    const certificates: Certificate[] = [];
    let failure: { error: unknown } | undefined;
    try {
      for (const [at, input] of inputs.entries()) {
        const pdf = await this.renderer.render(input.kind, input.locale, input.data);
        const key = `certificates/${input.year}/${randomUUID()}`;
        writes.push(this.storage.put(key, pdf));
        certificates.push(
          manager.create(Certificate, {
            id: randomUUID(),
            registryNumber: input.data.registryNumber,
            year: input.year,
            sequence: input.sequence,
            revision: input.revision,
            kind: input.kind,
            status: 'valid',
            seminarId: input.seminarId,
            personId: input.personId,
            checkCode: input.data.checkCode,
            template: input.kind,
            locale: input.locale,
            snapshot: input.data,
            hours: input.data.hours,
            pdfKey: key,
            pdfSha256: createHash('sha256').update(pdf).digest('hex'),
            pdfSize: pdf.length,
            statusIndex: Number(indexes[at].index),
            issuedAt: input.now,
            issuedBy: input.actorId,
          }),
        );
      }
    } catch (error) {
      failure = { error };
    }
    // Every write settles before the transaction goes on (or rolls back); a failed write is the
    // error to report, since the rest follows from it.
    const results = await Promise.allSettled(writes);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (failure) throw failure.error;
    return certificates;
  }

  private printed(
    seminar: SeminarFacts,
    row: EligibilityRow,
    number: string,
    revision: number,
    checkCode: string,
    issuedOn: string,
  ): CertificateData {
    const { signatories } = this.config.get('certificates');
    return {
      kind: row.kind,
      registryNumber: number,
      revision,
      checkCode,
      verificationUrl: this.verificationUrl(number, checkCode),
      holder: { name: row.name, licence: row.licence },
      topic: seminar.topicTitle,
      seminarTitle: seminar.title,
      startDate: seminar.startDate,
      endDate: seminar.endDate,
      place: seminar.place,
      hours: row.hours,
      issuedOn,
      issuer: this.config.get('credentials').issuerName,
      signatories,
    };
  }

  verificationUrl(number: string, checkCode: string): string {
    return `${this.config.get('publicBaseUrl')}/verify/${number}?code=${checkCode}`;
  }

  private newCheckCode(): string {
    const bytes = randomBytes(64);
    let at = 0;
    return checkCodeFrom(() => (at < bytes.length ? bytes[at++] : randomBytes(1)[0]));
  }

  private async seminarFacts(manager: EntityManager, seminarId: string): Promise<SeminarFacts | null> {
    const [row] = await manager.query<
      {
        id: string;
        title: string;
        topic_id: string;
        topic_title: string;
        start_date: string;
        end_date: string;
        venue: string | null;
        address: string | null;
        status: string;
        min_attendance_percent: number;
        evaluation_required: boolean;
        credit_hours: number;
      }[]
    >(
      `SELECT s.id, s.title, s.topic_id, t.title AS topic_title, to_char(s.start_date, 'YYYY-MM-DD') AS start_date, to_char(s.end_date, 'YYYY-MM-DD') AS end_date,
              v.name AS venue, v.address, s.status, t.min_attendance_percent, t.evaluation_required, t.credit_hours
         FROM seminar s JOIN topic t ON t.id = s.topic_id LEFT JOIN venue v ON v.id = s.venue_id
        WHERE s.id = $1`,
      [seminarId],
    );
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      topicId: row.topic_id,
      topicTitle: row.topic_title,
      startDate: row.start_date,
      endDate: row.end_date,
      place: [row.venue, row.address].filter((part) => part).join(', '),
      completed: row.status === 'completed' || row.status === 'closed',
      minAttendancePercent: row.min_attendance_percent,
      evaluationRequired: row.evaluation_required,
      creditHours: row.credit_hours,
    };
  }

  /** The seminar's hours: its days times the topic's hours a day. */
  private async seminarHours(manager: EntityManager, seminarId: string): Promise<number> {
    const [row] = await manager.query<{ hours: number }[]>(
      `SELECT (count(d.id) * t.hours_per_day)::float8 AS hours FROM seminar s JOIN topic t ON t.id = s.topic_id LEFT JOIN seminar_day d ON d.seminar_id = s.id WHERE s.id = $1 GROUP BY t.hours_per_day`,
      [seminarId],
    );
    return row?.hours ?? 0;
  }
}
