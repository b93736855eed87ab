import { FlowGraph, FlowSolver, readSolution, solveMinCostFlow, type FlowSolution } from './min-cost-flow';
import { WorkMeter } from './work';

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
  for (let i = 0; i < fixed.arcCount; i++)
    total += PRICE_SCALE * Math.abs(fixed.cost[i]) * Math.min(fixed.capacity[i], 1_000_000);
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
export function buildGraph(
  net: StageNetwork,
  bounds: ReadonlyMap<number, Bound>,
  bigM: number,
  prices?: ArrayLike<number>,
): BuiltGraph {
  const graph = new FlowGraph();
  graph.addNodes(net.fixed.nodeCount);
  const { fixed, variables } = net;
  for (let i = 0; i < fixed.arcCount; i++)
    graph.addArc(fixed.from[i], fixed.to[i], fixed.capacity[i], PRICE_SCALE * fixed.cost[i]);
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
  return readNode(net, bounds, prices, built, flow);
}

function readNode(
  net: StageNetwork,
  bounds: Map<number, Bound>,
  prices: Float64Array | null,
  built: BuiltGraph,
  flow: FlowSolution,
): NodeSolution {
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
  return {
    bounds,
    prices,
    built,
    flow,
    values,
    objective: -trueCost,
    bound: dualBound(net, built, flow.potentials, prices),
    unmetForced,
    violated,
  };
}

/**
 * Solves one stage network again and again under changing bounds and prices, keeping the flow
 * between solves so that each solve only repairs what changed. The graph holds the fixed arcs
 * first (same numbers as in the network), then one arc per variable, then a forced arc for each
 * variable that may get a lower bound (pinned ones, and side-constraint members when
 * `branchable`). A {@link NodeSolution} it returns shares this solver's graph, which describes the
 * latest solve only.
 */
export class StageSolver {
  readonly built: BuiltGraph;
  private readonly solver: FlowSolver;
  private appliedBounds = new Map<number, Bound>();
  private appliedPrices: Float64Array;
  private price: Float64Array;
  solves = 0;

  /** Work of the last solve from scratch (Infinity before the first solve). */
  get scratchWork(): number {
    return this.solver.scratchWork;
  }

  /** Counts the work of this solver's solves (see {@link WorkMeter}). */
  get meter(): WorkMeter {
    return this.solver.meter;
  }

  constructor(
    private readonly net: StageNetwork,
    branchable = false,
    meter = new WorkMeter(),
  ) {
    const { fixed, variables, side } = net;
    const graph = new FlowGraph();
    graph.addNodes(fixed.nodeCount);
    for (let i = 0; i < fixed.arcCount; i++)
      graph.addArc(fixed.from[i], fixed.to[i], fixed.capacity[i], PRICE_SCALE * fixed.cost[i]);
    const freeArc = new Int32Array(variables.count);
    const forcedArc = new Int32Array(variables.count).fill(-1);
    const member = new Uint8Array(variables.count);
    for (let j = 0; j < side.count; j++) {
      for (const v of side.members[j]) {
        member[v] = 1;
      }
    }
    const bigM = forcingBonus(net);
    for (let v = 0; v < variables.count; v++) {
      const lo = Math.min(variables.lo[v], variables.capacity[v]);
      freeArc[v] = graph.addArc(
        variables.from[v],
        variables.to[v],
        variables.capacity[v] - lo,
        PRICE_SCALE * variables.cost[v],
      );
    }
    for (let v = 0; v < variables.count; v++) {
      if (variables.lo[v] > 0 || (branchable && member[v])) {
        const lo = Math.min(variables.lo[v], variables.capacity[v]);
        forcedArc[v] = graph.addArc(variables.from[v], variables.to[v], lo, PRICE_SCALE * variables.cost[v] - bigM);
      }
    }
    this.built = { graph, freeArc, forcedArc, bigM };
    this.solver = new FlowSolver(graph, net.source, net.sink, meter);
    meter.add(graph.arcCount + graph.nodeCount);
    this.appliedPrices = new Float64Array(side.count);
    this.price = new Float64Array(variables.count);
  }

