import type { FormItem } from '../forms/form-items';
import { itemStats, responseRate, scoreStats, shuffled } from './report-statistics';

const label = (es: string) => ({ es, en: es });
const likert: FormItem = { id: 'q1', kind: 'likert', prompt: label('Satisfacción'), required: true };
const choice: FormItem = {
  id: 'q2',
  kind: 'single_choice',
  prompt: label('Turno'),
  required: true,
  options: [
    { id: 'am', label: label('Mañana') },
    { id: 'pm', label: label('Tarde') },
  ],
};
const number: FormItem = { id: 'q3', kind: 'number', prompt: label('Pacientes al día'), required: false };

/** Tally rows as the database sums them: the empty value counts respondents. */
const rows = (respondents: number, counts: Record<string, number>) => [
  { value: '', count: respondents },
  ...Object.entries(counts).map(([value, count]) => ({ value, count })),
];

describe('Evaluation report statistics', () => {
  describe('withhold an item under the minimum of respondents, and show it from the minimum on', () => {
    it.each([
      ['nobody answered', likert, [], 5, { respondents: 0, suppressed: true, mean: null }],
      ['four of a minimum of five', likert, rows(4, { '5': 4 }), 5, { respondents: 4, suppressed: true, mean: null }],
      ['exactly the minimum', likert, rows(5, { '4': 3, '5': 2 }), 5, { respondents: 5, suppressed: false, mean: 4.4 }],
      ['a minimum of one', number, rows(1, { '12': 1 }), 1, { respondents: 1, suppressed: false, mean: 12 }],
    ] as const)('%s', (_case, item, tally, minimum, expected) => {
      const stats = itemStats(item, [...tally], minimum);
      expect(stats).toMatchObject(expected);
      if (expected.suppressed) expect(stats.distribution).toEqual([]);
    });
  });

  it.each([
    [
      'a Likert item lists the five values, zeros included',
      likert,
      rows(6, { '1': 1, '5': 5 }),
      { mean: 4.33, distribution: ['1:1', '2:0', '3:0', '4:0', '5:5'] },
    ],
    [
      'a choice item lists its options in their order, with no mean',
      choice,
      rows(5, { pm: 3, am: 2 }),
      { mean: null, distribution: ['am:2', 'pm:3'] },
    ],
    [
      'a number item lists the values given, in numeric order',
      number,
      rows(5, { '20': 1, '8': 2, '10': 2 }),
      { mean: 11.2, distribution: ['8:2', '10:2', '20:1'] },
    ],
  ] as const)('%s', (_case, item, tally, expected) => {
    const stats = itemStats(item, [...tally], 5);
    expect(stats.mean).toBe(expected.mean);
    expect(stats.distribution.map((entry) => `${entry.value}:${entry.count}`)).toEqual(expected.distribution);
  });

  it.each([
    ['no test answered', undefined, 5, { respondents: 0, suppressed: true, meanPercent: null }],
    [
      'under the minimum',
      { respondents: 4, percent_sum: 320 },
      5,
      { respondents: 4, suppressed: true, meanPercent: null },
    ],
    [
      'at the minimum',
      { respondents: 5, percent_sum: 333 },
      5,
      { respondents: 5, suppressed: false, meanPercent: 66.6 },
    ],
    [
      'rounded to two decimals',
      { respondents: 3, percent_sum: 200 },
      3,
      { respondents: 3, suppressed: false, meanPercent: 66.67 },
    ],
  ])('scores tests: %s', (_case, tally, minimum, expected) => {
    expect(scoreStats(tally, minimum)).toEqual(expected);
  });

  it.each([
    [0, 0, null],
    [3, 10, 0.3],
    [2, 3, 0.6667],
    [12, 10, 1],
  ])('answers %d responses of %d expected as a rate of %p', (responses, expected, rate) => {
    expect(responseRate(responses, expected)).toBe(rate);
  });

  it('shuffles comments without losing or repeating one', () => {
    const comments = ['a', 'b', 'c', 'd', 'e'];
    const reversed = shuffled(comments, () => 0);
    expect(reversed).not.toEqual(comments);
    expect([...reversed].sort()).toEqual(comments);
    expect(comments).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
