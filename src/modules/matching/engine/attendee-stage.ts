import type { AttendeeAssignment, AttendeeExclusion, FacilitatorAssignment, InstanceSeminar, InstanceUnit, MatchingInstance, PinReason, Settings } from './instance';
import { FlowGraph } from './min-cost-flow';
import { SideConstraints, Variables, type StageNetwork } from './flow-model';
import { dailyAllowance, isUnavailable, pairKey } from './settings';
import { WorkMeter } from './work';

/**
 * Stage 2, attendees: who takes the seats.
 *
 * A seat's worth splits into a part that depends on the person and the topic (seat, interest,
 * never trained) and a part that depends on the unit and the seminar (pairing with facilitators
 * from the hospitals the unit refers to). The network uses that split to stay small:
 *
 *   source → attendee → unit-topic ──(pairing)──→ unit-seminar → seminar → sink
 *                    ╰───────────(whole worth)──╯
 *
 * A person who can take every seminar of a topic that their unit can take goes through the
 * unit-topic node, one arc per topic; anyone else (unavailable on some dates, pinned) has one arc
 * per seminar they can take. Attendee arcs carry one seat; unit-seminar → seminar arcs carry the
 * per-unit cap; seminar → sink arcs the free seats. This is a pure min-cost flow. The daily share
 * of a unit's staff away is a side constraint on the unit-seminar arcs of seminars sharing a day,
 * added only where those arcs could exceed it.
 */

export interface AttendeeStage {
  network: StageNetwork;
  /** For each variable: 0 attendee → unit-topic, 1 attendee → unit-seminar, 2 unit-seminar → seminar. */
  kind: Uint8Array;
  /** Attendee index of kind 0 and 1 variables. */
  attendeeOf: Int32Array;
  /** Unit-topic index (kind 0) or unit-seminar index (kinds 1 and 2) of each variable. */
  targetOf: Int32Array;
  /** Person-and-topic worth of kind 0 and 1 variables (without pairing). */
  personalWorth: Float64Array;
  unitTopics: { unit: number; topicId: string; seminars: number[]; arcs: number[] }[];
  unitSeminars: { unit: number; seminar: number; paired: string[]; room: number; variable: number }[];
  /** Unit-seminar index by `unit × seminars + seminar`. */
  unitSeminarIndex: Map<number, number>;
  unitIndex: Map<string, number>;
  /** Per attendee: the seminars they could take (indices). */
  options: number[][];
  noOption: Map<number, AttendeeExclusion>;
  /** Pairs named by a force pin (honoured or not). */
  pinned: Set<string>;
  /** Force pins the stage cannot honour, with why (decided before any solving). */
  pinsRefused: Map<string, PinReason>;
  seats: Int32Array;
  /** Per unit and date: people the unit may still have away. */
  allowance: Map<string, number>;
  seminars: InstanceSeminar[];
  units: InstanceUnit[];
  settings: Settings;
}

