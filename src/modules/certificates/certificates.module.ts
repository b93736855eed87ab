import { Module } from '@nestjs/common';
import { memoryUploads } from '../../common/http/memory-uploads';
import { AttendanceModule } from '../attendance/attendance.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { CertificateEligibility } from './certificate-eligibility.service';
import { IssuanceRepository } from './certificate-issuance.repository';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateMinter } from './certificate-minter.service';
import { CertificateRevocation } from './certificate-revocation.service';
import { CertificateRendererService } from './certificate-renderer.service';
import { CertificatesController } from './certificates.controller';
import { CredentialsController } from './credentials.controller';
import { JwksController } from './jwks.controller';
import { VerificationController } from './verification.controller';
import { CertificatesService } from './certificates.service';
import { CredentialKeysService } from './credential-keys.service';
import { CredentialsService } from './credentials.service';

/** Certificate PDFs are small; anything bigger is not one of ours. */
const VERIFY_UPLOAD_BYTES = 5 * 1024 * 1024;

@Module({
  imports: [AttendanceModule, EvaluationsModule, memoryUploads(() => VERIFY_UPLOAD_BYTES)],
  controllers: [CertificatesController, VerificationController, CredentialsController, JwksController],
  providers: [
    CertificateRendererService,
    CertificateIssuer,
    IssuanceRepository,
    CertificateEligibility,
    CertificateMinter,
    CertificateRevocation,
    CertificatesService,
    CredentialKeysService,
    CredentialsService,
  ],
})
export class CertificatesModule {}
