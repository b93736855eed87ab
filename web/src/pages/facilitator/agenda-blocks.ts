/** A block as it is edited on the page; `key` names its row, whatever its times become. */
export interface DraftBlock {
  key: number;
  kind: BlockKind;
  start: string;
  end: string;
  title: string;
  responsibleId: string;
  /** The saved block this row began as (its signature), or null for a block added here. */
  origin: string | null;
}

type BlockContent = Pick<DraftBlock, 'kind' | 'start' | 'end' | 'title' | 'responsibleId'>;

/** What a block says; the service gives blocks new ids on every save, so blocks are told apart by it. */
export function signatureOf(block: BlockContent): string {
  return JSON.stringify([block.kind, block.start, block.end, block.title.trim(), block.responsibleId]);
}

export const BLOCK_KINDS = ['case_discussion', 'workshop', 'lecture', 'break', 'plenary'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Minutes since midnight of "HH:MM" (NaN when the field is empty or half typed). */
export function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** "HH:MM" of minutes since midnight, kept inside the day. */
export function clockOf(minutes: number): string {
  const bounded = Math.max(0, Math.min(23 * 60 + 59, minutes));
  return `${String(Math.floor(bounded / 60)).padStart(2, '0')}:${String(bounded % 60).padStart(2, '0')}`;
}

/**
 * The blocks with the one at `index` swapped with its neighbour (`by` −1 earlier, +1 later): the
 * pair keeps its first start, each block its length, and the gap between them stays, so moving a
 * block never makes it overlap the others.
 */
export function moveBlock(blocks: DraftBlock[], index: number, by: -1 | 1): DraftBlock[] {
  const other = index + by;
  if (other < 0 || other >= blocks.length) return blocks;
  const [first, second] = by < 0 ? [blocks[other], blocks[index]] : [blocks[index], blocks[other]];
  const length = (block: DraftBlock) => minutesOf(block.end) - minutesOf(block.start);
  const gap = minutesOf(second.start) - minutesOf(first.end);
  const start = minutesOf(first.start);
  if ([length(first), length(second), gap, start].some(Number.isNaN)) {
    // Times half typed: only the order changes.
    const swapped = [...blocks];
    swapped[index] = blocks[other];
    swapped[other] = blocks[index];
    return swapped;
  }
  const movedUp = { ...second, start: clockOf(start), end: clockOf(start + length(second)) };
  const secondStart = start + length(second) + Math.max(0, gap);
  const movedDown = { ...first, start: clockOf(secondStart), end: clockOf(secondStart + length(first)) };
  const result = [...blocks];
  const low = Math.min(index, other);
  result[low] = movedUp;
  result[low + 1] = movedDown;
  return result;
}

/** A new block after the last one (or at the day's start), an hour long or up to the day's end. */
export function nextBlock(key: number, blocks: DraftBlock[], day: { startTime: string; endTime: string }): DraftBlock {
  const ends = blocks.map((block) => minutesOf(block.end)).filter((minutes) => !Number.isNaN(minutes));
  const start = ends.length > 0 ? Math.max(...ends) : minutesOf(day.startTime);
  const end = Math.min(start + 60, minutesOf(day.endTime));
  return {
    key,
    kind: 'case_discussion',
    start: clockOf(start),
    end: clockOf(end > start ? end : start + 60),
    title: '',
    responsibleId: '',
    origin: null,
  };
}

/** The blocks in the order the service keeps them (by start), so its field errors name the same rows. */
export function inStartOrder(blocks: DraftBlock[]): DraftBlock[] {
  return [...blocks].sort((a, b) => (minutesOf(a.start) || 0) - (minutesOf(b.start) || 0));
}

/** Whether two lists of blocks say the same agenda. */
export function sameBlocks(a: BlockContent[], b: BlockContent[]): boolean {
  return JSON.stringify(a.map(signatureOf)) === JSON.stringify(b.map(signatureOf));
}

/**
 * My changes to the version I started from, applied to a colleague's newer version: the blocks I
 * removed leave theirs, the ones I edited replace theirs (or come back, if they removed them), the
 * ones I added join; what they changed and I did not touch stays as they left it.
 */
export function mergeOnto(theirs: DraftBlock[], mine: DraftBlock[], base: BlockContent[]): DraftBlock[] {
  const kept = new Set(mine.map((row) => row.origin).filter((origin): origin is string => origin !== null));
  const removed = new Set(base.map(signatureOf).filter((signature) => !kept.has(signature)));
  const edited = new Map(
    mine.filter((row) => row.origin !== null && signatureOf(row) !== row.origin).map((row) => [row.origin!, row]),
  );
  const theirSignatures = new Set(theirs.map(signatureOf));
  const merged: DraftBlock[] = [];
  for (const block of theirs) {
    const signature = signatureOf(block);
    if (removed.has(signature)) continue;
    const mineInstead = edited.get(signature);
    merged.push(mineInstead ? { ...mineInstead, origin: signature } : block);
  }
  for (const row of mine) {
    if (row.origin === null) merged.push(row);
    else if (edited.has(row.origin) && !theirSignatures.has(row.origin)) merged.push({ ...row, origin: null });
  }
  return inStartOrder(merged);
}