export function buildAttendeeStage(instance: MatchingInstance, settings: Settings, facilitators: Map<string, FacilitatorAssignment[]>): AttendeeStage {
  const w = settings.weights;
  const { seminars, units, attendees } = instance;
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const seminarIndex = new Map(seminars.map((s, i) => [s.id, i]));
  const pinsRefused = new Map<string, PinReason>();
  const forbidden = new Set<string>();
  const pinned = new Set<string>();
  for (const pin of instance.pins ?? []) {
    const s = seminarIndex.get(pin.seminarId);
    if (s === undefined) continue;
    if (pin.kind === 'forbid') forbidden.add(pairKey(pin.personId, pin.seminarId));
    else pinned.add(pairKey(pin.personId, pin.seminarId));
  }

  const seats = Int32Array.from(seminars, (s) => Math.max(0, s.capacity - s.seatsTaken));
  const allowance = new Map<string, number>();
  const allowanceOf = (u: number, date: string) => {
    const key = `${u}|${date}`;
    let left = allowance.get(key);
    if (left === undefined) {
      left = dailyAllowance(units[u].attendeeStaff, settings.unitDailyShare) - (units[u].awayByDate[date] ?? 0);
      allowance.set(key, left);
    }
    return left;
  };
  const byTopic = new Map<string, number[]>();
  seminars.forEach((seminar, s) => {
    const key = settings.sameNetworkOnly ? `${seminar.topicId}|${seminar.networkId}` : seminar.topicId;
    if (!byTopic.has(key)) byTopic.set(key, []);
    byTopic.get(key)!.push(s);
  });

  // Unit-seminar pairs, created on first use, and what a unit can take of each topic.
  const graph = new FlowGraph();
  const source = graph.addNode();
  const sink = graph.addNode();
  const seminarNode = Int32Array.from(seminars, () => graph.addNode());
  seminars.forEach((_, s) => graph.addArc(seminarNode[s], sink, seats[s], 0));
  const variables = new Variables();
  const kind: number[] = [];
  const attendeeOf: number[] = [];
  const targetOf: number[] = [];
  const personalWorth: number[] = [];
  const addVariable = (from: number, to: number, capacity: number, cost: number, lo: number, k: number, attendee: number, target: number, worth: number) => {
    kind.push(k);
    attendeeOf.push(attendee);
    targetOf.push(target);
    personalWorth.push(worth);
    return variables.add(from, to, capacity, cost, lo);
  };

  const facilitatorHospitals = seminars.map((seminar) => {
    const list: { personId: string; hospitalId: string }[] = [];
    for (const f of seminar.facilitators) if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
    for (const f of facilitators.get(seminar.id) ?? []) if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
    return list;
  });
  const unitSeminars: AttendeeStage['unitSeminars'] = [];
  const unitSeminarNodes: number[] = [];
  const unitSeminarIndex = new Map<number, number>();
  const unitSeminar = (u: number, s: number): number => {
    const key = u * seminars.length + s;
    let index = unitSeminarIndex.get(key);
    if (index === undefined) {
      index = unitSeminars.length;
      unitSeminarIndex.set(key, index);
      const node = graph.addNode();
      unitSeminarNodes.push(node);
      const room = settings.unitSeminarCap - (seminars[s].unitSeatsTaken[units[u].id] ?? 0);
      const paired = facilitatorHospitals[s].filter((f) => units[u].referralHospitalIds.includes(f.hospitalId)).map((f) => f.personId);
      unitSeminars.push({ unit: u, seminar: s, paired, room, variable: -1 });
    }
    return index;
  };
  /** Why a unit cannot take a seminar at all, if it cannot. */
  const unitBlock = (u: number, s: number): AttendeeExclusion | undefined => {
    if (seats[s] <= 0) return 'capacity';
    if (settings.unitSeminarCap - (seminars[s].unitSeatsTaken[units[u].id] ?? 0) <= 0) return 'unit_cap';
    if (seminars[s].dates.some((date) => allowanceOf(u, date) <= 0)) return 'unit_daily_share';
    return undefined;
  };
  const unitTopics: AttendeeStage['unitTopics'] = [];
  const unitTopicNodes: number[] = [];
  const unitTopicIndex = new Map<string, number>();
  const unitTopic = (u: number, topicId: string, open: number[]): number => {
    const key = `${u}|${topicId}`;
    let index = unitTopicIndex.get(key);
    if (index === undefined) {
      index = unitTopics.length;
      unitTopicIndex.set(key, index);
      unitTopicNodes.push(graph.addNode());
      unitTopics.push({ unit: u, topicId, seminars: open, arcs: [] });
    }
    return index;
  };
  const unitOpen = new Map<string, number[]>();

  const { pinnedOptions, forcedSeminar } = honouredAttendeePins(
    instance,
    seminarIndex,
    unitIndex,
    seats,
    unitBlock,
    allowanceOf,
    (u, s) => settings.unitSeminarCap - (seminars[s].unitSeatsTaken[units[u].id] ?? 0),
    pinsRefused,
  );

  const options: number[][] = [];
  const noOption = new Map<number, AttendeeExclusion>();
  attendees.forEach((attendee, a) => {
    const u = unitIndex.get(attendee.unitId)!;
    const unit = units[u];
    const node = graph.addNode();
    graph.addArc(source, node, 1, 0);
    const busy = new Set(attendee.busyDates);
    const held = new Set(attendee.heldTopicIds);
    const trained = new Set(attendee.trainedTopicIds);
    const reasons = new Set<AttendeeExclusion>();
    const mine: number[] = [];
    const worthOf = (topicId: string, interest: number) =>
      w.attendeeSeat + w.attendeeInterest * interest + (trained.has(topicId) ? 0 : w.attendeeNeverTrained);

    // Someone with force pins the rules allow takes one of those seminars or none: the honoured
    // pin's, forced, or (when every pin was refused for seats or limits) any of them left free.
    for (const s of pinnedOptions.get(a) ?? []) {
      const seminar = seminars[s];
      const us = unitSeminar(u, s);
      const worth = worthOf(seminar.topicId, attendee.interests[seminar.topicId] ?? 0);
      addVariable(node, unitSeminarNodes[us], 1, -(worth + (unitSeminars[us].paired.length > 0 ? w.attendeeReferralPairing : 0)), forcedSeminar.get(a) === s ? 1 : 0, 1, a, us, worth);
      mine.push(s);
    }
    if (mine.length === 0) {
      let interested = false;
      for (const topicId in attendee.interests) {
        const interest = attendee.interests[topicId];
        if (!(interest > 0)) continue;
        interested = true;
        const scope = byTopic.get(settings.sameNetworkOnly ? `${topicId}|${unit.networkId}` : topicId);
        if (!scope) continue;
        if (!attendee.willing) {
          reasons.add('not_willing');
          continue;
        }
        if (held.has(topicId)) {
          reasons.add('already_has_topic');
          continue;
        }
        const openKey = `${u}|${topicId}`;
        let open = unitOpen.get(openKey);
        if (!open) {
          open = [];
          for (const s of scope) {
            const block = unitBlock(u, s);
            if (block) reasons.add(block);
            else open.push(s);
          }
          unitOpen.set(openKey, open);
        } else if (open.length < scope.length) {
          for (const s of scope) {
            const block = unitBlock(u, s);
            if (block) reasons.add(block);
          }
        }
        const mineForTopic: number[] = [];
        let restricted = false;
        for (const s of open) {
          const key = pairKey(attendee.id, seminars[s].id);
          if (forbidden.has(key)) {
            reasons.add('pinned_out');
            restricted = true;
          } else if (isUnavailable(seminars[s].dates, attendee.unavailable, busy)) {
            reasons.add('unavailable');
            restricted = true;
          } else mineForTopic.push(s);
        }
        if (mineForTopic.length === 0) continue;
        const worth = worthOf(topicId, interest);
        if (!restricted) {
          const ut = unitTopic(u, topicId, open);
          addVariable(node, unitTopicNodes[ut], 1, -worth, 0, 0, a, ut, worth);
        } else {
          for (const s of mineForTopic) {
            const us = unitSeminar(u, s);
            addVariable(node, unitSeminarNodes[us], 1, -(worth + (unitSeminars[us].paired.length > 0 ? w.attendeeReferralPairing : 0)), 0, 1, a, us, worth);
          }
        }
        mine.push(...mineForTopic);
      }
      if (mine.length === 0) {
        if (!interested) reasons.add('no_interest');
        else if (reasons.size === 0) reasons.add('no_seminar');
        noOption.set(a, firstReason(reasons));
      }
    }
    options.push(mine);
  });

  // Unit-topic fan-out to the unit's seminars of the topic, priced by pairing.
  unitTopics.forEach((ut, index) => {
    for (const s of ut.seminars) {
      const us = unitSeminar(ut.unit, s);
      ut.arcs.push(graph.addArc(unitTopicNodes[index], unitSeminarNodes[us], unitSeminars[us].room, unitSeminars[us].paired.length > 0 ? -w.attendeeReferralPairing : 0));
    }
  });
  unitSeminars.forEach((us, i) => {
    us.variable = addVariable(unitSeminarNodes[i], seminarNode[us.seminar], us.room, 0, 0, 2, -1, i, 0);
  });

  // Daily share: per unit and date, the unit-seminar arcs of the seminars held that day.
  const side = new SideConstraints();
  const byUnitDate = new Map<string, number[]>();
  unitSeminars.forEach((us) => {
    for (const date of seminars[us.seminar].dates) {
      const key = `${us.unit}|${date}`;
      if (!byUnitDate.has(key)) byUnitDate.set(key, []);
      byUnitDate.get(key)!.push(us.variable);
    }
  });
  // The same seminars on consecutive days need one constraint, the one of the day with the least room.
  const tightest = new Map<string, { key: string; members: number[]; limit: number }>();
  for (const [key, members] of byUnitDate) {
    const limit = allowance.get(key)!;
    let most = 0;
    for (const v of members) most += variables.capacity[v];
    if (most <= limit) continue;
    const signature = `${key.split('|')[0]}:${members.join(',')}`;
    const known = tightest.get(signature);
    if (!known || limit < known.limit) tightest.set(signature, { key, members, limit });
  }
  for (const { key, members, limit } of tightest.values()) {
    const [u, date] = key.split('|');
    side.add(members, limit, `daily share ${units[Number(u)].id} ${date}`);
  }

  return {
    network: { fixed: graph, source, sink, variables, side },
    kind: Uint8Array.from(kind),
    attendeeOf: Int32Array.from(attendeeOf),
    targetOf: Int32Array.from(targetOf),
    personalWorth: Float64Array.from(personalWorth),
    unitTopics,
    unitSeminars,
    unitSeminarIndex,
    unitIndex,
    options,
    noOption,
    pinned,
    pinsRefused,
    seats,
    allowance,
    seminars,
    units,
    settings,
  };
}

