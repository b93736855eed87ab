/**
 * Exact min-cost flow on a sparse directed graph with integer capacities and integer costs.
 *
 * The problem solved is a min-cost circulation on the graph plus a return arc sink → source of
 * unbounded capacity and cost 0: the flow from source to sink is free, and only paths of negative
 * cost are worth sending. Matching expresses "assign when it pays" with negative arc costs.
 *
 * Algorithm: primal-dual successive shortest paths. Each phase runs Dijkstra on reduced costs
 * (stopping as soon as the sink is settled), updates the node potentials, then saturates every
 * shortest path at once with a blocking flow (Dinic) on the zero-reduced-cost arcs. The number of
 * phases is bounded by the number of distinct shortest-path lengths, which small integer weights
 * keep low. When no negative path is left, the final potentials are an optimality certificate: no
 * residual arc, the return arc included, has a negative reduced cost.
 */

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
    if (!(capacity >= 0 && capacity <= 0x3fffffff) || !Number.isInteger(capacity)) throw new RangeError(`arc capacity must be a non-negative integer, got ${capacity}`);
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

/** Residual graph in compressed form: residual arc 2i is arc i forward, 2i+1 its reverse. */
class Residual {
  readonly n: number;
  readonly head: Int32Array;
  readonly rcap: Int32Array;
  readonly cost: Float64Array;
  readonly outStart: Int32Array;
  readonly outList: Int32Array;

  constructor(graph: FlowGraph) {
    const n = graph.nodeCount;
    const m = graph.arcCount;
    this.n = n;
    this.head = new Int32Array(2 * m);
    this.rcap = new Int32Array(2 * m);
    this.cost = new Float64Array(2 * m);
    const degree = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      const u = graph.from[i];
      const v = graph.to[i];
      this.head[2 * i] = v;
      this.head[2 * i + 1] = u;
      this.rcap[2 * i] = graph.capacity[i];
      this.cost[2 * i] = graph.cost[i];
      this.cost[2 * i + 1] = -graph.cost[i];
      degree[u + 1]++;
      degree[v + 1]++;
    }
    for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
    this.outStart = degree;
    this.outList = new Int32Array(2 * m);
    const fill = degree.slice(0, n);
    for (let i = 0; i < m; i++) {
      this.outList[fill[graph.from[i]]++] = 2 * i;
      this.outList[fill[graph.to[i]]++] = 2 * i + 1;
    }
  }
}

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

/** Shortest distances from `source` over arcs with capacity (Bellman-Ford with a FIFO queue). */
function initialPotentials(res: Residual, source: number): Float64Array {
  const { n, head, rcap, cost, outStart, outList } = res;
  const dist = new Float64Array(n).fill(Infinity);
  const queued = new Uint8Array(n);
  const queue = new Int32Array(n + 1);
  let qHead = 0;
  let qTail = 0;
  let queuedCount = 0;
  const relaxations = new Int32Array(n);
  dist[source] = 0;
  queue[qTail] = source;
  qTail = (qTail + 1) % queue.length;
  queued[source] = 1;
  queuedCount = 1;
  while (queuedCount > 0) {
    const u = queue[qHead];
    qHead = (qHead + 1) % queue.length;
    queuedCount--;
    queued[u] = 0;
    if (++relaxations[u] > n) throw new Error('the graph has a negative cycle');
    const du = dist[u];
    for (let k = outStart[u]; k < outStart[u + 1]; k++) {
      const a = outList[k];
      if (rcap[a] <= 0) continue;
      const v = head[a];
      const dv = du + cost[a];
      if (dv < dist[v]) {
        dist[v] = dv;
        if (!queued[v]) {
          queued[v] = 1;
          queue[qTail] = v;
          qTail = (qTail + 1) % queue.length;
          queuedCount++;
        }
      }
    }
  }
  // Nodes the source cannot reach never carry flow; any potential keeps their arcs valid as long
  // as it is high enough, so they sit above every reachable node.
  let highest = 0;
  for (let v = 0; v < n; v++) if (dist[v] !== Infinity && dist[v] > highest) highest = dist[v];
  let unreachable = false;
  for (let v = 0; v < n; v++) if (dist[v] === Infinity) unreachable = true;
  if (unreachable) {
    // Unreachable nodes must also be consistent among themselves: give them distances from a
    // virtual root, shifted above every reachable node.
    const rest = restPotentials(res, dist);
    let offset = highest;
    for (let v = 0; v < n; v++) if (dist[v] === Infinity && -rest[v] > offset) offset = -rest[v];
    for (let v = 0; v < n; v++) if (dist[v] === Infinity) dist[v] = rest[v] + 2 * offset + 1 + maxAbsCost(res);
  }
  return dist;
}

