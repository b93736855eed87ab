import fc from 'fast-check';
import { type AgendaProblem, agendaProblems, type TimeSpan } from './agenda-rules';

const at = (hour: number, minute = 0): number => hour * 60 + minute;
const span = (start: number, end: number): TimeSpan => ({ start, end });
/** 08:00–18:00. */
const DAY = span(at(8), at(18));

/**
 * The rules read the slow way, pair by pair: a block overlapping any block that comes before it in
 * time (ties: in listing order) names the first of those.
 */
function naiveProblems(day: TimeSpan, blocks: readonly TimeSpan[]): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  const hasLength = (block: TimeSpan): boolean => block.end > block.start;
  const comesBefore = (j: number, i: number): boolean =>
    blocks[j].start < blocks[i].start || (blocks[j].start === blocks[i].start && j < i);
  blocks.forEach((block, index) => {
    if (!hasLength(block)) {
      problems.push({ index, problem: 'ends_before_start' });
      return;
    }
    if (block.start < day.start || block.end > day.end) problems.push({ index, problem: 'outside_day' });
    let first: number | undefined;
    blocks.forEach((other, otherIndex) => {
      const overlaps = hasLength(other) && other.start < block.end && block.start < other.end;
      if (overlaps && comesBefore(otherIndex, index) && (first === undefined || comesBefore(otherIndex, first)))
        first = otherIndex;
    });
    if (first !== undefined) problems.push({ index, problem: 'overlaps', otherIndex: first });
  });
  return problems;
}

/** What "a valid agenda" means, pair by pair. */
function isValidAgenda(day: TimeSpan, blocks: readonly TimeSpan[]): boolean {
  return blocks.every(
    (block, index) =>
      block.start < block.end &&
      block.start >= day.start &&
      block.end <= day.end &&
      blocks.every((other, otherIndex) => otherIndex === index || other.end <= block.start || block.end <= other.start),
  );
}

