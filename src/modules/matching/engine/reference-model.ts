import type {
  FacilitatorAssignment,
  InstanceAttendee,
  InstanceSeminar,
  InstanceSpecialist,
  MatchingInstance,
  MatchingResult,
  Settings,
} from './instance';
import { dailyAllowance, isUnavailable, monthOf, pairKey } from './settings';

/**
 * The two stages as plain integer programs, read from the instance's rules rather than from the
 * engine's flow networks: one yes/no decision per person and seminar that the rules allow, a
 * worth per decision, and the limits every answer must respect. The checker and the LP export
 * build on this, so that an answer can be judged without trusting the engine's own model.
 */

export interface PinIndex {
  /** The kind of the last pin naming a pair (what the facilitator stage reads). */
  lastKind: Map<string, 'force' | 'forbid'>;
  /** Pairs named by a force pin. */
  forced: Set<string>;
  /** Pairs named by a forbid pin. */
  forbidden: Set<string>;
}

export function indexPins(instance: MatchingInstance): PinIndex {
  const lastKind = new Map<string, 'force' | 'forbid'>();
  const forced = new Set<string>();
  const forbidden = new Set<string>();
  for (const pin of instance.pins ?? []) {
    const key = pairKey(pin.personId, pin.seminarId);
    lastKind.set(key, pin.kind);
    (pin.kind === 'force' ? forced : forbidden).add(key);
  }
  return { lastKind, forced, forbidden };
}

/**
 * Force pins the answer did not honour. Without an answer every force pin counts as honoured; an
 * answer releases the ones its pin outcomes report as not honoured.
 */
export function releasedPins(result?: Pick<MatchingResult, 'pins'>): Set<string> {
  const released = new Set<string>();
  for (const pin of result?.pins ?? [])
    if (pin.kind === 'force' && !pin.honoured) released.add(pairKey(pin.personId, pin.seminarId));
  return released;
}

export function placeKey(seminarId: string, specialtyId: string): string {
  return `${seminarId}|${specialtyId}`;
}

/** What the facilitator stage costs for a specialist holding `count` seminars of the run. */
export function loadCost(settings: Settings, outsideLoad: number, count: number): number {
  let cost = 0;
  for (let j = 0; j < count; j++) cost += settings.weights.facilitatorLoad * (outsideLoad + j);
  return cost;
}

// ---------------------------------------------------------------------------------------------
// Stage 1: facilitators.

export type FacilitatorRule =
  'pin_forbid' | 'already_facilitator' | 'network' | 'availability' | 'overlap' | 'monthly_limit';

/**
 * Seminars of the run each specialist already facilitates (listed among a seminar's facilitators):
 * their days are taken and they count towards the monthly limit.
 */
export function keptSeminars(instance: MatchingInstance): Map<string, InstanceSeminar[]> {
  const specialists = new Set(instance.specialists.map((s) => s.id));
  const kept = new Map<string, InstanceSeminar[]>();
  for (const seminar of instance.seminars) {
    for (const f of seminar.facilitators) {
      if (specialists.has(f.personId) && !(kept.get(f.personId) ?? []).includes(seminar))
        group(kept, f.personId, seminar);
    }
  }
  return kept;
}

/** Run seminars already held (`kept`) that touch a month. */
export function keptInMonth(kept: readonly InstanceSeminar[], month: string): number {
  return kept.filter((s) => s.dates.some((d) => monthOf(d) === month)).length;
}

/**
 * Places per seminar and specialty still to fill: the required count minus the facilitators already
 * there, or, when more specialists of the specialty are pinned to the seminar (force pins not
 * `released`, each pair once), that many.
 */
