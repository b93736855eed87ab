import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { projectRoot } from '../../config/project-root';
import { LANGUAGES } from './text';
import { cataloguesFolder, readCatalogue, translate } from './messages';

/** The parameters a message takes, with the kind each is used as (plain, number, plural, select…). */
function parametersOf(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.set(element.value, TYPE[element.type]);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) parametersOf(option.value, into);
  }
  return into;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every key the code names in `message('…')`, with where. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const src = join(projectRoot(), 'src');
  for (const file of sourceFiles(src)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bmessage\(\s*(['"`])([^'"`]*)\1/g))
      used.set(match[2], relative(projectRoot(), file));
  }
  return used;
}

describe('message catalogues', () => {
  const catalogues = new Map(LANGUAGES.map((language) => [language, readCatalogue(language)]));
  const [first, ...others] = LANGUAGES;

  it('has a folder for every language and nothing else', () => {
    const folders = readdirSync(cataloguesFolder(), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...LANGUAGES].sort());
  });

  it('has the same files in every language', () => {
    const files = (language: string) => readdirSync(join(cataloguesFolder(), language)).sort();
    for (const language of others) expect(files(language)).toEqual(files(first));
  });

  it.each(others)('has the same keys in %s as in the default language', (language) => {
    const missing = [...catalogues.get(first)!.keys()].filter((key) => !catalogues.get(language)!.has(key));
    const extra = [...catalogues.get(language)!.keys()].filter((key) => !catalogues.get(first)!.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('writes every message in valid ICU MessageFormat with the same parameters in every language', () => {
    const differing: string[] = [];
    for (const key of catalogues.get(first)!.keys()) {
      const signatures = LANGUAGES.map((language) => {
        const source = catalogues.get(language)!.get(key) ?? '';
        const parameters = parametersOf(parse(source, { ignoreTag: true }));
        return JSON.stringify([...parameters].sort());
      });
      if (new Set(signatures).size > 1)
        differing.push(`${key}: ${LANGUAGES.map((l, i) => `${l} ${signatures[i]}`).join(' / ')}`);
    }
    expect(differing).toEqual([]);
  });

  it('has every key the code uses', () => {
    const missing = [...usedKeys()].filter(([key]) => !catalogues.get(first)!.has(key)).map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has no key the code does not use', () => {
    const used = usedKeys();
    expect([...catalogues.get(first)!.keys()].filter((key) => !used.has(key))).toEqual([]);
  });

  it('translates a message with parameters in each language', () => {
    const unknown = { key: 'common.errors.unknownFields', params: { fields: 'role, status' } };
    expect(translate(unknown, 'es')).toBe('Campos no reconocidos: role, status.');
    expect(translate(unknown, 'en')).toBe('Unknown fields: role, status.');
  });
});
