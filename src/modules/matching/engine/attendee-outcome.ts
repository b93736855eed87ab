import type { AttendeeAssignment, AttendeeExclusion, MatchingInstance } from './instance';
import type { AttendeeStage } from './attendee-stage';
import { pairKey } from './settings';

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