describe(agendaProblems.name, () => {
  it.each<[string, TimeSpan[], AgendaProblem[]]>([
    ['no blocks', [], []],
    ['one block filling the day', [span(at(8), at(18))], []],
    ['blocks with a break between', [span(at(9), at(10)), span(at(10, 30), at(12))], []],
    ['touching blocks', [span(at(8), at(9)), span(at(9), at(10)), span(at(10), at(11))], []],
    ['touching blocks listed out of order', [span(at(10), at(11)), span(at(8), at(9)), span(at(9), at(10))], []],
    ['ends at its start', [span(at(9), at(9))], [{ index: 0, problem: 'ends_before_start' }]],
    ['ends before its start', [span(at(10), at(9))], [{ index: 0, problem: 'ends_before_start' }]],
    [
      'a backwards block is not also outside the day nor overlapping',
      [span(at(9), at(12)), span(at(20), at(10))],
      [{ index: 1, problem: 'ends_before_start' }],
    ],
    ['starts before the day', [span(at(7, 30), at(9))], [{ index: 0, problem: 'outside_day' }]],
    ['ends after the day', [span(at(17), at(18, 1))], [{ index: 0, problem: 'outside_day' }]],
    ['wider than the day', [span(at(7), at(19))], [{ index: 0, problem: 'outside_day' }]],
    ['entirely after the day', [span(at(19), at(20))], [{ index: 0, problem: 'outside_day' }]],
    [
      'overlapping by one minute',
      [span(at(9), at(10, 1)), span(at(10), at(11))],
      [{ index: 1, problem: 'overlaps', otherIndex: 0 }],
    ],
    [
      'one inside another',
      [span(at(9), at(12)), span(at(10), at(11))],
      [{ index: 1, problem: 'overlaps', otherIndex: 0 }],
    ],
    [
      'the same block twice',
      [span(at(9), at(10)), span(at(9), at(10))],
      [{ index: 1, problem: 'overlaps', otherIndex: 0 }],
    ],
    [
      'same start, the longer listed second',
      [span(at(9), at(10)), span(at(9), at(11))],
      [{ index: 1, problem: 'overlaps', otherIndex: 0 }],
    ],
    [
      'three at once: both later ones name the first',
      [span(at(9), at(12)), span(at(10), at(11)), span(at(11), at(12))],
      [
        { index: 1, problem: 'overlaps', otherIndex: 0 },
        { index: 2, problem: 'overlaps', otherIndex: 0 },
      ],
    ],
    [
      'a chain: each overlaps only its neighbour',
      [span(at(9), at(10, 30)), span(at(10), at(11, 30)), span(at(11), at(12))],
      [
        { index: 1, problem: 'overlaps', otherIndex: 0 },
        { index: 2, problem: 'overlaps', otherIndex: 1 },
      ],
    ],
    [
      'a long block ending late: a block after a short one still names it',
      [span(at(8), at(13)), span(at(9), at(10)), span(at(12), at(14))],
      [
        { index: 1, problem: 'overlaps', otherIndex: 0 },
        { index: 2, problem: 'overlaps', otherIndex: 0 },
      ],
    ],
    [
      'listed out of order: the block later in time is reported, naming the earlier one',
      [span(at(10), at(12)), span(at(9), at(11))],
      [{ index: 0, problem: 'overlaps', otherIndex: 1 }],
    ],
    [
      'listed out of order: the first in time among several',
      [span(at(11), at(12)), span(at(10, 30), at(11, 30)), span(at(9), at(11, 15))],
      [
        { index: 0, problem: 'overlaps', otherIndex: 2 },
        { index: 1, problem: 'overlaps', otherIndex: 2 },
      ],
    ],
    [
      'outside the day and overlapping: both, in that order',
      [span(at(17), at(18)), span(at(17, 30), at(19))],
      [
        { index: 1, problem: 'outside_day' },
        { index: 1, problem: 'overlaps', otherIndex: 0 },
      ],
    ],
  ])('%s', (_, blocks, expected) => {
    expect(agendaProblems(DAY, blocks)).toEqual(expected);
    expect(naiveProblems(DAY, blocks)).toEqual(expected);
  });

  it('names the first block for every one of many identical blocks', () => {
    const blocks = Array.from({ length: 50_000 }, () => span(at(9), at(10)));
    const problems = agendaProblems(DAY, blocks);
    expect(problems).toHaveLength(blocks.length - 1);
    expect(
      problems.every(
        (problem, position) =>
          problem.problem === 'overlaps' && problem.index === position + 1 && problem.otherIndex === 0,
      ),
    ).toBe(true);
  });

  const days = fc
    .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
    .map(([a, b]) => span(Math.min(a, b), Math.max(a, b)));
  const anyBlocks = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: -120, max: 240 }))
      .map(([start, length]) => span(start, start + length)),
    { maxLength: 12 },
  );

  it('agrees with the pair-by-pair reading', () => {
    fc.assert(
      fc.property(days, anyBlocks, (day, blocks) => {
        expect(agendaProblems(day, blocks)).toEqual(naiveProblems(day, blocks));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds no problems exactly when the blocks are well ordered, within the day and apart', () => {
    // Cutting the day at sorted points and shuffling the pieces gives valid agendas often enough to matter.
    const cutAgendas = fc
      .tuple(days, fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 16 }))
      .chain(([day, cuts]) => {
        const points = [
          ...new Set([day.start, ...cuts.filter((cut) => cut >= day.start && cut <= day.end), day.end]),
        ].sort((a, b) => a - b);
        const pieces = points.slice(1).map((end, position) => span(points[position], end));
        return fc.tuple(fc.constant(day), fc.shuffledSubarray(pieces));
      });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(days, anyBlocks), cutAgendas), ([day, blocks]) => {
        expect(agendaProblems(day, blocks).length === 0).toBe(isValidAgenda(day, blocks));
      }),
      { numRuns: 2000 },
    );
  });
});
