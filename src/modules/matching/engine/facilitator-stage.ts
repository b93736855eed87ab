import type {
  FacilitatorAssignment,
  FacilitatorShortfall,
  InstanceSeminar,
  InstanceSpecialist,
  MatchingInstance,
  PinReason,
  Settings,
} from './instance';
import { FlowGraph } from './min-cost-flow';
import { SideConstraints, Variables, type StageNetwork } from './flow-model';
import { isUnavailable, monthOf, pairKey } from './settings';

/**
 * Stage 1, facilitators: each seminar's required specialty places, filled by specialists.
 *
 * Network: source → specialist (one arc per extra seminar, each costlier than the last, so the
 * load spreads) → specialist-month (the monthly limit, for the seminar's first month) → seminar
 * place of the specialist's specialty (the decision arc, worth the coverage weight plus the
 * referral preference) → sink (the places to fill). Coverage dominates: its weight exceeds every
 * preference and load cost together, so no place is left open to gain a preference.
 * Side constraints: one specialist in two seminars sharing a day, and the monthly limit of a month
 * a seminar reaches but does not start in.
 */
export interface FacilitatorCandidate {
  specialist: InstanceSpecialist;
  seminar: InstanceSeminar;
  referral: boolean;
  /** A force pin names the pair (whether or not it could be honoured). */
  pinned: boolean;
  /** The pair must be chosen: a force pin the stage honours. */
  forced: boolean;
}

export interface FacilitatorStage {
  network: StageNetwork;
  /** One per decision variable, in the same order. */
  candidates: FacilitatorCandidate[];
  /** Places per seminar and specialty still to fill. */
  places: Map<string, number>;
  coverageWeight: number;
  /** Force pins that cannot be honoured, with why (decided before any solving). */
  pinsRefused: Map<string, PinReason>;
  /** Seminars of the run each specialist already facilitates (kept facilitators). */
  keptOf: Map<string, InstanceSeminar[]>;
  /** Fixed load arcs: specialist index → first arc number and count. */
  loadArcs: { first: number; count: number }[];
  monthArc: Map<string, number>;
  placeArc: Map<string, number>;
}

export function placeKey(seminarId: string, specialtyId: string): string {
  return `${seminarId}|${specialtyId}`;
}

const sharesDate = (a: InstanceSeminar, b: InstanceSeminar) => a.dates.some((d) => b.dates.includes(d));
const touches = (seminar: InstanceSeminar, month: string) => seminar.dates.some((d) => monthOf(d) === month);

/** Seminars of the run each specialist of the instance already facilitates. */
export function keptRunSeminars(instance: MatchingInstance): Map<string, InstanceSeminar[]> {
  const specialistIds = new Set(instance.specialists.map((s) => s.id));
  const kept = new Map<string, InstanceSeminar[]>();
  for (const seminar of instance.seminars) {
    for (const f of seminar.facilitators) {
      if (!specialistIds.has(f.personId)) continue;
      const list = kept.get(f.personId) ?? [];
      if (!list.includes(seminar)) list.push(seminar);
      kept.set(f.personId, list);
    }
  }
  return kept;
}

/**
 * Seminars a specialist may still facilitate in a month: the monthly limit minus the seminars held
 * outside the run and the run seminars `held` (kept ones, honoured pins) that touch the month.
 */
export function monthRoom(
  settings: Settings,
  specialist: InstanceSpecialist,
  held: readonly InstanceSeminar[],
  month: string,
): number {
  return (
    settings.facilitatorMonthlyLimit -
    (specialist.monthlyLoad[month] ?? 0) -
    held.filter((s) => touches(s, month)).length
  );
}

/**
 * Why a specialist cannot take a seminar next to the run seminars `held` already: unavailable, over
 * the monthly limit, or on a day of one of them (`capacity`: the specialist has no room that day).
 */
function facilitatorBlock(
  settings: Settings,
  specialist: InstanceSpecialist,
  seminar: InstanceSeminar,
  held: readonly InstanceSeminar[],
): PinReason | undefined {
  if (isUnavailable(seminar.dates, specialist.unavailable, new Set(specialist.busyDates))) return 'unavailable';
  if ([...new Set(seminar.dates.map(monthOf))].some((m) => monthRoom(settings, specialist, held, m) <= 0))
    return 'monthly_limit';
  if (held.some((other) => sharesDate(other, seminar))) return 'capacity';
  return undefined;
}