  solve(bounds: Map<number, Bound>, prices: Float64Array | null): NodeSolution {
    return this.trySolve(bounds, prices, Infinity)!;
  }

  /** Like {@link StageSolver.solve}; undefined when the meter passes `limit` (a {@link WorkMeter.done} value) first. */
  trySolve(bounds: Map<number, Bound>, prices: Float64Array | null, limit: number): NodeSolution | undefined {
    const { net, built } = this;
    const { variables, side } = net;
    const changed = new Set<number>();
    const bigM = forcingBonus(net, prices ?? undefined);
    const bigMChanged = bigM !== built.bigM;
    built.bigM = bigM;
    for (let j = 0; j < side.count; j++) {
      const p = prices ? prices[j] : 0;
      if (p === this.appliedPrices[j]) continue;
      for (const v of side.members[j]) {
        this.price[v] += p - this.appliedPrices[j];
        changed.add(v);
      }
      this.appliedPrices[j] = p;
    }
    for (const v of this.appliedBounds.keys()) changed.add(v);
    for (const v of bounds.keys()) changed.add(v);
    const update = (v: number) => {
      const bound = effectiveBound(net, v, bounds.get(v));
      const cost = PRICE_SCALE * variables.cost[v] + this.price[v];
      const forced = built.forcedArc[v];
      if (forced < 0 && bound.lo > 0) throw new Error(`variable ${v} cannot take a lower bound`);
      this.setArc(built.freeArc[v], bound.hi - bound.lo, cost);
      if (forced >= 0) this.setArc(forced, bound.lo, cost - bigM);
    };
    for (const v of changed) update(v);
    if (bigMChanged)
      for (let v = 0; v < variables.count; v++) if (built.forcedArc[v] >= 0 && !changed.has(v)) update(v);
    this.appliedBounds = bounds;
    this.solves++;
    this.meter.add(changed.size + (bigMChanged ? variables.count : 0));
    if (!this.solver.solve(limit)) return undefined;
    // Reading the answer and its bound scans every arc and variable.
    this.meter.add(built.graph.arcCount + variables.count);
    return readNode(net, bounds, prices, built, readSolution(this.solver, built.graph));
  }

  private setArc(i: number, capacity: number, cost: number): void {
    this.built.graph.capacity[i] = capacity;
    this.built.graph.cost[i] = cost;
    this.solver.setArc(i, capacity, cost);
  }
}

/**
 * The upper bound on the stage objective that node potentials prove, by weak LP duality: for any
 * potentials π with a non-negative reduced cost on the return arc, every circulation costs at least
 * Σ capacity × min(0, reduced cost) in the priced graph. Undoing the prices (each side constraint
 * holds, so its price adds at most price × limit) and the forcing bonus (forced flow is fixed by the
 * pins) turns that into a bound on the unpriced objective of every answer that meets the pins and
 * side constraints.
 */
export function dualBound(
  net: StageNetwork,
  built: BuiltGraph,
  potentials: ArrayLike<number>,
  prices: ArrayLike<number> | null,
): number {
  const { graph } = built;
  if (potentials[net.sink] - potentials[net.source] < 0) return Infinity;
  let lowest = 0;
  for (let i = 0; i < graph.arcCount; i++) {
    const reduced = graph.cost[i] + potentials[graph.from[i]] - potentials[graph.to[i]];
    if (reduced < 0) lowest += reduced * graph.capacity[i];
  }
  let forced = 0;
  for (let v = 0; v < built.forcedArc.length; v++)
    if (built.forcedArc[v] >= 0) forced += graph.capacity[built.forcedArc[v]];
  let priced = 0;
  if (prices) for (let j = 0; j < net.side.count; j++) priced += prices[j] * net.side.limit[j];
  return Math.floor((-lowest + priced - built.bigM * forced) / PRICE_SCALE + 1e-9);
}

const feasible = (node: NodeSolution) => node.violated.length === 0 && node.unmetForced.length === 0;

