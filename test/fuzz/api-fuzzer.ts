/**
 * Sends generated requests for each operation of the OpenAPI document as one principal, checks
 * every answer against the document, and keeps what failed in a form a person can replay.
 */
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import type { ResponseValidator } from '../support/openapi-validator';
import {
  type Pools,
  RawSegment,
  SchemaResolver,
  kindOfName,
  kindOfPath,
  requestArbitrary,
  type BodyPlan,
  type Operation,
  type RequestPlan,
} from './request-arbitraries';

export interface Principal {
  name: string;
  roles: string[];
  /** Headers for one operation's requests: a fresh session, since an operation may end the last one. */
  headers(): Promise<Record<string, string>>;
}

interface SentRequest {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Exchange {
  request: SentRequest;
  status: number;
  contentType: string | undefined;
  body: unknown;
  text: string;
}

interface Failure {
  operation: string;
  principal: string;
  problems: string[];
  exchange: Exchange;
  seed: number;
  similar: number;
}

export interface FuzzFigures {
  operations: number;
  requests: number;
  /** Operations that answered a success at least once, to see how deep the generated input reaches. */
  succeeded: number;
  neverSucceeded: string[];
  statuses: Record<string, number>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PEOPLE_KINDS = new Set(['people', 'facilitators']);
/** Actions that end or undo what the other operations walk through: they run after everything else. */
const ENDINGS = /\/(cancel|close|complete|deactivate|revoke|withdraw|decline|refuse|logout|reissue)$/;

/** The document's operations in the order the fuzzer runs them: reads, then changes, then endings and deletions. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Omit<Operation, 'method' | 'path'> | undefined;
      if (operation) operations.push({ ...operation, method, path });
    }
  }
  const rank = (operation: Operation) =>
    operation.method === 'get' ? 0 : operation.method === 'delete' ? 3 : ENDINGS.test(operation.path) ? 2 : 1;
  return operations
    .map((operation, index) => ({ operation, index }))
    .sort((a, b) => rank(a.operation) - rank(b.operation) || a.index - b.index)
    .map(({ operation }) => operation);
}

export function nameOf(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** Whether the operation's roles admit the principal (`x-roles` of the document). */
export function admits(operation: Operation, principal: Principal): boolean {
  const roles = operation['x-roles'] ?? [];
  if (roles.includes('anyone')) return true;
  if (principal.roles.length === 0) return false;
  return roles.includes('signed-in') || roles.some((role) => principal.roles.includes(role));
}

/** Sends the bytes as they are: superagent would otherwise serialise a Buffer as JSON. */
const asIs = (data: unknown) => data as string;

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}

/** A supertest parser that keeps the body as bytes, whatever its media type. */
export function binary(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A value short enough to print: long strings and byte arrays are described, not dumped. */
function printable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > 160 ? `${value.slice(0, 60)}…<${value.length} characters>` : value;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (depth > 6) return '<…>';
  if (Array.isArray(value))
    return value.length > 12
      ? [...value.slice(0, 12).map((item) => printable(item, depth + 1)), `<${value.length - 12} more>`]
      : value.map((item) => printable(item, depth + 1));
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, { value: printable(item, depth + 1), enumerable: true });
    return copy;
  }
  return value;
}

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate becomes the three bytes WTF-8 gives
 * it, which are not UTF-8: a hostile client can send them, so the fuzzer does too.
 */
function encode(text: string): string {
  return text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[^\ud800-\udfff]+|[\ud800-\udbff][\udc00-\udfff]/g,
    (part) => {
      if (part.length === 1 && part.charCodeAt(0) >= 0xd800 && part.charCodeAt(0) <= 0xdfff) {
        const unit = part.charCodeAt(0);
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(part);
    },
  );
}

function describeBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, 300)).toString('utf8');
  return `<${bytes.length} bytes> ${JSON.stringify(text)}${bytes.length > 300 ? '…' : ''}`;
}

export class ApiFuzzer {
  private readonly resolver: SchemaResolver;
  private readonly failures = new Map<string, Failure>();
  private readonly statuses: Record<string, number> = {};
  private readonly covered = new Set<string>();
  private readonly statusesByOperation = new Map<string, Record<string, number>>();
  private readonly succeeded = new Set<string>();
  private requests = 0;

  constructor(
    private readonly http: TestAgent,
    document: Record<string, unknown>,
    private readonly pools: Pools,
    private readonly validate: ResponseValidator,
    /** Ids never offered as targets: the principals' own records. */
    private readonly protectedIds: Set<string>,
    /** Prints every exchange, for a person studying what the generators reach. */
    private readonly trace = false,
  ) {
    this.resolver = new SchemaResolver(document as never);
  }

