import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { CredentialsService } from './credentials.service';

@ApiTags('certificates')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('jwks.json')
  @Public()
  @ApiOperation({ summary: 'The public keys that sign certificate credentials (JWKS)' })
  @ApiOkResponse({
    description: 'JSON Web Key Set.',
    schema: {
      type: 'object',
      required: ['keys'],
      properties: {
        keys: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kty', 'crv', 'x', 'kid', 'alg', 'use'],
            properties: {
              kty: { type: 'string', enum: ['OKP'] },
              crv: { type: 'string', enum: ['Ed25519'] },
              x: { type: 'string', description: 'The public key, base64url.' },
              kid: { type: 'string', description: 'The key’s JWK thumbprint (SHA-256).' },
              alg: { type: 'string', enum: ['EdDSA'] },
              use: { type: 'string', enum: ['sig'] },
            },
          },
        },
      },
    },
  })
  async jwks(@Res({ passthrough: true }) response: Response): Promise<{ keys: unknown[] }> {
    response.setHeader('Cache-Control', 'max-age=3600');
    return this.credentials.jwks();
  }
}
