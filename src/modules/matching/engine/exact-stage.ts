import type { FacilitatorStage } from './facilitator-stage';
import type { SearchOutcome } from './flow-model';
import type { MatchingInstance } from './instance';
import { facilitatorProgram, readLpSolution } from './lp-export';
import { pairKey } from './settings';

/**
 * A mixed-integer solver that reads a CPLEX-LP program and solves it to a proven optimum: the
 * shape of HiGHS's one-shot API (the `highs` package), which the service loads and hands over.
 */
export interface ExactSolver {
  solve(
    problem: string,
    options?: typeof EXACT_OPTIONS,
  ): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, object>;
  };
}

/**
 * Limits of the exact solve. Nodes bound it by work, so the same instance gets the same answer on
 * any machine; the time limit only guards against a program far beyond programme scale.
 * Objectives are integers, so an absolute gap below one proves the integer optimum.
 */
export const EXACT_OPTIONS = {
  output_flag: false,
  mip_rel_gap: 0,
  mip_abs_gap: 0.5,
  mip_max_nodes: 50_000,
  time_limit: 60,
} as const;

/**
 * Candidate pairs above which the stage is left to the flow search: a state's programme has a few
 * thousand (150 seminars and 350 specialists, about 6,000), where HiGHS proves the optimum in well
 * under a second; at 2,000 seminars (33,000 pairs) it takes ten seconds and 300 MB more.
 */
export const EXACT_MAX_PAIRS = 15_000;

/**
 * The facilitator stage solved exactly, when the flow search could not prove its answer optimal:
 * the stage's integer program (the same rules, written by `lp-export.ts`, side constraints as rows)
 * goes to the exact solver, and its answer replaces the search's when it is at least as good. A
 * proven optimum closes the gap; a solve cut by its limits keeps the search's bound. Any failure
 * of the solver leaves the search's answer, which is always feasible.
 */
export function solveFacilitatorsExactly(
  instance: MatchingInstance,
  stage: FacilitatorStage,
  outcome: SearchOutcome,
  solver: ExactSolver,
): SearchOutcome {
  if (outcome.status === 'optimal' || stage.candidates.length > EXACT_MAX_PAIRS) return outcome;
  const variableOf = new Map(stage.candidates.map((c, i) => [pairKey(c.specialist.id, c.seminar.id), i]));
  let solution: ReturnType<ExactSolver['solve']>;
  const program = facilitatorProgram(instance, new Set(stage.pinsRefused.keys()));
  try {
    solution = solver.solve(program.text, EXACT_OPTIONS);
  } catch {
    return outcome;
  }
  const proven = solution.Status === 'Optimal';
  if (!proven && !Number.isFinite(solution.ObjectiveValue)) return outcome;
  const values: Record<string, number> = {};
  for (const [name, column] of Object.entries(solution.Columns))
    values[name] = 'Primal' in column && typeof column.Primal === 'number' ? column.Primal : 0;
  const chosen = readLpSolution(program, values);
  const flows = new Int32Array(stage.candidates.length);
  for (const pair of chosen) {
    const variable = variableOf.get(pairKey(pair.personId, pair.seminarId));
    // The program and the network disagree on what is allowed: trust the network's answer.
    if (variable === undefined) return outcome;
    flows[variable] = 1;
  }
  const objective = Math.round(solution.ObjectiveValue);
  if (objective < outcome.solution.objective) return outcome;
  // The search had found an optimum already: keep it, now proven.
  if (objective === outcome.solution.objective)
    return proven ? { ...outcome, bound: objective, status: 'optimal', provenBy: 'exact_solver' } : outcome;
  const bound = proven ? objective : Math.max(objective, outcome.bound);
  return {
    ...outcome,
    solution: { ...outcome.solution, values: flows, objective },
    bound,
    status: proven ? 'optimal' : 'feasible',
    provenBy: proven ? 'exact_solver' : outcome.provenBy,
  };
}
