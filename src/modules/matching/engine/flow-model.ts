import { FlowGraph, solveMinCostFlow, type FlowSolution } from './min-cost-flow';

/**
 * A stage of the matching as a flow network plus side constraints.
 *
 * Fixed arcs never change; decision arcs ("variables") may carry a penalty or a bound. Side
 * constraints limit sums of variable flows (a unit's staff away on one day, a specialist's
 * overlapping seminars) where pure flow cannot express them.
 *
 * A stage is solved by Lagrangian relaxation: each side constraint gets an integer price per unit
 * of flow, added to its arcs' costs, and the priced network is solved exactly as a min-cost flow.
 * Every priced solution yields an upper bound on the stage's best objective, proven by its node
 * potentials (see {@link dualBound}). Prices (in units of 1/PRICE_SCALE) rise where constraints are exceeded (subgradient
 * steps). Feasible answers come from dives: arcs of exceeded constraints are tightened and the
 * network re-solved until every constraint holds. When the best feasible objective reaches the
 * best bound the answer is proven optimal; otherwise the gap between them is reported.
 */
/**
 * Costs are multiplied by this in the flow networks, so that integer prices can express quarter
 * units of the objective: the best prices of a relaxation are often halves.
 */
export const PRICE_SCALE = 4;

export class Variables {
  count = 0;
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  capacity = new Int32Array(1024);
  cost = new Float64Array(1024);
  /** Lower bound the instance itself demands (a pin). */
  lo = new Int32Array(1024);

  add(from: number, to: number, capacity: number, cost: number, lo = 0): number {
    if (this.count === this.from.length) {
      for (const field of ['from', 'to', 'capacity', 'lo'] as const) {
        const next = new Int32Array(this.count * 2);
        next.set(this[field]);
        this[field] = next;
      }
      const cost = new Float64Array(this.count * 2);
      cost.set(this.cost);
      this.cost = cost;
    }
    const i = this.count++;
    this.from[i] = from;
    this.to[i] = to;
    this.capacity[i] = capacity;
    this.cost[i] = cost;
    this.lo[i] = lo;
    return i;
  }
}

export class SideConstraints {
  readonly members: number[][] = [];
  readonly limit: number[] = [];
  readonly label: string[] = [];

  add(variables: number[], limit: number, label: string): void {
    this.members.push(variables);
    this.limit.push(limit);
    this.label.push(label);
  }

  get count(): number {
    return this.limit.length;
  }
}

export interface StageNetwork {
  fixed: FlowGraph;
  source: number;
  sink: number;
  variables: Variables;
  side: SideConstraints;
}

export interface Bound {
  lo: number;
  hi: number;
}

export interface BuiltGraph {
  graph: FlowGraph;
  /** The arc carrying each variable's unforced flow (−1 if none). */
  freeArc: Int32Array;
  /** The arc carrying each variable's forced flow (−1 when not forced). */
  forcedArc: Int32Array;
  bigM: number;
}

/** The bonus that forces flow: more than the cost of every arc at full capacity, prices included. */
export function forcingBonus(net: StageNetwork, prices?: ArrayLike<number>): number {
  let total = 1;
  const { fixed, variables } = net;
  for (let i = 0; i < fixed.arcCount; i++) total += PRICE_SCALE * Math.abs(fixed.cost[i]) * Math.min(fixed.capacity[i], 1_000_000);
  for (let v = 0; v < variables.count; v++) total += PRICE_SCALE * Math.abs(variables.cost[v]) * variables.capacity[v];
  if (prices) {
    for (let j = 0; j < net.side.count; j++) {
      for (const v of net.side.members[j]) total += prices[j] * variables.capacity[v];
    }
  }
  return total;
}

export function effectiveBound(net: StageNetwork, v: number, bound: Bound | undefined): Bound {
  const hi = Math.min(net.variables.capacity[v], bound?.hi ?? Infinity);
  const lo = Math.min(Math.max(net.variables.lo[v], bound?.lo ?? 0), hi);
  return { lo, hi };
}

/** Each variable's price: the sum of the prices of the side constraints it belongs to. */
export function variablePrices(net: StageNetwork, prices: ArrayLike<number> | undefined): Float64Array {
  const out = new Float64Array(net.variables.count);
  if (!prices) return out;
  for (let j = 0; j < net.side.count; j++) {
    if (!prices[j]) continue;
    for (const v of net.side.members[j]) out[v] += prices[j];
  }
  return out;
}