export function facilitatorPlaces(
  instance: MatchingInstance,
  released: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const places = new Map<string, number>();
  for (const seminar of instance.seminars) {
    for (const req of seminar.requiredSpecialties) {
      const present = seminar.facilitators.filter((f) => f.specialtyId === req.specialtyId).length;
      places.set(placeKey(seminar.id, req.specialtyId), Math.max(0, req.count - present));
    }
  }
  const specialists = new Map(instance.specialists.map((s) => [s.id, s]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const pinned = new Map<string, number>();
  const pins = indexPins(instance);
  const counted = new Set<string>();
  for (const pin of instance.pins ?? []) {
    const specialist = specialists.get(pin.personId);
    const seminar = seminars.get(pin.seminarId);
    const pair = pairKey(pin.personId, pin.seminarId);
    if (
      pin.kind !== 'force' ||
      !specialist ||
      !seminar ||
      released.has(pair) ||
      counted.has(pair) ||
      pins.lastKind.get(pair) !== 'force'
    )
      continue;
    counted.add(pair);
    if (seminar.facilitators.some((f) => f.personId === pin.personId)) continue;
    const key = placeKey(seminar.id, specialist.specialtyId);
    pinned.set(key, (pinned.get(key) ?? 0) + 1);
  }
  for (const [key, count] of pinned) places.set(key, Math.max(places.get(key) ?? 0, count));
  return places;
}

/**
 * The first rule that keeps a specialist from facilitating a seminar, place count aside. `kept`:
 * the run seminars the specialist already facilitates.
 */
export function facilitatorObstacle(
  settings: Settings,
  pins: PinIndex,
  specialist: InstanceSpecialist,
  seminar: InstanceSeminar,
  kept: readonly InstanceSeminar[] = [],
): FacilitatorRule | undefined {
  const key = pairKey(specialist.id, seminar.id);
  if (seminar.facilitators.some((f) => f.personId === specialist.id)) return 'already_facilitator';
  if (pins.lastKind.get(key) === 'forbid') return 'pin_forbid';
  if (settings.facilitatorsFromNetwork && !pins.forced.has(key)) {
    const ownNetwork = specialist.networkId !== null && specialist.networkId === seminar.networkId;
    const referred = specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId);
    if (!ownNetwork && !referred) return 'network';
  }
  if (isUnavailable(seminar.dates, specialist.unavailable, new Set(specialist.busyDates))) return 'availability';
  const others = kept.filter((s) => s !== seminar);
  if (
    seminar.dates.some(
      (d) =>
        (specialist.monthlyLoad[monthOf(d)] ?? 0) + keptInMonth(others, monthOf(d)) >= settings.facilitatorMonthlyLimit,
    )
  )
    return 'monthly_limit';
  if (others.some((s) => s.dates.some((d) => seminar.dates.includes(d)))) return 'overlap';
  return undefined;
}

export interface FacilitatorCandidate {
  specialist: number;
  seminar: number;
  referral: boolean;
  /** A force pin names the pair and the answer did not release it. */
  forced: boolean;
  worth: number;
}

export interface FacilitatorModel {
  places: Map<string, number>;
  candidates: FacilitatorCandidate[];
  /** Worth of a filled place: more than every preference and load cost together. */
  coverageWeight: number;
}

export function facilitatorModel(
  instance: MatchingInstance,
  settings: Settings,
  released: ReadonlySet<string> = new Set(),
): FacilitatorModel {
  const pins = indexPins(instance);
  const places = facilitatorPlaces(instance, released);
  const kept = keptSeminars(instance);
  const seminarIndex = new Map(instance.seminars.map((s, i) => [s.id, i]));
  const open = new Map<string, number[]>();
  for (const [key, count] of places) {
    const [seminarId, specialtyId] = key.split('|');
    if (count > 0) group(open, specialtyId, seminarIndex.get(seminarId)!);
  }
  for (const list of open.values()) list.sort((a, b) => a - b);
  const raw: Omit<FacilitatorCandidate, 'worth'>[] = [];
  const perSpecialist = new Int32Array(instance.specialists.length);
  instance.specialists.forEach((specialist, p) => {
    for (const s of open.get(specialist.specialtyId) ?? []) {
      const seminar = instance.seminars[s];
      if (facilitatorObstacle(settings, pins, specialist, seminar, kept.get(specialist.id))) continue;
      const key = pairKey(specialist.id, seminar.id);
      const referral = specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId);
      raw.push({
        specialist: p,
        seminar: s,
        referral,
        forced: pins.lastKind.get(key) === 'force' && !released.has(key),
      });
      perSpecialist[p]++;
    }
  });
  let totalPlaces = 0;
  for (const n of places.values()) totalPlaces += n;
  let maxLoadCost = 0;
  perSpecialist.forEach((count, p) => {
    if (count > 0)
      maxLoadCost = Math.max(maxLoadCost, settings.weights.facilitatorLoad * (instance.specialists[p].load + count));
  });
  const coverageWeight = 1 + totalPlaces * (settings.weights.facilitatorReferral + maxLoadCost);
  const candidates = raw.map((c) => ({
    ...c,
    worth: coverageWeight + (c.referral ? settings.weights.facilitatorReferral : 0),
  }));
  return { places, candidates, coverageWeight };
}

