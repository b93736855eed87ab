import createClient, { type Middleware } from 'openapi-fetch';
import { i18n } from '../i18n/instance';
import { apiLanguage } from '../i18n/languages';
import type { paths } from './schema';

/** A problem+json answer of the API (RFC 9457), as the service writes it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

/** A request the API answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** The message for a field, from the problem's `errors[]` (`field` as the API names it). */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

const SESSION = '/api/v1/auth/browser-session';

let renewing: Promise<boolean> | undefined;

/**
 * Renews the browser session from its refresh cookie, once for every request that met a 401 at the
 * same time. True when the session goes on.
 */
export function renewSession(): Promise<boolean> {
  renewing ??= fetch(`${SESSION}/refresh`, { method: 'POST', headers: { 'x-puente-csrf': '1' }, credentials: 'same-origin' })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLanguage(i18n.language));
    // The pages' mark: the service refuses a change under the session cookie without it (CSRF).
    request.headers.set('x-puente-csrf', '1');
    return request;
  },
};

/** A 401 on any request but the session's own: renew the session once, then repeat the request. */
const renewal: Middleware = {
  async onResponse({ request, response, options }) {
    if (response.status !== 401 || new URL(request.url).pathname.startsWith(SESSION)) return response;
    if (!(await renewSession())) return response;
    return options.fetch(retryable.get(request) ?? request);
  },
  onRequest({ request }) {
    // The body of a request can be read once: keep a copy to repeat it after a renewal.
    retryable.set(request, request.clone());
    return request;
  },
};

const retryable = new WeakMap<Request, Request>();

/** The typed client of the service's API, generated from its OpenAPI document (schema.ts). */
export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(headers, renewal);

/** The data of an answer, or an {@link ApiError} thrown for an error status. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' && result.error ? result.error : {}) as Problem;
  throw new ApiError(result.response.status, problem);
}
