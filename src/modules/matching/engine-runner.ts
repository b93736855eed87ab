import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkMatching, type CheckReport } from './engine/checker';
import { solveMatching } from './engine/engine';
import type { MatchingInstance, MatchingResult } from './engine/instance';

export interface SolvedRun {
  result: MatchingResult;
  check: CheckReport;
}

/** Solves an instance and checks the answer independently. */
export function solveAndCheck(instance: MatchingInstance): SolvedRun {
  const result = solveMatching(instance);
  return { result, check: checkMatching(instance, result) };
}

const WORKER_SCRIPT = join(__dirname, 'engine-worker.js');

/**
 * Runs {@link solveAndCheck} on a worker thread, so a large instance never holds up the requests
 * this process is answering. Where the compiled worker script is not present (the sources run
 * directly), it runs in this thread.
 */
export function solveInBackground(instance: MatchingInstance): Promise<SolvedRun> {
  if (!existsSync(WORKER_SCRIPT)) return Promise.resolve().then(() => solveAndCheck(instance));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: instance });
    let settled = false;
    worker.once('message', (message: { solved?: SolvedRun; error?: { name: string; message: string } }) => {
      settled = true;
      if (message.solved) resolve(message.solved);
      else reject(Object.assign(new Error(message.error?.message ?? 'The matching engine failed'), { name: message.error?.name ?? 'Error' }));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The matching engine's thread stopped with code ${code}`));
    });
  });
}
