import { CommonProblems } from '../../common/errors/common.errors';
import {
  crossSiteRefused,
  invalidCredentials,
  refreshTokenInvalid,
  refreshTokenReused,
  sessionEnded,
} from './identity.errors';
import { Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiHeader,
  type ApiHeaderOptions,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { ConfigService } from '../../config/config.service';
import { AuthService } from './auth.service';
import {
  CSRF_HEADER,
  REFRESH_COOKIE,
  clearSessionCookies,
  cookieOf,
  sameSiteRequest,
  setSessionCookies,
  trustedOrigins,
} from './browser-session';
import { BrowserSessionDto, LoginDto } from './identity.dto';

const CSRF_HEADER_DOC: ApiHeaderOptions = {
  name: CSRF_HEADER,
  required: true,
  description: 'Must be `1`: the pages send it, a cross-site form cannot.',
  schema: { type: 'string', enum: ['1'] },
};

/**
 * Signing in from a browser: the tokens go into httpOnly cookies (browser-session.ts) instead of
 * the answer's body, so no page script can read them. Bearer tokens (`/auth/login`) keep working
 * for API clients.
 */
@ApiTags('auth')
@Controller('auth/browser-session')
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: ConfigService,
  ) {}

  @Post()
  @HttpCode(200)
  @Public()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Sign in from a browser: the session goes into httpOnly cookies',
    description:
      'Sets `puente_access` (the access token, SameSite=Lax, for every request) and `puente_refresh` ' +
      '(SameSite=Strict, sent only to this resource). Refused without the `x-puente-csrf` header or from another site.',
  })
  @ApiOkResponse({ type: BrowserSessionDto })
  @ApiProblems(invalidCredentials, crossSiteRefused, CommonProblems.tooManyRequests)
  async signIn(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BrowserSessionDto> {
    this.refuseCrossSite(request);
    const pair = await this.auth.login(body.email, body.password, ip);
    setSessionCookies(request, response, pair, this.refreshTtl());
    return { expiresIn: pair.expiresIn };
  }

  @Post('refresh')
  @NoRequestBody()
  @HttpCode(200)
  @Public()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Renew the browser session from its refresh cookie (rotated; a reused one ends the session)',
    description:
      'Each renewal keeps the session for another `REFRESH_TOKEN_TTL_SECONDS` (30 days by default) from now. ' +
      'A failure clears the cookies.',
  })
  @ApiOkResponse({ type: BrowserSessionDto })
  @ApiProblems(refreshTokenInvalid, sessionEnded, refreshTokenReused, crossSiteRefused)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BrowserSessionDto> {
    this.refuseCrossSite(request);
    const token = cookieOf(request, REFRESH_COOKIE);
    try {
      if (!token) throw refreshTokenInvalid();
      const pair = await this.auth.refresh(token, { slide: true });
      setSessionCookies(request, response, pair, this.refreshTtl());
      return { expiresIn: pair.expiresIn };
    } catch (error) {
      clearSessionCookies(request, response);
      throw error;
    }
  }

  @Post('sign-out')
  @NoRequestBody()
  @HttpCode(204)
  @SignedIn()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Sign out of the browser session: it ends and its cookies are cleared' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems(crossSiteRefused)
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    clearSessionCookies(request, response);
  }

  private refuseCrossSite(request: Request): void {
    if (!sameSiteRequest(request, this.trustedOrigins())) throw crossSiteRefused();
  }

  private trustedOrigins(): string[] {
    return trustedOrigins(this.config);
  }

  private refreshTtl(): number {
    return this.config.get('auth').refreshTokenTtlSeconds;
  }
}
