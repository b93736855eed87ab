import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The folder holding package.json, templates/ and migrations/, whether running from src/ or dist/. */
export function projectRoot(): string {
  if (cached) return cached;
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'templates'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('Cannot find the project root (package.json and templates/)');
    folder = parent;
  }
  cached = folder;
  return folder;
}
