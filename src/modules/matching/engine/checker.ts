import { canonicalInstance } from './canonical';
import { buildAttendeeStage } from './attendee-stage';
import { buildFacilitatorStage } from './facilitator-stage';
import { buildGraph, dualBound, forcingBonus, type StageNetwork } from './flow-model';
import type { FlowCertificate, MatchingInstance, MatchingResult, StageOptimality } from './instance';
import {
  attendeeObstacle,
  attendeeWorth,
  chosenFacilitators,
  facilitatorHospitals,
  facilitatorModel,
  facilitatorObstacle,
  facilitatorPlaces,
  indexPins,
  keptInMonth,
  keptSeminars,
  loadCost,
  placeKey,
  releasedPins,
} from './reference-model';
import { dailyAllowance, monthOf, pairKey, resolveSettings } from './settings';
import { validateInstance } from './validate';

/**
 * An independent judge of a matching result: whether every assignment meets the instance's rules,
 * whether the reported objectives follow from the assignments, and whether each stage's
 * certificate proves the reported bound.
 */

export interface CheckViolation {
  rule: string;
  seminarId?: string;
  personId?: string;
  detail: string;
}

type PerStage<T> = { facilitators: T; attendees: T };

export interface CheckReport {
  /** Feasible, objectives as reported and both certificates valid. */
  ok: boolean;
  /** Every assignment meets the instance's rules. */
  feasible: boolean;
  /** Rule breaches, then objective and certificate problems (rules `objective` and `certificate`). */
  violations: CheckViolation[];
  /** Each stage's objective recomputed from the assignments alone. */
  objective: PerStage<number>;
  objectiveMatches: boolean;
  /** Upper bound on each stage's objective that its certificate proves (NaN when it proves none). */
  bounds: PerStage<number>;
  certificateValid: boolean;
  /** The certificate proves the recomputed objective is the stage's best. */
  optimal: PerStage<boolean>;
}

const NOT_FEASIBILITY = new Set(['objective', 'certificate']);

/**
 * The rules a result breaks, from its assignments alone (no objective, no certificate): enough to
 * re-check an answer against newer data.
 */
export function ruleViolations(instance: MatchingInstance, result: MatchingResult): CheckViolation[] {
  const violations: CheckViolation[] = [];
  const flag: Flag = (rule, detail, ids = {}) => violations.push({ rule, ...ids, detail });
  try {
    validateInstance(instance);
  } catch (error) {
    flag('instance', error instanceof Error ? error.message : String(error));
    return violations;
  }
  checkFacilitators(instance, result, flag);
  checkAttendees(instance, result, flag);
  checkPins(instance, result, flag);
  return violations;
}

/** Checks a result against its instance; see {@link CheckReport}. */
export function checkMatching(instance: MatchingInstance, result: MatchingResult): CheckReport {
  const violations = ruleViolations(instance, result);
  const flag: Flag = (rule, detail, ids = {}) => violations.push({ rule, ...ids, detail });
  if (violations.some((v) => v.rule === 'instance')) {
    const none = { facilitators: NaN, attendees: NaN };
    return report(violations, {
      objective: none,
      objectiveMatches: false,
      bounds: none,
      certificateValid: false,
      optimal: { facilitators: false, attendees: false },
    });
  }
  const objective = {
    facilitators: facilitatorObjective(instance, result, flag),
    attendees: attendeeObjective(instance, result, flag),
  };
  const objectiveMatches = !violations.some((v) => v.rule === 'objective');

  const released = releasedPins(result);
  const settings = resolveSettings(instance);
  // Certificates are written for the networks of the instance in canonical order, which the engine solves.
  const canonical = canonicalInstance(instance);
  const bounds = {
    facilitators: provenBound('facilitators', result.certificate?.facilitators, flag, () => {
      const stage = buildFacilitatorStage(canonical, settings);
      stage.candidates.forEach((c, v) => {
        if (released.has(pairKey(c.specialist.id, c.seminar.id))) stage.network.variables.lo[v] = 0;
      });
      return stage.network;
    }),
    attendees: provenBound('attendees', result.certificate?.attendees, flag, () => {
      const stage = buildAttendeeStage(canonical, settings, chosenFacilitators(result));
      // A pin given twice yields two parallel arcs that cannot both carry a seat; the engine forces
      // one of them, and either gives the same bound.
      const forced = new Set<string>();
      for (let v = 0; v < stage.network.variables.count; v++) {
        if (stage.kind[v] !== 1 || stage.network.variables.lo[v] === 0) continue;
        const seminar = canonical.seminars[stage.unitSeminars[stage.targetOf[v]].seminar];
        const key = pairKey(canonical.attendees[stage.attendeeOf[v]].id, seminar.id);
        if (released.has(key) || forced.has(key)) stage.network.variables.lo[v] = 0;
        forced.add(key);
      }
      return stage.network;
    }),
  };
  const stageValid = (stage: keyof PerStage<number>) =>
    judgeCertificate(stage, bounds[stage], objective[stage], result.optimality?.[stage], flag);
  const valid = { facilitators: stageValid('facilitators'), attendees: stageValid('attendees') };
  const optimal = {
    facilitators: valid.facilitators && bounds.facilitators === objective.facilitators,
    attendees: valid.attendees && bounds.attendees === objective.attendees,
  };
  return report(violations, {
    objective,
    objectiveMatches,
    bounds,
    certificateValid: valid.facilitators && valid.attendees,
    optimal,
  });
}

