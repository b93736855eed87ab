import fc from 'fast-check';
import { packIntervals } from './attendee-daily-share';

/** Reference: every choice of places, kept when each day's allowance holds. */
function bestByEnumeration(
  allowance: number[],
  intervals: { first: number; last: number; values: number[] }[],
): number {
  let best = -Infinity;
  const taken = intervals.map(() => 0);
  const visit = (i: number) => {
    if (i === intervals.length) {
      for (let d = 0; d < allowance.length; d++) {
        let load = 0;
        intervals.forEach((interval, j) => interval.first <= d && d <= interval.last && (load += taken[j]));
        if (load > allowance[d]) return;
      }
      let worth = 0;
      intervals.forEach((interval, j) => interval.values.slice(0, taken[j]).forEach((v) => (worth += v)));
      best = Math.max(best, worth);
      return;
    }
    for (let c = 0; c <= intervals[i].values.length; c++) {
      taken[i] = c;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

describe('packIntervals', () => {
  it('chooses the most valuable places that fit every day, as enumeration does', () => {
    const instance = fc.integer({ min: 1, max: 8 }).chain((days) =>
      fc.record({
        allowance: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: days, maxLength: days }),
        intervals: fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: days - 1 }),
            length: fc.integer({ min: 1, max: 3 }),
            values: fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 2 }),
          }),
          { maxLength: 6 },
        ),
      }),
    );
    fc.assert(
      fc.property(instance, ({ allowance, intervals }) => {
        const days = allowance.length;
        const list = intervals.map((i) => ({
          first: i.start,
          last: Math.min(days - 1, i.start + i.length - 1),
          values: [...i.values].sort((a, b) => b - a),
        }));
        const taken = packIntervals(
          Int32Array.from(allowance),
          Int32Array.from(list, (i) => i.first),
          Int32Array.from(list, (i) => i.last),
          list.map((i) => i.values),
        );
        let worth = 0;
        list.forEach((interval, j) => {
          expect(taken[j]).toBeGreaterThanOrEqual(0);
          expect(taken[j]).toBeLessThanOrEqual(interval.values.length);
          interval.values.slice(0, taken[j]).forEach((v) => (worth += v));
        });
        for (let d = 0; d < days; d++) {
          let load = 0;
          list.forEach((interval, j) => interval.first <= d && d <= interval.last && (load += taken[j]));
          expect(load).toBeLessThanOrEqual(allowance[d]);
        }
        expect(worth).toBe(bestByEnumeration(allowance, list));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
