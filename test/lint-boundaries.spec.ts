import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Sample {
  file: string;
  code: string;
}

/** Lints each sample as if it were that file of the repository; returns the messages of each. */
function lint(samples: Sample[], rule = 'no-restricted-imports'): string[][] {
  // ESLint runs as the command line runs it: in a process of its own, as an ES module.
  const script = `
    import { ESLint } from 'eslint';
    const samples = JSON.parse(process.argv[1]);
    const rule = process.argv[2];
    const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
    const out = [];
    for (const { file, code } of samples) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === rule).map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(samples), rule], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

describe('The lint holds the architecture', () => {
  it('refuses imports against the module order and framework code in plain folders, saying what to do instead', () => {
    const [backwards, engineNest, engineEntity, sharedToModule, forwards, pureToPure] = lint([
      {
        file: 'src/modules/identity/sample.ts',
        code: "import { Seminar } from '../seminars/seminar.entity';\nexport const x = Seminar;\n",
      },
      {
        file: 'src/modules/matching/engine/sample.ts',
        code: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
      },
      {
        file: 'src/modules/matching/engine/sample.ts',
        code: "import { MatchingRun } from '../matching-run.entity';\nexport const x = MatchingRun;\n",
      },
      {
        file: 'src/common/sample.ts',
        code: "import { Person } from '../modules/identity/person.entity';\nexport const x = Person;\n",
      },
      {
        file: 'src/modules/certificates/sample.ts',
        code: "import { Seminar } from '../seminars/seminar.entity';\nexport const x = Seminar;\n",
      },
      {
        file: 'src/modules/matching/engine/sample.ts',
        code: "import { solveMatching } from './engine';\nexport const x = solveMatching;\n",
      },
    ]);
    expect(backwards).toEqual([expect.stringContaining("'identity' comes before")]);
    expect(backwards[0]).toContain('Move what both need into the earlier module');
    expect(engineNest).toEqual([expect.stringContaining('runs without the framework or the database')]);
    expect(engineEntity).toEqual([expect.stringContaining('may not import entities')]);
    expect(sharedToModule).toEqual([expect.stringContaining('Shared code')]);
    expect(forwards).toEqual([]);
    expect(pureToPure).toEqual([]);
  });

  it('refuses a "now" that does not come from the Clock, outside the Clock itself', () => {
    const [service, elapsed, clock, parsed] = lint(
      [
        {
          file: 'src/modules/enrolment/sample.ts',
          code: 'export const stamp = () => new Date();\n',
        },
        {
          file: 'src/modules/identity/sample.ts',
          code: 'export const late = (at: Date) => Date.now() > at.getTime();\n',
        },
        {
          file: 'src/common/time/sample.ts',
          code: 'export const now = () => new Date();\n',
        },
        {
          file: 'src/modules/seminars/sample.ts',
          code: "export const day = new Date('2031-03-03T00:00:00Z');\n",
        },
      ],
      'no-restricted-syntax',
    );
    expect(service).toEqual([expect.stringContaining('Ask the Clock')]);
    expect(elapsed).toEqual([expect.stringContaining('clock.now()')]);
    expect(clock).toEqual([]);
    expect(parsed).toEqual([]);
  });

  it('refuses a repository method that takes the EntityManager before what it looks for', () => {
    const method = (signature: string) =>
      `import { EntityManager } from 'typeorm';\nexport class SampleRepository {\n  ${signature} {\n    return manager.query('select 1');\n  }\n}\n`;
    const [first, last, only, service] = lint(
      [
        {
          file: 'src/modules/seminars/sample.repository.ts',
          code: method('lock(manager: EntityManager, id: string): Promise<unknown>'),
        },
        {
          file: 'src/modules/seminars/sample.repository.ts',
          code: method('lock(id: string, manager: EntityManager): Promise<unknown>'),
        },
        {
          file: 'src/modules/seminars/sample.repository.ts',
          code: method('count(manager: EntityManager): Promise<unknown>'),
        },
        {
          file: 'src/modules/seminars/sample.service.ts',
          code: method('lock(manager: EntityManager, id: string): Promise<unknown>'),
        },
      ],
      'no-restricted-syntax',
    );
    expect(first).toEqual([expect.stringContaining('takes the EntityManager last')]);
    expect(last).toEqual([]);
    expect(only).toEqual([]);
    expect(service).toEqual([]);
  });
});
