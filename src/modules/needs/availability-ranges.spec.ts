import fc from 'fast-check';
import { addDays, daysBetween } from '../../common/time/calendar-date';
import { mergeRanges, type ReasonedRange } from './availability-ranges';

const range = (from: string, to = from, reason: string | null = null): ReasonedRange => ({ from, to, reason });

describe(mergeRanges.name, () => {
  it.each<[string, ReasonedRange[], ReasonedRange[]]>([
    ['nothing', [], []],
    ['one day', [range('2031-03-17')], [range('2031-03-17')]],
    [
      'apart ranges stay apart, in date order',
      [range('2031-05-01', '2031-05-02'), range('2031-03-17', '2031-03-18')],
      [range('2031-03-17', '2031-03-18'), range('2031-05-01', '2031-05-02')],
    ],
    [
      'a gap of one day keeps them apart',
      [range('2031-03-17'), range('2031-03-19')],
      [range('2031-03-17'), range('2031-03-19')],
    ],
    [
      'touching ranges merge',
      [range('2031-03-17', '2031-03-18'), range('2031-03-19', '2031-03-20')],
      [range('2031-03-17', '2031-03-20')],
    ],
    [
      'overlapping ranges merge',
      [range('2031-03-17', '2031-03-25'), range('2031-03-20', '2031-03-22'), range('2031-03-24', '2031-04-02')],
      [range('2031-03-17', '2031-04-02')],
    ],
    [
      'across a month and a year end',
      [range('2031-12-30', '2031-12-31'), range('2032-01-01')],
      [range('2031-12-30', '2032-01-01')],
    ],
    ['the same day twice', [range('2031-03-17'), range('2031-03-17')], [range('2031-03-17')]],
    [
      'reasons of merged parts are kept once each',
      [
        range('2031-03-17', '2031-03-18', 'Vacaciones'),
        range('2031-03-18', '2031-03-19', 'Congreso'),
        range('2031-03-19', '2031-03-19', 'Vacaciones'),
        range('2031-03-20'),
      ],
      [range('2031-03-17', '2031-03-20', 'Vacaciones; Congreso')],
    ],
  ])('%s', (_case, input, expected) => {
    expect(mergeRanges(input)).toEqual(expected);
  });

  it('cuts joined reasons to 200 characters', () => {
    const [merged] = mergeRanges([
      range('2031-03-17', '2031-03-17', 'a'.repeat(150)),
      range('2031-03-18', '2031-03-18', 'b'.repeat(150)),
    ]);
    expect(merged.reason).toHaveLength(200);
  });

  it('covers exactly the same days with ranges that neither overlap nor touch', () => {
    const ranges = fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 10 }))
        .map(([start, length]) => range(addDays('2031-01-01', start), addDays('2031-01-01', start + length))),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(ranges, (input) => {
        const days = (list: ReasonedRange[]) =>
          new Set(
            list.flatMap((r) => Array.from({ length: daysBetween(r.from, r.to) + 1 }, (_, i) => addDays(r.from, i))),
          );
        const merged = mergeRanges(input);
        expect([...days(merged)].sort()).toEqual([...days(input)].sort());
        merged
          .slice(1)
          .forEach((current, index) => expect(daysBetween(merged[index].to, current.from)).toBeGreaterThan(1));
      }),
    );
  });
});