/**
 * Force pins the stage honours. Pins are read in the instance's order; a pin is honoured when the
 * specialist may take the seminar next to the seminars kept and already pinned (availability, one
 * seminar a day, monthly limit); the rest are refused with why. A pin given twice counts once; a
 * pin on a seminar the specialist already facilitates needs nothing.
 */
function honouredFacilitatorPins(
  instance: MatchingInstance,
  settings: Settings,
  lastKind: Map<string, 'force' | 'forbid'>,
  keptOf: Map<string, InstanceSeminar[]>,
  pinsRefused: Map<string, PinReason>,
): Set<string> {
  const specialists = new Map(instance.specialists.map((s) => [s.id, s]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const honoured = new Set<string>();
  const pinnedOf = new Map<string, InstanceSeminar[]>();
  const seen = new Set<string>();
  for (const pin of instance.pins ?? []) {
    const specialist = specialists.get(pin.personId);
    const seminar = seminars.get(pin.seminarId);
    const key = pairKey(pin.personId, pin.seminarId);
    if (pin.kind !== 'force' || !specialist || !seminar || seen.has(key)) continue;
    seen.add(key);
    if (lastKind.get(key) !== 'force') {
      pinsRefused.set(key, 'pinned_out');
      continue;
    }
    if (seminar.facilitators.some((f) => f.personId === specialist.id)) continue;
    const pinned = pinnedOf.get(specialist.id) ?? [];
    const refused = facilitatorBlock(settings, specialist, seminar, [...(keptOf.get(specialist.id) ?? []), ...pinned]);
    if (refused) {
      pinsRefused.set(key, refused);
      continue;
    }
    honoured.add(key);
    pinned.push(seminar);
    pinnedOf.set(specialist.id, pinned);
  }
  return honoured;
}

export function buildFacilitatorStage(instance: MatchingInstance, settings: Settings): FacilitatorStage {
  const w = settings.weights;
  const pins = new Map((instance.pins ?? []).map((pin) => [pairKey(pin.personId, pin.seminarId), pin.kind]));
  const specialistsById = new Map(instance.specialists.map((s) => [s.id, s]));
  const pinsRefused = new Map<string, PinReason>();
  const keptOf = keptRunSeminars(instance);
  const honoured = honouredFacilitatorPins(instance, settings, pins, keptOf, pinsRefused);

  // Places to fill: required count minus facilitators already there; specialists pinned beyond
  // the requirement (pins honoured) get places of their own.
  const places = new Map<string, number>();
  const pinnedPerPlace = new Map<string, number>();
  const seminarsById = new Map(instance.seminars.map((s) => [s.id, s]));
  const seminarOrder = new Map(instance.seminars.map((s, i) => [s.id, i]));
  for (const seminar of instance.seminars) {
    for (const req of seminar.requiredSpecialties) {
      const present = seminar.facilitators.filter((f) => f.specialtyId === req.specialtyId).length;
      places.set(placeKey(seminar.id, req.specialtyId), Math.max(0, req.count - present));
    }
  }
  for (const key of honoured) {
    const [personId, seminarId] = key.split('|');
    const place = placeKey(seminarId, specialistsById.get(personId)!.specialtyId);
    pinnedPerPlace.set(place, (pinnedPerPlace.get(place) ?? 0) + 1);
  }
  for (const [key, pinned] of pinnedPerPlace) places.set(key, Math.max(places.get(key) ?? 0, pinned));

  // Candidate pairs.
  const candidates: FacilitatorCandidate[] = [];
  // Seminars with places open, by specialty: those of a network and those preferring a hospital.
  const open = new Map<string, InstanceSeminar[]>();
  for (const [key, count] of places) {
    if (count <= 0) continue;
    const [seminarId, specialtyId] = key.split('|');
    const seminar = seminarsById.get(seminarId)!;
    const reach = settings.facilitatorsFromNetwork
      ? [
          `${specialtyId}|net|${seminar.networkId}`,
          ...seminar.preferredHospitalIds.map((h) => `${specialtyId}|hosp|${h}`),
        ]
      : [`${specialtyId}|all`];
    for (const r of reach) {
      if (!open.has(r)) open.set(r, []);
      open.get(r)!.push(seminar);
    }
  }
  const forcedPins = new Map<string, InstanceSeminar[]>();
  for (const pin of instance.pins ?? []) {
    const seminar = seminarsById.get(pin.seminarId);
    if (pin.kind !== 'force' || !seminar) continue;
    if (!forcedPins.has(pin.personId)) forcedPins.set(pin.personId, []);
    forcedPins.get(pin.personId)!.push(seminar);
  }
  for (const specialist of instance.specialists) {
    const kept = keptOf.get(specialist.id) ?? [];
    const reachable = new Set<InstanceSeminar>([
      ...(settings.facilitatorsFromNetwork
        ? [
            ...(open.get(`${specialist.specialtyId}|net|${specialist.networkId}`) ?? []),
            ...(open.get(`${specialist.specialtyId}|hosp|${specialist.hospitalId}`) ?? []),
          ]
        : (open.get(`${specialist.specialtyId}|all`) ?? [])),
      ...(forcedPins.get(specialist.id) ?? []),
    ]);
    for (const seminar of [...reachable].sort((a, b) => seminarOrder.get(a.id)! - seminarOrder.get(b.id)!)) {
      const key = placeKey(seminar.id, specialist.specialtyId);
      if (!(places.get(key) ?? 0)) continue;
      if (seminar.facilitators.some((f) => f.personId === specialist.id)) continue;
      const pair = pairKey(specialist.id, seminar.id);
      const pairPin = pins.get(pair);
      if (pairPin === 'forbid') continue;
      if (facilitatorBlock(settings, specialist, seminar, kept)) continue;
      const referral = specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId);
      candidates.push({ specialist, seminar, referral, pinned: pairPin === 'force', forced: honoured.has(pair) });
    }
  }

  // Network.
  const graph = new FlowGraph();
  const source = graph.addNode();
  const sink = graph.addNode();
  const bySpecialist = new Map<string, FacilitatorCandidate[]>();
  for (const c of candidates) {
    if (!bySpecialist.has(c.specialist.id)) bySpecialist.set(c.specialist.id, []);
    bySpecialist.get(c.specialist.id)!.push(c);
  }
  let totalPlaces = 0;
  for (const n of places.values()) totalPlaces += n;
  let maxLoadCost = 0;
  for (const list of bySpecialist.values())
    maxLoadCost = Math.max(maxLoadCost, w.facilitatorLoad * (list[0].specialist.load + list.length));
  const coverageWeight = 1 + totalPlaces * (w.facilitatorReferral + maxLoadCost);

  const placeNode = new Map<string, number>();
  const placeArc = new Map<string, number>();
  for (const [key, count] of places) {
    if (count <= 0) continue;
    const node = graph.addNode();
    placeNode.set(key, node);
    placeArc.set(key, graph.addArc(node, sink, count, 0));
  }
  const variables = new Variables();
  const ordered: FacilitatorCandidate[] = [];
  const side = new SideConstraints();
  const loadArcs: { first: number; count: number }[] = [];
  const monthArc = new Map<string, number>();
  for (const specialist of instance.specialists) {
    const list = bySpecialist.get(specialist.id) ?? [];
    const kept = keptOf.get(specialist.id) ?? [];
    const node = graph.addNode();
    const slots = list.length;
    loadArcs.push({ first: graph.arcCount, count: slots });
    for (let j = 0; j < slots; j++) graph.addArc(source, node, 1, w.facilitatorLoad * (specialist.load + j));
    const monthNodes = new Map<string, number>();
    const variableOf = new Map<string, number>();
    for (const c of list) {
      const month = monthOf(c.seminar.dates[0]);
      let monthNode = monthNodes.get(month);
      if (monthNode === undefined) {
        monthNode = graph.addNode();
        monthNodes.set(month, monthNode);
        monthArc.set(
          `${specialist.id}|${month}`,
          graph.addArc(node, monthNode, monthRoom(settings, specialist, kept, month), 0),
        );
      }
      variableOf.set(c.seminar.id, variables.count);
      ordered.push(c);
      variables.add(
        monthNode,
        placeNode.get(placeKey(c.seminar.id, specialist.specialtyId))!,
        1,
        -(coverageWeight + (c.referral ? w.facilitatorReferral : 0)),
        c.forced ? 1 : 0,
      );
    }
    addSpecialistConstraints(side, specialist, list, variableOf, (month) =>
      monthRoom(settings, specialist, kept, month),
    );
  }
  const network: StageNetwork = { fixed: graph, source, sink, variables, side };
  return { network, candidates: ordered, places, coverageWeight, pinsRefused, keptOf, loadArcs, monthArc, placeArc };
}

/**
 * Why required places of a seminar stay open in an answer, judged from that answer: nobody else of
 * the specialty may facilitate the seminar (`no_specialist`), or those who may are placed in other
 * seminars of the run that leave no room (`taken_elsewhere`), are unavailable, or are at their
 * monthly limit.
 */
export function shortfallReason(
  instance: MatchingInstance,
  settings: Settings,
  stage: FacilitatorStage,
  chosen: ReadonlyMap<string, readonly FacilitatorAssignment[]>,
  seminar: InstanceSeminar,
  specialtyId: string,
): FacilitatorShortfall {
  const lastKind = new Map((instance.pins ?? []).map((pin) => [pairKey(pin.personId, pin.seminarId), pin.kind]));
  const forcedPairs = new Set(
    (instance.pins ?? []).filter((p) => p.kind === 'force').map((p) => pairKey(p.personId, p.seminarId)),
  );
  const here = chosen.get(seminar.id) ?? [];
  const runSeminars = (personId: string) => {
    const list = [...(stage.keptOf.get(personId) ?? [])];
    for (const other of instance.seminars)
      if (other !== seminar && (chosen.get(other.id) ?? []).some((f) => f.personId === personId)) list.push(other);
    return list.filter((s) => s !== seminar);
  };
  let best: FacilitatorShortfall = 'no_specialist';
  const rank: Record<FacilitatorShortfall, number> = {
    no_specialist: 0,
    monthly_limit: 1,
    unavailable: 2,
    taken_elsewhere: 3,
  };
  for (const specialist of instance.specialists) {
    if (specialist.specialtyId !== specialtyId) continue;
    const key = pairKey(specialist.id, seminar.id);
    const reaches =
      !settings.facilitatorsFromNetwork ||
      (specialist.networkId !== null && specialist.networkId === seminar.networkId) ||
      (specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId));
    if (!reaches && !forcedPairs.has(key)) continue;
    if (lastKind.get(key) === 'forbid') continue;
    if (seminar.facilitators.some((f) => f.personId === specialist.id)) continue;
    if (here.some((f) => f.personId === specialist.id)) continue;
    const others = runSeminars(specialist.id);
    const block = facilitatorBlock(settings, specialist, seminar, others);
    // Free in this answer but left out: only a search cut short leaves such a place open.
    const reason: FacilitatorShortfall =
      block === 'unavailable'
        ? 'unavailable'
        : block === 'monthly_limit' && facilitatorBlock(settings, specialist, seminar, [])
          ? 'monthly_limit'
          : 'taken_elsewhere';
    if (rank[reason] > rank[best]) best = reason;
  }
  return best;
}