export interface SearchOptions {
  /** Price updates at most. */
  iterations: number;
  /** Stop refining once this much more work (see {@link WorkMeter}) is done. */
  work: number;
  /** Branch-and-bound nodes at most once prices stop improving the bound (default 2,000). */
  nodeLimit?: number;
  /** A solver for `net` to reuse (the one that solved `solvedRoot`). */
  solver?: StageSolver;
  /** A primal heuristic for the stage (see {@link Restriction}). */
  restrict?: Restriction;
}

/**
 * A primal heuristic: bounds on variables under which every side constraint holds whatever the
 * flow, so that the network solved under them (without prices) is an answer.
 */
export interface Restriction {
  /**
   * Bounds read from a solved node (its flow and potentials), or from `mean`, the variables' mean
   * flow over a run of priced nodes, when given.
   */
  bounds(node: NodeSolution, mean?: Float64Array): Map<number, Bound>;
  /** Variations of the bounds of an answer solved under such bounds, most promising first. */
  neighbours(answer: NodeSolution): Iterable<Map<number, Bound>>;
}

export interface SearchOutcome {
  solution: NodeSolution;
  /** The node whose potentials prove `bound`. */
  proof: NodeSolution;
  status: 'optimal' | 'feasible';
  bound: number;
  solves: number;
  violatedAtRoot: number;
  /** The branch-and-bound search ended: no answer beats `solution` (even when `bound` is higher). */
  exhausted: boolean;
  /** Who proved `bound`: the flow search (its proof node's potentials) or the exact solver. */
  provenBy?: 'exact_solver';
}

/** Variables at most this many: side-constraint members get forced arcs, so that branch and bound can run. */
export const BRANCHABLE_VARIABLES = 60_000;

/**
 * Solves a stage as described in this module's header: Lagrangian prices for the bound, dives for
 * answers, then, on networks small enough, a depth-first branch and bound under the best prices,
 * which finds the best answer (the certificate still proves only the priced bound).
 *
 * With a primal heuristic ({@link SearchOptions.restrict}) and work for enough solves, answers
 * come from it instead of dives: from the root, then after every price update (from the mean flow
 * of the updates so far), then in a local search from the best of them in turn, which gets the
 * share of the work the prices leave.
 */
