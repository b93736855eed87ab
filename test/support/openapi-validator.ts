import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One answer of the server, as a test or a fuzzer received it. */
export interface ResponseToCheck {
  /** HTTP method, any case. */
  method: string;
  /** The request's path as sent, e.g. `/api/v1/people/5f0…?page=2` (the query is ignored). */
  path: string;
  status: number;
  /** The Content-Type header, parameters allowed (`application/json; charset=utf-8`). */
  contentType?: string;
  /** The parsed JSON body; anything for other media types (not checked). */
  body: unknown;
}

/** The problems with one response, one sentence each; empty when it matches the document. */
export type ResponseValidator = (response: ResponseToCheck) => string[];

export interface ResponseValidatorOptions {
  /**
   * Paths or methods the document does not describe are reported by default. The HTTP tests also
   * ask for unknown routes on purpose (the 404 every router gives), which no document can list.
   */
  ignoreUnknownOperations?: boolean;
  /**
   * Reports properties of a response object its schema does not list. OpenAPI lets a server add
   * properties; a server that does so unawares leaks fields (or documents them under another name).
   */
  forbidUndocumentedProperties?: boolean;
}

interface MediaTypeObject {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);
const DOCUMENT_ID = 'openapi-document';

interface Route {
  template: string;
  pattern: RegExp;
  parameters: number;
}

/**
 * Checks responses against an OpenAPI 3.0 document the way a generated client relies on it: the
 * path and method must be an operation; the status must be documented for it (exactly, or by its
 * `2XX` range, or `default`); the media type must be one the status lists; and a JSON body (any
 * `application/json` or `…+json`) must match that media type's schema. Schemas are read with
 * OpenAPI 3.0's `nullable` (ajv's own keyword: it adds null to the schema's `type`, and an enum must
 * still list null), formats from ajv-formats.
 *
 * @example
 * const validate = createResponseValidator(document);
 * const errors = validate({ method: 'GET', path: '/api/v1/people', status: 200, contentType: 'application/json', body });
 * // [] when the response is as documented
 */
export function createResponseValidator(document: object, options: ResponseValidatorOptions = {}): ResponseValidator {
  const doc = document as Document;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // Bodies that are not JSON are never checked, and `password` only tells a UI to hide the value.
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  // The whole document is one schema resource, so that a response schema's `#/components/...`
  // references resolve where the document says, and each schema compiles the first time it is needed.
  const copy = structuredClone(doc);
  if (options.forbidUndocumentedProperties) closeObjects(copy);
  ajv.addSchema(copy as object, DOCUMENT_ID);
  const routes = routesOf(doc);
  const compiled = new Map<string, ValidateFunction>();

  return ({ method, path, status, contentType, body }) => {
    const verb = method.toLowerCase();
    const route = routeFor(routes, path.split('?')[0].split('#')[0]);
    const operation = route && (doc.paths[route.template][verb] as OperationObject | undefined);
    if (!route || !operation) {
      return options.ignoreUnknownOperations
        ? []
        : [`${method.toUpperCase()} ${path.split('?')[0]} is not an operation of the document`];
    }
    const name = `${verb.toUpperCase()} ${route.template} (${operation.operationId ?? 'no operationId'}) answered ${status}`;
    const responses = operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => candidate in responses);
    if (!key)
      return [`${name}, a status the document does not list (it lists ${Object.keys(responses).join(', ') || 'none'})`];
    const content = responses[key].content ?? {};
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaType || verb === 'head') {
      if (verb !== 'head' && hasBody(body) && Object.keys(content).length > 0)
        return [`${name} with a body but no Content-Type`];
      return [];
    }
    const documented = mediaTypeFor(content, mediaType);
    if (!documented) {
      const listed = Object.keys(content);
      return [
        `${name} with ${mediaType}, which the document does not list for ${key} (it lists ${listed.join(', ') || 'no content'})`,
      ];
    }
    if (!isJson(documented.name) || documented.media.schema === undefined) return [];
    const pointer = `#/paths/${escape(route.template)}/${verb}/responses/${escape(key)}/content/${escape(documented.name)}/schema`;
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      compiled.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${name} (${documented.name}): ${describe(error)}`);
  };
}

/** Every object schema that lists its properties and says nothing of others allows no others. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  const composed = 'allOf' in schema || 'oneOf' in schema || 'anyOf' in schema;
  if (
    schema.type === 'object' &&
    schema.properties &&
    typeof schema.properties === 'object' &&
    !('additionalProperties' in schema) &&
    !composed
  ) {
    schema.additionalProperties = false;
  }
  Object.values(schema).forEach(closeObjects);
}

function routesOf(document: Document): Route[] {
  return Object.keys(document.paths)
    .filter((template) => Object.keys(document.paths[template]).some((key) => METHODS.has(key)))
    .map((template) => {
      const parameters = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { template, pattern: new RegExp(`^${source}/?$`), parameters };
    });
}

/** The route a path takes: a literal segment wins over a parameter (`/seminars/mine` over `/seminars/{id}`). */
function routeFor(routes: Route[], path: string): Route | undefined {
  const matching = routes.filter((route) => route.pattern.test(path));
  return matching.sort((a, b) => a.parameters - b.parameters)[0];
}

function mediaTypeFor(
  content: Record<string, MediaTypeObject>,
  mediaType: string,
): { name: string; media: MediaTypeObject } | undefined {
  const [type] = mediaType.split('/');
  const name = [mediaType, `${type}/*`, '*/*'].find((candidate) => candidate in content);
  return name === undefined ? undefined : { name, media: content[name] };
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

function hasBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return false;
  return !(typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length === 0);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(the body)';
  const params = Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
  return `${where} ${error.message ?? 'is not valid'}${params} (schema ${error.schemaPath})`;
}
