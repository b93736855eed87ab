import type { FacilitatorStage } from './facilitator-stage';
import { monthRoom } from './facilitator-stage';
import type {
  FacilitatorAssignment,
  FacilitatorBlocker,
  InstanceSeminar,
  InstanceSpecialist,
  MatchingInstance,
  Settings,
} from './instance';
import { isUnavailable, monthOf, pairKey } from './settings';

/**
 * Why nobody fills an open place of `specialtyId` in `seminar`: every specialist of the specialty
 * who does not already facilitate it, with the first rule that keeps them out given the answer's
 * other assignments. With the facilitator stage at its optimum, each is kept out by something: the
 * office reads whom to ask (a day off to move, a seminar to hand over) or which seminar to move.
 * A specialist kept out by nothing would be a place the answer could still fill; the stage's
 * open-place filling leaves none.
 */
export function shortfallProof(
  instance: MatchingInstance,
  settings: Settings,
  stage: FacilitatorStage,
  chosen: ReadonlyMap<string, readonly FacilitatorAssignment[]>,
  seminar: InstanceSeminar,
  specialtyId: string,
): FacilitatorBlocker[] {
  const lastKind = new Map((instance.pins ?? []).map((pin) => [pairKey(pin.personId, pin.seminarId), pin.kind]));
  const held = new Map<string, InstanceSeminar[]>();
  for (const [personId, list] of stage.keptOf) held.set(personId, [...list]);
  for (const other of instance.seminars)
    for (const f of chosen.get(other.id) ?? []) held.set(f.personId, [...(held.get(f.personId) ?? []), other]);
  const here = new Set([
    ...seminar.facilitators.map((f) => f.personId),
    ...(chosen.get(seminar.id) ?? []).map((f) => f.personId),
  ]);
  const blockers: FacilitatorBlocker[] = [];
  for (const specialist of instance.specialists) {
    if (specialist.specialtyId !== specialtyId || here.has(specialist.id)) continue;
    const others = (held.get(specialist.id) ?? []).filter((s) => s !== seminar);
    const block = blockerOf(settings, specialist, seminar, others, lastKind.get(pairKey(specialist.id, seminar.id)));
    if (block) blockers.push({ personId: specialist.id, dates: [], month: null, seminarIds: [], outside: 0, ...block });
  }
  return blockers;
}

function blockerOf(
  settings: Settings,
  specialist: InstanceSpecialist,
  seminar: InstanceSeminar,
  others: readonly InstanceSeminar[],
  pin: 'force' | 'forbid' | undefined,
): (Partial<FacilitatorBlocker> & Pick<FacilitatorBlocker, 'rule'>) | null {
  if (pin === 'forbid') return { rule: 'pinned_out' };
  const reaches =
    (specialist.networkId !== null && specialist.networkId === seminar.networkId) ||
    (specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId));
  if (settings.facilitatorsFromNetwork && !reaches && pin !== 'force') return { rule: 'network' };
  const busy = new Set(specialist.busyDates);
  const off = seminar.dates.filter((d) => isUnavailable([d], specialist.unavailable, busy));
  if (off.length > 0) return { rule: 'unavailable', dates: off };
  const clash = others.filter((o) => o.dates.some((d) => seminar.dates.includes(d)));
  if (clash.length > 0)
    return {
      rule: 'same_day',
      seminarIds: clash.map((o) => o.id),
      dates: seminar.dates.filter((d) => clash.some((o) => o.dates.includes(d))),
    };
  for (const month of new Set(seminar.dates.map(monthOf))) {
    if (monthRoom(settings, specialist, others, month) > 0) continue;
    return {
      rule: 'monthly_limit',
      month,
      seminarIds: others.filter((o) => o.dates.some((d) => monthOf(d) === month)).map((o) => o.id),
      outside: specialist.monthlyLoad[month] ?? 0,
    };
  }
  return null;
}
