import type { AttendeeStage } from './attendee-stage';
import { attendeeAssignments } from './attendee-outcome';
import { EXACT_OPTIONS, type ExactSolver } from './exact-stage';
import type { SearchOutcome } from './flow-model';
import type { FacilitatorAssignment, MatchingInstance } from './instance';
import { attendeeProgram } from './lp-export';
import { pairKey } from './settings';

/**
 * Candidate pairs (attendee, seminar) up to which the attendee stage goes to the exact solver: a
 * cycle of 2,000 attendees has about 30,000, and HiGHS proves each network's optimum in one to
 * six seconds on the program with a general integer per unit and seminar
 * (`attendeeProgram(…, aggregate)`). Larger stages keep the search's answer and its proven gap.
 */
export const ATTENDEE_EXACT_MAX_PAIRS = 40_000;

/** The stage's candidate pairs (attendee, seminar). */
export function attendeePairs(stage: AttendeeStage): number {
  return stage.options.reduce((sum, o) => sum + o.length, 0);
}

/** A stage answer: the seminar each attendee takes (−1 for none) and the search outcome it came from. */
export interface AttendeeAnswer {
  seat: Int32Array;
  outcome: SearchOutcome;
}

/**
 * The attendee stage solved exactly where the daily share binds and the search could not prove its
 * answer optimal. The stage splits into independent parts (units and the seminars their people can
 * take, joined by any option: attendees never cross networks), and each part's program goes to the
 * exact solver; a part whose optimum is proven and beats the search's takes the solver's seats,
 * any other part keeps the search's. The stage is optimal when every part is proven. Force pins
 * the search could not honour stay released, so the search's answer is always feasible for the
 * program and the solver's optimum is never below it.
 */
export function solveAttendeesExactly(
  instance: MatchingInstance,
  stage: AttendeeStage,
  facilitators: ReadonlyMap<string, readonly FacilitatorAssignment[]>,
  answer: AttendeeAnswer,
  solver: ExactSolver,
): AttendeeAnswer {
  const { outcome } = answer;
  if (outcome.status === 'optimal' || attendeePairs(stage) > ATTENDEE_EXACT_MAX_PAIRS) return answer;
  const seat = Int32Array.from(answer.seat);
  const attendeeIndex = new Map(instance.attendees.map((a, i) => [a.id, i]));
  const seminarIndex = new Map(stage.seminars.map((s, i) => [s.id, i]));
  const released = new Set<string>();
  for (const [a, s] of forcedPairs(instance, attendeeIndex, seminarIndex))
    if (seat[a] !== s) released.add(pairKey(instance.attendees[a].id, stage.seminars[s].id));
  let proven = true;
  for (const part of independentParts(instance, stage)) {
    const members = new Set(part.attendees);
    const program = attendeeProgram(
      {
        ...instance,
        units: part.units.map((u) => stage.units[u]),
        seminars: part.seminars.map((s) => stage.seminars[s]),
        attendees: part.attendees.map((a) => instance.attendees[a]),
        pins: (instance.pins ?? []).filter((pin) => members.has(attendeeIndex.get(pin.personId) ?? -1)),
      },
      facilitators,
      released,
      true,
    );
    let solution: ReturnType<ExactSolver['solve']>;
    try {
      solution = solver.solve(program.text, EXACT_OPTIONS);
    } catch {
      proven = false;
      continue;
    }
    const chosen = solution.Status === 'Optimal' ? integerChoice(program.decisions, solution.Columns) : undefined;
    if (!chosen) {
      proven = false;
      continue;
    }
    const before = part.attendees.map((a) => seat[a]);
    for (const a of part.attendees) seat[a] = -1;
    for (const pair of chosen) {
      const a = attendeeIndex.get(pair.personId)!;
      if (members.has(a)) seat[a] = seminarIndex.get(pair.seminarId)!;
    }
    // The solver's optimum is never worse than the search's answer on the same program: if it
    // reads worse, the program and the network disagree, and the search's answer stands.
    if (
      worth(stage, instance, seat, part.attendees) <
      worth(stage, instance, Int32Array.from(answer.seat), part.attendees)
    ) {
      part.attendees.forEach((a, k) => (seat[a] = before[k]));
      proven = false;
    }
  }
  const objective = worth(
    stage,
    instance,
    seat,
    instance.attendees.map((_, a) => a),
  );
  if (objective < outcome.solution.objective) return answer;
  const bound = proven ? objective : Math.max(objective, outcome.bound);
  return {
    seat,
    outcome: {
      ...outcome,
      solution: { ...outcome.solution, objective },
      bound,
      status: proven || bound <= objective ? 'optimal' : 'feasible',
      provenBy: proven ? 'exact_solver' : outcome.provenBy,
    },
  };
}

/** The pairs of a solution whose seat variables are all whole (a vertex of the flow given the places). */
function integerChoice(
  decisions: Map<string, { personId: string; seminarId: string }>,
  columns: Record<string, object>,
): { personId: string; seminarId: string }[] | undefined {
  const chosen: { personId: string; seminarId: string }[] = [];
  for (const [name, pair] of decisions) {
    const column = columns[name];
    const value = column && 'Primal' in column && typeof column.Primal === 'number' ? column.Primal : 0;
    if (Math.abs(value - Math.round(value)) > 1e-6) return undefined;
    if (value > 0.5) chosen.push(pair);
  }
  return chosen;
}

/** The total worth of the seats of `attendees`, as the stage's assignments count it. */
function worth(stage: AttendeeStage, instance: MatchingInstance, seat: Int32Array, attendees: number[]): number {
  const only = new Int32Array(seat.length).fill(-1);
  for (const a of attendees) only[a] = seat[a];
  let total = 0;
  for (const list of attendeeAssignments(stage, only, instance).values()) for (const a of list) total += a.weight;
  return total;
}

function forcedPairs(
  instance: MatchingInstance,
  attendeeIndex: Map<string, number>,
  seminarIndex: Map<string, number>,
): [number, number][] {
  const pairs: [number, number][] = [];
  for (const pin of instance.pins ?? []) {
    const a = attendeeIndex.get(pin.personId);
    const s = seminarIndex.get(pin.seminarId);
    if (pin.kind === 'force' && a !== undefined && s !== undefined) pairs.push([a, s]);
  }
  return pairs;
}

interface Part {
  units: number[];
  seminars: number[];
  attendees: number[];
}

/** Units and seminars joined by any attendee's option, with the attendees who have options. */
function independentParts(instance: MatchingInstance, stage: AttendeeStage): Part[] {
  const unitCount = stage.units.length;
  const parent = Int32Array.from({ length: unitCount + stage.seminars.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const unitOf = (a: number) => stage.unitIndex.get(instance.attendees[a].unitId)!;
  stage.options.forEach((options, a) => {
    for (const s of options) parent[find(unitCount + s)] = find(unitOf(a));
  });
  const parts = new Map<number, Part>();
  const partOf = (node: number) => {
    const root = find(node);
    if (!parts.has(root)) parts.set(root, { units: [], seminars: [], attendees: [] });
    return parts.get(root)!;
  };
  stage.options.forEach((options, a) => {
    if (options.length > 0) partOf(unitOf(a)).attendees.push(a);
  });
  for (let u = 0; u < unitCount; u++) if (parts.has(find(u))) partOf(u).units.push(u);
  for (let s = 0; s < stage.seminars.length; s++)
    if (parts.has(find(unitCount + s))) partOf(unitCount + s).seminars.push(s);
  return [...parts.values()].filter((part) => part.attendees.length > 0);
}
