import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { achievementNotFound, statusListNotFound } from './certificates.errors';
import { CertificatesService } from './certificates.service';
import { CredentialKeysService } from './credential-keys.service';
import { signCredential } from './credential/jwt';
import type { PublishedJwk } from './credential/keys';
import { OPEN_BADGE_CONTEXT, openBadgeAchievement, openBadgeCredential } from './credential/open-badge';
import type { CertificateData } from './render/certificate-data';
import { encodeStatusList, MIN_STATUS_LIST_BITS, statusListCredential } from './credential/status-list';

/**
 * Certificates as signed credentials: a W3C Verifiable Credential 2.0 shaped as an Open Badges 3.0
 * OpenBadgeCredential, signed as a JWT with the issuer's Ed25519 key, and the revocation status lists
 * (W3C Bitstring Status List) every credential points to.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesService,
    private readonly keys: CredentialKeysService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** The holder's or the office's copy of a certificate's credential, as a compact JWS. */
  async credential(actor: Principal, id: string): Promise<string> {
    const certificate = await this.certificates.visible(actor, id);
    const base = this.config.get('publicBaseUrl');
    const s = certificate.snapshot;
    const credential = openBadgeCredential({
      certificateId: certificate.id,
      registryNumber: certificate.registryNumber,
      revision: certificate.revision,
      kind: certificate.kind,
      holder: s.holder,
      topic: s.topic,
      seminarTitle: s.seminarTitle,
      startDate: s.startDate,
      endDate: s.endDate,
      hours: certificate.hours,
      issuedAt: certificate.issuedAt,
      issuer: this.keys.issuer(),
      achievementId: this.achievementUrl(certificate.seminarId, certificate.kind),
      pdfUrl: `${base}/api/v1/certificates/${certificate.id}/pdf`,
      pdfSha256: certificate.pdfSha256,
      statusListUrl: this.statusListUrl(Math.floor(certificate.statusIndex / MIN_STATUS_LIST_BITS)),
      statusIndex: certificate.statusIndex % MIN_STATUS_LIST_BITS,
    });
    return signCredential(credential, await this.keys.signingKey());
  }

  /** Status list `list`: a bit per certificate, set when it is revoked; signed like the credentials. */
  async statusList(list: number): Promise<string> {
    const [{ highest }] = await this.dataSource.query<{ highest: number | null }[]>(
      `SELECT max(status_index) AS highest FROM certificate`,
    );
    if (!Number.isInteger(list) || list < 0 || highest === null || list > Math.floor(highest / MIN_STATUS_LIST_BITS))
      throw statusListNotFound();
    const low = list * MIN_STATUS_LIST_BITS;
    const revoked = await this.dataSource.query<{ status_index: number }[]>(
      `SELECT status_index FROM certificate WHERE status = 'revoked' AND status_index >= $1 AND status_index < $2`,
      [low, low + MIN_STATUS_LIST_BITS],
    );
    const credential = statusListCredential({
      id: this.statusListUrl(list),
      issuer: this.keys.issuer(),
      validFrom: this.clock.now(),
      encodedList: encodeStatusList(revoked.map((row) => row.status_index - low)),
    });
    return signCredential(credential, await this.keys.signingKey());
  }

  /**
   * The achievement a credential names (`credentialSubject.achievement.id`): one per seminar and kind
   * of certificate, as Open Badges 3.0 JSON, from the first certificate of it that was issued.
   */
  async achievement(seminarId: string, kind: string) {
    if (kind !== 'attendance' && kind !== 'facilitation') throw achievementNotFound();
    const [row] = await this.dataSource.query<{ snapshot: CertificateData }[]>(
      `SELECT snapshot FROM certificate WHERE seminar_id = $1 AND kind = $2 ORDER BY issued_at, id LIMIT 1`,
      [seminarId, kind],
    );
    if (!row) throw achievementNotFound();
    const issuer = this.keys.issuer();
    return {
      '@context': [...OPEN_BADGE_CONTEXT],
      ...openBadgeAchievement({
        id: this.achievementUrl(seminarId, kind),
        kind,
        topic: row.snapshot.topic,
        seminarTitle: row.snapshot.seminarTitle,
        startDate: row.snapshot.startDate,
        endDate: row.snapshot.endDate,
      }),
      creator: { id: issuer.id, type: ['Profile'], name: issuer.name },
    };
  }

  achievementUrl(seminarId: string, kind: string): string {
    return `${this.config.get('publicBaseUrl')}/api/v1/public/achievements/${seminarId}/${kind}`;
  }

  jwks(): Promise<{ keys: PublishedJwk[] }> {
    return this.keys.jwks();
  }

  private statusListUrl(list: number): string {
    return `${this.config.get('publicBaseUrl')}/api/v1/public/credentials/status/${list}`;
  }
}
