import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_POLICY } from '../../common/auth/access.decorators';
import { hasRole, LINK_HEADER, type AccessPolicy, type Principal } from '../../common/auth/principal';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors/domain-error';
import { ConfigService } from '../../config/config.service';
import { AuthService } from './auth.service';
import { ACCESS_COOKIE, cookieOf, sameSiteRequest, trustedOrigins } from './browser-session';
import { crossSiteRefused } from './identity.errors';

/**
 * The global guard. Every handler declares a policy (Public, SignedIn or Roles); one without is
 * refused, so a forgotten decorator closes an endpoint instead of opening it. The role check is
 * here; the object check ("is this yours?") is the service's.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  private readonly trustedOrigins: string[];

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    config: ConfigService,
  ) {
    this.trustedOrigins = trustedOrigins(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(`No access policy on ${context.getClass().name}.${context.getHandler().name}; refused`);
      throw new ForbiddenError();
    }
    if (policy.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal; linkToken?: string }>();
    // A bearer token (API clients) or the browser session's cookie; a request under the cookie
    // that changes something must come from the pages themselves.
    let token = bearerToken(request);
    if (!token) {
      token = cookieOf(request, ACCESS_COOKIE);
      if (token && !sameSiteRequest(request, this.trustedOrigins)) throw crossSiteRefused();
    }
    if (!token && policy.kind === 'roles-or-link') {
      // Without a session, a mailed link's token: the service checks it against the object asked for.
      const link = request.headers[LINK_HEADER];
      if (typeof link === 'string' && /^[A-Za-z0-9_.-]{20,200}$/.test(link)) {
        request.linkToken = link;
        return true;
      }
    }
    if (!token) throw new UnauthenticatedError();
    const principal = await this.auth.authenticate(token);
    request.principal = principal;
    if ((policy.kind === 'roles' || policy.kind === 'roles-or-link') && !hasRole(principal, ...policy.roles)) {
      throw new ForbiddenError();
    }
    return true;
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}
