import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { Certificate } from './certificate.entity';
import { IssuanceRepository } from './certificate-issuance.repository';
import { CertificateMinter } from './certificate-minter.service';
import { certificateNotFound, certificateStatusConflict } from './certificates.errors';
import type { CertificateData } from './render/certificate-data';

/** Revocation and reissue of issued certificates, each with its reason in the audit trail. */
@Injectable()
export class CertificateRevocation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuance: IssuanceRepository,
    private readonly minter: CertificateMinter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
      const person = await this.issuance.holder(earlier.personId, manager);
      const now = this.clock.now();
      earlier.status = 'superseded';
      earlier.supersededAt = now;
      await manager.save(earlier);
      const data: CertificateData = {
        ...earlier.snapshot,
        revision: earlier.revision + 1,
        checkCode: this.minter.newCheckCode(),
        holder: { name: person.full_name, licence: person.licence_number },
      };
      data.verificationUrl = this.minter.verificationUrl(data.registryNumber, data.checkCode);
      const [next] = await this.minter.mint(manager, [
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
}
