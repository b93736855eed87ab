import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import type { ConfigService } from '../../config/config.service';
import type { TokenPair } from './auth.service';

/**
 * Browsers sign in into cookies no page script can read: the access token in `puente_access`
 * (sent with every request to the service, for as long as the token lives) and the refresh token
 * in `puente_refresh` (sent only to the browser session's own endpoints). Both are httpOnly and
 * SameSite, and Secure when the service is reached over https.
 */
export const ACCESS_COOKIE = 'puente_access';
export const REFRESH_COOKIE = 'puente_refresh';
export const BROWSER_SESSION_PATH = '/api/v1/auth/browser-session';

/**
 * The header a page sends with every request that changes something under the cookie. A cross-site
 * form cannot set a header, and a cross-site script that sets one needs a CORS preflight the
 * service refuses; with the Origin and Sec-Fetch-Site checks below, a request another site makes
 * the browser send with the person's cookie is refused.
 */
export const CSRF_HEADER = 'x-puente-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  const value = parse(header)[name];
  return value || undefined;
}

/** Whether the request reached the service over https (directly or through the trusted proxies). */
function secure(request: Request): boolean {
  return request.secure;
}

function options(request: Request, path: string, maxAgeSeconds: number, sameSite: 'lax' | 'strict'): CookieOptions {
  return { httpOnly: true, secure: secure(request), sameSite, path, maxAge: maxAgeSeconds * 1000 };
}

/**
 * Writes a token pair into the cookies. The access cookie is Lax, so that a link opened from a mail
 * arrives signed in (a GET never changes anything); the refresh cookie is Strict and reaches only
 * the browser session's endpoints.
 */
export function setSessionCookies(
  request: Request,
  response: Response,
  pair: TokenPair,
  refreshTtlSeconds: number,
): void {
  response.cookie(ACCESS_COOKIE, pair.accessToken, options(request, '/', pair.expiresIn, 'lax'));
  response.cookie(
    REFRESH_COOKIE,
    pair.refreshToken,
    options(request, BROWSER_SESSION_PATH, refreshTtlSeconds, 'strict'),
  );
}

export function clearSessionCookies(request: Request, response: Response): void {
  response.clearCookie(ACCESS_COOKIE, { ...options(request, '/', 0, 'lax'), maxAge: undefined });
  response.clearCookie(REFRESH_COOKIE, { ...options(request, BROWSER_SESSION_PATH, 0, 'strict'), maxAge: undefined });
}

/**
 * Whether a request that carries the session cookie may change something: safe methods always;
 * others only with the page's header, from the service's own origin (`Origin`, when the browser
 * sends it) and not from another site (`Sec-Fetch-Site`, when the browser sends it).
 */
export function sameSiteRequest(request: Request, publicOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  if (request.headers[CSRF_HEADER] !== '1') return false;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && !publicOrigins.includes(origin) && origin !== ownOrigin(request)) return false;
  return true;
}

/** The origin the request was addressed to, as the browser saw it. */
function ownOrigin(request: Request): string | undefined {
  const host = request.headers.host;
  return host ? `${request.protocol}://${host}` : undefined;
}

/** The origins the pages are served from: the public base URL's, and any CORS origin the operator allows. */
export function trustedOrigins(config: ConfigService): string[] {
  return [new URL(config.get('publicBaseUrl')).origin, ...config.get('corsOrigins')];
}