/**
 * Attendee force pins, in the instance's order. A pin the rules refuse (held topic, unavailable, a
 * seminar the unit cannot send anyone to) is refused with why. Of the others, the first of each
 * person is honoured while the seminar's seats, the unit's place under the per-unit cap and its
 * daily share leave room next to the pins honoured before it; the rest are refused with the limit
 * they meet (`already_seated` when the person is pinned to an earlier seminar). The pins honoured
 * fit together, so forcing them all never breaks a limit.
 */
function honouredAttendeePins(
  instance: MatchingInstance,
  seminarIndex: Map<string, number>,
  unitIndex: Map<string, number>,
  seats: Int32Array,
  unitBlock: (u: number, s: number) => AttendeeExclusion | undefined,
  allowanceOf: (u: number, date: string) => number,
  unitRoomOf: (u: number, s: number) => number,
  pinsRefused: Map<string, PinReason>,
): { pinnedOptions: Map<number, number[]>; forcedSeminar: Map<number, number> } {
  const { seminars, attendees } = instance;
  const attendeeIndex = new Map(attendees.map((a, i) => [a.id, i]));
  const pinnedOptions = new Map<number, number[]>();
  const forcedSeminar = new Map<number, number>();
  const seatsUsed = new Int32Array(seminars.length);
  const unitUsed = new Map<string, number>();
  const awayUsed = new Map<string, number>();
  const seen = new Set<string>();
  for (const pin of instance.pins ?? []) {
    const a = attendeeIndex.get(pin.personId);
    const s = seminarIndex.get(pin.seminarId);
    const key = pairKey(pin.personId, pin.seminarId);
    if (pin.kind !== 'force' || a === undefined || s === undefined || seen.has(key)) continue;
    seen.add(key);
    const attendee = attendees[a];
    const seminar = seminars[s];
    const u = unitIndex.get(attendee.unitId)!;
    const refused = attendee.heldTopicIds.includes(seminar.topicId)
      ? 'already_has_topic'
      : isUnavailable(seminar.dates, attendee.unavailable, new Set(attendee.busyDates))
        ? 'unavailable'
        : unitBlock(u, s);
    if (refused) {
      pinsRefused.set(key, refused);
      continue;
    }
    if (!pinnedOptions.has(a)) pinnedOptions.set(a, []);
    pinnedOptions.get(a)!.push(s);
    const unitRoom = unitRoomOf(u, s);
    let limit: PinReason | undefined;
    if (forcedSeminar.has(a)) limit = 'already_seated';
    else if (seatsUsed[s] >= seats[s]) limit = 'capacity';
    else if ((unitUsed.get(`${u}|${s}`) ?? 0) >= unitRoom) limit = 'unit_cap';
    else if (seminar.dates.some((date) => (awayUsed.get(`${u}|${date}`) ?? 0) >= allowanceOf(u, date))) limit = 'unit_daily_share';
    if (limit) {
      pinsRefused.set(key, limit);
      continue;
    }
    forcedSeminar.set(a, s);
    seatsUsed[s]++;
    unitUsed.set(`${u}|${s}`, (unitUsed.get(`${u}|${s}`) ?? 0) + 1);
    for (const date of seminar.dates) awayUsed.set(`${u}|${date}`, (awayUsed.get(`${u}|${date}`) ?? 0) + 1);
  }
  return { pinnedOptions, forcedSeminar };
}