/** The flow graph of a node: fixed arcs, then each variable split into forced and free parts. */
export function buildGraph(net: StageNetwork, bounds: ReadonlyMap<number, Bound>, bigM: number, prices?: ArrayLike<number>): BuiltGraph {
  const graph = new FlowGraph();
  graph.addNodes(net.fixed.nodeCount);
  const { fixed, variables } = net;
  for (let i = 0; i < fixed.arcCount; i++) graph.addArc(fixed.from[i], fixed.to[i], fixed.capacity[i], PRICE_SCALE * fixed.cost[i]);
  const price = variablePrices(net, prices);
  const freeArc = new Int32Array(variables.count).fill(-1);
  const forcedArc = new Int32Array(variables.count).fill(-1);
  for (let v = 0; v < variables.count; v++) {
    const bound = bounds.get(v);
    const hi = bound ? effectiveBound(net, v, bound).hi : variables.capacity[v];
    const lo = bound ? effectiveBound(net, v, bound).lo : Math.min(variables.lo[v], hi);
    const cost = PRICE_SCALE * variables.cost[v] + price[v];
    if (lo > 0) forcedArc[v] = graph.addArc(variables.from[v], variables.to[v], lo, cost - bigM);
    if (hi > lo) freeArc[v] = graph.addArc(variables.from[v], variables.to[v], hi - lo, cost);
  }
  return { graph, freeArc, forcedArc, bigM };
}

export interface NodeSolution {
  bounds: Map<number, Bound>;
  prices: Float64Array | null;
  built: BuiltGraph;
  flow: FlowSolution;
  /** Flow on each variable. */
  values: Int32Array;
  /** The stage objective of this flow, without prices (to maximise). */
  objective: number;
  /**
   * Upper bound proven by this node's potentials, valid for the whole stage when the node has no
   * bounds. Rounded down: objectives are integers.
   */
  bound: number;
  /** Variables whose forced flow could not be sent. */
  unmetForced: number[];
  /** Side constraints exceeded, with their excess. */
  violated: number[];
}

export function solveNode(net: StageNetwork, bounds: Map<number, Bound>, prices: Float64Array | null): NodeSolution {
  const bigM = forcingBonus(net, prices ?? undefined);
  const built = buildGraph(net, bounds, bigM, prices ?? undefined);
  const flow = solveMinCostFlow(built.graph, net.source, net.sink);
  const { variables, fixed } = net;
  const values = new Int32Array(variables.count);
  const unmetForced: number[] = [];
  let trueCost = 0;
  for (let i = 0; i < fixed.arcCount; i++) trueCost += flow.flow[i] * fixed.cost[i];
  for (let v = 0; v < variables.count; v++) {
    const forced = built.forcedArc[v];
    const free = built.freeArc[v];
    if (forced >= 0) {
      values[v] += flow.flow[forced];
      if (flow.flow[forced] < built.graph.capacity[forced]) unmetForced.push(v);
    }
    if (free >= 0) values[v] += flow.flow[free];
    trueCost += values[v] * variables.cost[v];
  }
  const violated: number[] = [];
  for (let j = 0; j < net.side.count; j++) {
    let sum = 0;
    for (const v of net.side.members[j]) sum += values[v];
    if (sum > net.side.limit[j]) violated.push(j);
  }
  return { bounds, prices, built, flow, values, objective: -trueCost, bound: dualBound(net, built, flow.potentials, prices), unmetForced, violated };
}

/**
 * The upper bound on the stage objective that node potentials prove, by weak LP duality: for any
 * potentials π with a non-negative reduced cost on the return arc, every circulation costs at least
 * Σ capacity × min(0, reduced cost) in the priced graph. Undoing the prices (each side constraint
 * holds, so its price adds at most price × limit) and the forcing bonus (forced flow is fixed by the
 * pins) turns that into a bound on the unpriced objective of every answer that meets the pins and
 * side constraints.
 */
export function dualBound(net: StageNetwork, built: BuiltGraph, potentials: ArrayLike<number>, prices: ArrayLike<number> | null): number {
  const { graph } = built;
  if (potentials[net.sink] - potentials[net.source] < 0) return Infinity;
  let lowest = 0;
  for (let i = 0; i < graph.arcCount; i++) {
    const reduced = graph.cost[i] + potentials[graph.from[i]] - potentials[graph.to[i]];
    if (reduced < 0) lowest += reduced * graph.capacity[i];
  }
  let forced = 0;
  for (let v = 0; v < built.forcedArc.length; v++) if (built.forcedArc[v] >= 0) forced += graph.capacity[built.forcedArc[v]];
  let priced = 0;
  if (prices) for (let j = 0; j < net.side.count; j++) priced += prices[j] * net.side.limit[j];
  return Math.floor((-lowest + priced - built.bigM * forced) / PRICE_SCALE + 1e-9);
}

