/**
 * Benchmark of the matching engine on generated instances (test/support/matching-instances.ts).
 * For each size it prints the engine's time, the process's resident memory after it, and each
 * stage's optimality: proven optimal, or feasible with the gap to its proven bound.
 *
 * Then, unless turned off, it solves the same two stages exactly with HiGHS
 * (test/support/highs-solver.ts; stage 2 given the facilitators the engine chose) and prints, per
 * stage, HiGHS's optimum, the engine's objective against it, HiGHS's time and the ratio HiGHS time /
 * engine time (the engine's time is the whole run, both stages).
 *
 *   npm run bench:matching                                # programme 1600x60 10000x300 50000x2000
 *                                                         # (programme: test/support/matching-programme.ts, seed 7)
 *   npm run bench:matching -- 1600x60 10000x300           # chosen sizes
 *   npm run bench:matching -- --highs 50000x2000          # HiGHS for every size
 *   npm run bench:matching -- --no-highs                  # HiGHS for none
 *   BENCH_HIGHS=1 npm run bench:matching                  # same as --highs (BENCH_HIGHS=0: --no-highs)
 *
 * HiGHS runs by default for sizes up to 10,000 attendees only: above that it takes very long (its
 * own time limit is 120 s per stage).
 *
 * The engine runs as the service runs it, with HiGHS for both stages up to programme scale, and
 * then alone (the bounded flow search with its proven gaps) for comparison.
 *
 * Targets: 1,600 × 60 ≤ 0.3 s; 10,000 × 300 ≤ 1 s; 50,000 × 2,000 ≤ 3 s and ≤ 500 MB.
 */
import { performance } from 'node:perf_hooks';
import { solveMatching } from '../../src/modules/matching/engine/engine';
import type { StageOptimality } from '../../src/modules/matching/engine/instance';
import { generateInstance } from '../support/matching-instances';
import { attendeeStageLp, facilitatorStageLp } from '../../src/modules/matching/engine/lp-export';
import { loadHighs, solveLpWithHighs, type HighsStage } from '../support/highs-solver';
import { generateProgramme } from '../support/matching-programme';

/** Largest number of attendees for which HiGHS runs unless asked for explicitly. */
const HIGHS_DEFAULT_MAX_ATTENDEES = 10_000;

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const given = args.filter((a) => !a.startsWith('--'));
const sizes = given.length > 0 ? given : ['programme', '1600x60', '10000x300', '50000x2000'];
const env = process.env.BENCH_HIGHS;
const highsChoice: boolean | undefined = flags.includes('--no-highs')
  ? false
  : flags.includes('--highs')
    ? true
    : env === '0'
      ? false
      : env === '1'
        ? true
        : undefined;

const describe = (stage: StageOptimality) =>
  stage.status === 'optimal'
    ? `optimal (${stage.flowSolves} flow solves)`
    : `feasible, gap ${stage.bound - stage.objective} (${stage.flowSolves} flow solves)`;

const versus = (name: string, engine: StageOptimality, highs: HighsStage, engineMs: number) => {
  const diff = highs.objective - engine.objective;
  const against =
    diff === 0
      ? 'engine = HiGHS optimum'
      : diff > 0
        ? `engine ${diff} below HiGHS optimum`
        : `engine ${-diff} ABOVE HiGHS optimum`;
  return `${name} HiGHS ${highs.objective} vs engine ${engine.objective} (${against}), HiGHS ${(highs.ms / 1000).toFixed(2)} s, HiGHS/engine time ${(highs.ms / engineMs).toFixed(1)}×`;
};

async function main() {
  // The service hands the engine HiGHS as its exact solver: so does the benchmark, loaded before the clock starts.
  const exact = await loadHighs();
  for (const size of sizes) {
    const instance =
      size === 'programme'
        ? generateProgramme({ seed: 7 })
        : (([a, s]) => generateInstance({ attendees: a, seminars: s, seed: 7 }))(size.split('x').map(Number));
    const attendees = instance.attendees.length;
    const seminars = instance.seminars.length;
    const started = performance.now();
    const result = solveMatching(instance, { exact });
    const engineMs = performance.now() - started;
    const rss = process.memoryUsage().rss / 1e6;
    const label = size === 'programme' ? `programme shape (${instance.specialists.length} specialists), ` : '';
    console.log(
      `${label}${attendees} attendees × ${seminars} seminars: ${(engineMs / 1000).toFixed(2)} s, ${rss.toFixed(0)} MB resident; ` +
        `facilitators ${describe(result.optimality.facilitators)}; attendees ${describe(result.optimality.attendees)}; ` +
        `${result.objective.attendees.seats} seated, ${result.leftOut.length} left out`,
    );
    // The engine alone, without the exact solver: the bounded flow search and its proven gaps.
    const alone = performance.now();
    const searched = solveMatching(instance);
    console.log(
      `  flow search alone: ${((performance.now() - alone) / 1000).toFixed(2)} s; facilitators ${describe(searched.optimality.facilitators)}; ` +
        `attendees ${describe(searched.optimality.attendees)}`,
    );
    const withHighs = highsChoice ?? attendees <= HIGHS_DEFAULT_MAX_ATTENDEES;
    if (!withHighs) {
      console.log(
        `  HiGHS: skipped (off by default above ${HIGHS_DEFAULT_MAX_ATTENDEES} attendees; --highs or BENCH_HIGHS=1 to run it)`,
      );
      continue;
    }
    // Stage by stage (as solveStagesWithHighs does), so that one stage failing still shows the other.
    const stages = [
      ['facilitators', result.optimality.facilitators, () => facilitatorStageLp(instance, result)],
      ['attendees', result.optimality.attendees, () => attendeeStageLp(instance, result)],
    ] as const;
    for (const [name, engine, lp] of stages) {
      try {
        console.log(`  ${versus(name, engine, await solveLpWithHighs(lp()), engineMs)}`);
      } catch (error) {
        console.log(
          `  ${name} HiGHS failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
        );
      }
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
