/**
 * Exact min-cost flow on a sparse directed graph with integer capacities and integer costs.
 *
 * The problem solved is a min-cost circulation on the graph plus a return arc sink → source of
 * unbounded capacity and cost 0: the flow from source to sink is free, and only paths of negative
 * cost are worth sending. Matching expresses "assign when it pays" with negative arc costs.
 *
 * Algorithm: primal-dual with node imbalances (see {@link FlowSolver}). When every node is in
 * balance, the final potentials are an optimality certificate: no residual arc, the return arc
 * included, has a negative reduced cost.
 */

import { WORK_PER_MS, WorkMeter } from './work';

/** A graph under construction: nodes are 0..nodeCount-1, arcs are numbered in insertion order. */
export class FlowGraph {
  nodeCount = 0;
  arcCount = 0;
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  capacity = new Int32Array(1024);
  cost = new Float64Array(1024);

  addNode(): number {
    return this.nodeCount++;
  }

  addNodes(count: number): number {
    const first = this.nodeCount;
    this.nodeCount += count;
    return first;
  }

  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!(capacity >= 0 && capacity <= 0x3fffffff) || !Number.isInteger(capacity))
      throw new RangeError(`arc capacity must be a non-negative integer, got ${capacity}`);
    if (!Number.isSafeInteger(cost)) throw new RangeError(`arc cost must be a safe integer, got ${cost}`);
    if (this.arcCount === this.from.length) this.grow();
    const i = this.arcCount++;
    this.from[i] = from;
    this.to[i] = to;
    this.capacity[i] = capacity;
    this.cost[i] = cost;
    return i;
  }

  private grow(): void {
    const size = this.from.length * 2;
    const from = new Int32Array(size);
    from.set(this.from);
    this.from = from;
    const to = new Int32Array(size);
    to.set(this.to);
    this.to = to;
    const capacity = new Int32Array(size);
    capacity.set(this.capacity);
    this.capacity = capacity;
    const cost = new Float64Array(size);
    cost.set(this.cost);
    this.cost = cost;
  }
}

export interface FlowSolution {
  /** Flow on each arc, by arc number. */
  flow: Int32Array;
  /** Node potentials proving optimality (see {@link verifyPotentials}). */
  potentials: Float64Array;
  /** Total cost of the flow (sum of flow × cost). */
  cost: number;
  /** Flow sent from source to sink. */
  value: number;
  phases: number;
}

/**
 * A min-cost flow solver that keeps its flow and potentials, so that after arcs change (capacities,
 * costs) the next {@link FlowSolver.solve} only repairs what the change broke.
 *
 * The problem is kept as a circulation: the return arc sink → source is a real arc with more
 * capacity than the source can send. Invariant between solves: every residual arc has a
 * non-negative reduced cost. A change that breaks it saturates or empties the arc instead, which
 * leaves nodes out of balance; each phase then runs Dijkstra from every node with excess until
 * the deficits settled could absorb every excess, lowers the potentials of the settled nodes, and pushes flow along
 * zero-reduced-cost paths from excesses to deficits (depth-first, with dead ends remembered for the
 * phase). When no node is out of balance the potentials prove the flow optimal.
 */
export class FlowSolver {
  readonly n: number;
  /** Arcs of the graph; arc `m` is the return arc. */
  readonly m: number;
  readonly source: number;
  readonly sink: number;
  private readonly tail: Int32Array;
  private readonly head: Int32Array;
  private readonly rcap: Int32Array;
  private readonly cost: Float64Array;
  private readonly capacity: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  readonly pi: Float64Array;
  private readonly excess: Float64Array;
  private readonly pending: Int32Array;
  private pendingCount = 0;
  private readonly isPending: Uint8Array;
  private started = false;
  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly settled: Int32Array;
  private readonly settledList: Int32Array;
  private readonly dead: Int32Array;
  private readonly current: Int32Array;
  private readonly currentStamp: Int32Array;
  private readonly onPath: Uint8Array;
  private readonly pathNodes: Int32Array;
  private readonly pathArcs: Int32Array;
  private readonly sources: Int32Array;
  private readonly heap = new NodeHeap();
  private stamp = 0;
  phases = 0;

