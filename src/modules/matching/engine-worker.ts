import { parentPort, workerData } from 'node:worker_threads';
import { solveAndCheck } from './engine-runner';
import type { MatchingInstance } from './engine/instance';

try {
  parentPort!.postMessage({ solved: solveAndCheck(workerData as MatchingInstance) });
} catch (error) {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  parentPort!.postMessage({ error: { name, message } });
}
