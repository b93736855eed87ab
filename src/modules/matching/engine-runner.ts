import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkMatching, type CheckReport } from './engine/checker';
import { solveMatching } from './engine/engine';
import type { ExactSolver } from './engine/exact-stage';
import type { MatchingInstance, MatchingResult } from './engine/instance';
import { loadExactSolver } from './exact-solver';

export interface SolvedRun {
  result: MatchingResult;
  check: CheckReport;
}

/** Solves an instance (the facilitator stage exactly, with `exact`) and checks the answer independently. */
export function solveAndCheck(instance: MatchingInstance, exact?: ExactSolver): SolvedRun {
  const result = solveMatching(instance, { exact });
  return { result, check: checkMatching(instance, result) };
}

const WORKER_SCRIPT = join(__dirname, 'engine-worker.js');

/**
 * Runs {@link solveAndCheck} on a worker thread, so a large instance never holds up the requests
 * this process is answering, nor the heartbeat that keeps the run's job leased to this process
 * (a search budget can last minutes; the job's lease is taken as dead after well under one).
 * Aborting `signal` stops the thread at once and rejects with the signal's reason. Where the
 * compiled worker script is not present (the sources run directly, as in the tests), it runs in
 * this thread and blocks it meanwhile.
 */
export function solveInBackground(instance: MatchingInstance, signal?: AbortSignal): Promise<SolvedRun> {
  if (!existsSync(WORKER_SCRIPT)) {
    return loadExactSolver().then((exact) => {
      signal?.throwIfAborted();
      return solveAndCheck(instance, exact);
    });
  }
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = new Worker(WORKER_SCRIPT, { workerData: instance });
    let settled = false;
    const stop = () => {
      settled = true;
      void worker.terminate();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      settled = true;
      signal?.removeEventListener('abort', stop);
    };
    worker.once('message', (message: { solved?: SolvedRun; error?: { name: string; message: string } }) => {
      done();
      if (message.solved) resolve(message.solved);
      else
        reject(
          Object.assign(new Error(message.error?.message ?? 'The matching engine failed'), {
            name: message.error?.name ?? 'Error',
          }),
        );
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) {
        done();
        reject(new Error(`The matching engine's thread stopped with code ${code}`));
      }
    });
  });
}
