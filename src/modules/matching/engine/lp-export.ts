import type { FacilitatorAssignment, MatchingInstance, MatchingResult } from './instance';
import {
  attendeeModel,
  chosenFacilitators,
  facilitatorModel,
  group,
  keptInMonth,
  keptSeminars,
  placeKey,
  releasedPins,
} from './reference-model';
import { monthOf, resolveSettings } from './settings';

/**
 * Each stage of the matching as a CPLEX-LP integer program, for a MIP solver to confirm the
 * engine's answers. One binary variable per person and seminar the rules allow, every limit as a
 * row (the side constraints the engine prices included), and the stage's objective to maximise, so
 * the program's optimum is the stage's true integer optimum.
 *
 * Names: `f_<specialist>_<seminar>` (facilitator stage), `l_<specialist>_<k>` (the specialist's
 * k-th seminar of the run, whose load cost rises with k), `x_<attendee>_<seminar>` (attendee
 * stage); indices are positions in the instance's lists, and a comment header maps them to ids.
 */

export interface StageLp {
  stage: 'facilitators' | 'attendees';
  text: string;
  /** The binary decision variables: who would facilitate or attend which seminar. */
  decisions: Map<string, { personId: string; seminarId: string }>;
}

/**
 * Stage 1. Force pins the result reports as not honoured are left free (without a result, every
 * force pin the rules allow is imposed).
 */
export function facilitatorStageLp(instance: MatchingInstance, result?: Pick<MatchingResult, 'pins'>): StageLp {
  return facilitatorProgram(instance, releasedPins(result));
}

/** Stage 1 with the force pins of `released` (pair keys) left free. */
export function facilitatorProgram(instance: MatchingInstance, released: ReadonlySet<string>): StageLp {
  const settings = resolveSettings(instance);
  const model = facilitatorModel(instance, settings, released);
  const lp = new LpWriter();
  const name = (p: number, s: number) => `f_${p}_${s}`;
  const decisions = new Map<string, { personId: string; seminarId: string }>();
  const byPlace = new Map<string, string[]>();
  const bySpecialist = new Map<number, number[]>();
  const kept = keptSeminars(instance);
  for (const c of model.candidates) {
    const v = name(c.specialist, c.seminar);
    decisions.set(v, { personId: instance.specialists[c.specialist].id, seminarId: instance.seminars[c.seminar].id });
    lp.objective(c.worth, v);
    lp.binary(v);
    const key = placeKey(instance.seminars[c.seminar].id, instance.specialists[c.specialist].specialtyId);
    group(byPlace, key, v);
    group(bySpecialist, c.specialist, c.seminar);
    if (c.forced) lp.row(`pin_${c.specialist}_${c.seminar}`, [[1, v]], '=', 1);
  }
  const specialties = [...new Set([...model.places.keys()].map((key) => key.split('|')[1]))];
  const seminarOrder = new Map(instance.seminars.map((s, i) => [s.id, i]));
  for (const [key, members] of byPlace) {
    const open = model.places.get(key)!;
    const [seminarId, specialtyId] = key.split('|');
    if (members.length > open)
      lp.row(
        `place_${seminarOrder.get(seminarId)}_${specialties.indexOf(specialtyId)}`,
        members.map((v) => [1, v]),
        '<=',
        open,
      );
  }
  for (const [p, seminars] of bySpecialist) {
    const specialist = instance.specialists[p];
    // The k-th seminar costs load × (outside load + k): convex, so the cheapest slots fill first.
    const slots = seminars.map((_, k) => `l_${p}_${k}`);
    slots.forEach((slot, k) => {
      lp.objective(-settings.weights.facilitatorLoad * (specialist.load + k), slot);
      lp.bound(slot, 0, 1);
    });
    lp.row(
      `load_${p}`,
      [...slots.map((slot): Term => [1, slot]), ...seminars.map((s): Term => [-1, name(p, s)])],
      '=',
      0,
    );
    const byDate = new Map<string, number[]>();
    const byMonth = new Map<string, number[]>();
    for (const s of seminars) {
      for (const date of instance.seminars[s].dates) group(byDate, date, s);
      for (const month of new Set(instance.seminars[s].dates.map(monthOf))) group(byMonth, month, s);
    }
    const seen = new Set<string>();
    for (const [date, sharing] of byDate) {
      // Consecutive days of the same seminars give the same row: write it once.
      if (sharing.length < 2 || seen.has(sharing.join())) continue;
      seen.add(sharing.join());
      lp.row(
        `day_${p}_${compact(date)}`,
        sharing.map((s) => [1, name(p, s)]),
        '<=',
        1,
      );
    }
    for (const [month, touching] of byMonth) {
      const room =
        settings.facilitatorMonthlyLimit -
        (specialist.monthlyLoad[month] ?? 0) -
        keptInMonth(kept.get(specialist.id) ?? [], month);
      if (touching.length > room)
        lp.row(
          `month_${p}_${compact(month)}`,
          touching.map((s) => [1, name(p, s)]),
          '<=',
          room,
        );
    }
  }
  const header = [
    `Puente matching, stage 1 (facilitators): ${model.candidates.length} candidate pairs, coverage weight ${model.coverageWeight}`,
    ...instance.specialists.map((s, i) => `specialist ${i} = ${s.id}`),
    ...instance.seminars.map((s, i) => `seminar ${i} = ${s.id}`),
    ...specialties.map((id, i) => `specialty ${i} = ${id}`),
  ];
  return { stage: 'facilitators', text: lp.write(header), decisions };
}