  /** Runs `numRuns` generated requests for the operation as the principal, seeded for replay. */
  async fuzz(
    operation: Operation,
    principal: Principal,
    numRuns: number,
    baseSeed: number,
    extraHeaders?: fc.Arbitrary<Record<string, string>>,
  ): Promise<void> {
    const seed = (baseSeed ^ hash(`${nameOf(operation)} ${principal.name}`)) >>> 0;
    const headers = await principal.headers();
    // Now and then a change is sent twice at once, as a double click does: the loser of the race
    // must get a coded 4xx, not the database's unique violation as a 500.
    const twins =
      operation.method === 'get'
        ? fc.constant(false)
        : fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
    const plans = fc.tuple(requestArbitrary(this.resolver, operation), extraHeaders ?? fc.constant({}), twins);
    await fc.assert(
      fc.asyncProperty(plans, async ([plan, more, twice]) => {
        const exchanges = await Promise.all(
          Array.from({ length: twice ? 2 : 1 }, () => this.send(operation, plan, { ...headers, ...more })),
        );
        for (const exchange of exchanges) {
          if (this.trace)
            process.stdout.write(
              `${principal.name} ${exchange.request.method} ${exchange.request.url} ${exchange.request.body.slice(0, 300)}\n  → ${exchange.status} ${exchange.text.slice(0, 300)}\n`,
            );
          this.judge(operation, principal, exchange, baseSeed, twice);
        }
      }),
      { seed, numRuns, endOnFailure: true },
    );
  }

  figures(): FuzzFigures {
    const neverSucceeded = [...this.covered]
      .filter((name) => !this.succeeded.has(name))
      .map((name) => `${name} ${JSON.stringify(this.statusesByOperation.get(name))}`);
    return {
      operations: this.covered.size,
      requests: this.requests,
      succeeded: this.succeeded.size,
      neverSucceeded,
      statuses: { ...this.statuses },
    };
  }

  /** Every distinct failure with the request and response that showed it; empty when all is well. */
  report(): string[] {
    return [...this.failures.values()].map((failure) => {
      const { request, status, contentType, text } = failure.exchange;
      const headers = Object.entries(request.headers).map(([name, value]) => `    ${name}: ${value}`);
      return [
        `${failure.operation} as ${failure.principal} → ${status}${failure.similar > 1 ? ` (and ${failure.similar - 1} similar)` : ''}`,
        ...failure.problems.map((problem) => `  ✗ ${problem}`),
        `  request: ${request.method} ${request.url}`,
        ...headers,
        ...(request.body ? [`    ${request.body}`] : []),
        `  response: ${status} ${contentType ?? '(no content type)'}`,
        `    ${text.length > 1500 ? `${text.slice(0, 1500)}…` : text}`,
        `  replay: FUZZ_SEED=${failure.seed} FUZZ_ONLY='${failure.operation}' npx jest test/fuzz/api-fuzz.e2e-spec.ts`,
      ].join('\n');
    });
  }

  private judge(operation: Operation, principal: Principal, exchange: Exchange, seed: number, twice: boolean): void {
    const name = nameOf(operation);
    this.requests += 1;
    this.covered.add(name);
    this.statuses[exchange.status] = (this.statuses[exchange.status] ?? 0) + 1;
    const byOperation = this.statusesByOperation.get(name) ?? {};
    byOperation[`${principal.name} ${exchange.status}`] =
      (byOperation[`${principal.name} ${exchange.status}`] ?? 0) + 1;
    this.statusesByOperation.set(name, byOperation);
    const problems: string[] = [];
    if (exchange.status >= 500)
      problems.push(`server error ${exchange.status}${twice ? ' (the request was sent twice at once)' : ''}`);
    if (exchange.status >= 200 && exchange.status < 300) {
      this.succeeded.add(name);
      if (!admits(operation, principal))
        problems.push(`a caller without the roles ${JSON.stringify(operation['x-roles'])} was served`);
    }
    problems.push(
      ...this.validate({
        method: operation.method,
        path: exchange.request.path,
        status: exchange.status,
        contentType: exchange.contentType,
        body: exchange.body,
      }),
    );
    if (problems.length === 0) {
      if (exchange.status < 300) this.harvest(operation, exchange.body);
      return;
    }
    const key = [
      name,
      principal.name,
      exchange.status,
      ...problems.map((problem) => problem.replace(/\d+/g, '#')),
    ].join('|');
    const known = this.failures.get(key);
    if (known) known.similar += 1;
    else this.failures.set(key, { operation: name, principal: principal.name, problems, exchange, seed, similar: 1 });
  }

  private async send(operation: Operation, plan: RequestPlan, headers: Record<string, string>): Promise<Exchange> {
    const pools = this.pools;
    const path = operation.path.replace(/\{([^}]+)\}/g, (_match, parameter: string) => {
      const value = plan.pathParams[parameter];
      if (value instanceof RawSegment) return value.text;
      return encode(String(pools.deepResolve(value)));
    });
    const query = plan.query
      .map(([key, value]) => `${encode(key)}=${encode(String(pools.deepResolve(value) ?? ''))}`)
      .join('&');
    const url = query ? `${path}?${query}` : path;
    const sent: SentRequest = { method: operation.method.toUpperCase(), path, url, headers: { ...headers }, body: '' };
    if (plan.language) sent.headers['Accept-Language'] = plan.language;

