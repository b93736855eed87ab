import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConfigService } from '../../config/config.service';
import { StorageService } from '../../infrastructure/storage/storage.service';
import { Certificate, type CertificateKind } from './certificate.entity';
import type { EligibilityRow } from './certificate-eligibility.service';
import { IssuanceRepository, type SeminarFacts } from './certificate-issuance.repository';
import { CertificateRendererService } from './certificate-renderer.service';
import { checkCodeFrom } from './eligibility';
import type { CertificateData } from './render/certificate-data';

/** One certificate to mint: whose, which number and revision, and what it prints. */
export interface MintInput {
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
}

/** Turns what a certificate prints into its PDF, stored with its hash, and the row that records it. */
@Injectable()
export class CertificateMinter {
  constructor(
    private readonly issuance: IssuanceRepository,
    private readonly renderer: CertificateRendererService,
    private readonly storage: StorageService,
    private readonly config: ConfigService,
  ) {}

  /**
   * Renders and stores the PDFs and builds the rows, with a position in the status lists each. Files
   * are stored before the rows commit: a crash leaves at most an unreferenced file, never a row
   * without its PDF. Each file is written while the next one renders.
   */
  async mint(manager: EntityManager, inputs: MintInput[]): Promise<Certificate[]> {
    const indexes = await this.issuance.reserveStatusIndexes(inputs.length, manager);
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
            statusIndex: indexes[at],
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

  /** What a first revision prints: the seminar, the holder, the number and the signatories. */
  printed(
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

  /** The page the certificate's QR opens: it lives as long as the paper does. */
  verificationUrl(number: string, checkCode: string): string {
    return `${this.config.get('publicBaseUrl')}/verify/${number}?code=${checkCode}`;
  }

  newCheckCode(): string {
    const bytes = randomBytes(64);
    let at = 0;
    return checkCodeFrom(() => (at < bytes.length ? bytes[at++] : randomBytes(1)[0]));
  }
}
