import { solveMatching } from '../../src/modules/matching/engine/engine';
import { generateInstance } from '../support/matching-instances';
const [a, s, nodes] = process.argv.slice(2).map(Number);
const inst = generateInstance({ attendees: a, seminars: s, seed: 7 });
if (nodes >= 0) inst.settings = { priceIterations: nodes };
const t = performance.now();
const r = solveMatching(inst);
console.log(JSON.stringify({ ms: Math.round(performance.now() - t), stats: r.stats, opt: r.optimality, left: r.leftOut.length, rss: Math.round(process.memoryUsage().rss / 1e6) }));