function maxAbsCost(res: Residual): number {
  let max = 0;
  for (let a = 0; a < res.cost.length; a++) if (Math.abs(res.cost[a]) > max) max = Math.abs(res.cost[a]);
  return max;
}

/** Shortest distances among the nodes `reached` marks unreachable, from a root joined to each by a 0-cost arc. */
function restPotentials(res: Residual, reached: Float64Array): Float64Array {
  const { n, head, rcap, cost, outStart, outList } = res;
  const dist = new Float64Array(n);
  for (let round = 0; round <= n; round++) {
    let changed = false;
    for (let u = 0; u < n; u++) {
      if (reached[u] !== Infinity) continue;
      for (let k = outStart[u]; k < outStart[u + 1]; k++) {
        const a = outList[k];
        const v = head[a];
        if (rcap[a] <= 0 || reached[v] !== Infinity) continue;
        if (dist[u] + cost[a] < dist[v]) {
          dist[v] = dist[u] + cost[a];
          changed = true;
        }
      }
    }
    if (!changed) return dist;
  }
  throw new Error('the graph has a negative cycle');
}

/**
 * Min-cost flow from `source` to `sink`, sending flow only while it lowers the cost.
 * Costs must be integers; the graph may have negative costs but no negative cycle of arcs with capacity.
 */
export function solveMinCostFlow(graph: FlowGraph, source: number, sink: number): FlowSolution {
  const res = new Residual(graph);
  const { n, head, rcap, cost, outStart, outList } = res;
  const pi = initialPotentials(res, source);
  const dist = new Float64Array(n);
  const settled = new Uint8Array(n);
  const level = new Int32Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const heap = new NodeHeap();
  const stackNodes = new Int32Array(n + 1);
  const stackArcs = new Int32Array(n + 1);
  const touched: number[] = [];
  let value = 0;
  let phases = 0;

  for (;;) {
    // Dijkstra on reduced costs, stopped once the sink is settled.
    for (const v of touched) {
      dist[v] = Infinity;
      settled[v] = 0;
    }
    touched.length = 0;
    if (phases === 0) dist.fill(Infinity);
    heap.clear();
    dist[source] = 0;
    touched.push(source);
    heap.push(0, source);
    let sinkDistance = Infinity;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.lastKey;
      if (settled[u] || du > dist[u]) continue;
      settled[u] = 1;
      if (u === sink) {
        sinkDistance = du;
        break;
      }
      const piU = pi[u];
      for (let k = outStart[u]; k < outStart[u + 1]; k++) {
        const a = outList[k];
        if (rcap[a] <= 0) continue;
        const v = head[a];
        if (settled[v]) continue;
        const dv = du + cost[a] + piU - pi[v];
        if (dv < dist[v]) {
          if (dist[v] === Infinity) touched.push(v);
          dist[v] = dv;
          heap.push(dv, v);
        }
      }
    }
    phases++;
    const trueDistance = sinkDistance + pi[sink] - pi[source];
    if (sinkDistance === Infinity || trueDistance >= 0) {
      finishPotentials(pi, dist, settled, sinkDistance, trueDistance, value > 0, source, sink, n);
      break;
    }
    // Potential update with distances truncated at the sink's: keeps every reduced cost ≥ 0.
    for (let v = 0; v < n; v++) pi[v] += settled[v] ? dist[v] : sinkDistance;

    // Blocking flows on the admissible graph (reduced cost 0) until the sink is cut off.
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = source;
      while (qh < qt) {
        const u = queue[qh++];
        // Nothing beyond the sink's level can lie on a shortest augmenting path.
        if (level[sink] >= 0 && level[u] >= level[sink]) break;
        const piU = pi[u];
        for (let k = outStart[u]; k < outStart[u + 1]; k++) {
          const a = outList[k];
          if (rcap[a] <= 0) continue;
          const v = head[a];
          if (level[v] >= 0 || cost[a] + piU - pi[v] !== 0) continue;
          level[v] = level[u] + 1;
          queue[qt++] = v;
        }
      }
      if (level[sink] < 0) break;
      for (let v = 0; v < n; v++) current[v] = outStart[v];
      // Iterative DFS along level-increasing admissible arcs, one augmenting path at a time.
      for (;;) {
        let depth = 0;
        stackNodes[0] = source;
        let reached = false;
        while (depth >= 0) {
          const u = stackNodes[depth];
          if (u === sink) {
            reached = true;
            break;
          }
          let advanced = false;
          const piU = pi[u];
          for (; current[u] < outStart[u + 1]; current[u]++) {
            const a = outList[current[u]];
            if (rcap[a] <= 0) continue;
            const v = head[a];
            if (level[v] !== level[u] + 1 || cost[a] + piU - pi[v] !== 0) continue;
            stackArcs[depth] = a;
            stackNodes[++depth] = v;
            advanced = true;
            break;
          }
          if (!advanced) {
            level[u] = -1; // dead end
            depth--;
            if (depth >= 0) current[stackNodes[depth]]++;
          }
        }
        if (!reached) break;
        let bottleneck = Infinity;
        for (let i = 0; i < depth; i++) bottleneck = Math.min(bottleneck, rcap[stackArcs[i]]);
        for (let i = 0; i < depth; i++) {
          const a = stackArcs[i];
          rcap[a] -= bottleneck;
          rcap[a ^ 1] += bottleneck;
        }
        value += bottleneck;
      }
    }
  }

  const m = graph.arcCount;
  const flow = new Int32Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    flow[i] = rcap[2 * i + 1];
    total += flow[i] * graph.cost[i];
  }
  return { flow, potentials: pi, cost: total, value, phases };
}

