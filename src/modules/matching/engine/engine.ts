import { dailyShareRestriction } from './attendee-daily-share';
import { attendeeAssignments, attendeeExclusions, seatsFromFlow } from './attendee-outcome';
import { fillOpenSeats } from './attendee-search';
import { buildAttendeeStage, type AttendeeStage } from './attendee-stage';
import {
  buildFacilitatorStage,
  facilitatorAssignments,
  fillOpenPlaces,
  shortfallReason,
  type FacilitatorStage,
} from './facilitator-stage';
import {
  BRANCHABLE_VARIABLES,
  searchStage,
  StageSolver,
  type NodeSolution,
  type Restriction,
  type SearchOutcome,
  type StageNetwork,
} from './flow-model';
import type {
  AttendeeAssignment,
  FlowCertificate,
  MatchingInstance,
  MatchingResult,
  PinOutcome,
  PinReason,
  SeminarProposal,
  Settings,
  StageOptimality,
} from './instance';
import { canonicalInstance, inInstanceOrder } from './canonical';
import { EXACT_MAX_PAIRS, solveFacilitatorsExactly, type ExactSolver } from './exact-stage';
import { ATTENDEE_EXACT_MAX_PAIRS, attendeePairs, solveAttendeesExactly, type AttendeeAnswer } from './attendee-exact';
import { shortfallProof } from './shortfall-proof';
import { validateInstance } from './validate';
import { dailyAllowance, pairKey, resolveSettings } from './settings';
import { WorkMeter, workBudget } from './work';

/**
 * Decides facilitators, then attendees, for the seminars of an instance. Nothing random and nothing
 * timed: the search is bounded by an amount of work derived from `budgetMs` (see {@link workBudget}),
 * so the same instance always gives the same result, on any machine and under any load; a search
 * cut by the budget keeps its best answer so far.
 */
export interface SolveOptions {
  /**
   * An exact solver for the facilitator stage (HiGHS): with it, coverage is always the proven
   * optimum when the flow search cannot prove its own answer optimal.
   */
  exact?: ExactSolver;
}

export function solveMatching(given: MatchingInstance, options: SolveOptions = {}): MatchingResult {
  const started = performance.now();
  validateInstance(given);
  const result = solveCanonical(canonicalInstance(given), options);
  result.stats.milliseconds = Math.round(performance.now() - started);
  return inInstanceOrder(given, result);
}

/** Both stages on an instance whose rows are in canonical order (see {@link canonicalInstance}). */
function solveCanonical(instance: MatchingInstance, options: SolveOptions): MatchingResult {
  const settings = resolveSettings(instance);
  const budget = workBudget(settings.budgetMs);
  const meter = new WorkMeter();

  const facilitatorStage = buildFacilitatorStage(instance, settings);
  // Each stage gets its own share of the work budget; the attendee stage may use what the
  // facilitator stage left.
  const facilitatorOutcome = runStage(
    facilitatorStage.network,
    settings,
    meter,
    // With the exact solver to follow, the search only needs a first answer to fall back on.
    (options.exact && facilitatorStage.candidates.length <= EXACT_MAX_PAIRS ? EXACT_SEARCH_SHARE : FACILITATOR_SHARE) *
      budget,
    (variable) => {
      const c = facilitatorStage.candidates[variable];
      facilitatorStage.pinsRefused.set(pairKey(c.specialist.id, c.seminar.id), 'capacity');
    },
  );
  const searched = withOpenPlacesFilled(facilitatorStage, settings, facilitatorOutcome);
  const facilitatorAnswer = options.exact
    ? solveFacilitatorsExactly(instance, facilitatorStage, searched, options.exact)
    : searched;
  const facilitators = facilitatorAssignments(facilitatorStage, facilitatorAnswer.solution.values);

  const attendeeStage = buildAttendeeStage(instance, settings, facilitators);
  // With the exact solver to follow, the search only needs an answer to fall back on.
  const attendeesExact = options.exact !== undefined && attendeePairs(attendeeStage) <= ATTENDEE_EXACT_MAX_PAIRS;
  const attendeeBudget = attendeesExact ? meter.done + EXACT_SEARCH_SHARE * budget : budget;
  // A pin released because its forced flow could not be sent: why is read from the answer.
  const attendeeSearch = runStage(
    attendeeStage.network,
    settings,
    meter,
    attendeeBudget,
    () => {},
    dailyShareRestriction(attendeeStage, meter),
  );
  const seat = seatsFromFlow(attendeeStage, attendeeSearch.solution.values, attendeeSearch.solution.flow.flow);
  // Exchanges may use what is left of the budget, and at least a fifth of it.
  const exchangesUntil = Math.max(
    attendeeBudget,
    meter.done + (attendeesExact ? EXACT_SEARCH_SHARE : EXCHANGE_SHARE) * budget,
  );
  const searchedSeats: AttendeeAnswer = {
    seat,
    outcome: withGain(attendeeSearch, fillOpenSeats(attendeeStage, seat, instance, meter, exchangesUntil)),
  };
  const { seat: seats, outcome: attendeeOutcome } = options.exact
    ? solveAttendeesExactly(instance, attendeeStage, facilitators, searchedSeats, options.exact)
    : searchedSeats;
  const attendees = attendeeAssignments(attendeeStage, seats, instance);

  const proposals: SeminarProposal[] = instance.seminars.map((seminar) => {
    const chosen = facilitators.get(seminar.id) ?? [];
    const uncovered: SeminarProposal['uncovered'] = [];
    for (const req of seminar.requiredSpecialties) {
      const present =
        seminar.facilitators.filter((f) => f.specialtyId === req.specialtyId).length +
        chosen.filter((f) => f.specialtyId === req.specialtyId).length;
      if (present < req.count)
        uncovered.push({
          specialtyId: req.specialtyId,
          missing: req.count - present,
          reason: shortfallReason(instance, settings, facilitatorStage, facilitators, seminar, req.specialtyId),
          blockers: shortfallProof(instance, settings, facilitatorStage, facilitators, seminar, req.specialtyId),
        });
    }
    return { seminarId: seminar.id, facilitators: chosen, uncovered, attendees: attendees.get(seminar.id) ?? [] };
  });

  return {
    objective: {
      facilitators: facilitatorObjective(facilitatorStage, facilitatorAnswer.solution, settings),
      attendees: attendeeObjective(attendees, attendeeOutcome.solution),
    },
    proposals,
    leftOut: attendeeExclusions(attendeeStage, seats, instance),
    pins: pinOutcomes(instance, settings, proposals, facilitatorStage, attendeeStage),
    optimality: { facilitators: optimality(facilitatorAnswer), attendees: optimality(attendeeOutcome) },
    certificate: {
      facilitators: certificate(facilitatorStage.network, facilitatorOutcome.proof),
      attendees: certificate(attendeeStage.network, attendeeOutcome.proof),
    },
    stats: {
      specialistPairs: facilitatorStage.candidates.length,
      attendeePairs: attendeePairs(attendeeStage),
      nodes: facilitatorStage.network.fixed.nodeCount + attendeeStage.network.fixed.nodeCount,
      arcs: facilitatorAnswer.solution.built.graph.arcCount + attendeeOutcome.solution.built.graph.arcCount,
      milliseconds: 0,
    },
  };
}

