import { parentPort, workerData } from 'node:worker_threads';
import { solveAndCheck } from './engine-runner';
import type { MatchingInstance } from './engine/instance';
import { loadExactSolver } from './exact-solver';

loadExactSolver()
  .then((exact) => parentPort!.postMessage({ solved: solveAndCheck(workerData as MatchingInstance, exact) }))
  .catch((error: unknown) => {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    parentPort!.postMessage({ error: { name, message } });
  });
