import type {
  AttendeeExclusion,
  FacilitatorAssignment,
  InstanceAttendee,
  InstanceSeminar,
  InstanceUnit,
  MatchingInstance,
  PinReason,
  Settings,
  Weights,
} from './instance';
import { FlowGraph } from './min-cost-flow';
import { SideConstraints, Variables, type StageNetwork } from './flow-model';
import { dailyAllowance, isUnavailable, pairKey } from './settings';

/**
 * Stage 2, attendees: who takes the seats. The network {@link buildAttendeeStage} builds, with what
 * reading its flows back needs (attendee-outcome.ts), the search after it (attendee-search.ts) and
 * the daily share's heuristic (attendee-daily-share.ts).
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

/** Stage 2's network, given the facilitators stage 1 chose (see {@link AttendeeStageBuilder}). */
export function buildAttendeeStage(
  instance: MatchingInstance,
  settings: Settings,
  facilitators: Map<string, FacilitatorAssignment[]>,
): AttendeeStage {
  return new AttendeeStageBuilder(instance, settings, facilitators).build();
}

/** A seminar's facilitator from a hospital. */
interface HospitalFacilitator {
  personId: string;
  hospitalId: string;
}

/** A unit's daily share on one date: the variables it bounds and the people it allows. */
interface DailyShare {
  /** `unit|date`. */
  key: string;
  members: number[];
  limit: number;
}

/** One attendee while their options are read: who they are, their node, what they can take and why not. */
interface AttendeeVisit {
  attendee: InstanceAttendee;
  a: number;
  u: number;
  node: number;
  busy: Set<string>;
  held: Set<string>;
  trained: Set<string>;
  reasons: Set<AttendeeExclusion>;
  /** The seminars they could take. */
  mine: number[];
}

