import type { AttendeeStage } from './attendee-stage';
import { PRICE_SCALE, type Bound, type NodeSolution, type Restriction } from './flow-model';
import { WorkMeter } from './work';

/**
 * A primal heuristic for the daily share: from a solved node (priced or not), decides per unit how
 * many of its people each of its seminars may take, so that the unit's daily share holds whatever
 * the flow does, and returns those as upper bounds on the unit-seminar → seminar variables. Under
 * them the stage is a pure min-cost flow, solved exactly, and its answer meets every side
 * constraint by construction.
 *
 * A place of unit u in seminar s is valued from the node: by its potentials, π(seminar) −
 * π(unit-seminar) is what one more of u's people in s is worth at the margin; and each place the
 * flow uses is worth what the person seated there is worth less the seat's shadow price at s
 * (what the seat would give someone else). Places the flow leaves free are worth what u's people
 * left out who could take them are worth, less the same shadow price. Given the mean flow over a
 * run of priced nodes instead, each place counts the share of it the mean uses. Each unit then
 * chooses its places exactly (see {@link packIntervals}). Only units named by a side constraint
 * are restricted.
 */
export function dailyShareRestriction(stage: AttendeeStage, meter = new WorkMeter()): Restriction {
  const { network, unitSeminars, seminars } = stage;
  const { variables, side } = network;
  let plans: UnitPlan[] | undefined;
  // Built on first use: pins the stage could not send have been released by then.
  const plan = (): UnitPlan[] => {
    const forced = new Int32Array(unitSeminars.length);
    for (let v = 0; v < variables.count; v++)
      if (stage.kind[v] === 1 && variables.lo[v] > 0) forced[stage.targetOf[v]] += variables.lo[v];
    const restricted = new Set<number>();
    for (let j = 0; j < side.count; j++)
      for (const v of side.members[j]) restricted.add(unitSeminars[stage.targetOf[v]].unit);
    const byUnit = new Map<number, number[]>();
    unitSeminars.forEach((us, i) => {
      if (!restricted.has(us.unit)) return;
      if (!byUnit.has(us.unit)) byUnit.set(us.unit, []);
      byUnit.get(us.unit)!.push(i);
    });
    const out: UnitPlan[] = [];
    for (const u of [...byUnit.keys()].sort((a, b) => a - b)) {
      const list = byUnit.get(u)!;
      const line = [...new Set(list.flatMap((i) => seminars[unitSeminars[i].seminar].dates))].sort();
      const at = new Map(line.map((date, k) => [date, k]));
      const allowance = Int32Array.from(line, (date) => stage.allowance.get(`${u}|${date}`)!);
      // A seminar whose dates are not consecutive on the line is taken to cover the days between:
      // that only asks for more room than it needs, so the answer still meets the daily share.
      const first = Int32Array.from(list, (i) =>
        Math.min(...seminars[unitSeminars[i].seminar].dates.map((d) => at.get(d)!)),
      );
      const last = Int32Array.from(list, (i) =>
        Math.max(...seminars[unitSeminars[i].seminar].dates.map((d) => at.get(d)!)),
      );
      list.forEach((i, k) => {
        for (let d = first[k]; d <= last[k]; d++) allowance[d] -= forced[i];
      });
      // Honoured pins fit the daily share together, so no allowance falls below zero.
      for (let d = 0; d < allowance.length; d++) allowance[d] = Math.max(0, allowance[d]);
      out.push({
        variables: Int32Array.from(list, (i) => unitSeminars[i].variable),
        forced: Int32Array.from(list, (i) => forced[i]),
        first,
        last,
        allowance,
      });
    }
    return out;
  };
  // A place is never worth more than the best seat to anyone.
  let most = 0;
  for (let v = 0; v < variables.count; v++) most = Math.max(most, -PRICE_SCALE * variables.cost[v]);
  for (let i = 0; i < network.fixed.arcCount; i++) most = Math.max(most, -PRICE_SCALE * network.fixed.cost[i]);
  /**
   * The worth of the people a node seats through each unit-seminar pair, best first, less the
   * seat's shadow price at the seminar. People who come through a unit-topic node are spread
   * over its seminars: each counts the mean worth.
   */
  const seatedWorth = (node: NodeSolution): { seated: number[][]; waiting: number[][] } => {
    const potentials = node.flow.potentials;
    const flow = node.flow.flow;
    const seated: number[][] = unitSeminars.map(() => []);
    const waiting: number[][] = unitSeminars.map(() => []);
    const topicWorth = new Float64Array(stage.unitTopics.length);
    const topicPeople = new Int32Array(stage.unitTopics.length);
    const hasSeat = new Uint8Array(stage.options.length);
    for (let v = 0; v < variables.count; v++) {
      if (node.values[v] <= 0) continue;
      if (stage.kind[v] !== 2) hasSeat[stage.attendeeOf[v]] = 1;
      if (stage.kind[v] === 1) seated[stage.targetOf[v]].push(-PRICE_SCALE * variables.cost[v]);
      else if (stage.kind[v] === 0) {
        topicWorth[stage.targetOf[v]] += -PRICE_SCALE * variables.cost[v];
        topicPeople[stage.targetOf[v]]++;
      }
    }
    let scanned = variables.count + network.fixed.arcCount;
    for (let v = 0; v < variables.count; v++) {
      if (stage.kind[v] === 2 || hasSeat[stage.attendeeOf[v]]) continue;
      if (stage.kind[v] === 1) waiting[stage.targetOf[v]].push(-PRICE_SCALE * variables.cost[v]);
      else {
        const ut = stage.unitTopics[stage.targetOf[v]];
        scanned += ut.arcs.length;
        ut.arcs.forEach((arc, k) => {
          const us = stage.unitSeminarIndex.get(ut.unit * seminars.length + ut.seminars[k])!;
          waiting[us].push(-PRICE_SCALE * (variables.cost[v] + network.fixed.cost[arc]));
        });
      }
    }
    stage.unitTopics.forEach((ut, t) => {
      if (topicPeople[t] === 0) return;
      const mean = topicWorth[t] / topicPeople[t];
      ut.arcs.forEach((arc, k) => {
        const us = stage.unitSeminarIndex.get(ut.unit * seminars.length + ut.seminars[k])!;
        for (let f = flow[arc]; f > 0; f--) seated[us].push(mean - PRICE_SCALE * network.fixed.cost[arc]);
      });
    });
    unitSeminars.forEach((us, i) => {
      const v = us.variable;
      const shadow = Math.max(0, potentials[network.sink] - potentials[variables.to[v]]);
      const net = (worth: number) => Math.round(Math.max(0, Math.min(most, worth - shadow)));
      seated[i] = seated[i].map(net).sort((a, b) => b - a);
      waiting[i] = waiting[i].map(net).sort((a, b) => b - a);
    });
    meter.add(scanned);
    return { seated, waiting };
  };
  /** What one more person through variable v is worth at the margin, by the node's potentials. */
  const marginal = (node: NodeSolution, v: number) =>
    Math.min(
      most,
      Math.max(0, Math.round(node.flow.potentials[variables.to[v]] - node.flow.potentials[variables.from[v]])),
    );
  const roomOf = (p: UnitPlan, k: number) => Math.max(0, variables.capacity[p.variables[k]] - p.forced[k]);
  const bounds = (node: NodeSolution, mean?: Float64Array): Map<number, Bound> => {
    plans ??= plan();
    const { seated, waiting } = seatedWorth(node);
    const out = new Map<number, Bound>();
    for (const p of plans) {
      const items = Array.from(p.variables, (v, k) => {
        const people = seated[stage.targetOf[v]].slice(p.forced[k]);
        const waits = waiting[stage.targetOf[v]];
        const m = marginal(node, v);
        const values: number[] = [];
        // Places the node uses are worth their marginal and their people's worth; the others
        // what the people left out who could take them are worth, and a little, so that room
        // nobody needs is still handed out.
        const used = Math.max(0, node.values[v] - p.forced[k]);
        for (let place = 0; place < roomOf(p, k); place++) {
          const value = place < used ? 2 + m + (people[place] ?? 0) : 1 + (m >> 1) + (waits[place - used] ?? 0);
          if (!mean) values.push(value);
          else {
            const share = Math.min(1, Math.max(0, mean[v] - p.forced[k] - place));
            values.push(1 + Math.round(share * (1 + m + (people[place] ?? waits[place - used] ?? 0))));
          }
        }
        for (let place = 1; place < values.length; place++) values[place] = Math.min(values[place], values[place - 1]);
        return values;
      });
      const places = packIntervals(p.allowance, p.first, p.last, items, meter);
      p.variables.forEach((v, k) => out.set(v, { lo: 0, hi: p.forced[k] + places[k] }));
    }
    return out;
  };
  /**
   * Variations of the bounds of an answer found under them: one more place for a unit in one
   * seminar, the unit giving up the places its people use least to make room for it. Places
   * whose marginal worth (by the answer's potentials) is highest come first.
   */
  function* neighbours(answer: NodeSolution): Generator<Map<number, Bound>> {
    plans ??= plan();
    const { seated } = seatedWorth(answer);
    const moves: { p: UnitPlan; k: number; worth: number }[] = [];
    for (const p of plans) {
      meter.add(p.variables.length);
      p.variables.forEach((v, k) => {
        const open = (answer.bounds.get(v)?.hi ?? variables.capacity[v]) - p.forced[k];
        const m = marginal(answer, v);
        if (open < roomOf(p, k) && m > 0) moves.push({ p, k, worth: m });
      });
    }
    moves.sort((a, b) => b.worth - a.worth || a.p.variables[a.k] - b.p.variables[b.k]);
    for (const { p, k: chosen } of moves) {
      const items = Array.from(p.variables, (v, k) => {
        const people = seated[stage.targetOf[v]].slice(p.forced[k]);
        const open = (answer.bounds.get(v)?.hi ?? variables.capacity[v]) - p.forced[k];
        const values: number[] = [];
        for (let place = 0; place < roomOf(p, k); place++) {
          if (k === chosen && place === open) values.push(KEEP * KEEP);
          else if (place + p.forced[k] < answer.values[v]) values.push(KEEP + (people[place] ?? 0));
          else values.push(1);
        }
        return values;
      });
      const places = packIntervals(p.allowance, p.first, p.last, items, meter);
      const next = new Map(answer.bounds);
      meter.add(next.size);
      p.variables.forEach((v, k) => next.set(v, { lo: 0, hi: p.forced[k] + places[k] }));
      yield next;
    }
  }
  return { bounds, neighbours };
}

