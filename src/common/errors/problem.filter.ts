import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemBody, toDomainError } from './problem';

const logger = new Logger('Errors');

/** Sends any error as application/problem+json; logs unexpected ones with their request id. */
export function sendProblem(error: unknown, request: Request, response: Response): void {
  const { error: domainError, unexpected, overload } = toDomainError(error);
  const requestId = (request as Request & { id?: string }).id;
  if (unexpected) {
    logger.error(`Unexpected error on request ${requestId ?? '-'}: ${describe(error)}`, (error as Error)?.stack);
  } else if (overload) {
    // Said on the request's own log line, without a stack: under overload a trace per request
    // would bury everything else.
    response.locals.failure = overload;
  }
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(domainError.headers)) response.setHeader(name, value);
  response
    .status(domainError.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(domainError, request, requestId)));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** Express error handler for failures that happen before Nest routes a request (body parsing). */
export function problemErrorMiddleware(
  error: unknown,
  request: Request,
  response: Response,
  _next: NextFunction,
): void {
  sendProblem(error, request, response);
}
