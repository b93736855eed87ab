import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, type Catalogue } from './catalogue';

const files = import.meta.glob<Catalogue>('./*/*.json', { eager: true, import: 'default' });
const en = catalogue(files, 'en');
const esMX = catalogue(files, 'es-MX');

/** Every key of a catalogue, dotted, with i18next's plural suffixes folded into their base key. */
function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('catalogues', () => {
  it('have the same files and keys in Spanish and in English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(esMX).sort());
    expect(Object.keys(esMX).length).toBeGreaterThan(5);
    expect(keys(en).sort()).toEqual(keys(esMX).sort());
  });

  it('have no empty sentence', () => {
    for (const catalogue of [en, esMX] as Catalogue[]) {
      const empty = keys(catalogue).filter((key) => {
        const value = key.split('.').reduce<Catalogue | string>((node, part) => (node as Catalogue)[part], catalogue);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('hold every key the pages ask for', () => {
    const known = new Set([...keys(esMX), ...keys(esMX).map(base)]);
    const asked = new Set<string>();
    const dynamic: string[] = [];
    for (const file of sources(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) asked.add(match[1]);
      // A key built from a value (`verify.status.${status}`): its prefix must exist.
      for (const match of text.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)) dynamic.push(match[1]);
    }
    expect([...asked].filter((key) => !known.has(key))).toEqual([]);
    expect(dynamic.filter((prefix) => ![...known].some((key) => key.startsWith(prefix)))).toEqual([]);
    expect(asked.size).toBeGreaterThan(10);
  });
});