  /** Counts the arcs and nodes this solver scans (shared with the rest of a search). */
  readonly meter: WorkMeter;

  constructor(graph: FlowGraph, source: number, sink: number, meter = new WorkMeter()) {
    this.meter = meter;
    const n = graph.nodeCount;
    const m = graph.arcCount;
    this.n = n;
    this.m = m;
    this.source = source;
    this.sink = sink;
    const arcs = m + 1;
    this.tail = new Int32Array(arcs);
    this.head = new Int32Array(2 * arcs);
    this.rcap = new Int32Array(2 * arcs);
    this.cost = new Float64Array(2 * arcs);
    this.capacity = new Int32Array(arcs);
    const degree = new Int32Array(n + 1);
    for (let i = 0; i <= m; i++) {
      const u = i < m ? graph.from[i] : sink;
      const v = i < m ? graph.to[i] : source;
      const c = i < m ? graph.capacity[i] : 0;
      this.tail[i] = u;
      this.head[2 * i] = v;
      this.head[2 * i + 1] = u;
      this.capacity[i] = c;
      this.rcap[2 * i] = c;
      const k = i < m ? graph.cost[i] : 0;
      this.cost[2 * i] = k;
      this.cost[2 * i + 1] = -k;
      degree[u + 1]++;
      degree[v + 1]++;
    }
    // More than any source can send once arcs change: the return arc is never saturated.
    this.capacity[m] = 0x3fffffff;
    this.rcap[2 * m] = 0x3fffffff;
    for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
    this.outStart = degree;
    this.outList = new Int32Array(2 * arcs);
    const fill = degree.slice(0, n);
    for (let i = 0; i <= m; i++) {
      this.outList[fill[this.tail[i]]++] = 2 * i;
      this.outList[fill[this.head[2 * i]]++] = 2 * i + 1;
    }
    this.pi = new Float64Array(n);
    this.excess = new Float64Array(n);
    this.pending = new Int32Array(arcs);
    this.isPending = new Uint8Array(arcs);
    this.dist = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.settled = new Int32Array(n);
    this.settledList = new Int32Array(n);
    this.dead = new Int32Array(n);
    this.current = new Int32Array(n);
    this.currentStamp = new Int32Array(n);
    this.onPath = new Uint8Array(n);
    this.pathNodes = new Int32Array(n + 1);
    this.pathArcs = new Int32Array(n + 1);
    this.sources = new Int32Array(n);
  }

  /** Changes arc `i`'s capacity and cost; the next solve repairs the flow. */
  setArc(i: number, capacity: number, cost: number): void {
    if (this.capacity[i] === capacity && this.cost[2 * i] === cost) return;
    this.capacity[i] = capacity;
    this.cost[2 * i] = cost;
    this.cost[2 * i + 1] = -cost;
    if (!this.isPending[i]) {
      this.isPending[i] = 1;
      this.pending[this.pendingCount++] = i;
    }
  }

  arcCapacity(i: number): number {
    return this.capacity[i];
  }

  arcCost(i: number): number {
    return this.cost[2 * i];
  }

  /** Flow on arc `i`. */
  flowOn(i: number): number {
    return this.rcap[2 * i + 1];
  }

  /** Flow from source to sink (the return arc's flow). */
  get value(): number {
    return this.rcap[2 * this.m + 1];
  }