const REASON_ORDER: AttendeeExclusion[] = ['capacity', 'unit_cap', 'unit_daily_share', 'unavailable', 'already_has_topic', 'pinned_out', 'not_willing', 'no_seminar', 'no_interest'];

function firstReason(reasons: Set<AttendeeExclusion>): AttendeeExclusion {
  for (const reason of REASON_ORDER) if (reasons.has(reason)) return reason;
  return 'no_interest';
}

/** The seminar each attendee got (−1 for none), read from a solution's variable and fixed-arc flows. */
export function seatsFromFlow(stage: AttendeeStage, values: ArrayLike<number>, fixedFlow: ArrayLike<number>): Int32Array {
  const seat = new Int32Array(stage.options.length).fill(-1);
  const queued: number[][] = stage.unitTopics.map(() => []);
  for (let v = 0; v < values.length; v++) {
    if (values[v] <= 0) continue;
    if (stage.kind[v] === 1) seat[stage.attendeeOf[v]] = stage.unitSeminars[stage.targetOf[v]].seminar;
    else if (stage.kind[v] === 0) queued[stage.targetOf[v]].push(stage.attendeeOf[v]);
  }
  // People who came through a unit-topic node can take any of its seminars: hand them out in order.
  stage.unitTopics.forEach((ut, index) => {
    const people = queued[index];
    let next = 0;
    ut.seminars.forEach((s, k) => {
      for (let f = fixedFlow[ut.arcs[k]]; f > 0; f--) seat[people[next++]] = s;
    });
  });
  return seat;
}