/**
 * Stage 2, given the facilitators the result's first stage chose (the pairing worth depends on
 * them). Force pins the result reports as not honoured are left free.
 */
export function attendeeStageLp(
  instance: MatchingInstance,
  result: Pick<MatchingResult, 'proposals' | 'pins'>,
): StageLp {
  return attendeeProgram(instance, chosenFacilitators(result), releasedPins(result));
}

/**
 * Stage 2 given the facilitators (`chosen`, by seminar id), with the force pins of `released`
 * (pair keys) left free. `aggregate` writes the same program with fewer integer variables: the
 * seat variables continuous in [0, 1], and one general integer per unit and seminar whose daily
 * share can bind (`y_<unit>_<seminar>`, the unit's people in that seminar), the share rows on
 * those. Given integer places the rest is a network flow (attendee → unit-seminar → seminar), whose
 * linear optimum has an integer vertex, so the optimum is the same and the solver branches on far
 * fewer variables.
 */
export function attendeeProgram(
  instance: MatchingInstance,
  chosen: ReadonlyMap<string, readonly Pick<FacilitatorAssignment, 'personId' | 'hospitalId'>[]>,
  released: ReadonlySet<string>,
  aggregate = false,
): StageLp {
  const settings = resolveSettings(instance);
  const model = attendeeModel(instance, settings, chosen, released);
  const lp = new LpWriter();
  const decisions = new Map<string, { personId: string; seminarId: string }>();
  const byAttendee = new Map<string, string[]>();
  const bySeminar = new Map<string, string[]>();
  const byUnitSeminar = new Map<string, string[]>();
  const byUnitDate = new Map<string, string[]>();
  for (const c of model.candidates) {
    const v = `x_${c.attendee}_${c.seminar}`;
    const u = model.unitOf[c.attendee];
    decisions.set(v, { personId: instance.attendees[c.attendee].id, seminarId: instance.seminars[c.seminar].id });
    lp.objective(c.worth, v);
    if (aggregate) lp.bound(v, 0, 1);
    else lp.binary(v);
    if (c.forced) lp.row(`pin_${c.attendee}_${c.seminar}`, [[1, v]], '=', 1);
    group(byAttendee, `${c.attendee}`, v);
    group(bySeminar, `${c.seminar}`, v);
    group(byUnitSeminar, `${u}_${c.seminar}`, v);
    for (const date of instance.seminars[c.seminar].dates) group(byUnitDate, `${u}_${date}`, v);
  }
  for (const [a, members] of byAttendee)
    if (members.length > 1)
      lp.row(
        `one_${a}`,
        members.map((v) => [1, v]),
        '<=',
        1,
      );
  for (const [s, members] of bySeminar)
    if (members.length > model.seats[Number(s)])
      lp.row(
        `seats_${s}`,
        members.map((v) => [1, v]),
        '<=',
        model.seats[Number(s)],
      );
  for (const [key, members] of byUnitSeminar) {
    const [u, s] = key.split('_').map(Number);
    const room = model.unitRoom(u, s);
    if (members.length > room)
      lp.row(
        `unit_${key}`,
        members.map((v) => [1, v]),
        '<=',
        room,
      );
  }
  const seen = new Set<string>();
  const places = new Set<string>();
  for (const [key, members] of byUnitDate) {
    const [u, date] = key.split('_');
    const allowance = model.allowance(Number(u), date);
    const signature = `${u}:${allowance}:${members.join()}`;
    if (members.length <= allowance || seen.has(signature)) continue;
    seen.add(signature);
    if (aggregate) {
      const seminarsThatDay = [...new Set(members.map((v) => v.split('_')[2]))];
      for (const s of seminarsThatDay) places.add(`${u}_${s}`);
      lp.row(
        `share_${u}_${compact(date)}`,
        seminarsThatDay.map((s) => [1, `y_${u}_${s}`]),
        '<=',
        allowance,
      );
    } else
      lp.row(
        `share_${u}_${compact(date)}`,
        members.map((v) => [1, v]),
        '<=',
        allowance,
      );
  }
  for (const place of places) {
    const y = `y_${place}`;
    lp.row(`seat_${place}`, [[1, y], ...byUnitSeminar.get(place)!.map((v): Term => [-1, v])], '=', 0);
    lp.general(y);
  }
  const header = [
    `Puente matching, stage 2 (attendees) given the first stage's facilitators: ${model.candidates.length} candidate pairs`,
    ...instance.attendees.map((a, i) => `attendee ${i} = ${a.id}`),
    ...instance.units.map((u, i) => `unit ${i} = ${u.id}`),
    ...instance.seminars.map((s, i) => `seminar ${i} = ${s.id}`),
  ];
  return { stage: 'attendees', text: lp.write(header), decisions };
}