    let request = this.http[operation.method as 'get'](url);
    for (const [name, value] of Object.entries(sent.headers)) request = request.set(name, value);
    request = this.attachBody(request, plan.body, sent);
    // Describe the principal's token rather than print it: it is different on every run.
    if (sent.headers.Authorization?.startsWith('Bearer ey'))
      sent.headers.Authorization = `Bearer <session of the principal>`;
    let response;
    try {
      response = await request.buffer(true).parse(binary as never);
    } catch (error) {
      // The connection itself failed: the server dropped the request without answering.
      return {
        request: sent,
        status: 599,
        contentType: undefined,
        body: undefined,
        text: `no response: ${(error as Error).message}`,
      };
    }
    const contentType = response.headers['content-type'] as string | undefined;
    const bytes = response.body as Buffer;
    const text = Buffer.isBuffer(bytes) ? bytes.toString('utf8') : String(bytes ?? '');
    let body: unknown = text.length > 0 ? text : undefined;
    if (contentType && /[/+]json\b/.test(contentType) && text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = { unparsableJson: text.slice(0, 200) };
      }
    }
    return {
      request: sent,
      status: response.status,
      contentType,
      body,
      text: /^(text|application\/(json|problem\+json))/.test(contentType ?? '')
        ? text
        : `<${bytes?.length ?? 0} bytes>`,
    };
  }

  private attachBody(
    request: ReturnType<TestAgent['get']>,
    body: BodyPlan,
    sent: SentRequest,
  ): ReturnType<TestAgent['get']> {
    const pools = this.pools;
    switch (body.kind) {
      case 'none':
        return request;
      case 'json': {
        const value = pools.deepResolve(body.value);
        const contentType = body.contentType === undefined ? 'application/json' : body.contentType;
        if (contentType) {
          sent.headers['Content-Type'] = contentType;
          request = request.set('Content-Type', contentType);
        }
        sent.body = JSON.stringify(printable(value)) ?? '';
        return request.serialize(asIs).send(Buffer.from(JSON.stringify(value) ?? '', 'utf8'));
      }
      case 'raw': {
        const data = typeof body.data === 'string' ? Buffer.from(body.data, 'utf8') : Buffer.from(body.data);
        if (body.contentType) {
          sent.headers['Content-Type'] = body.contentType;
          request = request.set('Content-Type', body.contentType);
        }
        sent.body = describeBytes(data);
        return request.serialize(asIs).send(data);
      }
      case 'multipart': {
        const lines: string[] = [];
        for (const file of body.files) {
          const resolved = pools.deepResolve(file.bytes);
          const bytes = Buffer.isBuffer(resolved)
            ? resolved
            : resolved instanceof Uint8Array
              ? Buffer.from(resolved)
              : Buffer.from(String(resolved ?? ''), 'utf8');
          lines.push(
            `file field ${JSON.stringify(file.field)}, name ${JSON.stringify(file.filename)}, type ${file.contentType}: ${describeBytes(bytes)}`,
          );
          request = request.attach(file.field, bytes, {
            filename: file.filename || 'unnamed',
            contentType: file.contentType,
          });
        }
        for (const [name, value] of body.fields) {
          lines.push(`field ${JSON.stringify(name)} = ${JSON.stringify(value)}`);
          request = request.field(name, value);
        }
        if (lines.length === 0) {
          sent.headers['Content-Type'] = 'multipart/form-data; boundary=fuzz';
          sent.body = '(a multipart body without parts)';
          return request
            .set('Content-Type', 'multipart/form-data; boundary=fuzz')
            .serialize(asIs)
            .send(Buffer.from('--fuzz--\r\n'));
        }
        sent.headers['Content-Type'] = 'multipart/form-data';
        sent.body = lines.join('\n    ');
        return request;
      }
    }
  }

  /** Keeps the ids a success returned, so later requests can name the objects it created. */
  private harvest(operation: Operation, body: unknown): void {
    const kind = kindOfPath(operation.path);
    const add = (poolKind: string | undefined, value: unknown) => {
      if (!poolKind || typeof value !== 'string' || !UUID.test(value)) return;
      if (PEOPLE_KINDS.has(poolKind) && this.protectedIds.has(value)) return;
      this.pools.add(poolKind, value);
    };
    const walk = (value: unknown, depth: number, ownKind: string | undefined) => {
      if (depth > 4 || !value || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value.slice(0, 20)) walk(item, depth + 1, ownKind);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        if (key === 'id') add(ownKind, item);
        else if (key === 'items') walk(item, depth + 1, ownKind);
        else if (/Ids?$/.test(key)) (Array.isArray(item) ? item : [item]).forEach((id) => add(kindOfName(key), id));
        else if (key === 'registryNumber' && typeof item === 'string') this.pools.add('registryNumbers', item);
        else if (key === 'checkCode' && typeof item === 'string') this.pools.add('codes', item);
        else if (key === 'email' && typeof item === 'string') this.pools.add('emails', item);
        else if (key === 'date' && typeof item === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(item))
          this.pools.add('dates', item);
        else if (item && typeof item === 'object') walk(item, depth + 1, kindOfName(`${key}Id`));
      }
    };
    walk(body, 0, kind);
  }
}
