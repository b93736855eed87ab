import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';

/** Every line about the job queue and its worker carries this context, whichever part writes it. */
export const JOBS_LOG_CONTEXT = 'JobsService';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Who this job worker is, as its leases and log lines name it, and its log. */
@Injectable()
export class JobWorkerLog {
  /** Host, process and a random part: a process restarted with the same pid is another worker. */
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(JOBS_LOG_CONTEXT);
  private readonly failing = new Set<string>();

  log(message: string): void {
    this.logger.log(message);
  }

  warn(message: string): void {
    this.logger.warn(message);
  }

  error(message: string): void {
    this.logger.error(message);
  }

  /** One warning when something starts failing, one line when it works again, not one per try. */
  trouble(what: string, error: unknown): void {
    if (this.failing.has(what)) return;
    this.failing.add(what);
    this.logger.warn(
      `Job worker ${this.workerId}: ${what} failed (retrying quietly until it works): ${messageOf(error)}`,
    );
  }

  recovered(what: string): void {
    if (this.failing.delete(what)) this.logger.log(`Job worker ${this.workerId}: ${what} works again`);
  }
}