/** The pairs a solution of a stage's program chooses, from its variable values by name. */
export function readLpSolution(
  lp: StageLp,
  values: Readonly<Record<string, number>>,
): { personId: string; seminarId: string }[] {
  const chosen: { personId: string; seminarId: string }[] = [];
  for (const [name, pair] of lp.decisions) if ((values[name] ?? 0) > 0.5) chosen.push(pair);
  return chosen;
}

type Term = [coefficient: number, variable: string];

const TERMS_PER_LINE = 8;

/** `2031-03-04` → `20310304`: LP names take no hyphens. */
function compact(date: string): string {
  return date.replaceAll('-', '');
}

class LpWriter {
  private readonly goal: Term[] = [];
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  private readonly binaries: string[] = [];
  private readonly generals: string[] = [];

  objective(coefficient: number, variable: string): void {
    this.goal.push([coefficient, variable]);
  }

  row(name: string, terms: Term[], sense: '<=' | '=', rhs: number): void {
    this.rows.push(`${expression(` ${name}:`, terms)} ${sense} ${rhs}`);
  }

  bound(variable: string, lo: number, hi: number): void {
    this.bounds.push(` ${lo} <= ${variable} <= ${hi}`);
  }

  binary(variable: string): void {
    this.binaries.push(variable);
  }

  general(variable: string): void {
    this.generals.push(variable);
  }

  write(comments: string[]): string {
    const lines = comments.map((c) => `\\ ${c}`);
    lines.push('Maximize', this.goal.length > 0 ? expression(' obj:', this.goal) : ' obj: 0 empty');
    lines.push('Subject To', ...this.rows);
    if (this.goal.length === 0) lines.push(' none: empty <= 0');
    if (this.bounds.length > 0) lines.push('Bounds', ...this.bounds);
    if (this.binaries.length > 0) {
      lines.push('Binaries');
      for (let i = 0; i < this.binaries.length; i += TERMS_PER_LINE)
        lines.push(` ${this.binaries.slice(i, i + TERMS_PER_LINE).join(' ')}`);
    }
    if (this.generals.length > 0) {
      lines.push('General');
      for (let i = 0; i < this.generals.length; i += TERMS_PER_LINE)
        lines.push(` ${this.generals.slice(i, i + TERMS_PER_LINE).join(' ')}`);
    }
    lines.push('End', '');
    return lines.join('\n');
  }
}

/** A linear expression, wrapped so that no line grows long. */
function expression(label: string, terms: Term[]): string {
  const parts = terms.map(([c, v], i) => {
    const sign = c < 0 ? '-' : i === 0 ? '' : '+';
    return `${sign}${sign ? ' ' : ''}${Math.abs(c)} ${v}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += TERMS_PER_LINE) lines.push(parts.slice(i, i + TERMS_PER_LINE).join(' '));
  return `${label} ${lines.join('\n   ')}`;
}
