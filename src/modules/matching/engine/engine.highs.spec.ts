import { generateInstance } from '../../../../test/support/matching-instances';
import { loadHighs, solveStagesWithHighs, type HighsStages } from '../../../../test/support/highs-solver';
import { checkMatching } from './checker';
import { solveMatching } from './engine';
import type { InstancePin, MatchingInstance, MatchingResult, StageOptimality } from './instance';

/**
 * The engine against an exact MIP solver: HiGHS solves each stage's integer program (lp-export.ts,
 * written from the instance's rules, not from the engine's network) to optimality. A stage the
 * engine calls optimal must reach HiGHS's optimum; a stage it calls feasible must lie between its
 * objective and its proven bound.
 */

const CASES: [attendees: number, seminars: number, seed: number, pins: number][] = [
  [60, 4, 1, 0],
  [60, 4, 2, 0],
  [60, 4, 3, 6],
  [300, 12, 1, 0],
  [300, 12, 2, 12],
  [1000, 40, 1, 0],
];

/**
 * Instances whose daily share never binds (a unit may have all its staff away, and each person
 * takes one seat at most): the attendee stage is a pure min-cost flow, which the engine solves
 * exactly, so it must report it optimal and reach HiGHS's optimum to the unit.
 */
const PURE_FLOW_CASES: [attendees: number, seminars: number, seed: number][] = [
  [300, 12, 1],
  [1000, 40, 1],
  [2000, 80, 1],
];

/** Every few people and specialists pinned: forced into a seminar, or kept out of one. */
function withPins(instance: MatchingInstance, count: number): MatchingInstance {
  const every = <T>(list: T[], n: number) => list.filter((_, i) => i % 7 === 3).slice(0, n);
  const people = [
    ...every(instance.attendees, count - Math.floor(count / 3)),
    ...every(instance.specialists, Math.floor(count / 3)),
  ];
  const pins: InstancePin[] = people.map((person, i) => ({
    personId: person.id,
    seminarId: instance.seminars[(i * 5) % instance.seminars.length].id,
    kind: i % 3 === 2 ? 'forbid' : 'force',
  }));
  return { ...instance, pins };
}

function expectAgreement(stage: string, engine: StageOptimality, highs: number): void {
  const where = `${stage}: engine ${engine.status} ${engine.objective} (bound ${engine.bound}), HiGHS ${highs}`;
  if (engine.status === 'optimal') {
    if (engine.objective !== highs)
      throw new Error(`${where}: the engine claims optimality ${highs - engine.objective} below the optimum`);
    return;
  }
  if (highs < engine.objective)
    throw new Error(
      `${where}: the engine beats the exact optimum by ${engine.objective - highs}; the LP model and the engine disagree`,
    );
  if (highs > engine.bound)
    throw new Error(`${where}: the optimum exceeds the engine's proven bound by ${highs - engine.bound}`);
}

function line(result: MatchingResult, highs: HighsStages, stage: 'facilitators' | 'attendees'): string {
  const engine = result.optimality[stage];
  return `${stage} ${engine.status} ${engine.objective}/${engine.bound}, HiGHS ${highs[stage].objective} in ${Math.round(highs[stage].ms)} ms`;
}

describe('matching engine against HiGHS', () => {
  const summary: string[] = [];
  afterAll(() => process.stdout.write(`engine against HiGHS (objective/bound, optimum):\n${summary.join('\n')}\n`));

  it.each(CASES)(
    '%i attendees × %i seminars, seed %i, %i pins',
    async (attendees, seminars, seed, pins) => {
      const instance = withPins(generateInstance({ attendees, seminars, seed }), pins);
      const result = solveMatching(instance, { exact: await loadHighs() });
      expect(checkMatching(instance, result).ok).toBe(true);
      const highs = await solveStagesWithHighs(instance, result);
      summary.push(
        `  ${attendees}×${seminars} seed ${seed}, ${pins} pins: ${line(result, highs, 'facilitators')}; ${line(result, highs, 'attendees')}`,
      );
      // With the exact solver both stages are the proven optimum up to programme scale.
      expect(result.optimality.facilitators.status).toBe('optimal');
      expect(result.optimality.attendees.status).toBe('optimal');
      expectAgreement('facilitators', result.optimality.facilitators, highs.facilitators.objective);
      expectAgreement('attendees', result.optimality.attendees, highs.attendees.objective);
    },
    60_000,
  );

  it.each(PURE_FLOW_CASES)(
    '%i attendees × %i seminars, seed %i, daily share not binding: attendees optimal',
    async (attendees, seminars, seed) => {
      const instance: MatchingInstance = {
        ...generateInstance({ attendees, seminars, seed }),
        settings: { unitDailyShare: 1 },
      };
      const result = solveMatching(instance);
      expect(checkMatching(instance, result).ok).toBe(true);
      const highs = await solveStagesWithHighs(instance, result);
      summary.push(
        `  ${attendees}×${seminars} seed ${seed}, daily share 1: ${line(result, highs, 'facilitators')}; ${line(result, highs, 'attendees')}`,
      );
      expectAgreement('facilitators', result.optimality.facilitators, highs.facilitators.objective);
      expect(result.optimality.attendees.status).toBe('optimal');
      expect(result.optimality.attendees.objective).toBe(highs.attendees.objective);
    },
    60_000,
  );
});