  /**
   * Solves (or repairs) to optimality; the flow and potentials are then read from the solver.
   *
   * A repair that would touch more than {@link FlowSolver.restartShare} of the arcs, or that does
   * more work than the last solve from scratch, starts over from zero flow instead: past a point,
   * scattered imbalances cost more phases than a fresh solve. Returns false, leaving the solver to
   * start over on its next solve, when the meter passes `limit` (a {@link WorkMeter.done} value)
   * first. Work is checked between phases only, so the answer never depends on the machine.
   */
  solve(limit = Infinity): boolean {
    const { meter } = this;
    if (this.started && this.pendingCount > this.restartShare * (this.m + 1)) this.reset();
    const fresh = !this.started;
    const began = meter.done;
    if (!this.started) {
      this.started = true;
      this.initialPotentials();
      for (let i = 0; i <= this.m; i++) this.normalize(i);
      meter.add(this.m + 1);
    }
    meter.add(this.pendingCount);
    for (let k = 0; k < this.pendingCount; k++) {
      const i = this.pending[k];
      this.isPending[i] = 0;
      this.normalize(i);
    }
    this.pendingCount = 0;
    let restarted = fresh;
    let phasesHere = 0;
    for (;;) {
      if (phasesHere > 0) {
        if (meter.past(limit)) {
          this.reset();
          return false;
        }
        if (!restarted && meter.done - began > this.scratchWork + SCRATCH_SLACK) {
          // The repair already did as much work as a fresh solve: start over from zero flow.
          restarted = true;
          this.reset();
          this.restarts++;
          this.started = true;
          this.initialPotentials();
          for (let i = 0; i <= this.m; i++) this.normalize(i);
          meter.add(this.m + 1);
        }
      }
      if (!this.phase()) break;
      this.phases++;
      phasesHere++;
    }
    if (fresh) this.scratchWork = meter.done - began;
    return true;
  }

  /** Share of the arcs above which a repair starts over from zero flow. */
  restartShare = 0.05;
  /** Repairs that started over from zero flow. */
  restarts = 0;
  /** Work of the last solve from scratch (Infinity before the first solve). */
  scratchWork = Infinity;

  /** Forgets the flow and potentials: the next solve starts from zero flow. */
  private reset(): void {
    this.meter.add(this.m + 1 + this.n);
    for (let i = 0; i <= this.m; i++) {
      this.rcap[2 * i] = this.capacity[i];
      this.rcap[2 * i + 1] = 0;
    }
    for (let k = 0; k < this.pendingCount; k++) this.isPending[this.pending[k]] = 0;
    this.pendingCount = 0;
    this.pi.fill(0);
    this.excess.fill(0);
    this.started = false;
  }

  /** Puts arc `i` within its capacity and on the side of it its reduced cost asks for. */
  private normalize(i: number): void {
    const u = this.tail[i];
    const v = this.head[2 * i];
    const cap = this.capacity[i];
    const flow = this.rcap[2 * i + 1];
    const reduced = this.cost[2 * i] + this.pi[u] - this.pi[v];
    let target = flow > cap ? cap : flow;
    if (reduced < 0) target = cap;
    else if (reduced > 0) target = 0;
    this.rcap[2 * i + 1] = target;
    this.rcap[2 * i] = cap - target;
    const delta = target - flow;
    if (delta !== 0) {
      this.excess[u] -= delta;
      this.excess[v] += delta;
    }
  }

  /** Potentials under which no arc has a negative reduced cost: shortest distances from a virtual root. */
  private initialPotentials(): void {
    const { n, head, rcap, cost, outStart, outList, pi } = this;
    const queue = new Int32Array(n + 1);
    const queued = new Uint8Array(n).fill(1);
    const relaxations = new Int32Array(n);
    for (let v = 0; v < n; v++) queue[v] = v;
    let qHead = 0;
    let qTail = n % queue.length;
    let count = n;
    let scanned = 0;
    while (count > 0) {
      const u = queue[qHead];
      qHead = qHead + 1 === queue.length ? 0 : qHead + 1;
      count--;
      queued[u] = 0;
      if (++relaxations[u] > n + 1) throw new Error('the graph has a negative cycle');
      const du = pi[u];
      scanned += outStart[u + 1] - outStart[u] + 1;
      for (let k = outStart[u]; k < outStart[u + 1]; k++) {
        const a = outList[k];
        if (rcap[a] <= 0 || a >= 2 * this.m) continue;
        const v = head[a];
        const dv = du + cost[a];
        if (dv < pi[v]) {
          pi[v] = dv;
          if (!queued[v]) {
            queued[v] = 1;
            queue[qTail] = v;
            qTail = qTail + 1 === queue.length ? 0 : qTail + 1;
            count++;
          }
        }
      }
    }
    this.meter.add(scanned);
  }