// ---------------------------------------------------------------------------------------------
// Stage 2: attendees.

export type AttendeeRule = 'not_willing' | 'no_interest' | 'network' | 'held_topic' | 'availability' | 'pin_forbid';

/** Hospitals of each seminar's facilitators: those already there and those the first stage chose. */
export function facilitatorHospitals(
  instance: MatchingInstance,
  chosen: ReadonlyMap<string, readonly Pick<FacilitatorAssignment, 'personId' | 'hospitalId'>[]>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const seminar of instance.seminars) {
    const hospitals = new Set<string>();
    for (const f of seminar.facilitators) if (f.hospitalId) hospitals.add(f.hospitalId);
    for (const f of chosen.get(seminar.id) ?? []) if (f.hospitalId) hospitals.add(f.hospitalId);
    out.set(seminar.id, hospitals);
  }
  return out;
}

/** The facilitators a result's first stage chose, by seminar. */
export function chosenFacilitators(result: Pick<MatchingResult, 'proposals'>): Map<string, FacilitatorAssignment[]> {
  return new Map(result.proposals.map((p) => [p.seminarId, p.facilitators]));
}

export function attendeeWorth(
  settings: Settings,
  attendee: InstanceAttendee,
  seminar: InstanceSeminar,
  paired: boolean,
): number {
  const w = settings.weights;
  const interest = attendee.interests[seminar.topicId] ?? 0;
  return (
    w.attendeeSeat +
    w.attendeeInterest * interest +
    (attendee.trainedTopicIds.includes(seminar.topicId) ? 0 : w.attendeeNeverTrained) +
    (paired ? w.attendeeReferralPairing : 0)
  );
}

/**
 * The first rule that keeps an attendee from a seminar, seats and the unit's limits aside. A force
 * pin overrides willingness, interest and network, but never a held topic or a date the person
 * cannot make.
 */
export function attendeeObstacle(
  settings: Settings,
  pins: PinIndex,
  unitNetworkId: string,
  attendee: InstanceAttendee,
  seminar: InstanceSeminar,
): AttendeeRule | undefined {
  const key = pairKey(attendee.id, seminar.id);
  const forced = pins.forced.has(key);
  if (!forced) {
    if (!((attendee.interests[seminar.topicId] ?? 0) > 0)) return 'no_interest';
    if (settings.sameNetworkOnly && seminar.networkId !== unitNetworkId) return 'network';
    if (!attendee.willing) return 'not_willing';
  }
  if (attendee.heldTopicIds.includes(seminar.topicId)) return 'held_topic';
  if (isUnavailable(seminar.dates, attendee.unavailable, new Set(attendee.busyDates))) return 'availability';
  if (!forced && pins.forbidden.has(key)) return 'pin_forbid';
  return undefined;
}

export interface AttendeeCandidate {
  attendee: number;
  seminar: number;
  worth: number;
  /** A force pin names the pair and the answer did not release it. */
  forced: boolean;
}