export function attendeeAssignments(stage: AttendeeStage, seat: Int32Array, instance: MatchingInstance): Map<string, AttendeeAssignment[]> {
  const w = stage.settings.weights;
  const chosen = new Map<string, AttendeeAssignment[]>();
  seat.forEach((s, a) => {
    if (s < 0) return;
    const attendee = instance.attendees[a];
    const seminar = stage.seminars[s];
    const interest = attendee.interests[seminar.topicId] ?? 0;
    const neverTrained = !attendee.trainedTopicIds.includes(seminar.topicId);
    const u = stage.unitIndex.get(attendee.unitId)!;
    const us = stage.unitSeminarIndex.get(u * stage.seminars.length + s);
    const paired = us === undefined ? [] : stage.unitSeminars[us].paired;
    if (!chosen.has(seminar.id)) chosen.set(seminar.id, []);
    chosen.get(seminar.id)!.push({
      personId: attendee.id,
      unitId: attendee.unitId,
      interest,
      pairedFacilitatorIds: paired,
      neverTrained,
      pinned: stage.pinned.has(pairKey(attendee.id, seminar.id)),
      weight: w.attendeeSeat + w.attendeeInterest * interest + (paired.length > 0 ? w.attendeeReferralPairing : 0) + (neverTrained ? w.attendeeNeverTrained : 0),
    });
  });
  return chosen;
}

/**
 * Why each person without a seat has none. For someone who had seminars to choose from, the
 * answer looks at those seminars in the final assignment: a free seat blocked by the per-unit cap,
 * by the unit's daily share, or no free seat at all.
 */
export function attendeeExclusions(stage: AttendeeStage, seat: Int32Array, instance: MatchingInstance): { personId: string; unitId: string; reason: AttendeeExclusion }[] {
  const taken = new Int32Array(stage.seminars.length);
  const unitTaken = new Map<string, number>();
  const away = new Map<string, number>();
  const unitOf = stage.unitIndex;
  seat.forEach((s, a) => {
    if (s < 0) return;
    const u = unitOf.get(instance.attendees[a].unitId)!;
    taken[s]++;
    unitTaken.set(`${u}|${s}`, (unitTaken.get(`${u}|${s}`) ?? 0) + 1);
    for (const date of stage.seminars[s].dates) away.set(`${u}|${date}`, (away.get(`${u}|${date}`) ?? 0) + 1);
  });
  const out: { personId: string; unitId: string; reason: AttendeeExclusion }[] = [];
  instance.attendees.forEach((attendee, a) => {
    if (seat[a] >= 0) return;
    const noOption = stage.noOption.get(a);
    if (noOption) {
      out.push({ personId: attendee.id, unitId: attendee.unitId, reason: noOption });
      return;
    }
    const u = unitOf.get(attendee.unitId)!;
    let rank = 0;
    for (const s of stage.options[a]) {
      if (taken[s] >= stage.seats[s]) continue;
      const room = stage.settings.unitSeminarCap - (stage.seminars[s].unitSeatsTaken[attendee.unitId] ?? 0);
      if ((unitTaken.get(`${u}|${s}`) ?? 0) >= room) rank = Math.max(rank, 1);
      else if (stage.seminars[s].dates.some((date) => (away.get(`${u}|${date}`) ?? 0) >= stage.allowance.get(`${u}|${date}`)!)) rank = Math.max(rank, 2);
      else rank = 3;
    }
    out.push({ personId: attendee.id, unitId: attendee.unitId, reason: SEATED_OBSTACLES[rank] });
  });
  return out;
}