  /** One phase; false when every node is in balance. */
  private phase(): boolean {
    const { n, head, rcap, cost, outStart, outList, pi, excess, dist, seen, settled, heap, sources } = this;
    let sourceCount = 0;
    let supply = 0;
    for (let v = 0; v < n; v++) {
      if (excess[v] > 0) {
        sources[sourceCount++] = v;
        supply += excess[v];
      }
    }
    if (sourceCount === 0) {
      this.meter.add(n);
      return false;
    }
    const stamp = ++this.stamp;
    heap.clear();
    for (let k = 0; k < sourceCount; k++) {
      const s = sources[k];
      dist[s] = 0;
      seen[s] = stamp;
      heap.push(0, s);
    }
    let reach = -1;
    let settledCount = 0;
    let scanned = n;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.lastKey;
      if (settled[u] === stamp || du > dist[u]) continue;
      settled[u] = stamp;
      this.settledList[settledCount++] = u;
      if (excess[u] < 0) {
        // Settling deficits until they could absorb every excess lets one phase serve many
        // scattered imbalances.
        reach = du;
        supply += excess[u];
        if (supply <= 0) break;
      }
      const piU = pi[u];
      scanned += outStart[u + 1] - outStart[u] + 1;
      for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
        const a = outList[k];
        if (rcap[a] <= 0) continue;
        const v = head[a];
        if (settled[v] === stamp) continue;
        const dv = du + cost[a] + piU - pi[v];
        if (seen[v] !== stamp || dv < dist[v]) {
          seen[v] = stamp;
          dist[v] = dv;
          heap.push(dv, v);
        }
      }
    }
    if (reach < 0) throw new Error('the flow cannot be balanced: no node with a deficit is reachable');
    if (heap.size === 0 || supply > 0) {
      for (let k = 0; k < settledCount; k++) if (dist[this.settledList[k]] > reach) reach = dist[this.settledList[k]];
    }
    // Equivalent to raising every potential by min(distance, reach), shifted by −reach.
    for (let k = 0; k < settledCount; k++) {
      const v = this.settledList[k];
      pi[v] -= reach - dist[v];
    }
    this.meter.add(scanned + settledCount);
    for (let k = 0; k < sourceCount; k++) this.drain(sources[k], stamp);
    return true;
  }

  /** Pushes the excess of `start` along zero-reduced-cost paths to nodes with a deficit. */
  private drain(start: number, stamp: number): void {
    const {
      head,
      rcap,
      cost,
      outStart,
      outList,
      pi,
      excess,
      dead,
      current,
      currentStamp,
      onPath,
      pathNodes,
      pathArcs,
    } = this;
    let scanned = 1;
    while (excess[start] > 0 && dead[start] !== stamp) {
      let depth = 0;
      pathNodes[0] = start;
      onPath[start] = 1;
      let reached = false;
      while (depth >= 0) {
        const u = pathNodes[depth];
        if (depth > 0 && excess[u] < 0) {
          reached = true;
          break;
        }
        if (currentStamp[u] !== stamp) {
          currentStamp[u] = stamp;
          current[u] = outStart[u];
        }
        const piU = pi[u];
        const end = outStart[u + 1];
        let k = current[u];
        for (; k < end; k++) {
          const a = outList[k];
          if (rcap[a] <= 0) continue;
          const v = head[a];
          if (dead[v] === stamp || onPath[v] || cost[a] + piU - pi[v] !== 0) continue;
          break;
        }
        scanned += k - current[u] + 1;
        current[u] = k;
        if (k < end) {
          const a = outList[k];
          pathArcs[depth] = a;
          pathNodes[++depth] = head[a];
          onPath[head[a]] = 1;
        } else {
          dead[u] = stamp;
          onPath[u] = 0;
          depth--;
          if (depth >= 0) current[pathNodes[depth]]++;
        }
      }
      if (!reached) {
        for (let i = 0; i <= depth; i++) onPath[pathNodes[i]] = 0;
        break;
      }
      const end = pathNodes[depth];
      let amount = Math.min(excess[start], -excess[end]);
      for (let i = 0; i < depth; i++) if (rcap[pathArcs[i]] < amount) amount = rcap[pathArcs[i]];
      for (let i = 0; i < depth; i++) {
        const a = pathArcs[i];
        rcap[a] -= amount;
        rcap[a ^ 1] += amount;
      }
      excess[start] -= amount;
      excess[end] += amount;
      for (let i = 0; i <= depth; i++) onPath[pathNodes[i]] = 0;
      scanned += depth;
    }
    this.meter.add(scanned);
  }
}