/**
 * Turns the last Dijkstra's distances into final potentials that also price the return arc
 * sink → source: its reduced cost is 0 when flow was sent (both directions are residual), and
 * non-negative when none was.
 */
function finishPotentials(
  pi: Float64Array,
  dist: Float64Array,
  settled: Uint8Array,
  sinkDistance: number,
  trueDistance: number,
  sentFlow: boolean,
  source: number,
  sink: number,
  n: number,
): void {
  let cut: number;
  if (sinkDistance === Infinity) {
    cut = Math.max(0, pi[source] - pi[sink]);
    if (sentFlow) {
      // The sink is unreachable: raising everything the source reaches by the same amount keeps
      // arcs into unreached nodes (none has residual capacity from reached ones) valid.
      cut = pi[source] - pi[sink];
    }
  } else {
    cut = sentFlow ? sinkDistance - trueDistance : sinkDistance;
  }
  for (let v = 0; v < n; v++) {
    const d = settled[v] ? dist[v] : Infinity;
    pi[v] += Math.min(d, cut);
  }
}

/**
 * Checks that `potentials` certify the optimality of `flow`: capacities and conservation hold
 * (with the source's outflow returning from the sink), and no residual arc — the return arc
 * sink → source of cost 0 included — has a negative reduced cost `cost + π(from) − π(to)`.
 * Returns the problems found; an empty list means the flow is a minimum-cost circulation.
 */
export function verifyPotentials(graph: FlowGraph, source: number, sink: number, flow: ArrayLike<number>, potentials: ArrayLike<number>): string[] {
  const problems: string[] = [];
  const n = graph.nodeCount;
  if (flow.length !== graph.arcCount) return [`flow has ${flow.length} arcs, the graph ${graph.arcCount}`];
  if (potentials.length !== n) return [`potentials cover ${potentials.length} nodes, the graph has ${n}`];
  const balance = new Float64Array(n);
  for (let i = 0; i < graph.arcCount; i++) {
    const f = flow[i];
    if (!Number.isInteger(f) || f < 0 || f > graph.capacity[i]) problems.push(`arc ${i} carries ${f} outside [0, ${graph.capacity[i]}]`);
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
  if (value > 0 && returnReduced > 0) problems.push(`the return arc carries flow with reduced cost ${returnReduced} > 0`);
  return problems;
}