export function searchStage(net: StageNetwork, options: SearchOptions, solvedRoot?: NodeSolution): SearchOutcome {
  const solver = options.solver ?? new StageSolver(net, net.variables.count <= BRANCHABLE_VARIABLES);
  const root = solvedRoot && options.solver ? solvedRoot : solver.solve(new Map(), null);
  if (root.unmetForced.length > 0) throw new Error('the stage started with forced flow that cannot be sent');
  const startSolves = solver.solves;
  const outcome = (solution: NodeSolution, proof: NodeSolution, exhausted: boolean): SearchOutcome => {
    const bound = Math.max(solution.objective, proof.bound);
    const status = bound <= solution.objective ? 'optimal' : 'feasible';
    return {
      solution,
      proof,
      status,
      bound,
      solves: solver.solves - startSolves + 1,
      violatedAtRoot: root.violated.length,
      exhausted: exhausted || status === 'optimal',
    };
  };
  if (feasible(root)) return outcome(root, root, true);
  const { meter } = solver;
  const limit = meter.done + options.work;
  const outOfWork = () => meter.past(limit);
  // Once a solve runs out of work the search only winds down: nothing more is solved.
  let stopped = false;
  const solveBy =
    (until: number): NodeSolver =>
    (bounds, prices) => {
      if (stopped || meter.past(until)) {
        stopped = true;
        return undefined;
      }
      const node = solver.trySolve(bounds, prices, until);
      if (!node) stopped = true;
      return node;
    };
  const solve = solveBy(limit);
  // The primal heuristic pays off over many solves (under many prices, then in its local search);
  // when the work allows only a few, dives land on a good answer sooner.
  const restrict = options.work >= RESTRICT_SOLVES * solver.scratchWork ? options.restrict : undefined;

  let proof = root;
  let incumbent: NodeSolution | undefined;
  let lastGain = 0;
  let steps = 0;
  // A step gains when it closes a meaningful share of the gap left at the last gain.
  let gapAtGain = Infinity;
  const progress = () => {
    const gap = incumbent ? proof.bound - incumbent.objective : Infinity;
    if (gap === Infinity) return;
    if (gapAtGain === Infinity || gapAtGain - gap >= Math.max(1, MEANINGFUL_GAIN * gapAtGain)) {
      gapAtGain = gap;
      lastGain = steps;
    }
  };
  const better = (node: NodeSolution | undefined) => {
    if (node && feasible(node) && (!incumbent || node.objective > incumbent.objective)) {
      incumbent = node;
      progress();
    }
  };
  // The search stops once the gap is within GAP_TOLERANCE of the answer: closing the rest costs
  // far more solves than it is worth. The gap left is still reported.
  const tolerance = restrict ? RESTRICTED_GAP_TOLERANCE : GAP_TOLERANCE;
  const closed = () =>
    incumbent !== undefined && proof.bound - incumbent.objective <= tolerance * Math.abs(incumbent.objective);
  // The restriction read from a node is solved exactly, without prices: an answer. The best
  // LOCAL_STARTS of them (the first found first among equals) are where the local search starts.
  const starts: NodeSolution[] = [];
  const restricted = (node: NodeSolution, mean?: Float64Array) => {
    if (!restrict || closed() || stopped) return;
    const next = solve(restrict.bounds(node, mean), null);
    if (!next || !feasible(next)) return;
    better(next);
    let at = starts.length;
    while (at > 0 && starts[at - 1].objective < next.objective) at--;
    starts.splice(at, 0, next);
    if (starts.length > LOCAL_STARTS) starts.pop();
  };
  // Local search from a restricted answer: the first variation that gains is taken, until
  // LOCAL_MOVES in a row do not gain.
  const improve = (start: NodeSolution) => {
    if (!restrict) return;
    let current = start;
    let tried = 0;
    for (let gained = true; gained;) {
      gained = false;
      for (const bounds of restrict.neighbours(current)) {
        if (closed() || stopped || ++tried > LOCAL_MOVES) return;
        const next = solve(bounds, null);
        if (!next) return;
        if (feasible(next) && next.objective > current.objective) {
          current = next;
          better(next);
          gained = true;
          tried = 0;
          break;
        }
      }
    }
  };
  // A first answer: the restriction read from the root, or else the first dive, which may do as
  // much work as a solve from scratch past the limit: an answer from a dive is usually much better
  // than one cut from the root.
  restricted(root);
  if (!incumbent) {
    const first = dive(net, solveBy(Math.max(limit, meter.done + solver.scratchWork)), root);
    incumbent =
      first.answer ?? cutToFeasible(net, first.last) ?? (first.last !== root ? cutToFeasible(net, root) : undefined);
  }
  stopped ||= outOfWork();
  // With a primal heuristic, part of the work is kept for its local search.
  const pricesUntil = restrict ? limit - LOCAL_SEARCH_SHARE * options.work : Infinity;
  const lagrangian = (iterations: number, from: NodeSolution) => {
    const prices = from.prices ? Float64Array.from(from.prices) : new Float64Array(net.side.count);
    let node = from;
    let scale = 1;
    let sinceImprovement = 0;
    const began = steps;
    const sum = new Float64Array(net.variables.count);
    let count = 0;
    for (let iteration = 0; iteration < iterations; iteration++) {
      if (closed() || stopped || meter.past(pricesUntil)) return;
      // Neither the bound nor the best answer moved for a while: more steps would not help.
      if (steps - Math.max(lastGain, began) >= STALL_ITERATIONS) return;
      steps++;
      // Subgradient step (Polyak's, aiming at the best answer known) towards prices that make the
      // relaxation respect the side constraints.
      const gap = Math.max(1, incumbent ? node.bound - incumbent.objective : Math.abs(node.bound) * 0.01);
      const excess = new Float64Array(net.side.count);
      let norm = 0;
      for (let j = 0; j < net.side.count; j++) {
        let sum = 0;
        for (const v of net.side.members[j]) sum += node.values[v];
        excess[j] = sum - net.side.limit[j];
        if (excess[j] > 0 || prices[j] > 0) norm += excess[j] * excess[j];
      }
      if (norm === 0) return;
      const step = (PRICE_SCALE * scale * gap) / norm;
      for (let j = 0; j < net.side.count; j++) {
        if (excess[j] === 0 || (excess[j] < 0 && prices[j] === 0)) continue;
        const change = step * excess[j];
        const rounded = excess[j] > 0 ? Math.max(1, Math.round(change)) : Math.min(-1, Math.round(change));
        prices[j] = Math.max(0, prices[j] + rounded);
      }
      const next = solve(new Map(), Float64Array.from(prices));
      if (!next) return;
      node = next;
      if (node.bound < proof.bound) {
        proof = node;
        progress();
        sinceImprovement = 0;
      } else if (++sinceImprovement >= 3) {
        scale /= 2;
        sinceImprovement = 0;
        if (scale < 1e-3) return;
      }
      if (feasible(node)) better(node);
      else if (restrict) {
        // The mean of the relaxed flows over the price updates tends to an optimal fractional
        // answer (the relaxation's flows alone jump between extremes): the restriction reads it.
        count++;
        for (let v = 0; v < sum.length; v++) sum[v] += node.values[v];
        restricted(
          node,
          sum.map((x) => x / count),
        );
      } else if (iteration % 3 === 2 || iteration === iterations - 1) better(dive(net, solve, node).answer);
    }
  };

  // Start the prices of the exceeded constraints at what their members are worth: a price no
  // higher is ever needed, and from above the relaxation approaches the constraint from the
  // feasible side (this matters when one member's worth dwarfs every other cost).
  const start = new Float64Array(net.side.count);
  for (let j = 0; j < net.side.count; j++)
    for (const v of net.side.members[j]) start[j] = Math.max(start[j], -PRICE_SCALE * net.variables.cost[v]);
  let from: NodeSolution | undefined = root;
  if (!closed() && start.some((p) => p > 0)) {
    from = solve(new Map(), start);
    if (from) {
      if (from.bound < proof.bound) proof = from;
      better(from);
      if (!feasible(from)) restricted(from);
    }
  }
  if (from) lagrangian(options.iterations, from);
  for (const start of starts) {
    if (closed() || stopped) break;
    improve(start);
  }
  let exhausted = false;
  if (solver.built.forcedArc.length > 0 && !closed() && !stopped && !outOfWork() && canBranch(net, solver)) {
    exhausted = branchAndBound(net, solve, proof.prices, () => incumbent, better, options.nodeLimit ?? 2_000);
    if (exhausted && !closed()) lagrangian(options.iterations, proof);
  }
  if (!incumbent) throw new Error('no answer meets every side constraint');
  return outcome(incumbent, proof, exhausted);
}

