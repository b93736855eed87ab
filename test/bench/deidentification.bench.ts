/**
 * Time the de-identification scanner takes on a long case: 20,000 characters of clinical text
 * (snippets of the untuned corpus run together, identifiers and traps included), and 20,000
 * characters of text made to be slow (title-case words, digit groups, labels without values).
 * Prints the first scan in a fresh process (name lists loaded then) and the median and the worst
 * of 200 scans after it.
 *
 *   npm run bench:deidentification
 *
 * Target (issue): under 50 ms for a 20,000-character case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanText } from '../../src/modules/cases/deidentification/scanner';

const LENGTH = 20_000;
const RUNS = 200;
const TARGET_MS = 50;

function clinicalCase(): string {
  const corpus = JSON.parse(
    readFileSync(join(process.cwd(), 'test/fixtures/deidentification/holdout.json'), 'utf8'),
  ) as { text: string }[];
  let text = '';
  for (let i = 0; text.length < LENGTH; i++) text += `${corpus[i % corpus.length].text}\n\n`;
  return text.slice(0, LENGTH);
}

function adversarialCase(): string {
  const pieces = [
    'María José Pérez De La Luz Hernández ',
    '12 34 56 78 90 12 34 56 ',
    'expediente expediente folio: cama ',
    'Col. Calle Av. Mpio. de ',
    '1-2-3-4-5-6-7-8-9 ',
    'aaaa@bbbb ',
    'www.',
  ];
  let text = '';
  for (let i = 0; text.length < LENGTH; i++) text += pieces[i % pieces.length];
  return text.slice(0, LENGTH);
}

function main(): void {
  const cases: [string, string][] = [
    ['clinical', clinicalCase()],
    ['adversarial', adversarialCase()],
  ];
  let met = true;
  for (const [name, text] of cases) {
    const firstStart = performance.now();
    const findings = scanText(text).length;
    const first = performance.now() - firstStart;
    // The process's start counts loading the scanner, which reads the name lists.
    const sinceStart = performance.now();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      scanText(text);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)];
    const worst = times[RUNS - 1];
    met &&= median < TARGET_MS;
    process.stdout.write(
      `deidentification ${name} ${text.length} chars: ${findings} findings · first scan ${first.toFixed(1)} ms${name === 'clinical' ? ` (done ${sinceStart.toFixed(0)} ms after the process started)` : ''} · ` +
        `median ${median.toFixed(1)} ms · worst ${worst.toFixed(1)} ms of ${RUNS} (target median < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'MISSED'})\n`,
    );
  }
  process.exitCode = met ? 0 : 1;
}

main();
