import { achievementNotFound, certificateNotFound, statusListNotFound } from './certificates.errors';
import { Controller, Get, Param, ParseIntPipe, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
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

  @Get('public/achievements/:seminarId/:kind')
  @Public()
  @ApiOperation({
    summary: 'An achievement that credentials name (Open Badges 3.0)',
    description:
      'The `credentialSubject.achievement.id` of every credential of a seminar and kind (`attendance`, `facilitation`) answers with the Achievement as JSON. ' +
      'A browser asking for HTML is sent to the page that shows it to people (`/logros/{seminarId}/{kind}`). No account needed.',
  })
  @ApiOkResponse({
    description: 'The Open Badges 3.0 Achievement.',
    schema: {
      type: 'object',
      required: ['@context', 'id', 'type', 'achievementType', 'name', 'description', 'criteria', 'creator'],
      properties: {
        '@context': { type: 'array', items: { type: 'string' } },
        id: { type: 'string', format: 'uri' },
        type: { type: 'array', items: { type: 'string', enum: ['Achievement'] } },
        achievementType: { type: 'string' },
        name: { type: 'string', description: 'The topic.' },
        description: { type: 'string' },
        criteria: { type: 'object', required: ['narrative'], properties: { narrative: { type: 'string' } } },
        inLanguage: { type: 'string' },
        creator: {
          type: 'object',
          required: ['id', 'type', 'name'],
          properties: {
            id: { type: 'string', format: 'uri' },
            type: { type: 'array', items: { type: 'string' } },
            name: { type: 'string' },
          },
        },
      },
    },
  })
  @ApiResponse({
    status: 303,
    description: 'For a browser asking for HTML: the readable page of the achievement.',
    headers: { Location: { description: 'The page, `/logros/{seminarId}/{kind}`.', schema: { type: 'string' } } },
  })
  @ApiProblems(achievementNotFound)
  async achievement(
    @Param('seminarId', UuidPipe) seminarId: string,
    @Param('kind') kind: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown> | undefined> {
    const achievement = await this.credentials.achievement(seminarId, kind);
    if (request.accepts(['application/json', 'application/ld+json', 'text/html']) === 'text/html') {
      response.redirect(303, `/logros/${seminarId}/${kind}`);
      return undefined;
    }
    response.setHeader('Cache-Control', 'max-age=3600');
    return achievement;
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