/** Variations in a row that do not gain, after which the local search of the primal heuristic stops. */
const LOCAL_MOVES = 200;
/** Answers of the primal heuristic the local search starts from at most, best first. */
const LOCAL_STARTS = 10;
/** Solves from scratch the work must allow for the primal heuristic to be used. */
const RESTRICT_SOLVES = 20;
/** Share of a stage's work kept for the local search of its primal heuristic. */
const LOCAL_SEARCH_SHARE = 0.5;
/** Price updates in a row that neither lower the bound nor find a better answer, after which the prices stop. */
const STALL_ITERATIONS = 6;
/** Relative gap (to the answer's objective) at which the search stops. */
export const GAP_TOLERANCE = 0.005;
/**
 * The same with a primal heuristic, whose answers come cheaper than dives: the search goes on
 * closer to the bound.
 */
const RESTRICTED_GAP_TOLERANCE = 0.003;
/** Share of the gap a step must close to count as progress. */
const MEANINGFUL_GAIN = 0.02;
/** Branch-and-bound nodes in a row without a better answer, after which the search stops. */
const STALL_NODES = 100;

/** Solves a node of the stage; undefined once the search has used up its work. */
type NodeSolver = (bounds: Map<number, Bound>, prices: Float64Array | null) => NodeSolution | undefined;