/** Overlap and cross-month limits for one specialist that the month node does not already imply. */
function addSpecialistConstraints(
  side: SideConstraints,
  specialist: InstanceSpecialist,
  list: FacilitatorCandidate[],
  variableOf: Map<string, number>,
  monthRoom: (month: string) => number,
): void {
  const byDate = new Map<string, FacilitatorCandidate[]>();
  const byMonth = new Map<string, FacilitatorCandidate[]>();
  for (const c of list) {
    for (const date of c.seminar.dates) {
      if (!byDate.has(date)) byDate.set(date, []);
      byDate.get(date)!.push(c);
    }
    for (const month of new Set(c.seminar.dates.map(monthOf))) {
      if (!byMonth.has(month)) byMonth.set(month, []);
      byMonth.get(month)!.push(c);
    }
  }
  const seen = new Set<string>();
  for (const [date, sharing] of byDate) {
    if (sharing.length < 2) continue;
    const startMonths = new Set(sharing.map((c) => monthOf(c.seminar.dates[0])));
    if (startMonths.size === 1 && monthRoom([...startMonths][0]) <= 1) continue; // the month node already allows one
    const ids = sharing.map((c) => variableOf.get(c.seminar.id)!).sort((a, b) => a - b);
    const signature = ids.join(',');
    if (seen.has(signature)) continue;
    seen.add(signature);
    side.add(ids, 1, `overlap ${specialist.id} ${date}`);
  }
  for (const [month, touching] of byMonth) {
    if (touching.every((c) => monthOf(c.seminar.dates[0]) === month)) continue; // the month node holds it
    if (touching.length <= monthRoom(month)) continue;
    side.add(
      touching.map((c) => variableOf.get(c.seminar.id)!),
      monthRoom(month),
      `month ${specialist.id} ${month}`,
    );
  }
}

