import { describe, expect, it } from 'vitest';
import { mergeOnto, moveBlock, signatureOf, type DraftBlock } from './agenda-blocks';

let key = 0;
const block = (start: string, end: string, title: string, origin: 'saved' | 'new' = 'saved'): DraftBlock => {
  const content = { kind: 'lecture' as const, start, end, title, responsibleId: '' };
  return { key: ++key, ...content, origin: origin === 'saved' ? signatureOf(content) : null };
};
const titles = (blocks: DraftBlock[]) => blocks.map((b) => `${b.start}-${b.end} ${b.title}`);

describe('moveBlock', () => {
  it('swaps a block with the one before, keeping each length and the gap between them', () => {
    const day = [block('08:00', '10:00', 'A'), block('10:30', '11:00', 'B'), block('12:00', '13:00', 'C')];
    expect(titles(moveBlock(day, 1, -1))).toEqual(['08:00-08:30 B', '09:00-11:00 A', '12:00-13:00 C']);
    expect(titles(moveBlock(day, 1, 1))).toEqual(['08:00-10:00 A', '10:30-11:30 C', '12:30-13:00 B']);
    expect(moveBlock(day, 0, -1)).toBe(day);
  });
});

describe('mergeOnto', () => {
  it('adds my new blocks to theirs and keeps what they changed', () => {
    const base = [block('08:00', '09:00', 'Welcome')];
    const theirs = [block('08:00', '09:00', 'Welcome'), block('09:00', '10:00', 'Case 1')];
    const mine = [base[0], block('11:00', '12:00', 'Workshop', 'new')];
    expect(titles(mergeOnto(theirs, mine, base))).toEqual([
      '08:00-09:00 Welcome',
      '09:00-10:00 Case 1',
      '11:00-12:00 Workshop',
    ]);
  });

  it('removes from theirs what I removed, and my edit replaces the block I edited', () => {
    const base = [block('08:00', '09:00', 'Welcome'), block('09:00', '10:00', 'Case 1')];
    const theirs = [
      block('08:00', '09:00', 'Welcome'),
      block('09:00', '10:00', 'Case 1'),
      block('14:00', '15:00', 'Close'),
    ];
    const edited = { ...base[1], title: 'Case 1: pre-eclampsia' };
    expect(titles(mergeOnto(theirs, [edited], base))).toEqual([
      '09:00-10:00 Case 1: pre-eclampsia',
      '14:00-15:00 Close',
    ]);
  });

  it('brings back a block I edited that they removed', () => {
    const base = [block('08:00', '09:00', 'Welcome')];
    const edited = { ...base[0], end: '09:30' };
    expect(titles(mergeOnto([], [edited], base))).toEqual(['08:00-09:30 Welcome']);
  });
});
