import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { toCsv } from '../../common/csv/csv';
import { TooManyRequestsError } from '../../common/errors/domain-error';
import type { Language } from '../../common/i18n/text';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { StorageService } from '../../infrastructure/storage/storage.service';
import { Certificate } from './certificate.entity';
import { CertificateRendererService } from './certificate-renderer.service';
import { certificateNotFound, templateNotFound } from './certificates.errors';
import { normaliseCheckCode, REGISTRY_NUMBER } from './eligibility';
import { sampleCertificateData } from './render/sample';
import type { CertificateResponseDto, VerificationDto } from './certificates.dto';

/** Reading certificates: the holder's list and files, the transcript, the registry book, public verification. */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    private readonly renderer: CertificateRendererService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async mine(actor: Principal): Promise<CertificateResponseDto[]> {
    const certificates = await this.dataSource.manager.find(Certificate, {
      where: { personId: actor.personId },
      order: { issuedAt: 'DESC', revision: 'DESC' },
    });
    return certificates.map(toResponse);
  }

  /** The holder and the office; 404 for anyone else. */
  async visible(actor: Principal, id: string): Promise<Certificate> {
    const certificate = await this.dataSource.manager.findOneBy(Certificate, { id });
    if (!certificate || (!hasRole(actor, 'office') && certificate.personId !== actor.personId))
      throw certificateNotFound();
    return certificate;
  }

  async get(actor: Principal, id: string): Promise<CertificateResponseDto> {
    return toResponse(await this.visible(actor, id));
  }

  async pdf(actor: Principal, id: string): Promise<{ certificate: Certificate; stream: Readable }> {
    const certificate = await this.visible(actor, id);
    return { certificate, stream: await this.storage.read(certificate.pdfKey) };
  }

  /** Every valid certificate of the person and its credit hours, by year: for a promotion file. */
  async transcript(actor: Principal, language: Language): Promise<Buffer> {
    const [person] = await this.dataSource.query<{ full_name: string; licence_number: string | null }[]>(
      `SELECT full_name, licence_number FROM person WHERE id = $1`,
      [actor.personId],
    );
    const certificates = await this.dataSource.manager.find(Certificate, {
      where: { personId: actor.personId, status: 'valid' },
      order: { issuedAt: 'ASC' },
    });
    return this.renderer.transcript(language, {
      holder: { name: person.full_name, licence: person.licence_number },
      generatedOn: todayIn(this.config.get('timeZone'), this.clock.now()),
      issuer: this.config.get('credentials').issuerName,
      rows: certificates.map((c) => ({
        year: Number(c.snapshot.endDate.slice(0, 4)),
        registryNumber: c.registryNumber,
        revision: c.revision,
        kind: c.kind,
        topic: c.snapshot.topic,
        seminarTitle: c.snapshot.seminarTitle,
        startDate: c.snapshot.startDate,
        endDate: c.snapshot.endDate,
        hours: c.hours,
        status: c.status,
      })),
    });
  }

  private async registryRows(year: number): Promise<Certificate[]> {
    return this.dataSource.manager.find(Certificate, { where: { year }, order: { sequence: 'ASC', revision: 'ASC' } });
  }

  async registryCsv(year: number, language: Language): Promise<string> {
    const header =
      language === 'en'
        ? [
            'registry_number',
            'revision',
            'status',
            'holder',
            'licence',
            'kind',
            'topic',
            'seminar',
            'start_date',
            'end_date',
            'hours',
            'issued_on',
            'revoked_on',
            'sha256',
          ]
        : [
            'numero_registro',
            'revision',
            'estado',
            'titular',
            'cedula',
            'tipo',
            'tema',
            'seminario',
            'inicio',
            'fin',
            'horas',
            'emitido',
            'revocado',
            'sha256',
          ];
    const rows = (await this.registryRows(year)).map((c) => [
      c.registryNumber,
      c.revision,
      c.status,
      c.snapshot.holder.name,
      c.snapshot.holder.licence,
      c.kind,
      c.snapshot.topic,
      c.snapshot.seminarTitle,
      c.snapshot.startDate,
      c.snapshot.endDate,
      c.hours,
      c.snapshot.issuedOn,
      c.revokedAt ? todayIn(this.config.get('timeZone'), c.revokedAt) : null,
      c.pdfSha256,
    ]);
    return toCsv([header, ...rows]);
  }

  async registryPdf(year: number, language: Language): Promise<Buffer> {
    const rows = await this.registryRows(year);
    return this.renderer.registryBook(language, {
      year,
      generatedOn: todayIn(this.config.get('timeZone'), this.clock.now()),
      issuer: this.config.get('credentials').issuerName,
      rows: rows.map((c) => ({
        registryNumber: c.registryNumber,
        revision: c.revision,
        holder: c.snapshot.holder.name,
        licence: c.snapshot.holder.licence,
        seminarTitle: c.snapshot.seminarTitle,
        hours: c.hours,
        issuedOn: c.snapshot.issuedOn,
        status: c.status,
      })),
    });
  }

  async preview(template: string, language: Language): Promise<Buffer> {
    if (!this.renderer.templateNames().includes(template)) throw templateNotFound();
    return this.renderer.render(template, language, {
      ...sampleCertificateData(),
      kind: template === 'facilitation' ? 'facilitation' : 'attendance',
    });
  }

  /** Public: a registry number with its check code. Unknown numbers and wrong codes get the same 404. */
  async verify(registryNumber: string, code: string, ip: string): Promise<VerificationDto> {
    await this.assertNotThrottled(ip);
    const found = REGISTRY_NUMBER.test(registryNumber)
      ? await this.dataSource.manager.findOneBy(Certificate, { registryNumber, checkCode: normaliseCheckCode(code) })
      : null;
    if (!found) {
      await this.dataSource.query(`INSERT INTO verification_failure (ip) VALUES ($1)`, [ip]);
      throw certificateNotFound();
    }
    return this.verification(found);
  }

  /** Public: whether an uploaded file is exactly an issued certificate. */
  async verifyFile(bytes: Buffer, ip: string): Promise<VerificationDto | { match: false }> {
    await this.assertNotThrottled(ip);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const found = await this.dataSource.manager.findOneBy(Certificate, { pdfSha256: sha256 });
    if (!found) {
      await this.dataSource.query(`INSERT INTO verification_failure (ip) VALUES ($1)`, [ip]);
      return { match: false };
    }
    return this.verification(found);
  }

  private async verification(certificate: Certificate): Promise<VerificationDto> {
    const [latest] = await this.dataSource.query<{ revision: number }[]>(
      `SELECT max(revision)::int AS revision FROM certificate WHERE registry_number = $1`,
      [certificate.registryNumber],
    );
    const s = certificate.snapshot;
    return {
      match: true,
      registryNumber: certificate.registryNumber,
      revision: certificate.revision,
      status: certificate.status,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      supersededByRevision: certificate.status === 'superseded' ? latest.revision : null,
      kind: certificate.kind,
      holderName: s.holder.name,
      topic: s.topic,
      seminarTitle: s.seminarTitle,
      startDate: s.startDate,
      endDate: s.endDate,
      hours: certificate.hours,
      issuedOn: s.issuedOn,
      issuer: s.issuer,
      pdfSha256: certificate.pdfSha256,
    };
  }

  private async assertNotThrottled(ip: string): Promise<void> {
    const { verifyMaxFailures, verifyWindowSeconds } = this.config.get('certificates');
    // The window and the wait are both measured on the database's clock, which records the failures.
    const [row] = await this.dataSource.query<{ count: number; retry_after: number | null }[]>(
      `SELECT count(*)::int AS count,
              ceil(extract(epoch FROM min(created_at) + make_interval(secs => $2) - now()))::int AS retry_after
         FROM verification_failure
        WHERE ip = $1 AND created_at > now() - make_interval(secs => $2)`,
      [ip, verifyWindowSeconds],
    );
    if (row.count >= verifyMaxFailures) {
      throw new TooManyRequestsError(Math.max(1, row.retry_after ?? 1));
    }
  }
}

export function toResponse(c: Certificate): CertificateResponseDto {
  return {
    id: c.id,
    registryNumber: c.registryNumber,
    revision: c.revision,
    kind: c.kind,
    status: c.status,
    seminarId: c.seminarId,
    personId: c.personId,
    holderName: c.snapshot.holder.name,
    licence: c.snapshot.holder.licence,
    topic: c.snapshot.topic,
    seminarTitle: c.snapshot.seminarTitle,
    startDate: c.snapshot.startDate,
    endDate: c.snapshot.endDate,
    hours: c.hours,
    issuedOn: c.snapshot.issuedOn,
    checkCode: c.checkCode,
    verificationUrl: c.snapshot.verificationUrl,
    pdfSha256: c.pdfSha256,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason ?? null,
  };
}
