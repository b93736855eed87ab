import { loadHighs, solveLpWithHighs } from '../../../../test/support/highs-solver';
import { generateProgramme, withNewIds } from '../../../../test/support/matching-programme';
import { checkMatching } from './checker';
import { solveMatching } from './engine';
import type { MatchingInstance, MatchingResult } from './instance';
import { facilitatorStageLp } from './lp-export';

/**
 * The matching at the size and shape of a state's programme (three networks, 60 seminars, 1,600
 * attendees, specialties with barely enough specialists for one seminar a month, seminars across
 * the end of a month, days off), with the exact solver as the service runs it: the facilitator
 * stage is HiGHS's optimum under any ids, and the answer does not depend on ids or row order.
 */

/** A value with the lists and records that are sets put in order, for comparing rows. */
function normal(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(normal)
      .map((v) => JSON.stringify(v))
      .sort();
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, normal(v)]),
    );
  return value;
}

/** What a row is, without its id: rows that differ only in their ids are the same to the data. */
function classes(instance: MatchingInstance): Map<string, string> {
  const out = new Map<string, string>();
  const unitClass = new Map(instance.units.map((u) => [u.id, JSON.stringify(normal({ ...u, id: null }))]));
  for (const s of instance.seminars)
    out.set(s.id, JSON.stringify(normal({ ...s, id: null, unitSeatsTaken: null, facilitators: null })));
  for (const p of instance.specialists) out.set(p.id, JSON.stringify(normal({ ...p, id: null })));
  for (const a of instance.attendees)
    out.set(a.id, JSON.stringify(normal({ ...a, id: null, unitId: unitClass.get(a.unitId) })));
  // Short names for the classes, so that a difference reads in a line.
  const short = new Map([...new Set(out.values())].sort().map((c, i) => [c, `#${i}`]));
  for (const [id, c] of out) out.set(id, short.get(c)!);
  return out;
}

/** The answer as pairs of row classes, sorted: equal for the same answer under other ids. */
function answer(instance: MatchingInstance, result: MatchingResult): string[] {
  const of = classes(instance);
  const pairs: string[] = [];
  for (const p of result.proposals) {
    for (const f of p.facilitators) pairs.push(`F ${of.get(p.seminarId)} ${of.get(f.personId)}`);
    for (const a of p.attendees) pairs.push(`A ${of.get(p.seminarId)} ${of.get(a.personId)}`);
  }
  return pairs.sort();
}

const places = (instance: MatchingInstance) =>
  instance.seminars.reduce((sum, s) => sum + s.requiredSpecialties.reduce((n, r) => n + r.count, 0), 0);
const uncovered = (result: MatchingResult) =>
  result.proposals.reduce((sum, p) => sum + p.uncovered.reduce((n, u) => n + u.missing, 0), 0);

/** A short search budget for the attendee stage keeps the test quick; the facilitator stage is exact at any budget. */
const quick = (instance: MatchingInstance): MatchingInstance => ({ ...instance, settings: { budgetMs: 200 } });

describe('matching at programme scale', () => {
  const summary: string[] = [];
  afterAll(() => process.stdout.write(`programme-scale matching:\n${summary.join('\n')}\n`));

  it.each([
    [2, 'every place can be covered'],
    [3, 'every place can be covered'],
    [1, 'some places cannot be covered'],
    [4, 'some places cannot be covered'],
  ])(
    'seed %i (%s): the facilitator stage is the HiGHS optimum under 3 draws of ids',
    async (seed, shape) => {
      const exact = await loadHighs();
      const base = quick(generateProgramme({ seed }));
      const optimum = await solveLpWithHighs(facilitatorStageLp(base));
      const coverable = optimum.chosen.length;
      expect(coverable === places(base)).toBe(shape === 'every place can be covered');
      for (let draw = 0; draw < 3; draw++) {
        const { instance } = draw === 0 ? { instance: base } : withNewIds(base, seed * 1000 + draw);
        const result = solveMatching(instance, { exact });
        expect(checkMatching(instance, result).ok).toBe(true);
        expect(result.optimality.facilitators).toMatchObject({ status: 'optimal', objective: optimum.objective });
        expect(places(instance) - uncovered(result)).toBe(coverable);
        // A place left open is proven so: every specialist of its specialty is kept out by a rule.
        for (const p of result.proposals) for (const u of p.uncovered) expect(u.blockers.length).toBeGreaterThan(0);
        if (draw === 0)
          summary.push(
            `  seed ${seed}: ${instance.specialists.length} specialists, ${places(instance)} places, ${coverable} covered ` +
              `(HiGHS: ${places(instance) - coverable} cannot be); facilitators ${result.optimality.facilitators.objective} = ` +
              `HiGHS ${optimum.objective}`,
          );
      }
    },
    120_000,
  );

  it('gives the same answer and objective under 10 draws of ids and row order', async () => {
    const exact = await loadHighs();
    const base = quick(generateProgramme({ seed: 7 }));
    const first = solveMatching(base, { exact });
    const expected = answer(base, first);
    for (let draw = 1; draw <= 10; draw++) {
      const { instance } = withNewIds(base, draw);
      const result = solveMatching(instance, { exact });
      expect(result.objective).toEqual(first.objective);
      expect(answer(instance, result)).toEqual(expected);
    }
    summary.push(
      `  seed 7: 10 draws of ids and row order, one answer (objectives ${first.objective.facilitators.total} / ${first.objective.attendees.total})`,
    );
  }, 300_000);
});
