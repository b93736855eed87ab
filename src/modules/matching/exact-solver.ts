import type highsLoader from 'highs';
import type { ExactSolver } from './engine/exact-stage';

let loading: Promise<ExactSolver> | undefined;

/**
 * HiGHS, the open-source MIP solver, as a WebAssembly build (the `highs` package): loaded once per
 * thread, then each solve is synchronous. The matching engine uses it to solve the facilitator
 * stage exactly.
 */
export function loadExactSolver(): Promise<ExactSolver> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- highs builds its WebAssembly solver only when loaded
  loading ??= (require('highs') as typeof highsLoader)();
  return loading;
}
