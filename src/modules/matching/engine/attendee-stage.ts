import type {
  AttendeeAssignment,
  AttendeeExclusion,
  FacilitatorAssignment,
  InstanceSeminar,
  InstanceUnit,
  MatchingInstance,
  PinReason,
  Settings,
} from './instance';
import { FlowGraph } from './min-cost-flow';
import {
  PRICE_SCALE,
  SideConstraints,
  Variables,
  type Bound,
  type NodeSolution,
  type Restriction,
  type StageNetwork,
} from './flow-model';
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

export function buildAttendeeStage(
  instance: MatchingInstance,
  settings: Settings,
  facilitators: Map<string, FacilitatorAssignment[]>,
): AttendeeStage {
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
  const addVariable = (
    from: number,
    to: number,
    capacity: number,
    cost: number,
    lo: number,
    k: number,
    attendee: number,
    target: number,
    worth: number,
  ) => {
    kind.push(k);
    attendeeOf.push(attendee);
    targetOf.push(target);
    personalWorth.push(worth);
    return variables.add(from, to, capacity, cost, lo);
  };

  const facilitatorHospitals = seminars.map((seminar) => {
    const list: { personId: string; hospitalId: string }[] = [];
    for (const f of seminar.facilitators)
      if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
    for (const f of facilitators.get(seminar.id) ?? [])
      if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
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
      const paired = facilitatorHospitals[s]
        .filter((f) => units[u].referralHospitalIds.includes(f.hospitalId))
        .map((f) => f.personId);
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
      addVariable(
        node,
        unitSeminarNodes[us],
        1,
        -(worth + (unitSeminars[us].paired.length > 0 ? w.attendeeReferralPairing : 0)),
        forcedSeminar.get(a) === s ? 1 : 0,
        1,
        a,
        us,
        worth,
      );
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
            addVariable(
              node,
              unitSeminarNodes[us],
              1,
              -(worth + (unitSeminars[us].paired.length > 0 ? w.attendeeReferralPairing : 0)),
              0,
              1,
              a,
              us,
              worth,
            );
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
      ut.arcs.push(
        graph.addArc(
          unitTopicNodes[index],
          unitSeminarNodes[us],
          unitSeminars[us].room,
          unitSeminars[us].paired.length > 0 ? -w.attendeeReferralPairing : 0,
        ),
      );
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
    else if (seminar.dates.some((date) => (awayUsed.get(`${u}|${date}`) ?? 0) >= allowanceOf(u, date)))
      limit = 'unit_daily_share';
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

const REASON_ORDER: AttendeeExclusion[] = [
  'capacity',
  'unit_cap',
  'unit_daily_share',
  'unavailable',
  'already_has_topic',
  'pinned_out',
  'not_willing',
  'no_seminar',
  'no_interest',
];

function firstReason(reasons: Set<AttendeeExclusion>): AttendeeExclusion {
  for (const reason of REASON_ORDER) if (reasons.has(reason)) return reason;
  return 'no_interest';
}

/** The seminar each attendee got (−1 for none), read from a solution's variable and fixed-arc flows. */
export function seatsFromFlow(
  stage: AttendeeStage,
  values: ArrayLike<number>,
  fixedFlow: ArrayLike<number>,
): Int32Array {
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

export function attendeeAssignments(
  stage: AttendeeStage,
  seat: Int32Array,
  instance: MatchingInstance,
): Map<string, AttendeeAssignment[]> {
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
      weight:
        w.attendeeSeat +
        w.attendeeInterest * interest +
        (paired.length > 0 ? w.attendeeReferralPairing : 0) +
        (neverTrained ? w.attendeeNeverTrained : 0),
    });
  });
  return chosen;
}

/**
 * Why each person without a seat has none. For someone who had seminars to choose from, the
 * answer looks at those seminars in the final assignment: a free seat blocked by the per-unit cap,
 * by the unit's daily share, or no free seat at all.
 */
export function attendeeExclusions(
  stage: AttendeeStage,
  seat: Int32Array,
  instance: MatchingInstance,
): { personId: string; unitId: string; reason: AttendeeExclusion }[] {
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
      else if (
        stage.seminars[s].dates.some((date) => (away.get(`${u}|${date}`) ?? 0) >= stage.allowance.get(`${u}|${date}`)!)
      )
        rank = Math.max(rank, 2);
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
export function fillOpenSeats(
  stage: AttendeeStage,
  seat: Int32Array,
  instance: MatchingInstance,
  meter = new WorkMeter(),
  limit = Infinity,
): number {
  const { seminars, settings } = stage;
  const taken = new Int32Array(seminars.length);
  const unitTaken = new Map<string, number>();
  const away = new Map<string, number>();
  const unitOfAttendee = instance.attendees.map((a) => stage.unitIndex.get(a.unitId)!);
  const allowanceOf = (u: number, date: string) =>
    stage.allowance.get(`${u}|${date}`) ??
    dailyAllowance(stage.units[u].attendeeStaff, settings.unitDailyShare) - (stage.units[u].awayByDate[date] ?? 0);
  const forced = new Set<number>();
  for (let v = 0; v < stage.network.variables.count; v++)
    if (stage.network.variables.lo[v] > 0 && stage.kind[v] === 1) forced.add(stage.attendeeOf[v]);
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
  return (
    w.attendeeSeat +
    w.attendeeInterest * interest +
    (paired ? w.attendeeReferralPairing : 0) +
    (neverTrained ? w.attendeeNeverTrained : 0)
  );
}

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
