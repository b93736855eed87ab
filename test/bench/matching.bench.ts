/**
 * Benchmark of the matching engine on generated instances (test/support/matching-instances.ts).
 * For each size it prints the engine's time, the process's resident memory after it, and each
 * stage's optimality: proven optimal, or feasible with the gap to its proven bound.
 *
 *   npm run bench:matching                       # 1600x60 10000x300 50000x2000
 *   npm run bench:matching -- 1600x60 10000x300  # chosen sizes
 *
 * Targets (issue): 1,600 × 60 ≤ 0.1 s; 10,000 × 300 ≤ 0.5 s; 50,000 × 2,000 ≤ 3 s and ≤ 500 MB.
 */
import { performance } from 'node:perf_hooks';
import { solveMatching } from '../../src/modules/matching/engine/engine';
import type { StageOptimality } from '../../src/modules/matching/engine/instance';
import { generateInstance } from '../support/matching-instances';

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['1600x60', '10000x300', '50000x2000'];

const describe = (stage: StageOptimality) =>
  stage.status === 'optimal' ? `optimal (${stage.flowSolves} flow solves)` : `feasible, gap ${stage.bound - stage.objective} (${stage.flowSolves} flow solves)`;

for (const size of sizes) {
  const [attendees, seminars] = size.split('x').map(Number);
  const instance = generateInstance({ attendees, seminars, seed: 7 });
  const started = performance.now();
  const result = solveMatching(instance);
  const seconds = (performance.now() - started) / 1000;
  const rss = process.memoryUsage().rss / 1e6;
  console.log(
    `${attendees} attendees × ${seminars} seminars: ${seconds.toFixed(2)} s, ${rss.toFixed(0)} MB resident; ` +
      `facilitators ${describe(result.optimality.facilitators)}; attendees ${describe(result.optimality.attendees)}; ` +
      `${result.objective.attendees.seats} seated, ${result.leftOut.length} left out`,
  );
}