export function facilitatorAssignments(
  stage: FacilitatorStage,
  values: ArrayLike<number>,
): Map<string, FacilitatorAssignment[]> {
  const chosen = new Map<string, FacilitatorAssignment[]>();
  const runLoad = new Map<string, number>();
  stage.candidates.forEach((c, i) => {
    if (values[i] > 0) runLoad.set(c.specialist.id, (runLoad.get(c.specialist.id) ?? 0) + 1);
  });
  stage.candidates.forEach((c, i) => {
    if (values[i] <= 0) return;
    if (!chosen.has(c.seminar.id)) chosen.set(c.seminar.id, []);
    chosen.get(c.seminar.id)!.push({
      personId: c.specialist.id,
      specialtyId: c.specialist.specialtyId,
      hospitalId: c.specialist.hospitalId,
      referralHospital: c.referral,
      load: c.specialist.load + runLoad.get(c.specialist.id)!,
      pinned: c.pinned,
    });
  });
  return chosen;
}

/**
 * Places an answer leaves open that a specialist could still take next to what the answer gives
 * them (available, one seminar a day, monthly limit), filled in candidate order: a search stopped
 * early can leave such places, and each one filled is worth more than any preference. Returns the
 * new variable values and the objective they add.
 */
export function fillOpenPlaces(
  stage: FacilitatorStage,
  settings: Settings,
  values: ArrayLike<number>,
): { values: Int32Array; gain: number } {
  const w = settings.weights;
  const filled = Int32Array.from(values);
  const taken = new Map<string, number>();
  const held = new Map<string, InstanceSeminar[]>();
  stage.candidates.forEach((c, i) => {
    if (filled[i] <= 0) return;
    const key = placeKey(c.seminar.id, c.specialist.specialtyId);
    taken.set(key, (taken.get(key) ?? 0) + 1);
    held.set(c.specialist.id, [...(held.get(c.specialist.id) ?? []), c.seminar]);
  });
  let gain = 0;
  for (let changed = true; changed;) {
    changed = false;
    stage.candidates.forEach((c, i) => {
      if (filled[i] > 0) return;
      const key = placeKey(c.seminar.id, c.specialist.specialtyId);
      if ((taken.get(key) ?? 0) >= (stage.places.get(key) ?? 0)) return;
      const mine = held.get(c.specialist.id) ?? [];
      if (
        mine.includes(c.seminar) ||
        facilitatorBlock(settings, c.specialist, c.seminar, [...(stage.keptOf.get(c.specialist.id) ?? []), ...mine])
      )
        return;
      filled[i] = 1;
      gain +=
        stage.coverageWeight +
        (c.referral ? w.facilitatorReferral : 0) -
        w.facilitatorLoad * (c.specialist.load + mine.length);
      taken.set(key, (taken.get(key) ?? 0) + 1);
      held.set(c.specialist.id, [...mine, c.seminar]);
      changed = true;
    });
  }
  return { values: filled, gain };
}
