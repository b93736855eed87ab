/** Ages of 90 and over: few people reach them, so in a small network an age that high points at one. */

import { type Candidate, PRIORITY } from './candidates';

const OLD = '(?:9\\d|1[01]\\d)';
// "93 años", "92a", "94 y/o", "97-year-old", "91F"; a Spanish "a" only when no number follows ("90 a 100 lpm" is a range).
const AGE_UNIT_RE = new RegExp(
  `(?<![\\p{N}.,])${OLD}(?:[ \\t]*(?:años|año|AÑOS|yo|y/o|y\\.o\\.|years?[ -]old|years? of age|a(?![\\p{L}])(?![ \\t]*\\d)|a\\.(?![ \\t]*\\d))|-years?-old|[FfMm](?![\\p{L}\\p{N}]))(?![\\p{L}])`,
  'gu',
);
const AGE_LABEL_RE = new RegExp(
  `(?<![\\p{L}])(?:[Ee]dad|EDAD|[Aa]ge|AGE|[Aa]ged)[ \\t]*[:=]?[ \\t]*(${OLD})(?![\\p{N}.,]\\d|[\\p{N}])`,
  'gdu',
);
// A span of time, not an age: "desde hace 90 años", "for 95 years".
const DURATION_BEFORE_RE = /(?:^|[^\p{L}])(?:hace|desde hace|durante|por|for|over|ago|since)[ \t]*$/iu;

export function findAges(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(AGE_UNIT_RE)) {
    if (DURATION_BEFORE_RE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, priority: PRIORITY.age });
  }
  for (const m of text.matchAll(AGE_LABEL_RE)) {
    const [start, end] = m.indices![1]!;
    out.push({ kind: 'age', start, end, priority: PRIORITY.age });
  }
}