/** Worth of keeping a place an answer uses, above any person's worth. */
const KEEP = 1_000_000;

interface UnitPlan {
  /** The unit's unit-seminar → seminar variables. */
  variables: Int32Array;
  /** Pinned people each of them must carry. */
  forced: Int32Array;
  /** First and last day of each, as indices on the unit's line of dates. */
  first: Int32Array;
  last: Int32Array;
  /** People the unit may still have away on each day of the line, pins deducted. */
  allowance: Int32Array;
}

/**
 * Chooses how many places to take of each interval of days, at most `allowance[d]` over the
 * intervals covering day d, maximising the total value (`values[i][k]` is the worth of interval
 * i's (k+1)-th place, non-increasing in k). Exact: the rows of an interval matrix, differenced
 * day by day, form a network (see below), so this is a min-cost flow on the line of days.
 *
 * With y_d ≥ 0 the room left on day d, the constraints Σ_{i∋d} c_i + y_d = allowance[d]
 * differenced (row d minus row d−1, rows −1 and D zero) give node d an inflow surplus of
 * allowance[d] − allowance[d−1]; c_i becomes an arc from last_i + 1 to first_i, y_d an arc from
 * d + 1 to d. Every arc points back along the line, so the network has no cycle, and a cheapest
 * flow meeting every surplus (successive shortest paths from the days where the allowance drops
 * to those where it rises) is an optimal choice.
 */