/** Solves a stage; pins whose forced flow cannot be sent at all are released first and reported. */
/** `until` is the meter's reading (from the start of the run) at which the stage stops refining. */
function runStage(
  net: StageNetwork,
  settings: Settings,
  meter: WorkMeter,
  until: number,
  refusePin: (variable: number) => void,
  restrict?: Restriction,
): SearchOutcome {
  const branchable = net.variables.count <= BRANCHABLE_VARIABLES;
  let solver = new StageSolver(net, branchable, meter);
  let root = solver.solve(new Map(), null);
  if (root.unmetForced.length > 0) {
    for (const v of root.unmetForced) {
      net.variables.lo[v] = 0;
      refusePin(v);
    }
    solver = new StageSolver(net, branchable, meter);
    root = solver.solve(new Map(), null);
  }
  const remaining = Math.max(0, until - meter.done);
  return searchStage(net, { iterations: settings.priceIterations, work: remaining, solver, restrict }, root);
}

/** The facilitator stage's answer with the places it left open that a specialist can still take filled. */
function withOpenPlacesFilled(stage: FacilitatorStage, settings: Settings, outcome: SearchOutcome): SearchOutcome {
  const { values, gain } = fillOpenPlaces(stage, settings, outcome.solution.values);
  return withGain(outcome, gain, values);
}

/** A stage's answer improved by `gain` after the search (with the new variable values, if they were kept). */
function withGain(outcome: SearchOutcome, gain: number, values = outcome.solution.values): SearchOutcome {
  if (gain === 0) return outcome;
  const objective = outcome.solution.objective + gain;
  const bound = Math.max(outcome.bound, objective);
  return {
    ...outcome,
    solution: { ...outcome.solution, values, objective },
    bound,
    status: bound <= objective ? 'optimal' : 'feasible',
  };
}

/** Share of the work budget the facilitator stage may use. */
const FACILITATOR_SHARE = 0.25;
/** Its share when the exact solver solves the stage afterwards. */
const EXACT_SEARCH_SHARE = 0.02;
/** Share of the work budget the attendees' seat exchanges get at least, after the search. */
const EXCHANGE_SHARE = 0.2;

function optimality(outcome: SearchOutcome): StageOptimality {
  return {
    status: outcome.status,
    objective: outcome.solution.objective,
    bound: outcome.bound,
    flowSolves: outcome.solves,
    sideConstraintsViolatedAtRoot: outcome.violatedAtRoot,
    provenBy: outcome.provenBy ?? 'flow_certificate',
  };
}

export function certificate(net: StageNetwork, proof: NodeSolution): FlowCertificate {
  const prices: FlowCertificate['prices'] = [];
  if (proof.prices)
    proof.prices.forEach((price, j) => price > 0 && prices.push({ constraint: net.side.label[j], price }));
  return { prices, potentials: Array.from(proof.flow.potentials) };
}

