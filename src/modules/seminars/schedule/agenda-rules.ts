/** A stretch of one day, in minutes since midnight; `end` is exclusive, so 09:00–10:00 and 10:00–11:00 only touch. */
export interface TimeSpan {
  start: number;
  end: number;
}

export type AgendaProblem =
  | { index: number; problem: 'ends_before_start' }
  | { index: number; problem: 'outside_day' }
  | { index: number; problem: 'overlaps'; otherIndex: number };

/**
 * Problems of blocks (in the order given) against the day's span; touching blocks (end == next start) do not overlap.
 *
 * A block ending at or before its start reports only 'ends_before_start' and takes no part in overlaps.
 * Every other block is 'outside_day' if it starts before or ends after the day. Of two overlapping
 * blocks the one that comes later in time (blocks starting together: the later listed) reports
 * 'overlaps', once, naming the block that comes first in time among those it overlaps; for blocks
 * given in time order that is the earliest listed. Problems come in block order, and for each block
 * 'outside_day' before 'overlaps'. O(n log n) in the number of blocks.
 */
export function agendaProblems(day: TimeSpan, blocks: readonly TimeSpan[]): AgendaProblem[] {
  const problemsOfBlock: AgendaProblem[][] = blocks.map(() => []);
  const spanning: number[] = [];
  blocks.forEach((block, index) => {
    if (block.end <= block.start) {
      problemsOfBlock[index].push({ index, problem: 'ends_before_start' });
      return;
    }
    if (block.start < day.start || block.end > day.end) problemsOfBlock[index].push({ index, problem: 'outside_day' });
    spanning.push(index);
  });

  spanning.sort((a, b) => blocks[a].start - blocks[b].start || a - b);
  // latestEnd[p]: the latest end among the first p + 1 blocks in time order. It never decreases, so the
  // first position whose value passes a block's start is the first block in time still running then.
  const latestEnd: number[] = [];
  spanning.forEach((index, position) => {
    const { start, end } = blocks[index];
    const first = firstPositionPast(latestEnd, start);
    if (first < position) problemsOfBlock[index].push({ index, problem: 'overlaps', otherIndex: spanning[first] });
    latestEnd.push(position === 0 ? end : Math.max(end, latestEnd[position - 1]));
  });

  return problemsOfBlock.flat();
}

/** The first position in the non-decreasing `values` holding more than `limit`, or `values.length`. */
function firstPositionPast(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] > limit) high = middle;
    else low = middle + 1;
  }
  return low;
}
