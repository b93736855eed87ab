import createClient, { type Middleware } from 'openapi-fetch';
import { apiLanguage, i18n } from '../i18n';
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
}

const language: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLanguage(i18n.language));
    return request;
  },
};

/** The typed client of the service's API, generated from its OpenAPI document (schema.ts). */
export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(language);

/** The data of an answer, or an {@link ApiError} thrown for an error status. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' && result.error ? result.error : {}) as Problem;
  throw new ApiError(result.response.status, problem);
}
