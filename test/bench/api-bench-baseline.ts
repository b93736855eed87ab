/**
 * The bare baseline of `npm run bench:api`, run as a child process: `node:http` and `pg`, nothing
 * else. For each route it does what the service must do at the least: verify the bearer token
 * (HS256 with the service's secret, issuer and audience, through jsonwebtoken as @nestjs/jwt does),
 * look the session up with the service's own query, then run the SQL the service sent for that
 * list, in the same order on one pooled connection, and answer the rows of the largest result as
 * `items` with `page`, `pageSize` and `total`, unmapped.
 *
 * The parent sends the routes over IPC; environment: BENCH_DATABASE_URL, BENCH_JWT_SECRET,
 * BENCH_POOL_SIZE.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from '../../src/modules/identity/auth.service';
import type { CapturedQuery } from './api-bench-service';

export interface BaselineRoute {
  /** Path with its query string, exactly as requested. */
  path: string;
  /** The service's session lookup; its parameters come from the token's sub and sid. */
  session: CapturedQuery;
  /** Everything else the service sent for the list, replayed as it was. */
  queries: CapturedQuery[];
  /** GET /me/certificates answers an array rather than a page. */
  array: boolean;
}

export type BaselineRequest = { kind: 'routes'; routes: BaselineRoute[] } | { kind: 'stop' };
export type BaselineReply =
  { kind: 'listening'; port: number } | { kind: 'routes-set' } | { kind: 'failed'; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`{"status":${status}}`);
}

async function main(): Promise<void> {
  const secret = process.env.BENCH_JWT_SECRET!;
  const pool = new Pool({
    connectionString: process.env.BENCH_DATABASE_URL,
    max: Number(process.env.BENCH_POOL_SIZE ?? 10),
  });
  let routes = new Map<string, BaselineRoute>();
  process.on('message', async (message: BaselineRequest) => {
    if (message.kind === 'routes') {
      routes = new Map(message.routes.map((route) => [route.path, route]));
      process.send!({ kind: 'routes-set' } satisfies BaselineReply);
    } else {
      await pool.end();
      process.exit(0);
    }
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const route = routes.get(request.url ?? '');
    if (!route || request.method !== 'GET') return fail(response, 404);
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(request.headers.authorization?.trim() ?? '');
    if (!match) return fail(response, 401);
    let claims: { sub?: unknown; sid?: unknown };
    try {
      claims = verify(match[1], secret, {
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      }) as typeof claims;
    } catch {
      return fail(response, 401);
    }
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !UUID.test(claims.sub) ||
      !UUID.test(claims.sid)
    )
      return fail(response, 401);
    const client = await pool.connect();
    let largest: unknown[] = [];
    let total = 0;
    try {
      const session = await client.query(route.session.sql, [claims.sub, claims.sid]);
      if (session.rowCount === 0) return fail(response, 401);
      for (const query of route.queries) {
        const { rows } = await client.query(query.sql, query.params);
        if (rows.length > largest.length) largest = rows;
        // A count query answers one row with one number.
        if (rows.length === 1 && Object.keys(rows[0]).length === 1 && /count\(/i.test(query.sql))
          total = Number(Object.values(rows[0])[0]);
      }
    } finally {
      client.release();
    }
    const body = route.array
      ? JSON.stringify(largest)
      : JSON.stringify({ items: largest, page: 1, pageSize: 20, total });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => fail(response, 500));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () =>
    process.send!({ kind: 'listening', port: (server.address() as AddressInfo).port } satisfies BaselineReply),
  );
}

main().catch((error: unknown) => {
  process.send?.({
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies BaselineReply);
  process.exit(1);
});
