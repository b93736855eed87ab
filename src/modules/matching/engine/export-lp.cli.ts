/**
 * Writes both stages of a matching instance as CPLEX-LP programs for an outside MIP solver, and
 * prints the engine's objective per stage to compare with the solver's optimum.
 *
 *   npm run matching:export-lp -- <instance.json> [--out-dir DIR]
 *
 * Writes `<name>.facilitators.lp` and `<name>.attendees.lp` (the second given the facilitators the
 * engine chose) into DIR, the current directory by default.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkMatching } from './checker';
import { solveMatching } from './engine';
import type { MatchingInstance, StageOptimality } from './instance';
import { attendeeStageLp, facilitatorStageLp } from './lp-export';

function parseArguments(args: string[]): { file: string; outDir: string } {
  let file: string | undefined;
  let outDir = '.';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out-dir' && i + 1 < args.length) outDir = args[++i];
    else if (!args[i].startsWith('--') && file === undefined) file = args[i];
    else throw new Error(`unexpected argument ${args[i]}`);
  }
  if (!file) throw new Error('no instance file given');
  return { file, outDir };
}

const summary = (stage: StageOptimality) =>
  `objective ${stage.objective}, ${stage.status}${stage.status === 'optimal' ? '' : `, bound ${stage.bound} (gap ${stage.bound - stage.objective})`}`;

function main(): void {
  let options: { file: string; outDir: string };
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: npm run matching:export-lp -- <instance.json> [--out-dir DIR]\n`,
    );
    process.exitCode = 2;
    return;
  }
  const instance = JSON.parse(readFileSync(options.file, 'utf8')) as MatchingInstance;
  const result = solveMatching(instance);
  const name = basename(options.file).replace(/\.json$/i, '');
  mkdirSync(options.outDir, { recursive: true });
  const written = [facilitatorStageLp(instance, result), attendeeStageLp(instance, result)].map((lp) => {
    const path = join(options.outDir, `${name}.${lp.stage}.lp`);
    writeFileSync(path, lp.text);
    return `${path} (${lp.decisions.size} pairs)`;
  });
  const check = checkMatching(instance, result);
  say(`wrote ${written.join(', ')}`);
  say(`engine, facilitators: ${summary(result.optimality.facilitators)}`);
  say(`engine, attendees:    ${summary(result.optimality.attendees)}`);
  say(
    `checker: ${check.ok ? 'ok' : `${check.violations.length} problems`}, certificate ${check.certificateValid ? 'valid' : 'invalid'}`,
  );
  for (const v of check.violations.slice(0, 20)) say(`  ${v.rule}: ${v.detail}`);
}

main();

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