/** Work a repair may do beyond the last solve from scratch before it starts over. */
const SCRATCH_SLACK = WORK_PER_MS;

/** A binary min-heap of (key, node) with lazy deletion. */
class NodeHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    const { keys, nodes } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the minimum; returns its node, with its key in {@link lastKey}. */
  pop(): number {
    const { keys, nodes } = this;
    const node = nodes[0];
    this.lastKey = keys[0];
    const size = --this.size;
    if (size > 0) {
      const key = keys[size];
      const moved = nodes[size];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= key) break;
        keys[i] = keys[child];
        nodes[i] = nodes[child];
        i = child;
      }
      keys[i] = key;
      nodes[i] = moved;
    }
    return node;
  }

  lastKey = 0;
}

/**
 * Min-cost flow from `source` to `sink`, sending flow only while it lowers the cost.
 * Costs must be integers; the graph may have negative costs but no negative cycle of arcs with capacity.
 */
export function solveMinCostFlow(graph: FlowGraph, source: number, sink: number): FlowSolution {
  const solver = new FlowSolver(graph, source, sink);
  solver.solve();
  return readSolution(solver, graph);
}

/** The solver's current flow, potentials and cost, as a {@link FlowSolution} of `graph`. */
export function readSolution(solver: FlowSolver, graph: FlowGraph): FlowSolution {
  const m = graph.arcCount;
  const flow = new Int32Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    flow[i] = solver.flowOn(i);
    total += flow[i] * graph.cost[i];
  }
  return { flow, potentials: Float64Array.from(solver.pi), cost: total, value: solver.value, phases: solver.phases };
}

/**
 * Checks that `potentials` certify the optimality of `flow`: capacities and conservation hold
 * (with the source's outflow returning from the sink), and no residual arc — the return arc
 * sink → source of cost 0 included — has a negative reduced cost `cost + π(from) − π(to)`.
 * Returns the problems found; an empty list means the flow is a minimum-cost circulation.
 */
export function verifyPotentials(
  graph: FlowGraph,
  source: number,
  sink: number,
  flow: ArrayLike<number>,
  potentials: ArrayLike<number>,
): string[] {
  const problems: string[] = [];
  const n = graph.nodeCount;
  if (flow.length !== graph.arcCount) return [`flow has ${flow.length} arcs, the graph ${graph.arcCount}`];
  if (potentials.length !== n) return [`potentials cover ${potentials.length} nodes, the graph has ${n}`];
  const balance = new Float64Array(n);
  for (let i = 0; i < graph.arcCount; i++) {
    const f = flow[i];
    if (!Number.isInteger(f) || f < 0 || f > graph.capacity[i])
      problems.push(`arc ${i} carries ${f} outside [0, ${graph.capacity[i]}]`);
    balance[graph.from[i]] -= f;
    balance[graph.to[i]] += f;
    const reduced = graph.cost[i] + potentials[graph.from[i]] - potentials[graph.to[i]];
    if (f < graph.capacity[i] && reduced < 0) problems.push(`arc ${i} has room and reduced cost ${reduced} < 0`);
    if (f > 0 && reduced > 0) problems.push(`arc ${i} carries flow with reduced cost ${reduced} > 0`);
  }
  const value = balance[sink];
  if (balance[source] !== -value) problems.push(`the source sends ${-balance[source]} but the sink receives ${value}`);
  for (let v = 0; v < n; v++) {
    if (v !== source && v !== sink && balance[v] !== 0) problems.push(`node ${v} is out of balance by ${balance[v]}`);
  }
  const returnReduced = potentials[sink] - potentials[source];
  if (returnReduced < 0) problems.push(`the return arc has reduced cost ${returnReduced} < 0`);
  if (value > 0 && returnReduced > 0)
    problems.push(`the return arc carries flow with reduced cost ${returnReduced} > 0`);
  return problems;
}