export function packIntervals(
  allowance: Int32Array,
  first: Int32Array,
  last: Int32Array,
  values: number[][],
  meter = new WorkMeter(),
): Int32Array {
  const days = allowance.length;
  const taken = new Int32Array(values.length);
  // Every place of every interval fits: nothing to choose.
  const load = new Int32Array(days);
  values.forEach((list, i) => {
    for (let d = first[i]; d <= last[i]; d++) load[d] += list.length;
  });
  meter.add(days + values.length);
  if (load.every((l, d) => l <= allowance[d])) {
    values.forEach((list, i) => (taken[i] = list.length));
    return taken;
  }
  const source = days + 1;
  const sink = days + 2;
  const nodes = days + 3;
  const head = new Int32Array(nodes).fill(-1);
  const to: number[] = [];
  const capacity: number[] = [];
  const cost: number[] = [];
  const next: number[] = [];
  const owner: number[] = [];
  // Arcs in pairs: arc e's reverse is e ^ 1.
  const half = (x: number, y: number, k: number, w: number, item: number) => {
    to.push(y);
    capacity.push(k);
    cost.push(w);
    next.push(head[x]);
    owner.push(item);
    head[x] = to.length - 1;
  };
  const arc = (a: number, b: number, cap: number, c: number, item: number) => {
    half(a, b, cap, c, item);
    half(b, a, 0, -c, item);
  };
  let total = 0;
  for (let d = 0; d <= days; d++) {
    const surplus = (d < days ? allowance[d] : 0) - (d > 0 ? allowance[d - 1] : 0);
    if (surplus > 0) arc(d, sink, surplus, 0, -1);
    else if (surplus < 0) arc(source, d, -surplus, 0, -1);
    total += Math.max(0, surplus);
  }
  for (let d = 0; d < days; d++) arc(d + 1, d, total, 0, -1);
  values.forEach((list, i) => list.forEach((worth) => arc(last[i] + 1, first[i], 1, -worth, i)));
  // Successive shortest paths, Bellman–Ford style (costs are negative; the residual network
  // never has a negative cycle).
  const distance = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const queued = new Uint8Array(nodes);
  for (let sent = 0; sent < total;) {
    distance.fill(Infinity);
    via.fill(-1);
    distance[source] = 0;
    const queue = [source];
    queued[source] = 1;
    for (let q = 0; q < queue.length; q++) {
      const x = queue[q];
      queued[x] = 0;
      for (let e = head[x]; e >= 0; e = next[e]) {
        meter.add(1);
        if (capacity[e] <= 0 || distance[x] + cost[e] >= distance[to[e]]) continue;
        distance[to[e]] = distance[x] + cost[e];
        via[to[e]] = e;
        if (!queued[to[e]]) {
          queued[to[e]] = 1;
          queue.push(to[e]);
        }
      }
    }
    if (distance[sink] === Infinity) break;
    let amount = total - sent;
    for (let x = sink; x !== source; x = to[via[x] ^ 1]) amount = Math.min(amount, capacity[via[x]]);
    for (let x = sink; x !== source; x = to[via[x] ^ 1]) {
      capacity[via[x]] -= amount;
      capacity[via[x] ^ 1] += amount;
    }
    sent += amount;
  }
  for (let e = 0; e < to.length; e += 2) if (owner[e] >= 0) taken[owner[e]] += capacity[e + 1];
  return taken;
}
