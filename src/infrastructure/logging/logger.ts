import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { LogLevel } from '../../config/configuration';

/**
 * Paths that could ever carry secrets or personal data. Request and response bodies are never
 * logged at all; these cover headers and anything passed explicitly.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-puente-link"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.email',
];

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'puente' }, redact: { paths: REDACT, censor: '[redacted]' } });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Logs one line per request with its id, method, path (no query string: it may hold names),
 * status and duration. The id comes from `X-Request-Id` when it looks safe, else it is generated;
 * it is echoed back and used as the correlation id of errors.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    // A 503 is the service's capacity (the database busy or away), not a fault: a warning, with
    // its reason on the same line.
    customLogLevel: (_req, res, error) =>
      res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : 'info',
    // pino-http makes up an error with a stack for every 5xx; the problem filter has already
    // logged the real one (with its stack when it was unexpected), so the request line is enough.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({
      res: value.res,
      responseTime: value.responseTime,
    }),
    customProps: (_req, res) => {
      const failure = (res as ServerResponse & { locals?: { failure?: string } }).locals?.failure;
      return failure ? { failure } : {};
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
  });
}

/** Nest's start-up chatter (one line per module and route) is kept for debugging. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Routes Nest's own log calls through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && BOOT_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
