import { checkAnswers, definitionProblems, type FormItem } from './form-items';
import { windowsOf, windowState } from './windows';

const label = (es: string) => ({ es, en: es });

const test: FormItem[] = [
  {
    id: 'single',
    kind: 'single_choice',
    prompt: label('Una'),
    required: true,
    options: [
      { id: 'a', label: label('A') },
      { id: 'b', label: label('B') },
    ],
    correct: 'a',
    points: 2,
  },
  {
    id: 'multi',
    kind: 'multiple_choice',
    prompt: label('Varias'),
    required: true,
    options: ['a', 'b', 'c'].map((id) => ({ id, label: label(id) })),
    correct: ['a', 'c'],
    points: 3,
  },
  { id: 'dose', kind: 'number', prompt: label('Dosis'), required: false, min: 0, max: 100, correct: 40, points: 5 },
  { id: 'why', kind: 'short_text', prompt: label('Por qué'), required: false },
];

describe(definitionProblems.name, () => {
  it('accepts a diagnostic test whose right answers fit its items', () => {
    expect(definitionProblems('diagnostic', test)).toEqual([]);
  });

  it.each<[string, FormItem[], string]>([
    [
      'duplicate ids',
      [
        { id: 'q', kind: 'likert', prompt: label('x'), required: true },
        { id: 'q', kind: 'likert', prompt: label('y'), required: true },
      ],
      'items[1].id',
    ],
    [
      'one option',
      [
        {
          id: 'q',
          kind: 'single_choice',
          prompt: label('x'),
          required: true,
          options: [{ id: 'a', label: label('A') }],
        },
      ],
      'items[0].options',
    ],
    [
      'options on a Likert item',
      [{ id: 'q', kind: 'likert', prompt: label('x'), required: true, options: [] }],
      'items[0].options',
    ],
    ['a range on text', [{ id: 'q', kind: 'short_text', prompt: label('x'), required: true, min: 1 }], 'items[0].min'],
    [
      'an inverted range',
      [{ id: 'q', kind: 'number', prompt: label('x'), required: true, min: 5, max: 1 }],
      'items[0].max',
    ],
    [
      'facilitator rating on a choice',
      [
        {
          id: 'q',
          kind: 'single_choice',
          prompt: label('x'),
          required: true,
          perFacilitator: true,
          options: [
            { id: 'a', label: label('A') },
            { id: 'b', label: label('B') },
          ],
        },
      ],
      'items[0].perFacilitator',
    ],
    [
      'a correct answer outside a test',
      [
        {
          id: 'q',
          kind: 'single_choice',
          prompt: label('x'),
          required: true,
          options: [
            { id: 'a', label: label('A') },
            { id: 'b', label: label('B') },
          ],
          correct: 'a',
          points: 1,
        },
      ],
      'items[0].correct',
    ],
    ['an id with capitals', [{ id: 'Q1', kind: 'likert', prompt: label('x'), required: true }], 'items[0].id'],
  ])('refuses %s', (_name, items, field) => {
    expect(definitionProblems('daily', items).map((p) => p.field)).toContain(field);
  });

  it('refuses a diagnostic test without scored items, or a correct answer that is not an option', () => {
    expect(definitionProblems('diagnostic', [test[3]]).map((p) => p.field)).toEqual(['items']);
    expect(definitionProblems('diagnostic', [{ ...test[0], correct: 'z' }]).map((p) => p.field)).toEqual([
      'items[0].correct',
    ]);
  });
});

