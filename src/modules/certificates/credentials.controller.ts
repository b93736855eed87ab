import { certificateNotFound, statusListNotFound } from './certificates.errors';
import { Controller, Get, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CredentialsService } from './credentials.service';

const JWT_CONTENT = {
  'application/vc+jwt': { schema: { type: 'string', description: 'Compact JWS (EdDSA, Ed25519).' } },
};

@ApiTags('certificates')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('certificates/:id/credential')
  @SignedIn()
  @ApiProduces('application/vc+jwt')
  @ApiOperation({
    summary: 'The certificate as a signed credential',
    description:
      'A W3C Verifiable Credential 2.0 shaped as an Open Badges 3.0 OpenBadgeCredential, secured as a JWT (VC-JOSE-COSE, `typ: vc+jwt`) with the issuer’s Ed25519 key published at /.well-known/jwks.json; its `credentialStatus` points to a Bitstring Status List of revocations. Its holder and the office.',
  })
  @ApiOkResponse({ description: 'The credential JWT.', content: JWT_CONTENT })
  @ApiProblems(certificateNotFound)
  async credential(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    response.setHeader('Content-Type', 'application/vc+jwt');
    return this.credentials.credential(actor, id);
  }

  @Get('public/credentials/status/:list')
  @Public()
  @ApiProduces('application/vc+jwt')
  @ApiOperation({
    summary: 'A revocation status list (W3C Bitstring Status List), signed',
    description: 'A bit per certificate credential, set when revoked. No account needed.',
  })
  @ApiOkResponse({ description: 'The BitstringStatusListCredential JWT.', content: JWT_CONTENT })
  @ApiProblems(statusListNotFound)
  async statusList(
    @Param('list', ParseIntPipe) list: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    response.setHeader('Content-Type', 'application/vc+jwt');
    response.setHeader('Cache-Control', 'max-age=300');
    return this.credentials.statusList(list);
  }
}
