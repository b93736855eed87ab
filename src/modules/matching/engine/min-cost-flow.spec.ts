import fc from 'fast-check';
import { FlowGraph, solveMinCostFlow, verifyPotentials } from './min-cost-flow';

/** Reference: successive shortest paths, one unit at a time, with Bellman-Ford on the residual graph. */
function referenceCost(graph: FlowGraph, source: number, sink: number): number {
  const n = graph.nodeCount;
  const arcs: { from: number; to: number; cap: number; cost: number; rev: number }[] = [];
  for (let i = 0; i < graph.arcCount; i++) {
    arcs.push({
      from: graph.from[i],
      to: graph.to[i],
      cap: graph.capacity[i],
      cost: graph.cost[i],
      rev: arcs.length + 1,
    });
    arcs.push({ from: graph.to[i], to: graph.from[i], cap: 0, cost: -graph.cost[i], rev: arcs.length - 1 });
  }
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[source] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      arcs.forEach((a, i) => {
        if (a.cap > 0 && dist[a.from] + a.cost < dist[a.to]) {
          dist[a.to] = dist[a.from] + a.cost;
          via[a.to] = i;
          changed = true;
        }
      });
      if (!changed) break;
    }
    if (!(dist[sink] < 0)) return total;
    for (let v = sink; v !== source; v = arcs[via[v]].from) {
      arcs[via[v]].cap--;
      arcs[arcs[via[v]].rev].cap++;
    }
    total += dist[sink];
  }
}

/** Layered graphs shaped like the matching's: source → people → groups → seminars → sink. */
const layeredGraph = fc
  .record({
    people: fc.integer({ min: 1, max: 7 }),
    groups: fc.integer({ min: 1, max: 4 }),
    seminars: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ people, groups, seminars, seed }) => {
    let k = 0;
    const next = () => seed[k++ % seed.length];
    const graph = new FlowGraph();
    const source = graph.addNode();
    const sink = graph.addNode();
    const p = graph.addNodes(people);
    const g = graph.addNodes(groups);
    const s = graph.addNodes(seminars);
    for (let i = 0; i < people; i++) graph.addArc(source, p + i, 1, 0);
    for (let i = 0; i < people; i++)
      for (let j = 0; j < groups; j++) if (next() % 2) graph.addArc(p + i, g + j, 1, -(next() % 40));
    for (let j = 0; j < groups; j++)
      for (let t = 0; t < seminars; t++) if (next() % 3) graph.addArc(g + j, s + t, 1 + (next() % 3), (next() % 7) - 3);
    for (let t = 0; t < seminars; t++) graph.addArc(s + t, sink, next() % 4, 0);
    return { graph, source, sink };
  });

describe('solveMinCostFlow', () => {
  it('finds the same minimum cost as a one-unit-at-a-time reference, proven by its potentials', () => {
    fc.assert(
      fc.property(layeredGraph, ({ graph, source, sink }) => {
        const solution = solveMinCostFlow(graph, source, sink);
        expect(solution.cost).toBe(referenceCost(graph, source, sink));
        expect(verifyPotentials(graph, source, sink, solution.flow, solution.potentials)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('sends flow only while it pays', () => {
    const graph = new FlowGraph();
    const [source, sink, a, b] = [graph.addNode(), graph.addNode(), graph.addNode(), graph.addNode()];
    graph.addArc(source, a, 1, 0);
    graph.addArc(source, b, 1, 0);
    graph.addArc(a, sink, 1, -5);
    graph.addArc(b, sink, 1, 3); // costs more than it is worth: left empty
    const solution = solveMinCostFlow(graph, source, sink);
    expect(Array.from(solution.flow)).toEqual([1, 0, 1, 0]);
    expect(solution.cost).toBe(-5);
  });

  it('rejects potentials that do not prove a tampered flow optimal', () => {
    const graph = new FlowGraph();
    const [source, sink, a, s1, s2] = [
      graph.addNode(),
      graph.addNode(),
      graph.addNode(),
      graph.addNode(),
      graph.addNode(),
    ];
    graph.addArc(source, a, 1, 0);
    graph.addArc(a, s1, 1, -30);
    graph.addArc(a, s2, 1, -10);
    graph.addArc(s1, sink, 1, 0);
    graph.addArc(s2, sink, 1, 0);
    const solution = solveMinCostFlow(graph, source, sink);
    expect(Array.from(solution.flow)).toEqual([1, 1, 0, 1, 0]);
    const tampered = [1, 0, 1, 0, 1]; // the person moved to the seminar worth less
    expect(verifyPotentials(graph, source, sink, tampered, solution.potentials).length).toBeGreaterThan(0);
    const unbalanced = [1, 1, 0, 0, 0];
    expect(verifyPotentials(graph, source, sink, unbalanced, solution.potentials)).toContain(
      'node 3 is out of balance by 1',
    );
  });
});