function canBranch(net: StageNetwork, solver: StageSolver): boolean {
  for (let j = 0; j < net.side.count; j++)
    for (const v of net.side.members[j]) if (solver.built.forcedArc[v] < 0) return false;
  return true;
}

/**
 * Depth-first branch and bound: a node whose priced flow exceeds a side constraint splits on one
 * member variable v carrying x: v ≤ x − 1, or v ≥ x. A node is dropped when its bound (the same
 * weak duality, under the node's bounds) is no better than the best answer. Returns true when the
 * search ran to its end.
 */
function branchAndBound(
  net: StageNetwork,
  solve: NodeSolver,
  prices: Float64Array | null,
  best: () => NodeSolution | undefined,
  offer: (node: NodeSolution) => void,
  nodeLimit: number,
): boolean {
  const stack: Map<number, Bound>[] = [new Map()];
  let nodes = 0;
  let lastGain = 0;
  while (stack.length > 0) {
    if (++nodes > nodeLimit || nodes - lastGain > STALL_NODES) return false;
    const bounds = stack.pop()!;
    const node = solve(bounds, prices);
    if (!node) return false;
    if (node.unmetForced.length > 0) continue;
    const incumbent = best();
    if (incumbent && node.bound <= incumbent.objective) continue;
    if (feasible(node)) {
      offer(node);
      if (best() !== incumbent) lastGain = nodes;
      continue;
    }
    const v = branchingVariable(net, node, bounds);
    if (v < 0) continue;
    const x = node.values[v];
    const current = effectiveBound(net, v, bounds.get(v));
    const up = new Map(bounds);
    up.set(v, { lo: Math.max(current.lo, x), hi: current.hi });
    const down = new Map(bounds);
    down.set(v, { lo: current.lo, hi: x - 1 });
    stack.push(up, down);
  }
  return true;
}

/** A member of the most exceeded side constraint, with flow above its lower bound: the smallest such flow. */
function branchingVariable(net: StageNetwork, node: NodeSolution, bounds: Map<number, Bound>): number {
  let chosen = -1;
  let chosenExcess = 0;
  for (const j of node.violated) {
    let excess = -net.side.limit[j];
    for (const v of net.side.members[j]) excess += node.values[v];
    if (excess <= chosenExcess) continue;
    let pick = -1;
    for (const v of net.side.members[j]) {
      const x = node.values[v];
      if (x <= effectiveBound(net, v, bounds.get(v)).lo) continue;
      if (pick < 0 || x < node.values[pick]) pick = v;
    }
    if (pick >= 0) {
      chosen = pick;
      chosenExcess = excess;
    }
  }
  return chosen;
}

/**
 * Tightens arcs of every exceeded constraint (smallest flows first, so fewer people move) and
 * re-solves, keeping the node's prices, until every constraint holds. `last` is the last node
 * solved, feasible or not.
 */
function dive(
  net: StageNetwork,
  solve: NodeSolver,
  start: NodeSolution,
): { answer?: NodeSolution; last: NodeSolution } {
  let node = start;
  while (!feasible(node)) {
    if (node.unmetForced.length > 0) return { last: node };
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
    if (!tightened) return { last: node };
    const next = solve(bounds, node.prices);
    if (!next) return { last: node };
    node = next;
  }
  return { answer: node, last: node };
}

/**
 * An answer made from a node's flow without solving again, for when work runs out before a dive
 * ends: for each exceeded constraint, flow through its members (smallest flows first) is taken
 * back along flow-carrying paths from the source and to the sink, until the constraint holds.
 * Taking flow back only lowers the other sums, and paths through forced arcs are avoided, so the
 * result meets every side constraint and pin, or undefined is returned.
 */