const SEATED_OBSTACLES: AttendeeExclusion[] = ['capacity', 'unit_cap', 'unit_daily_share', 'search_limit'];

/**
 * Seats people the search left out in free seats wherever every rule still allows it (seats, the
 * per-unit cap, the unit's daily share; the person's options already respect availability, held
 * topics, pins and the network), best worth first, then by attendee and seminar order. Then, while
 * it gains, someone left out takes the place of a seated person whose seat stands in the way, that
 * person moving to the best seat still open to them or leaving: each exchange raises the
 * objective. Changes `seat` in place and returns the worth added. The exchanges stop once `meter`
 * passes `limit` (a {@link WorkMeter.done} value).
 */
export function fillOpenSeats(stage: AttendeeStage, seat: Int32Array, instance: MatchingInstance, meter = new WorkMeter(), limit = Infinity): number {
  const { seminars, settings } = stage;
  const taken = new Int32Array(seminars.length);
  const unitTaken = new Map<string, number>();
  const away = new Map<string, number>();
  const unitOfAttendee = instance.attendees.map((a) => stage.unitIndex.get(a.unitId)!);
  const allowanceOf = (u: number, date: string) =>
    stage.allowance.get(`${u}|${date}`) ?? dailyAllowance(stage.units[u].attendeeStaff, settings.unitDailyShare) - (stage.units[u].awayByDate[date] ?? 0);
  const forced = new Set<number>();
  for (let v = 0; v < stage.network.variables.count; v++) if (stage.network.variables.lo[v] > 0 && stage.kind[v] === 1) forced.add(stage.attendeeOf[v]);
  // Who sits at each seminar, for finding who stands in the way of a full one.
  const members: Set<number>[] = seminars.map(() => new Set());
  const count = (s: number, a: number, by: number) => {
    meter.add(SEAT_WORK * (2 + seminars[s].dates.length));
    const u = unitOfAttendee[a];
    if (by > 0) members[s].add(a);
    else members[s].delete(a);
    taken[s] += by;
    unitTaken.set(`${u}|${s}`, (unitTaken.get(`${u}|${s}`) ?? 0) + by);
    for (const date of seminars[s].dates) away.set(`${u}|${date}`, (away.get(`${u}|${date}`) ?? 0) + by);
  };
  seat.forEach((s, a) => s >= 0 && count(s, a, 1));
  const fits = (a: number, s: number) => {
    meter.add(SEAT_WORK * (2 + seminars[s].dates.length));
    const u = unitOfAttendee[a];
    if (taken[s] >= stage.seats[s]) return false;
    const room = settings.unitSeminarCap - (seminars[s].unitSeatsTaken[stage.units[u].id] ?? 0);
    if ((unitTaken.get(`${u}|${s}`) ?? 0) >= room) return false;
    return !seminars[s].dates.some((date) => (away.get(`${u}|${date}`) ?? 0) >= allowanceOf(u, date));
  };
  const worthOf = stage.options.map((list, a) => list.map((s) => seatWorth(stage, instance, a, s)));
  const worthAt = (a: number, s: number) => worthOf[a][stage.options[a].indexOf(s)];
  // Every (person, seminar) option, best worth first; typed arrays keep a national instance small.
  let optionCount = 0;
  stage.options.forEach((list, a) => !stage.noOption.has(a) && (optionCount += list.length));
  const optionA = new Int32Array(optionCount);
  const optionS = new Int32Array(optionCount);
  const optionWorth = new Float64Array(optionCount);
  let next = 0;
  stage.options.forEach((list, a) => {
    if (stage.noOption.has(a)) return;
    list.forEach((s, k) => {
      optionA[next] = a;
      optionS[next] = s;
      optionWorth[next++] = worthOf[a][k];
    });
  });
  const order = Int32Array.from({ length: optionCount }, (_, i) => i).sort(
    (x, y) => optionWorth[y] - optionWorth[x] || optionA[x] - optionA[y] || optionS[x] - optionS[y],
  );
  // Members of each unit, for finding who stands in the way.
  const byUnit: number[][] = stage.units.map(() => []);
  unitOfAttendee.forEach((u, a) => byUnit[u].push(a));

  let gain = 0;
  const fill = () => {
    meter.add(order.length);
    for (const i of order) {
      const a = optionA[i];
      const s = optionS[i];
      if (seat[a] >= 0 || !fits(a, s)) continue;
      seat[a] = s;
      count(s, a, 1);
      gain += optionWorth[i];
    }
  };
  /** The best seat `b` can take as things stand, if any. */
  const bestFor = (b: number): { s: number; worth: number } | undefined => {
    let best: { s: number; worth: number } | undefined;
    stage.options[b].forEach((s, k) => {
      if (fits(b, s) && (!best || worthOf[b][k] > best.worth)) best = { s, worth: worthOf[b][k] };
    });
    return best;
  };
  /** Seats `a` at `s` in place of the seated person whose leaving gains the most, if any gains. */
  const exchange = (a: number, s: number, worth: number): boolean => {
    const u = unitOfAttendee[a];
    let best: { b: number; to: number; change: number } | undefined;
    const consider = (b: number) => {
      meter.add(worthOf[b].length + 1);
      const from = seat[b];
      if (from < 0 || b === a || forced.has(b)) return;
      const lost = worthAt(b, from);
      if (worth <= lost - Math.max(0, ...worthOf[b])) return;
      count(from, b, -1);
      seat[b] = -1;
      if (fits(a, s)) {
        seat[a] = s;
        count(s, a, 1);
        const next = bestFor(b);
        const change = worth - lost + (next ? next.worth : 0);
        if (change > 0 && (!best || change > best.change)) best = { b, to: next ? next.s : -1, change };
        count(s, a, -1);
        seat[a] = -1;
      }
      seat[b] = from;
      count(from, b, 1);
    };
    if (taken[s] >= stage.seats[s]) {
      for (const b of [...members[s]]) consider(b);
    } else for (const b of byUnit[u]) consider(b);
    if (!best) return false;
    const { b, to, change } = best;
    count(seat[b], b, -1);
    seat[b] = -1;
    seat[a] = s;
    count(s, a, 1);
    if (to >= 0) {
      seat[b] = to;
      count(to, b, 1);
    }
    gain += change;
    return true;
  };

  fill();
  for (let round = 0, changed = true; changed && round < EXCHANGE_ROUNDS; round++) {
    changed = false;
    for (const i of order) {
      const a = optionA[i];
      if (seat[a] >= 0 || stage.options[a].length === 0) continue;
      if (meter.past(limit)) return gain;
      if (exchange(a, optionS[i], optionWorth[i])) {
        changed = true;
        fill();
      }
    }
  }
  return gain;
}

/** Units of work (see {@link WorkMeter}) for one look-up or update of the seat counts. */
const SEAT_WORK = 3;

/** Passes over the people left out looking for exchanges. */
const EXCHANGE_ROUNDS = 20;

/** What seating attendee `a` at seminar `s` is worth, as `attendeeAssignments` weighs it. */
function seatWorth(stage: AttendeeStage, instance: MatchingInstance, a: number, s: number): number {
  const w = stage.settings.weights;
  const attendee = instance.attendees[a];
  const seminar = stage.seminars[s];
  const interest = attendee.interests[seminar.topicId] ?? 0;
  const neverTrained = !attendee.trainedTopicIds.includes(seminar.topicId);
  const us = stage.unitSeminarIndex.get(stage.unitIndex.get(attendee.unitId)! * stage.seminars.length + s);
  const paired = us !== undefined && stage.unitSeminars[us].paired.length > 0;
  return w.attendeeSeat + w.attendeeInterest * interest + (paired ? w.attendeeReferralPairing : 0) + (neverTrained ? w.attendeeNeverTrained : 0);
}
