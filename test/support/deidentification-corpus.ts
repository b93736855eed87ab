import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_KINDS, type Finding, type FindingKind } from '../../src/modules/cases/deidentification/scanner';

/**
 * Labelled snippets of clinical text for measuring the de-identification scanner. A label names its
 * identifier by offsets, or by its exact text (and which occurrence, when the text repeats), the way
 * a person writing the corpus marks it.
 */
export interface CorpusEntry {
  id: string;
  lang: 'es' | 'en';
  text: string;
  labels: Finding[];
}

interface StoredLabel {
  kind: FindingKind;
  start?: number;
  end?: number;
  text?: string;
  occurrence?: number;
}

export function loadCorpus(name: string): CorpusEntry[] {
  const stored = JSON.parse(
    readFileSync(join(__dirname, '../fixtures/deidentification', `${name}.json`), 'utf8'),
  ) as (Omit<CorpusEntry, 'labels'> & { labels: StoredLabel[] })[];
  return stored.map((entry) => ({ ...entry, labels: entry.labels.map((label) => locate(entry, label)) }));
}

function locate(entry: { id: string; text: string }, label: StoredLabel): Finding {
  if (label.start !== undefined && label.end !== undefined)
    return { kind: label.kind, start: label.start, end: label.end };
  let at = -1;
  for (let n = 0; n < (label.occurrence ?? 1); n++) {
    at = entry.text.indexOf(label.text!, at + 1);
    if (at < 0) throw new Error(`${entry.id}: label ${JSON.stringify(label.text)} is not in the text`);
  }
  return { kind: label.kind, start: at, end: at + label.text!.length };
}

export interface KindScore {
  labels: number;
  recalled: number;
  findings: number;
  truePositives: number;
}

export interface CorpusScore {
  snippets: number;
  kinds: Map<FindingKind, KindScore>;
  clean: number;
  cleanRefused: number;
  /** Labels not found and findings that are no label, one line each, to read when tuning. */
  errors: string[];
}

/** The structured kinds: found by their shape and labels rather than by knowledge of names. */
export const STRUCTURED_KINDS: FindingKind[] = FINDING_KINDS.filter((kind) => kind !== 'name' && kind !== 'age');

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Scores a scanner by overlap: a label is recalled when a finding of its kind overlaps it, and a
 * finding is right when it overlaps a label of its kind (redaction needs overlap, and where a span
 * starts or ends differs legitimately, as in "cama 5" or "5").
 */
export function scoreCorpus(corpus: CorpusEntry[], scan: (text: string) => Finding[]): CorpusScore {
  const kinds = new Map(FINDING_KINDS.map((kind) => [kind, { labels: 0, recalled: 0, findings: 0, truePositives: 0 }]));
  const errors: string[] = [];
  let clean = 0;
  let cleanRefused = 0;
  for (const entry of corpus) {
    const findings = scan(entry.text);
    if (entry.labels.length === 0) {
      clean++;
      if (findings.length > 0) cleanRefused++;
    }
    for (const label of entry.labels) {
      const score = kinds.get(label.kind)!;
      score.labels++;
      if (findings.some((f) => f.kind === label.kind && overlaps(f, label))) score.recalled++;
      else
        errors.push(`missed ${label.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(label.start, label.end))}`);
    }
    for (const finding of findings) {
      const score = kinds.get(finding.kind)!;
      score.findings++;
      if (entry.labels.some((l) => l.kind === finding.kind && overlaps(finding, l))) score.truePositives++;
      else
        errors.push(
          `wrong ${finding.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(finding.start, finding.end))}`,
        );
    }
  }
  return { snippets: corpus.length, kinds, clean, cleanRefused, errors };
}

/** Recall of a set of kinds taken together. */
export function recallOf(score: CorpusScore, kinds: FindingKind[]): number {
  const labels = kinds.reduce((sum, kind) => sum + score.kinds.get(kind)!.labels, 0);
  const recalled = kinds.reduce((sum, kind) => sum + score.kinds.get(kind)!.recalled, 0);
  return labels === 0 ? 1 : recalled / labels;
}

export function formatScore(title: string, score: CorpusScore): string {
  const ratio = (n: number, d: number) => (d === 0 ? 'n/a' : (n / d).toFixed(3));
  const rows = [
    `${title}: ${score.snippets} snippets`,
    'kind            labels  recall  findings  precision',
    ...[...score.kinds].map(
      ([kind, s]) =>
        `${kind.padEnd(15)} ${String(s.labels).padStart(6)}  ${ratio(s.recalled, s.labels).padStart(6)}  ${String(s.findings).padStart(8)}  ${ratio(s.truePositives, s.findings).padStart(9)}`,
    ),
    `structured kinds together: recall ${ratio(
      STRUCTURED_KINDS.reduce((n, k) => n + score.kinds.get(k)!.recalled, 0),
      STRUCTURED_KINDS.reduce((n, k) => n + score.kinds.get(k)!.labels, 0),
    )}`,
    `clean snippets refused: ${score.cleanRefused} of ${score.clean} (${ratio(score.cleanRefused, score.clean)})`,
  ];
  return rows.join('\n');
}