describe(checkAnswers.name, () => {
  it('scores a diagnostic test: exact sets for multiple choice, exact numbers', () => {
    expect(checkAnswers(test, { single: 'a', multi: ['c', 'a'], dose: 40 }, [])).toMatchObject({
      problems: [],
      score: 10,
      maxScore: 10,
    });
    expect(checkAnswers(test, { single: 'a', multi: ['a'], dose: 41 }, [])).toMatchObject({
      problems: [],
      score: 2,
      maxScore: 10,
    });
    expect(checkAnswers(test, { single: 'b', multi: ['a', 'b', 'c'] }, [])).toMatchObject({
      problems: [],
      score: 0,
      maxScore: 10,
    });
  });

  it('reports every problem at once, by item', () => {
    const { problems, rows } = checkAnswers(
      test,
      { single: 'z', multi: 'a', dose: 101, why: 'x'.repeat(301), extra: 1 },
      [],
    );
    expect(problems).toEqual([
      { itemId: 'extra', problem: 'unknown_item' },
      { itemId: 'single', problem: 'not_an_option' },
      { itemId: 'multi', problem: 'wrong_type' },
      { itemId: 'dose', problem: 'out_of_range' },
      { itemId: 'why', problem: 'too_long' },
    ]);
    expect(rows).toEqual([]);
  });

  it('treats blank texts and nulls as unanswered', () => {
    expect(checkAnswers(test, { single: null, multi: [], why: '   ' }, []).problems).toEqual([
      { itemId: 'single', problem: 'required' },
      { itemId: 'multi', problem: 'required' },
    ]);
  });

  it('takes one Likert rating per facilitator of the seminar, and only theirs', () => {
    const openness: FormItem[] = [
      { id: 'openness', kind: 'likert', prompt: label('Apertura'), required: true, perFacilitator: true },
    ];
    expect(checkAnswers(openness, { openness: { f1: 5, f2: 3 } }, ['f1', 'f2']).rows).toEqual([
      { itemId: 'openness', facilitatorId: 'f1', numberValue: 5, choice: null, textValue: null },
      { itemId: 'openness', facilitatorId: 'f2', numberValue: 3, choice: null, textValue: null },
    ]);
    expect(checkAnswers(openness, { openness: { f1: 5 } }, ['f1', 'f2']).problems).toEqual([
      { itemId: 'openness', problem: 'required' },
    ]);
    expect(checkAnswers(openness, { openness: { f1: 5, f2: 3, f3: 1 } }, ['f1', 'f2']).problems).toEqual([
      { itemId: 'openness', problem: 'facilitators' },
    ]);
    expect(checkAnswers(openness, { openness: { f1: 6, f2: 3 } }, ['f1', 'f2']).problems).toEqual([
      { itemId: 'openness', problem: 'out_of_range' },
    ]);
  });
});

describe(windowsOf.name, () => {
  const day = (position: number, date: string) => ({
    position,
    date,
    startsAt: new Date(`${date}T14:00:00Z`),
    endsAt: new Date(`${date}T22:00:00Z`),
  });
  const windows = windowsOf([day(1, '2031-03-17'), day(2, '2031-03-18'), day(3, '2031-03-19')], {
    dailyDays: 3,
    finalDays: 7,
  });

  it('opens daily evaluations at the end of their day and the final ones at the end of the last day', () => {
    expect(
      windows.map((w) => [w.occasion, w.dayNumber, w.opensAt?.toISOString() ?? null, w.closesAt.toISOString()]),
    ).toEqual([
      ['pre_test', 0, null, '2031-03-17T14:00:00.000Z'],
      ['daily', 1, '2031-03-17T22:00:00.000Z', '2031-03-20T22:00:00.000Z'],
      ['daily', 2, '2031-03-18T22:00:00.000Z', '2031-03-21T22:00:00.000Z'],
      ['daily', 3, '2031-03-19T22:00:00.000Z', '2031-03-22T22:00:00.000Z'],
      ['final', 0, '2031-03-19T22:00:00.000Z', '2031-03-26T22:00:00.000Z'],
      ['post_test', 0, '2031-03-19T22:00:00.000Z', '2031-03-26T22:00:00.000Z'],
    ]);
  });

  it('is open from its opening instant up to, not including, its closing one', () => {
    const daily = windows[1];
    expect(windowState(daily, new Date('2031-03-17T21:59:59Z'))).toBe('not_yet_open');
    expect(windowState(daily, new Date('2031-03-17T22:00:00Z'))).toBe('open');
    expect(windowState(daily, new Date('2031-03-20T21:59:59Z'))).toBe('open');
    expect(windowState(daily, new Date('2031-03-20T22:00:00Z'))).toBe('closed');
  });
});
