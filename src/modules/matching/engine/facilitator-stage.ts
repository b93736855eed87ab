import type { FacilitatorAssignment, FacilitatorShortfall, InstanceSeminar, InstanceSpecialist, MatchingInstance, Settings } from './instance';
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
  pinned: boolean;
}

export interface FacilitatorStage {
  network: StageNetwork;
  /** One per decision variable, in the same order. */
  candidates: FacilitatorCandidate[];
  /** Places per seminar and specialty still to fill. */
  places: Map<string, number>;
  coverageWeight: number;
  /** Pins that cannot be honoured before any solving, with why. */
  pinsRefused: Map<string, string>;
  shortfallReason: (seminarId: string, specialtyId: string) => FacilitatorShortfall;
  /** Fixed load arcs: specialist index → first arc number and count. */
  loadArcs: { first: number; count: number }[];
  monthArc: Map<string, number>;
  placeArc: Map<string, number>;
}

export function placeKey(seminarId: string, specialtyId: string): string {
  return `${seminarId}|${specialtyId}`;
}

export function buildFacilitatorStage(instance: MatchingInstance, settings: Settings): FacilitatorStage {
  const w = settings.weights;
  const pins = new Map((instance.pins ?? []).map((pin) => [pairKey(pin.personId, pin.seminarId), pin.kind]));
  const specialistIds = new Set(instance.specialists.map((s) => s.id));
  const pinsRefused = new Map<string, string>();

  // Places to fill: required count minus facilitators already there; a pinned specialist beyond
  // the requirement gets a place of their own.
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
  for (const pin of instance.pins ?? []) {
    if (pin.kind !== 'force' || !specialistIds.has(pin.personId)) continue;
    const seminar = seminarsById.get(pin.seminarId);
    const specialist = instance.specialists.find((s) => s.id === pin.personId)!;
    if (!seminar) continue;
    if (seminar.facilitators.some((f) => f.personId === pin.personId)) continue;
    const key = placeKey(seminar.id, specialist.specialtyId);
    pinnedPerPlace.set(key, (pinnedPerPlace.get(key) ?? 0) + 1);
  }
  for (const [key, pinned] of pinnedPerPlace) places.set(key, Math.max(places.get(key) ?? 0, pinned));

  // Candidate pairs, with why a specialty's specialists could not take a seminar.
  const candidates: FacilitatorCandidate[] = [];
  const blocked = new Map<string, Set<FacilitatorShortfall>>();
  const note = (seminarId: string, specialtyId: string, reason: FacilitatorShortfall) => {
    const key = placeKey(seminarId, specialtyId);
    if (!blocked.has(key)) blocked.set(key, new Set());
    blocked.get(key)!.add(reason);
  };
  // Seminars with places open, by specialty: those of a network and those preferring a hospital.
  const open = new Map<string, InstanceSeminar[]>();
  for (const [key, count] of places) {
    if (count <= 0) continue;
    const [seminarId, specialtyId] = key.split('|');
    const seminar = seminarsById.get(seminarId)!;
    const reach = settings.facilitatorsFromNetwork
      ? [`${specialtyId}|net|${seminar.networkId}`, ...seminar.preferredHospitalIds.map((h) => `${specialtyId}|hosp|${h}`)]
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
    const busy = new Set(specialist.busyDates);
    const reachable = new Set<InstanceSeminar>([
      ...(settings.facilitatorsFromNetwork
        ? [...(open.get(`${specialist.specialtyId}|net|${specialist.networkId}`) ?? []), ...(open.get(`${specialist.specialtyId}|hosp|${specialist.hospitalId}`) ?? [])]
        : (open.get(`${specialist.specialtyId}|all`) ?? [])),
      ...(forcedPins.get(specialist.id) ?? []),
    ]);
    for (const seminar of [...reachable].sort((a, b) => seminarOrder.get(a.id)! - seminarOrder.get(b.id)!)) {
      const key = placeKey(seminar.id, specialist.specialtyId);
      if (!(places.get(key) ?? 0)) continue;
      if (seminar.facilitators.some((f) => f.personId === specialist.id)) continue;
      const referral = specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId);
      const pairPin = pins.get(pairKey(specialist.id, seminar.id));
      if (pairPin === 'forbid') continue;
      let refused: FacilitatorShortfall | undefined;
      if (isUnavailable(seminar.dates, specialist.unavailable, busy)) refused = 'unavailable';
      else if (seminar.dates.some((d) => (specialist.monthlyLoad[monthOf(d)] ?? 0) >= settings.facilitatorMonthlyLimit)) refused = 'monthly_limit';
      if (refused) {
        note(seminar.id, specialist.specialtyId, refused);
        if (pairPin === 'force') pinsRefused.set(pairKey(specialist.id, seminar.id), refused);
        continue;
      }
      candidates.push({ specialist, seminar, referral, pinned: pairPin === 'force' });
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
  for (const list of bySpecialist.values()) maxLoadCost = Math.max(maxLoadCost, w.facilitatorLoad * (list[0].specialist.load + list.length));
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
        monthArc.set(`${specialist.id}|${month}`, graph.addArc(node, monthNode, settings.facilitatorMonthlyLimit - (specialist.monthlyLoad[month] ?? 0), 0));
      }
      variableOf.set(c.seminar.id, variables.count);
      ordered.push(c);
      variables.add(monthNode, placeNode.get(placeKey(c.seminar.id, specialist.specialtyId))!, 1, -(coverageWeight + (c.referral ? w.facilitatorReferral : 0)), c.pinned ? 1 : 0);
    }
    addSpecialistConstraints(side, specialist, list, variableOf, settings);
  }
  const network: StageNetwork = { fixed: graph, source, sink, variables, side };

  const specialtiesOffered = new Set(instance.specialists.map((s) => s.specialtyId));
  const shortfallReason = (seminarId: string, specialtyId: string): FacilitatorShortfall => {
    if (!specialtiesOffered.has(specialtyId)) return 'no_specialist';
    const hasCandidates = candidates.some((c) => c.seminar.id === seminarId && c.specialist.specialtyId === specialtyId);
    if (hasCandidates) return 'taken_elsewhere';
    const reasons = blocked.get(placeKey(seminarId, specialtyId));
    if (reasons?.has('monthly_limit') && !reasons.has('unavailable')) return 'monthly_limit';
    // Nobody of the specialty may facilitate this seminar (network, forbidding pins).
    if (!reasons?.size) return 'no_specialist';
    return 'unavailable';
  };
  return { network, candidates: ordered, places, coverageWeight, pinsRefused, shortfallReason, loadArcs, monthArc, placeArc };
}

/** Overlap and cross-month limits for one specialist that the month node does not already imply. */
function addSpecialistConstraints(
  side: SideConstraints,
  specialist: InstanceSpecialist,
  list: FacilitatorCandidate[],
  variableOf: Map<string, number>,
  settings: Settings,
): void {
  const monthRoom = (month: string) => settings.facilitatorMonthlyLimit - (specialist.monthlyLoad[month] ?? 0);
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
    side.add(touching.map((c) => variableOf.get(c.seminar.id)!), monthRoom(month), `month ${specialist.id} ${month}`);
  }
}

export function facilitatorAssignments(stage: FacilitatorStage, values: ArrayLike<number>): Map<string, FacilitatorAssignment[]> {
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