function report(
  violations: CheckViolation[],
  findings: Omit<CheckReport, 'ok' | 'feasible' | 'violations'>,
): CheckReport {
  const feasible = !violations.some((v) => !NOT_FEASIBILITY.has(v.rule));
  return { ok: feasible && findings.objectiveMatches && findings.certificateValid, feasible, violations, ...findings };
}

type Flag = (rule: string, detail: string, ids?: { seminarId?: string; personId?: string }) => void;

function checkFacilitators(instance: MatchingInstance, result: MatchingResult, flag: Flag): void {
  const settings = resolveSettings(instance);
  const pins = indexPins(instance);
  const places = facilitatorPlaces(instance, releasedPins(result));
  const kept = keptSeminars(instance);
  const specialists = new Map(instance.specialists.map((s) => [s.id, s]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const filled = new Map<string, number>();
  const held = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const proposal of result.proposals) {
    const seminar = seminars.get(proposal.seminarId);
    if (!seminar) {
      flag('unknown_seminar', `no seminar ${proposal.seminarId} in the instance`, { seminarId: proposal.seminarId });
      continue;
    }
    if (seen.has(seminar.id))
      flag('duplicate_proposal', `seminar ${seminar.id} has two proposals`, { seminarId: seminar.id });
    seen.add(seminar.id);
    const here = new Set<string>();
    for (const f of proposal.facilitators) {
      const ids = { seminarId: seminar.id, personId: f.personId };
      const specialist = specialists.get(f.personId);
      if (!specialist) {
        flag('unknown_person', `no specialist ${f.personId} in the instance`, ids);
        continue;
      }
      if (here.has(specialist.id)) flag('duplicate', `${specialist.id} facilitates ${seminar.id} twice`, ids);
      here.add(specialist.id);
      if (f.specialtyId !== specialist.specialtyId || f.hospitalId !== specialist.hospitalId)
        flag('assignment_detail', `${specialist.id} is listed with another specialty or hospital`, ids);
      const obstacle = facilitatorObstacle(settings, pins, specialist, seminar, kept.get(specialist.id));
      if (obstacle) flag(obstacle, `${specialist.id} may not facilitate ${seminar.id} (${obstacle})`, ids);
      const key = placeKey(seminar.id, specialist.specialtyId);
      filled.set(key, (filled.get(key) ?? 0) + 1);
      if (!held.has(specialist.id)) held.set(specialist.id, []);
      held.get(specialist.id)!.push(seminar.id);
    }
  }
  for (const [key, count] of filled) {
    const open = places.get(key) ?? 0;
    const [seminarId, specialtyId] = key.split('|');
    if (count > open)
      flag(
        open === 0 ? 'specialty_not_needed' : 'places',
        `${count} facilitators of ${specialtyId} for ${open} open places`,
        { seminarId },
      );
  }
  for (const [personId, list] of held) {
    const specialist = specialists.get(personId)!;
    const byDate = new Map<string, string[]>();
    const byMonth = new Map<string, number>();
    for (const seminarId of list) {
      const dates = seminars.get(seminarId)!.dates;
      for (const date of dates) byDate.set(date, [...(byDate.get(date) ?? []), seminarId]);
      for (const month of new Set(dates.map(monthOf))) byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    }
    for (const [date, sharing] of byDate)
      if (sharing.length > 1) flag('overlap', `${personId} facilitates ${sharing.join(', ')} on ${date}`, { personId });
    for (const [month, count] of byMonth) {
      const total = count + (specialist.monthlyLoad[month] ?? 0) + keptInMonth(kept.get(personId) ?? [], month);
      if (total > settings.facilitatorMonthlyLimit)
        flag(
          'monthly_limit',
          `${personId} holds ${total} seminars in ${month}, limit ${settings.facilitatorMonthlyLimit}`,
          { personId },
        );
    }
  }
}

function checkAttendees(instance: MatchingInstance, result: MatchingResult, flag: Flag): void {
  const settings = resolveSettings(instance);
  const pins = indexPins(instance);
  const attendees = new Map(instance.attendees.map((a) => [a.id, a]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const units = new Map(instance.units.map((u) => [u.id, u]));
  const seatedAt = new Map<string, string>();
  const unitSeats = new Map<string, number>();
  const away = new Map<string, number>();
  for (const proposal of result.proposals) {
    const seminar = seminars.get(proposal.seminarId);
    if (!seminar) continue; // reported with the facilitators
    const free = seminar.capacity - seminar.seatsTaken;
    if (proposal.attendees.length > free)
      flag('capacity', `${proposal.attendees.length} seated for ${Math.max(0, free)} free seats`, {
        seminarId: seminar.id,
      });
    for (const a of proposal.attendees) {
      const ids = { seminarId: seminar.id, personId: a.personId };
      const attendee = attendees.get(a.personId);
      if (!attendee) {
        flag('unknown_person', `no attendee ${a.personId} in the instance`, ids);
        continue;
      }
      const earlier = seatedAt.get(attendee.id);
      if (earlier !== undefined) flag('one_seminar', `${attendee.id} is seated at ${earlier} and ${seminar.id}`, ids);
      seatedAt.set(attendee.id, seminar.id);
      if (a.unitId !== attendee.unitId)
        flag('assignment_detail', `${attendee.id} is listed under unit ${a.unitId}, not ${attendee.unitId}`, ids);
      const unit = units.get(attendee.unitId)!;
      const obstacle = attendeeObstacle(settings, pins, unit.networkId, attendee, seminar);
      if (obstacle) flag(obstacle, `${attendee.id} may not attend ${seminar.id} (${obstacle})`, ids);
      const key = `${unit.id}|${seminar.id}`;
      unitSeats.set(key, (unitSeats.get(key) ?? 0) + 1);
      for (const date of seminar.dates) away.set(`${unit.id}|${date}`, (away.get(`${unit.id}|${date}`) ?? 0) + 1);
    }
  }
  for (const [key, count] of unitSeats) {
    const [unitId, seminarId] = key.split('|');
    const room = settings.unitSeminarCap - (seminars.get(seminarId)!.unitSeatsTaken[unitId] ?? 0);
    if (count > room)
      flag('unit_cap', `${count} from ${unitId} for ${Math.max(0, room)} places under the per-unit cap`, { seminarId });
  }
  for (const [key, count] of away) {
    const [unitId, date] = key.split('|');
    const unit = units.get(unitId)!;
    const allowance = dailyAllowance(unit.attendeeStaff, settings.unitDailyShare) - (unit.awayByDate[date] ?? 0);
    if (count > allowance)
      flag('daily_share', `${count} from ${unitId} away on ${date}, ${Math.max(0, allowance)} allowed`);
  }
}

function checkPins(instance: MatchingInstance, result: MatchingResult, flag: Flag): void {
  const assigned = new Set<string>();
  for (const p of result.proposals)
    for (const person of [...p.facilitators, ...p.attendees]) assigned.add(pairKey(person.personId, p.seminarId));
  for (const s of instance.seminars) for (const f of s.facilitators) assigned.add(pairKey(f.personId, s.id));
  const people = new Set([...instance.specialists.map((s) => s.id), ...instance.attendees.map((a) => a.id)]);
  const seminars = new Set(instance.seminars.map((s) => s.id));
  const outcomes = result.pins ?? [];
  for (const pin of instance.pins ?? []) {
    const ids = { seminarId: pin.seminarId, personId: pin.personId };
    const outcome = outcomes.find(
      (o) => o.personId === pin.personId && o.seminarId === pin.seminarId && o.kind === pin.kind,
    );
    const isAssigned = assigned.has(pairKey(pin.personId, pin.seminarId));
    if (!outcome) flag('pin_outcome', `no outcome reported for the ${pin.kind} pin`, ids);
    if (!people.has(pin.personId) || !seminars.has(pin.seminarId)) continue;
    if (pin.kind === 'forbid') {
      if (outcome && outcome.honoured === isAssigned)
        flag('pin_outcome', `the forbid pin is reported ${outcome.honoured ? '' : 'not '}honoured`, ids);
      continue; // an assignment itself is flagged as pin_forbid
    }
    if (isAssigned) {
      if (outcome && !outcome.honoured) flag('pin_outcome', 'the force pin is honoured but reported not honoured', ids);
    } else if (!outcome || outcome.honoured || !outcome.reason) {
      flag('pin_force', 'the force pin is not honoured and no reason is given', ids);
    }
  }
}

/** Flags each figure the result reports differently from the recomputation. */
function compareFigures(
  flag: Flag,
  stage: string,
  recomputed: Record<string, number>,
  reported: Partial<Record<string, number>> | undefined,
  stageObjective: number | undefined,
): void {
  const figures = { ...recomputed, 'stage objective': recomputed.total };
  const given: Partial<Record<string, number>> = { ...reported, 'stage objective': stageObjective };
  for (const [field, value] of Object.entries(figures)) {
    if (value !== given[field])
      flag('objective', `${stage} ${field}: ${given[field]} reported, ${value} from the assignments`);
  }
}

function facilitatorObjective(instance: MatchingInstance, result: MatchingResult, flag: Flag): number {
  const settings = resolveSettings(instance);
  const { coverageWeight } = facilitatorModel(instance, settings, releasedPins(result));
  const specialists = new Map(instance.specialists.map((s) => [s.id, s]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const count = new Map<string, number>();
  let covered = 0;
  let referral = 0;
  for (const p of result.proposals) {
    const seminar = seminars.get(p.seminarId);
    for (const f of p.facilitators) {
      const specialist = specialists.get(f.personId);
      if (!specialist || !seminar) continue;
      covered++;
      if (specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId)) referral++;
      count.set(specialist.id, (count.get(specialist.id) ?? 0) + 1);
    }
  }
  let load = 0;
  for (const [id, n] of count) load += loadCost(settings, specialists.get(id)!.load, n);
  const total = covered * coverageWeight + referral * settings.weights.facilitatorReferral - load;
  compareFigures(
    flag,
    'facilitators',
    { total, covered, referral, load },
    result.objective?.facilitators,
    result.optimality?.facilitators?.objective,
  );
  return total;
}

function attendeeObjective(instance: MatchingInstance, result: MatchingResult, flag: Flag): number {
  const settings = resolveSettings(instance);
  const attendees = new Map(instance.attendees.map((a) => [a.id, a]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const units = new Map(instance.units.map((u) => [u.id, u]));
  const hospitals = facilitatorHospitals(instance, chosenFacilitators(result));
  let total = 0;
  let seats = 0;
  let interest = 0;
  let referralPairing = 0;
  let neverTrained = 0;
  for (const p of result.proposals) {
    const seminar = seminars.get(p.seminarId);
    for (const a of p.attendees) {
      const attendee = attendees.get(a.personId);
      if (!attendee || !seminar) continue;
      const paired = units.get(attendee.unitId)!.referralHospitalIds.some((h) => hospitals.get(seminar.id)!.has(h));
      const worth = attendeeWorth(settings, attendee, seminar, paired);
      total += worth;
      seats++;
      interest += attendee.interests[seminar.topicId] ?? 0;
      if (paired) referralPairing++;
      if (!attendee.trainedTopicIds.includes(seminar.topicId)) neverTrained++;
      if (a.weight !== worth)
        flag('objective', `${attendee.id} at ${seminar.id}: weight ${a.weight} reported, ${worth} by the rules`, {
          seminarId: seminar.id,
          personId: attendee.id,
        });
    }
  }
  compareFigures(
    flag,
    'attendees',
    { total, seats, interest, referralPairing, neverTrained },
    result.objective?.attendees,
    result.optimality?.attendees?.objective,
  );
  return total;
}

/**
 * The bound a stage's certificate proves: the stage network rebuilt from the instance, priced as the
 * certificate says, and bounded by weak duality from the certificate's potentials.
 */
function provenBound(
  stage: string,
  certificate: FlowCertificate | undefined,
  flag: Flag,
  rebuild: () => StageNetwork,
): number {
  if (!certificate || !Array.isArray(certificate.prices) || !Array.isArray(certificate.potentials)) {
    flag('certificate', `${stage}: no certificate`);
    return NaN;
  }
  let net: StageNetwork;
  try {
    net = rebuild();
  } catch (error) {
    flag(
      'certificate',
      `${stage}: the stage cannot be rebuilt (${error instanceof Error ? error.message : String(error)})`,
    );
    return NaN;
  }
  if (certificate.potentials.length !== net.fixed.nodeCount || !certificate.potentials.every(Number.isFinite)) {
    flag(
      'certificate',
      `${stage}: ${certificate.potentials.length} potentials for ${net.fixed.nodeCount} nodes, or some not finite`,
    );
    return NaN;
  }
  const index = new Map(net.side.label.map((label, j) => [label, j]));
  const prices = new Float64Array(net.side.count);
  for (const { constraint, price } of certificate.prices) {
    const j = index.get(constraint);
    if (j === undefined || !(Number.isSafeInteger(price) && price >= 0)) {
      flag(
        'certificate',
        `${stage}: price ${price} for ${j === undefined ? 'unknown ' : ''}constraint "${constraint}"`,
      );
      return NaN;
    }
    prices[j] = price;
  }
  const built = buildGraph(net, new Map(), forcingBonus(net, prices), prices);
  const bound = dualBound(net, built, certificate.potentials, prices);
  if (!Number.isFinite(bound)) {
    flag('certificate', `${stage}: the potentials prove no bound (the return arc has a negative reduced cost)`);
    return NaN;
  }
  return bound;
}

function judgeCertificate(
  stage: string,
  bound: number,
  objective: number,
  reported: StageOptimality | undefined,
  flag: Flag,
): boolean {
  if (Number.isNaN(bound)) return false;
  let valid = true;
  if (bound < objective) {
    flag('certificate', `${stage}: the certificate proves ${bound}, below the assignments' objective ${objective}`);
    valid = false;
  }
  // A bound proven by the exact solver's branch and bound is tighter than the flow certificate's:
  // the certificate must still hold, and allow it.
  if (reported?.provenBy === 'exact_solver') {
    if (!(reported.bound <= bound && reported.bound >= objective)) {
      flag(
        'certificate',
        `${stage}: bound ${reported.bound} reported by the exact solver, outside [${objective}, ${bound}]`,
      );
      valid = false;
    }
    return valid;
  }
  if (reported?.bound !== bound) {
    flag('certificate', `${stage}: bound ${reported?.bound} reported, ${bound} proven`);
    valid = false;
  }
  if (reported?.status === 'optimal' && bound !== objective) {
    flag('certificate', `${stage}: reported optimal, but the proven bound ${bound} exceeds the objective ${objective}`);
    valid = false;
  }
  return valid;
}