/**
 * Builds stage 2's network.
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
class AttendeeStageBuilder {
  private readonly w: Weights;
  private readonly seminars: InstanceSeminar[];
  private readonly units: InstanceUnit[];
  private readonly unitIndex: Map<string, number>;
  private readonly seminarIndex: Map<string, number>;
  /** Free seats per seminar. */
  private readonly seats: Int32Array;
  /** Per unit and date (`unit|date`): people the unit may still have away, filled on first use. */
  private readonly allowance = new Map<string, number>();
  /** Pairs (`pairKey`) a pin forbids. */
  private readonly forbidden = new Set<string>();
  /** Pairs a force pin names. */
  private readonly pinned = new Set<string>();
  private readonly pinsRefused = new Map<string, PinReason>();
  /** Seminar indices by topic, or by topic and network when attendees stay in their own network. */
  private readonly byTopic = new Map<string, number[]>();
  /** Per seminar: its facilitators from a hospital, chosen or kept. */
  private readonly facilitatorHospitals: HospitalFacilitator[][];

  private readonly graph = new FlowGraph();
  private readonly source: number;
  private readonly sink: number;
  private readonly seminarNode: Int32Array;
  private readonly variables = new Variables();
  private readonly kind: number[] = [];
  private readonly attendeeOf: number[] = [];
  private readonly targetOf: number[] = [];
  private readonly personalWorth: number[] = [];

  /** Unit-seminar pairs, created on first use. */
  private readonly unitSeminars: AttendeeStage['unitSeminars'] = [];
  private readonly unitSeminarNodes: number[] = [];
  private readonly unitSeminarIndex = new Map<number, number>();
  /** Unit-topic pairs, created on first use. */
  private readonly unitTopics: AttendeeStage['unitTopics'] = [];
  private readonly unitTopicNodes: number[] = [];
  private readonly unitTopicIndex = new Map<string, number>();
  /** Per unit and topic (`unit|topic`): the seminars of the topic the unit can take. */
  private readonly unitOpen = new Map<string, number[]>();

  private readonly options: number[][] = [];
  private readonly noOption = new Map<number, AttendeeExclusion>();
  private readonly side = new SideConstraints();

  constructor(
    private readonly instance: MatchingInstance,
    private readonly settings: Settings,
    facilitators: Map<string, FacilitatorAssignment[]>,
  ) {
    this.w = settings.weights;
    this.seminars = instance.seminars;
    this.units = instance.units;
    this.unitIndex = new Map(this.units.map((u, i) => [u.id, i]));
    this.seminarIndex = new Map(this.seminars.map((s, i) => [s.id, i]));
    this.seats = Int32Array.from(this.seminars, (s) => Math.max(0, s.capacity - s.seatsTaken));
    this.facilitatorHospitals = this.seminars.map((seminar) => hospitalFacilitators(seminar, facilitators));
    this.source = this.graph.addNode();
    this.sink = this.graph.addNode();
    this.seminarNode = Int32Array.from(this.seminars, () => this.graph.addNode());
  }

  build(): AttendeeStage {
    this.readPins();
    this.groupSeminarsByTopic();
    this.addSeatArcs();
    this.addAttendees();
    this.addUnitTopicArcs();
    this.addUnitSeminarArcs();
    this.addDailyShare();
    return this.result();
  }

  /** Pairs a pin forbids, and pairs a force pin names (honoured or not). */
  private readPins(): void {
    for (const pin of this.instance.pins ?? []) {
      if (!this.seminarIndex.has(pin.seminarId)) continue;
      if (pin.kind === 'forbid') this.forbidden.add(pairKey(pin.personId, pin.seminarId));
      else this.pinned.add(pairKey(pin.personId, pin.seminarId));
    }
  }

  private groupSeminarsByTopic(): void {
    this.seminars.forEach((seminar, s) => {
      const key = this.settings.sameNetworkOnly ? `${seminar.topicId}|${seminar.networkId}` : seminar.topicId;
      if (!this.byTopic.has(key)) this.byTopic.set(key, []);
      this.byTopic.get(key)!.push(s);
    });
  }

  /** Seminar → sink arcs: the free seats. */
  private addSeatArcs(): void {
    this.seminars.forEach((_, s) => this.graph.addArc(this.seminarNode[s], this.sink, this.seats[s], 0));
  }

  /** People unit `u` may still have away on `date`. */
  private allowanceOf(u: number, date: string): number {
    const key = `${u}|${date}`;
    let left = this.allowance.get(key);
    if (left === undefined) {
      const unit = this.units[u];
      left = dailyAllowance(unit.attendeeStaff, this.settings.unitDailyShare) - (unit.awayByDate[date] ?? 0);
      this.allowance.set(key, left);
    }
    return left;
  }

  /** Places unit `u` has left in seminar `s` under the per-unit cap. */
  private unitRoom(u: number, s: number): number {
    return this.settings.unitSeminarCap - (this.seminars[s].unitSeatsTaken[this.units[u].id] ?? 0);
  }

  /** Why a unit cannot take a seminar at all, if it cannot. */
  private unitBlock(u: number, s: number): AttendeeExclusion | undefined {
    if (this.seats[s] <= 0) return 'capacity';
    if (this.unitRoom(u, s) <= 0) return 'unit_cap';
    if (this.seminars[s].dates.some((date) => this.allowanceOf(u, date) <= 0)) return 'unit_daily_share';
    return undefined;
  }

  private addVariable(
    from: number,
    to: number,
    capacity: number,
    cost: number,
    lo: number,
    k: number,
    attendee: number,
    target: number,
    worth: number,
  ): number {
    this.kind.push(k);
    this.attendeeOf.push(attendee);
    this.targetOf.push(target);
    this.personalWorth.push(worth);
    return this.variables.add(from, to, capacity, cost, lo);
  }

  /** The unit-seminar node of unit `u` and seminar `s` (its index), created on first use. */
  private unitSeminar(u: number, s: number): number {
    const key = u * this.seminars.length + s;
    let index = this.unitSeminarIndex.get(key);
    if (index === undefined) {
      index = this.unitSeminars.length;
      this.unitSeminarIndex.set(key, index);
      this.unitSeminarNodes.push(this.graph.addNode());
      const referrals = this.units[u].referralHospitalIds;
      const paired = this.facilitatorHospitals[s]
        .filter((f) => referrals.includes(f.hospitalId))
        .map((f) => f.personId);
      this.unitSeminars.push({ unit: u, seminar: s, paired, room: this.unitRoom(u, s), variable: -1 });
    }
    return index;
  }

  /** The unit-topic node of unit `u` and a topic (its index), created on first use. */
  private unitTopic(u: number, topicId: string, open: number[]): number {
    const key = `${u}|${topicId}`;
    let index = this.unitTopicIndex.get(key);
    if (index === undefined) {
      index = this.unitTopics.length;
      this.unitTopicIndex.set(key, index);
      this.unitTopicNodes.push(this.graph.addNode());
      this.unitTopics.push({ unit: u, topicId, seminars: open, arcs: [] });
    }
    return index;
  }

  /** Every attendee, in the instance's order, once the force pins that hold are known. */
  private addAttendees(): void {
    const { pinnedOptions, forcedSeminar } = honouredAttendeePins(
      this.instance,
      this.seminarIndex,
      this.unitIndex,
      this.seats,
      (u, s) => this.unitBlock(u, s),
      (u, date) => this.allowanceOf(u, date),
      (u, s) => this.unitRoom(u, s),
      this.pinsRefused,
    );
    this.instance.attendees.forEach((attendee, a) =>
      this.addAttendee(attendee, a, pinnedOptions.get(a), forcedSeminar.get(a)),
    );
  }

  /** An attendee's node and arcs to what they can take, or why they can take nothing. */
  private addAttendee(
    attendee: InstanceAttendee,
    a: number,
    pins: number[] | undefined,
    forced: number | undefined,
  ): void {
    const u = this.unitIndex.get(attendee.unitId)!;
    const node = this.graph.addNode();
    this.graph.addArc(this.source, node, 1, 0);
    const visit: AttendeeVisit = {
      attendee,
      a,
      u,
      node,
      busy: new Set(attendee.busyDates),
      held: new Set(attendee.heldTopicIds),
      trained: new Set(attendee.trainedTopicIds),
      reasons: new Set(),
      mine: [],
    };
    if (pins) this.addPinnedOptions(visit, pins, forced);
    if (visit.mine.length === 0) this.addInterestOptions(visit);
    this.options.push(visit.mine);
  }

  /** The person-and-topic part of a seat's worth. */
  private worthOf(visit: AttendeeVisit, topicId: string, interest: number): number {
    const w = this.w;
    return w.attendeeSeat + w.attendeeInterest * interest + (visit.trained.has(topicId) ? 0 : w.attendeeNeverTrained);
  }

  /** An arc from the attendee straight to a unit-seminar node, worth the whole seat. */
  private addSeminarArc(visit: AttendeeVisit, us: number, worth: number, lo: number): void {
    const pairing = this.unitSeminars[us].paired.length > 0 ? this.w.attendeeReferralPairing : 0;
    this.addVariable(visit.node, this.unitSeminarNodes[us], 1, -(worth + pairing), lo, 1, visit.a, us, worth);
  }

  /**
   * Someone with force pins the rules allow takes one of those seminars or none: the honoured
   * pin's, forced, or (when every pin was refused for seats or limits) any of them left free.
   */
  private addPinnedOptions(visit: AttendeeVisit, pins: number[], forced: number | undefined): void {
    for (const s of pins) {
      const topicId = this.seminars[s].topicId;
      const worth = this.worthOf(visit, topicId, visit.attendee.interests[topicId] ?? 0);
      this.addSeminarArc(visit, this.unitSeminar(visit.u, s), worth, forced === s ? 1 : 0);
      visit.mine.push(s);
    }
  }

  /** The seminars of the topics the attendee is interested in, or why there are none. */
  private addInterestOptions(visit: AttendeeVisit): void {
    const { interests } = visit.attendee;
    let interested = false;
    for (const topicId in interests) {
      const interest = interests[topicId];
      if (!(interest > 0)) continue;
      interested = true;
      this.addTopicOptions(visit, topicId, interest);
    }
    if (visit.mine.length > 0) return;
    if (!interested) visit.reasons.add('no_interest');
    else if (visit.reasons.size === 0) visit.reasons.add('no_seminar');
    this.noOption.set(visit.a, firstReason(visit.reasons));
  }

  /**
   * One topic of interest: through the unit-topic node when the attendee can take every seminar
   * of the topic their unit can, else one arc per seminar they can take.
   */
  private addTopicOptions(visit: AttendeeVisit, topicId: string, interest: number): void {
    const { attendee, u, reasons } = visit;
    const scope = this.byTopic.get(this.settings.sameNetworkOnly ? `${topicId}|${this.units[u].networkId}` : topicId);
    if (!scope) return;
    if (!attendee.willing) {
      reasons.add('not_willing');
      return;
    }
    if (visit.held.has(topicId)) {
      reasons.add('already_has_topic');
      return;
    }
    const open = this.openSeminars(u, topicId, scope, reasons);
    const mineForTopic = this.availableSeminars(visit, open);
    if (mineForTopic.length === 0) return;
    const worth = this.worthOf(visit, topicId, interest);
    if (mineForTopic.length === open.length) {
      const ut = this.unitTopic(u, topicId, open);
      this.addVariable(visit.node, this.unitTopicNodes[ut], 1, -worth, 0, 0, visit.a, ut, worth);
    } else for (const s of mineForTopic) this.addSeminarArc(visit, this.unitSeminar(u, s), worth, 0);
    visit.mine.push(...mineForTopic);
  }

  /**
   * The seminars of a topic (`scope`) unit `u` can take, worked out once per unit and topic; what
   * blocks the others goes into `reasons`.
   */
  private openSeminars(u: number, topicId: string, scope: number[], reasons: Set<AttendeeExclusion>): number[] {
    const key = `${u}|${topicId}`;
    let open = this.unitOpen.get(key);
    if (!open) {
      open = [];
      for (const s of scope) {
        const block = this.unitBlock(u, s);
        if (block) reasons.add(block);
        else open.push(s);
      }
      this.unitOpen.set(key, open);
    } else if (open.length < scope.length) {
      for (const s of scope) {
        const block = this.unitBlock(u, s);
        if (block) reasons.add(block);
      }
    }
    return open;
  }

  /** Of the seminars the unit can take, those the attendee can: not pinned out, available on their dates. */
  private availableSeminars(visit: AttendeeVisit, open: number[]): number[] {
    const { attendee, reasons } = visit;
    const mine: number[] = [];
    for (const s of open) {
      if (this.forbidden.has(pairKey(attendee.id, this.seminars[s].id))) reasons.add('pinned_out');
      else if (isUnavailable(this.seminars[s].dates, attendee.unavailable, visit.busy)) reasons.add('unavailable');
      else mine.push(s);
    }
    return mine;
  }

  /** Unit-topic fan-out to the unit's seminars of the topic, priced by pairing. */
  private addUnitTopicArcs(): void {
    this.unitTopics.forEach((ut, index) => {
      for (const s of ut.seminars) {
        const us = this.unitSeminar(ut.unit, s);
        const pairing = this.unitSeminars[us].paired.length > 0 ? -this.w.attendeeReferralPairing : 0;
        ut.arcs.push(
          this.graph.addArc(this.unitTopicNodes[index], this.unitSeminarNodes[us], this.unitSeminars[us].room, pairing),
        );
      }
    });
  }

  /** Unit-seminar → seminar variables: the per-unit cap. */
  private addUnitSeminarArcs(): void {
    this.unitSeminars.forEach((us, i) => {
      const from = this.unitSeminarNodes[i];
      us.variable = this.addVariable(from, this.seminarNode[us.seminar], us.room, 0, 0, 2, -1, i, 0);
    });
  }

  /**
   * Daily share: per unit and date, the unit-seminar arcs of the seminars held that day, where
   * they could exceed the unit's allowance.
   */
  private addDailyShare(): void {
    for (const { key, members, limit } of this.tightestDailyShares(this.unitDateMembers()).values()) {
      const [u, date] = key.split('|');
      this.side.add(members, limit, `daily share ${this.units[Number(u)].id} ${date}`);
    }
  }

  /** Per unit and date (`unit|date`): the unit-seminar variables of the seminars held that day. */
  private unitDateMembers(): Map<string, number[]> {
    const byUnitDate = new Map<string, number[]>();
    this.unitSeminars.forEach((us) => {
      for (const date of this.seminars[us.seminar].dates) {
        const key = `${us.unit}|${date}`;
        if (!byUnitDate.has(key)) byUnitDate.set(key, []);
        byUnitDate.get(key)!.push(us.variable);
      }
    });
    return byUnitDate;
  }

  /**
   * The unit-dates whose arcs could exceed the allowance. The same seminars on consecutive days
   * need one constraint, the one of the day with the least room.
   */
  private tightestDailyShares(byUnitDate: Map<string, number[]>): Map<string, DailyShare> {
    const tightest = new Map<string, DailyShare>();
    for (const [key, members] of byUnitDate) {
      const limit = this.allowance.get(key)!;
      let most = 0;
      for (const v of members) most += this.variables.capacity[v];
      if (most <= limit) continue;
      const signature = `${key.split('|')[0]}:${members.join(',')}`;
      const known = tightest.get(signature);
      if (!known || limit < known.limit) tightest.set(signature, { key, members, limit });
    }
    return tightest;
  }

  private result(): AttendeeStage {
    const { graph, source, sink, variables, side } = this;
    return {
      network: { fixed: graph, source, sink, variables, side },
      kind: Uint8Array.from(this.kind),
      attendeeOf: Int32Array.from(this.attendeeOf),
      targetOf: Int32Array.from(this.targetOf),
      personalWorth: Float64Array.from(this.personalWorth),
      unitTopics: this.unitTopics,
      unitSeminars: this.unitSeminars,
      unitSeminarIndex: this.unitSeminarIndex,
      unitIndex: this.unitIndex,
      options: this.options,
      noOption: this.noOption,
      pinned: this.pinned,
      pinsRefused: this.pinsRefused,
      seats: this.seats,
      allowance: this.allowance,
      seminars: this.seminars,
      units: this.units,
      settings: this.settings,
    };
  }
}

/** A seminar's facilitators from a hospital: those it keeps, then those stage 1 chose. */
function hospitalFacilitators(
  seminar: InstanceSeminar,
  facilitators: Map<string, FacilitatorAssignment[]>,
): HospitalFacilitator[] {
  const list: HospitalFacilitator[] = [];
  for (const f of seminar.facilitators) if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
  for (const f of facilitators.get(seminar.id) ?? [])
    if (f.hospitalId) list.push({ personId: f.personId, hospitalId: f.hospitalId });
  return list;
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