export interface AttendeeModel {
  candidates: AttendeeCandidate[];
  /** Free seats per seminar. */
  seats: number[];
  /** Seats left per unit and seminar under the per-unit cap. */
  unitRoom: (unit: number, seminar: number) => number;
  /** People a unit may still have away on a date. */
  allowance: (unit: number, date: string) => number;
  unitOf: number[];
}

/**
 * Candidates of the attendee stage given the first stage's facilitators. A person with force pins
 * the rules accept is considered for those seminars only (released or not); anyone else for every
 * seminar they may take that their unit can still send someone to.
 */
export function attendeeModel(
  instance: MatchingInstance,
  settings: Settings,
  chosen: ReadonlyMap<string, readonly Pick<FacilitatorAssignment, 'personId' | 'hospitalId'>[]>,
  released: ReadonlySet<string> = new Set(),
): AttendeeModel {
  const pins = indexPins(instance);
  const { seminars, units, attendees } = instance;
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const seminarIndex = new Map(seminars.map((s, i) => [s.id, i]));
  const seats = seminars.map((s) => Math.max(0, s.capacity - s.seatsTaken));
  const unitRoom = (u: number, s: number) => settings.unitSeminarCap - (seminars[s].unitSeatsTaken[units[u].id] ?? 0);
  const allowance = (u: number, date: string) =>
    dailyAllowance(units[u].attendeeStaff, settings.unitDailyShare) - (units[u].awayByDate[date] ?? 0);
  const unitCanSend = (u: number, s: number) =>
    seats[s] > 0 && unitRoom(u, s) > 0 && seminars[s].dates.every((d) => allowance(u, d) > 0);
  const hospitals = facilitatorHospitals(instance, chosen);
  const paired = (u: number, s: number) =>
    units[u].referralHospitalIds.some((h) => hospitals.get(seminars[s].id)!.has(h));
  const forcedOf = new Map<string, number[]>();
  for (const pin of instance.pins ?? []) {
    const s = seminarIndex.get(pin.seminarId);
    if (pin.kind !== 'force' || s === undefined) continue;
    if (!forcedOf.has(pin.personId)) forcedOf.set(pin.personId, []);
    if (!forcedOf.get(pin.personId)!.includes(s)) forcedOf.get(pin.personId)!.push(s);
  }
  const scopeKey = (topicId: string, networkId: string) =>
    settings.sameNetworkOnly ? `${topicId}|${networkId}` : topicId;
  const byTopic = new Map<string, number[]>();
  seminars.forEach((seminar, s) => group(byTopic, scopeKey(seminar.topicId, seminar.networkId), s));
  const unitOf = attendees.map((a) => unitIndex.get(a.unitId)!);
  const candidates: AttendeeCandidate[] = [];
  attendees.forEach((attendee, a) => {
    const u = unitOf[a];
    const networkId = units[u].networkId;
    const add = (s: number, forced: boolean) =>
      candidates.push({
        attendee: a,
        seminar: s,
        worth: attendeeWorth(settings, attendee, seminars[s], paired(u, s)),
        forced,
      });
    const pinned = (forcedOf.get(attendee.id) ?? []).filter(
      (s) => !attendeeObstacle(settings, pins, networkId, attendee, seminars[s]) && unitCanSend(u, s),
    );
    if (pinned.length > 0) {
      for (const s of pinned) add(s, !released.has(pairKey(attendee.id, seminars[s].id)));
      return;
    }
    for (const topicId of Object.keys(attendee.interests)) {
      for (const s of byTopic.get(scopeKey(topicId, networkId)) ?? []) {
        if (pins.forced.has(pairKey(attendee.id, seminars[s].id))) continue; // a refused pin is not an ordinary option
        if (!attendeeObstacle(settings, pins, networkId, attendee, seminars[s]) && unitCanSend(u, s)) add(s, false);
      }
    }
  });
  return { candidates, seats, unitRoom, allowance, unitOf };
}

export function group<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
