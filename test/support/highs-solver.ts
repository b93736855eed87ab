/**
 * Solves both stages of a matching instance exactly with HiGHS (the npm `highs` package, a
 * WebAssembly build of the MIP solver) on the programs `lp-export.ts` writes, to confirm the
 * engine's objectives. Stage 2 is solved given the facilitators the result's first stage chose.
 */
import type highsLoader from 'highs';
import type { MatchingInstance, MatchingResult } from '../../src/modules/matching/engine/instance';
import {
  attendeeStageLp,
  facilitatorStageLp,
  readLpSolution,
  type StageLp,
} from '../../src/modules/matching/engine/lp-export';

type Highs = Awaited<ReturnType<typeof highsLoader>>;

export interface HighsStage {
  objective: number;
  ms: number;
  /** The pairs of HiGHS's optimum. */
  chosen: { personId: string; seminarId: string }[];
}

export interface HighsStages {
  facilitators: HighsStage;
  attendees: HighsStage;
  /** The process's peak resident memory so far. */
  peakRssMB: number;
}

let loading: Promise<Highs> | undefined;

/** The HiGHS solver, loaded once. */
export function loadHighs(): Promise<Highs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- highs builds its WebAssembly solver only when loaded
  loading ??= (require('highs') as typeof highsLoader)();
  return loading;
}

/** Objectives are integers: an absolute gap below one proves the integer optimum. */
const EXACT = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: 120 } as const;

export async function solveLpWithHighs(lp: StageLp): Promise<HighsStage> {
  const solver = await loadHighs();
  const started = performance.now();
  const solution = solver.solve(lp.text, EXACT);
  const ms = performance.now() - started;
  if (solution.Status !== 'Optimal')
    throw new Error(`HiGHS ended the ${lp.stage} stage with status ${solution.Status}`);
  const values: Record<string, number> = {};
  for (const [name, column] of Object.entries(solution.Columns)) values[name] = column.Primal;
  return { objective: Math.round(solution.ObjectiveValue), ms, chosen: readLpSolution(lp, values) };
}

export async function solveStagesWithHighs(instance: MatchingInstance, result: MatchingResult): Promise<HighsStages> {
  const facilitators = await solveLpWithHighs(facilitatorStageLp(instance, result));
  const attendees = await solveLpWithHighs(attendeeStageLp(instance, result));
  return { facilitators, attendees, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