function facilitatorObjective(stage: FacilitatorStage, solution: NodeSolution, settings: Settings) {
  let covered = 0;
  let referral = 0;
  const runLoad = new Map<string, number>();
  stage.candidates.forEach((c, i) => {
    if (solution.values[i] <= 0) return;
    covered++;
    if (c.referral) referral++;
    runLoad.set(c.specialist.id, (runLoad.get(c.specialist.id) ?? 0) + 1);
  });
  let load = 0;
  for (const c of stage.candidates) {
    const count = runLoad.get(c.specialist.id);
    if (!count) continue;
    for (let j = 0; j < count; j++) load += settings.weights.facilitatorLoad * (c.specialist.load + j);
    runLoad.delete(c.specialist.id);
  }
  return { total: solution.objective, covered, referral, load };
}

function attendeeObjective(chosen: Map<string, AttendeeAssignment[]>, solution: NodeSolution) {
  let seats = 0;
  let interest = 0;
  let referralPairing = 0;
  let neverTrained = 0;
  for (const list of chosen.values()) {
    for (const a of list) {
      seats++;
      interest += a.interest;
      if (a.pairedFacilitatorIds.length > 0) referralPairing++;
      if (a.neverTrained) neverTrained++;
    }
  }
  return { total: solution.objective, seats, interest, referralPairing, neverTrained };
}

function pinOutcomes(
  instance: MatchingInstance,
  settings: Settings,
  proposals: SeminarProposal[],
  facilitatorStage: FacilitatorStage,
  attendeeStage: AttendeeStage,
): PinOutcome[] {
  const assigned = new Set<string>();
  for (const p of proposals) {
    for (const f of p.facilitators) assigned.add(pairKey(f.personId, p.seminarId));
    for (const a of p.attendees) assigned.add(pairKey(a.personId, p.seminarId));
  }
  const kept = new Set(instance.seminars.flatMap((s) => s.facilitators.map((f) => pairKey(f.personId, s.id))));
  const known = new Set([...instance.specialists.map((s) => s.id), ...instance.attendees.map((a) => a.id)]);
  const seminars = new Set(instance.seminars.map((s) => s.id));
  const attendeeLimit = attendeeLimitReached(instance, settings, proposals);
  return (instance.pins ?? []).map((pin) => {
    const key = pairKey(pin.personId, pin.seminarId);
    if (!known.has(pin.personId) || !seminars.has(pin.seminarId))
      return { ...pin, honoured: false, reason: 'not_in_run' };
    if (pin.kind === 'forbid') {
      if (kept.has(key)) return { ...pin, honoured: false, reason: 'already_facilitates' };
      return { ...pin, honoured: !assigned.has(key) };
    }
    if (assigned.has(key) || kept.has(key)) return { ...pin, honoured: true };
    const reason =
      facilitatorStage.pinsRefused.get(key) ??
      attendeeStage.pinsRefused.get(key) ??
      attendeeLimit(pin.personId, pin.seminarId) ??
      'capacity';
    return { ...pin, honoured: false, reason };
  });
}

/** The limit that keeps an attendee out of a seminar in the final answer, if any. */
function attendeeLimitReached(
  instance: MatchingInstance,
  settings: Settings,
  proposals: SeminarProposal[],
): (personId: string, seminarId: string) => PinReason | undefined {
  const attendees = new Map(instance.attendees.map((a) => [a.id, a]));
  const units = new Map(instance.units.map((u) => [u.id, u]));
  const seminars = new Map(instance.seminars.map((s) => [s.id, s]));
  const seated = new Set<string>();
  const taken = new Map<string, number>();
  const unitTaken = new Map<string, number>();
  const away = new Map<string, number>();
  for (const p of proposals) {
    const seminar = seminars.get(p.seminarId)!;
    taken.set(seminar.id, p.attendees.length);
    for (const a of p.attendees) {
      seated.add(a.personId);
      unitTaken.set(`${a.unitId}|${seminar.id}`, (unitTaken.get(`${a.unitId}|${seminar.id}`) ?? 0) + 1);
      for (const date of seminar.dates) away.set(`${a.unitId}|${date}`, (away.get(`${a.unitId}|${date}`) ?? 0) + 1);
    }
  }
  return (personId, seminarId) => {
    const attendee = attendees.get(personId);
    const seminar = seminars.get(seminarId)!;
    if (!attendee) return undefined;
    if (seated.has(personId)) return 'already_seated';
    const unit = units.get(attendee.unitId)!;
    if ((taken.get(seminarId) ?? 0) >= seminar.capacity - seminar.seatsTaken) return 'capacity';
    if (
      (unitTaken.get(`${unit.id}|${seminarId}`) ?? 0) >=
      settings.unitSeminarCap - (seminar.unitSeatsTaken[unit.id] ?? 0)
    )
      return 'unit_cap';
    const allowance = dailyAllowance(unit.attendeeStaff, settings.unitDailyShare);
    if (seminar.dates.some((date) => (away.get(`${unit.id}|${date}`) ?? 0) >= allowance - (unit.awayByDate[date] ?? 0)))
      return 'unit_daily_share';
    return undefined;
  };
}