const feasible = (node: NodeSolution) => node.violated.length === 0 && node.unmetForced.length === 0;

export interface SearchOptions {
  /** Price updates at most. */
  iterations: number;
  /** Stop refining once this much time has passed (ms since `startedAt`). */
  budgetMs: number;
  startedAt: number;
}

export interface SearchOutcome {
  solution: NodeSolution;
  /** The node whose potentials prove `bound`. */
  proof: NodeSolution;
  status: 'optimal' | 'feasible';
  bound: number;
  solves: number;
  violatedAtRoot: number;
}

/** Solves a stage as described in this module's header. */
export function searchStage(net: StageNetwork, options: SearchOptions, solvedRoot?: NodeSolution): SearchOutcome {
  const root = solvedRoot ?? solveNode(net, new Map(), null);
  if (root.unmetForced.length > 0) throw new Error('the stage started with forced flow that cannot be sent');
  if (feasible(root)) return { solution: root, proof: root, status: 'optimal', bound: Math.min(root.bound, root.objective), solves: 1, violatedAtRoot: 0 };

  let solves = 1;
  let proof = root;
  let incumbent = dive(net, root, () => solves++);
  const prices = new Float64Array(net.side.count);
  let node = root;
  let scale = 1;
  let sinceImprovement = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    if (incumbent && proof.bound <= incumbent.objective) break;
    if (performance.now() - options.startedAt > options.budgetMs) break;
    // Subgradient step towards prices that make the relaxation respect the side constraints.
    const gap = incumbent ? proof.bound - incumbent.objective : Math.max(1, Math.abs(proof.bound) * 0.01);
    const excess = new Float64Array(net.side.count);
    let norm = 0;
    for (let j = 0; j < net.side.count; j++) {
      let sum = 0;
      for (const v of net.side.members[j]) sum += node.values[v];
      excess[j] = sum - net.side.limit[j];
      if (excess[j] > 0 || prices[j] > 0) norm += excess[j] * excess[j];
    }
    if (norm === 0) break;
    const step = (PRICE_SCALE * scale * gap) / norm;
    for (let j = 0; j < net.side.count; j++) {
      if (excess[j] === 0 || (excess[j] < 0 && prices[j] === 0)) continue;
      const change = step * excess[j];
      const rounded = excess[j] > 0 ? Math.max(1, Math.round(change)) : Math.min(-1, Math.round(change));
      prices[j] = Math.max(0, prices[j] + rounded);
    }
    node = solveNode(net, new Map(), Float64Array.from(prices));
    solves++;
    if (node.bound < proof.bound) {
      proof = node;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 3) {
      scale /= 2;
      sinceImprovement = 0;
    }
    if (feasible(node)) {
      if (!incumbent || node.objective > incumbent.objective) incumbent = node;
    } else if (iteration % 3 === 2 || iteration === options.iterations - 1) {
      const dived = dive(net, node, () => solves++);
      if (dived && (!incumbent || dived.objective > incumbent.objective)) incumbent = dived;
    }
  }
  if (!incumbent) throw new Error('no answer meets every side constraint');
  const bound = Math.max(incumbent.objective, proof.bound);
  return { solution: incumbent, proof, status: bound <= incumbent.objective ? 'optimal' : 'feasible', bound, solves, violatedAtRoot: root.violated.length };
}

/**
 * Tightens arcs of every exceeded constraint (smallest flows first, so fewer people move) and
 * re-solves, keeping the node's prices, until every constraint holds.
 */
function dive(net: StageNetwork, start: NodeSolution, count: () => void): NodeSolution | undefined {
  let node = start;
  while (!feasible(node)) {
    if (node.unmetForced.length > 0) return undefined;
    const bounds = new Map(node.bounds);
    let tightened = false;
    for (const j of node.violated) {
      const members = net.side.members[j];
      let excess = -net.side.limit[j];
      for (const v of members) excess += node.values[v];
      const candidates = members
        .filter((v) => node.values[v] > effectiveBound(net, v, bounds.get(v)).lo)
        .sort((a, b) => node.values[a] - node.values[b] || a - b);
      for (const v of candidates) {
        if (excess <= 0) break;
        const current = effectiveBound(net, v, bounds.get(v));
        const cut = Math.min(excess, node.values[v] - current.lo);
        bounds.set(v, { lo: current.lo, hi: Math.min(current.hi, node.values[v] - cut) });
        excess -= cut;
        tightened = true;
      }
    }
    if (!tightened) return undefined;
    count();
    node = solveNode(net, bounds, node.prices);
  }
  return node;
}
