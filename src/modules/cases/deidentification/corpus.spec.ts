import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_KINDS, scanText, type Finding, type FindingKind } from './scanner';

/**
 * The scanner against a labelled synthetic corpus (test/fixtures/deidentification/corpus.json),
 * plus unit tests for the validators and the properties integrators rely on (sorted,
 * non-overlapping, exact offsets, linear time on adversarial input).
 *
 * Matching is by overlap: a label is recalled when a finding of the same kind overlaps it, and a
 * finding is a true positive when it overlaps a label of the same kind. Span boundaries differ
 * legitimately (e.g. a merged "street, colonia, C.P." address) and redaction only needs overlap.
 */

interface CorpusEntry {
  id: string;
  lang: 'es' | 'en';
  text: string;
  labels: Finding[];
}

const CORPUS: CorpusEntry[] = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/deidentification/corpus.json'), 'utf8'),
);

// Structured identifiers are validated or labelled, so near-perfect recall is expected; names are
// heuristic (they need a trigger word) and get a lower bar.
const MIN_RECALL: Partial<Record<FindingKind, number>> = {
  curp: 0.95,
  rfc: 0.95,
  nss: 0.95,
  phone: 0.95,
  email: 0.95,
  birth_date: 0.95,
  record_number: 0.95,
  name: 0.8,
};

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

describe('deidentification corpus', () => {
  it('is well-formed: enough snippets per language and labels per kind, offsets inside the text', () => {
    expect(CORPUS.filter((e) => e.lang === 'es').length).toBeGreaterThanOrEqual(120);
    expect(CORPUS.filter((e) => e.lang === 'en').length).toBeGreaterThanOrEqual(80);
    expect(new Set(CORPUS.map((e) => e.id)).size).toBe(CORPUS.length);
    const perKind = new Map<FindingKind, number>();
    for (const entry of CORPUS) {
      for (const label of entry.labels) {
        expect(FINDING_KINDS).toContain(label.kind);
        expect(label.start).toBeGreaterThanOrEqual(0);
        expect(label.end).toBeLessThanOrEqual(entry.text.length);
        expect(label.end).toBeGreaterThan(label.start);
        perKind.set(label.kind, (perKind.get(label.kind) ?? 0) + 1);
      }
    }
    for (const kind of ['curp', 'rfc', 'nss', 'phone', 'email', 'birth_date', 'record_number'] as const)
      expect(perKind.get(kind) ?? 0).toBeGreaterThanOrEqual(15);
    expect(perKind.get('name') ?? 0).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it('reaches the minimum recall per kind (prints recall and precision)', () => {
    const stats = new Map(
      FINDING_KINDS.map((kind) => [kind, { labels: 0, recalled: 0, findings: 0, truePositives: 0 }]),
    );
    const misses: string[] = [];
    for (const entry of CORPUS) {
      const findings = scanText(entry.text);
      for (const label of entry.labels) {
        const s = stats.get(label.kind)!;
        s.labels++;
        if (findings.some((f) => f.kind === label.kind && overlaps(f, label))) s.recalled++;
        else
          misses.push(
            `  missed ${label.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(label.start, label.end))}`,
          );
      }
      for (const finding of findings) {
        const s = stats.get(finding.kind)!;
        s.findings++;
        if (entry.labels.some((l) => l.kind === finding.kind && overlaps(finding, l))) s.truePositives++;
        else
          misses.push(
            `  false ${finding.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(finding.start, finding.end))}`,
          );
      }
    }

    const fmt = (n: number, d: number) => (d === 0 ? '   n/a' : (n / d).toFixed(3).padStart(6));
    const rows = [
      `\nde-identification scanner on ${CORPUS.length} snippets`,
      'kind            labels  recall  findings  precision',
    ];
    for (const [kind, s] of stats)
      rows.push(
        `${kind.padEnd(15)} ${String(s.labels).padStart(6)}  ${fmt(s.recalled, s.labels)}  ${String(s.findings).padStart(8)}  ${fmt(s.truePositives, s.findings).padStart(9)}`,
      );
    process.stdout.write(`${rows.join('\n')}\n${misses.join('\n')}\n`);

    const failures = Object.entries(MIN_RECALL)
      .map(([kind, min]) => ({ kind, min, s: stats.get(kind as FindingKind)! }))
      .filter(({ min, s }) => s.labels > 0 && s.recalled / s.labels < min!)
      .map(({ kind, min, s }) => `${kind}: recall ${(s.recalled / s.labels).toFixed(3)} < ${min}`);
    expect(failures).toEqual([]);
  });
});