export function cutToFeasible(net: StageNetwork, node: NodeSolution): NodeSolution | undefined {
  const { graph, freeArc, forcedArc } = node.built;
  const n = graph.nodeCount;
  const m = graph.arcCount;
  const flow = Int32Array.from(node.flow.flow);
  const forced = new Uint8Array(m);
  for (let v = 0; v < forcedArc.length; v++) if (forcedArc[v] >= 0) forced[forcedArc[v]] = 1;
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    outStart[graph.from[i] + 1]++;
    inStart[graph.to[i] + 1]++;
  }
  for (let v = 0; v < n; v++) {
    outStart[v + 1] += outStart[v];
    inStart[v + 1] += inStart[v];
  }
  const outList = new Int32Array(m);
  const inList = new Int32Array(m);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  for (let i = 0; i < m; i++) {
    outList[outFill[graph.from[i]]++] = i;
    inList[inFill[graph.to[i]]++] = i;
  }
  const seen = new Int32Array(n);
  let stamp = 0;
  const path: number[] = [];
  // Depth-first along arcs with flow (forward to the sink, or backward to the source).
  const walk = (start: number, target: number, forward: boolean): boolean => {
    stamp++;
    const nodes = [start];
    const next = [forward ? outStart[start] : inStart[start]];
    seen[start] = stamp;
    path.length = 0;
    while (nodes.length > 0) {
      const u = nodes[nodes.length - 1];
      if (u === target) return true;
      const end = forward ? outStart[u + 1] : inStart[u + 1];
      let k = next[next.length - 1];
      let moved = false;
      for (; k < end; k++) {
        const a = forward ? outList[k] : inList[k];
        if (flow[a] <= 0 || forced[a]) continue;
        const w = forward ? graph.to[a] : graph.from[a];
        if (seen[w] === stamp) continue;
        next[next.length - 1] = k + 1;
        seen[w] = stamp;
        nodes.push(w);
        next.push(forward ? outStart[w] : inStart[w]);
        path.push(a);
        moved = true;
        break;
      }
      if (!moved) {
        nodes.pop();
        next.pop();
        path.pop();
      }
    }
    return false;
  };
  const valueOf = (v: number) =>
    (freeArc[v] >= 0 ? flow[freeArc[v]] : 0) + (forcedArc[v] >= 0 ? flow[forcedArc[v]] : 0);
  for (let j = 0; j < net.side.count; j++) {
    const members = net.side.members[j];
    let excess = -net.side.limit[j];
    for (const v of members) excess += valueOf(v);
    if (excess <= 0) continue;
    const candidates = members
      .filter((v) => freeArc[v] >= 0 && flow[freeArc[v]] > 0)
      .sort((a, b) => valueOf(a) - valueOf(b) || a - b);
    for (const v of candidates) {
      while (excess > 0 && flow[freeArc[v]] > 0) {
        const arc = freeArc[v];
        if (!walk(graph.to[arc], net.sink, true)) break;
        const after = path.slice();
        if (!walk(graph.from[arc], net.source, false)) break;
        let amount = Math.min(excess, flow[arc]);
        for (const a of after) amount = Math.min(amount, flow[a]);
        for (const a of path) amount = Math.min(amount, flow[a]);
        const arcs = [arc, ...after, ...path];
        for (const a of arcs) flow[a] -= amount;
        if (arcs.some((a) => flow[a] < 0)) {
          for (const a of arcs) flow[a] += amount;
          break;
        }
        excess -= amount;
      }
      if (excess <= 0) break;
    }
    if (excess > 0) return undefined;
  }
  let cost = 0;
  let value = 0;
  for (let i = 0; i < m; i++) {
    cost += flow[i] * graph.cost[i];
    if (graph.from[i] === net.source) value += flow[i];
    if (graph.to[i] === net.source) value -= flow[i];
  }
  const cut = readNode(net, node.bounds, node.prices, node.built, {
    flow,
    potentials: node.flow.potentials,
    cost,
    value,
    phases: 0,
  });
  return feasible(cut) ? cut : undefined;
}
