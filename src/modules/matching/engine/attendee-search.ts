import type { MatchingInstance } from './instance';
import type { AttendeeStage } from './attendee-stage';
import { dailyAllowance } from './settings';
import { WorkMeter } from './work';

/**
 * Seats people the search left out in free seats wherever every rule still allows it (seats, the
 * per-unit cap, the unit's daily share; the person's options already respect availability, held
 * topics, pins and the network), best worth first, then by attendee and seminar order. Then, while
 * it gains, someone left out takes the place of a seated person whose seat stands in the way, that
 * person moving to the best seat still open to them or leaving: each exchange raises the
 * objective. Changes `seat` in place and returns the worth added. The exchanges stop once `meter`
 * passes `limit` (a {@link WorkMeter.done} value).
 */
export function fillOpenSeats(
  stage: AttendeeStage,
  seat: Int32Array,
  instance: MatchingInstance,
  meter = new WorkMeter(),
  limit = Infinity,
): number {
  const { seminars, settings } = stage;
  const taken = new Int32Array(seminars.length);
  const unitTaken = new Map<string, number>();
  const away = new Map<string, number>();
  const unitOfAttendee = instance.attendees.map((a) => stage.unitIndex.get(a.unitId)!);
  const allowanceOf = (u: number, date: string) =>
    stage.allowance.get(`${u}|${date}`) ??
    dailyAllowance(stage.units[u].attendeeStaff, settings.unitDailyShare) - (stage.units[u].awayByDate[date] ?? 0);
  const forced = new Set<number>();
  for (let v = 0; v < stage.network.variables.count; v++)
    if (stage.network.variables.lo[v] > 0 && stage.kind[v] === 1) forced.add(stage.attendeeOf[v]);
  // Who sits at each seminar, for finding who stands in the way of a full one.
  const members: Set<number>[] = seminars.map(() => new Set());
  const count = (s: number, a: number, by: number) => {
    meter.add(SEAT_WORK * (2 + seminars[s].dates.length));
    const u = unitOfAttendee[a];
    if (by > 0) members[s].add(a);
    else members[s].delete(a);
    taken[s] += by;
    unitTaken.set(`${u}|${s}`, (unitTaken.get(`${u}|${s}`) ?? 0) + by);
    for (const date of seminars[s].dates) away.set(`${u}|${date}`, (away.get(`${u}|${date}`) ?? 0) + by);
  };
  seat.forEach((s, a) => s >= 0 && count(s, a, 1));
  const fits = (a: number, s: number) => {
    meter.add(SEAT_WORK * (2 + seminars[s].dates.length));
    const u = unitOfAttendee[a];
    if (taken[s] >= stage.seats[s]) return false;
    const room = settings.unitSeminarCap - (seminars[s].unitSeatsTaken[stage.units[u].id] ?? 0);
    if ((unitTaken.get(`${u}|${s}`) ?? 0) >= room) return false;
    return !seminars[s].dates.some((date) => (away.get(`${u}|${date}`) ?? 0) >= allowanceOf(u, date));
  };
  const worthOf = stage.options.map((list, a) => list.map((s) => seatWorth(stage, instance, a, s)));
  const worthAt = (a: number, s: number) => worthOf[a][stage.options[a].indexOf(s)];
  // Every (person, seminar) option, best worth first; typed arrays keep a national instance small.
  let optionCount = 0;
  stage.options.forEach((list, a) => !stage.noOption.has(a) && (optionCount += list.length));
  const optionA = new Int32Array(optionCount);
  const optionS = new Int32Array(optionCount);
  const optionWorth = new Float64Array(optionCount);
  let next = 0;
  stage.options.forEach((list, a) => {
    if (stage.noOption.has(a)) return;
    list.forEach((s, k) => {
      optionA[next] = a;
      optionS[next] = s;
      optionWorth[next++] = worthOf[a][k];
    });
  });
  const order = Int32Array.from({ length: optionCount }, (_, i) => i).sort(
    (x, y) => optionWorth[y] - optionWorth[x] || optionA[x] - optionA[y] || optionS[x] - optionS[y],
  );
  // Members of each unit, for finding who stands in the way.
  const byUnit: number[][] = stage.units.map(() => []);
  unitOfAttendee.forEach((u, a) => byUnit[u].push(a));

  let gain = 0;
  const fill = () => {
    meter.add(order.length);
    for (const i of order) {
      const a = optionA[i];
      const s = optionS[i];
      if (seat[a] >= 0 || !fits(a, s)) continue;
      seat[a] = s;
      count(s, a, 1);
      gain += optionWorth[i];
    }
  };
  /** The best seat `b` can take as things stand, if any. */
  const bestFor = (b: number): { s: number; worth: number } | undefined => {
    let best: { s: number; worth: number } | undefined;
    stage.options[b].forEach((s, k) => {
      if (fits(b, s) && (!best || worthOf[b][k] > best.worth)) best = { s, worth: worthOf[b][k] };
    });
    return best;
  };
  /** Seats `a` at `s` in place of the seated person whose leaving gains the most, if any gains. */
  const exchange = (a: number, s: number, worth: number): boolean => {
    const u = unitOfAttendee[a];
    let best: { b: number; to: number; change: number } | undefined;
    const consider = (b: number) => {
      meter.add(worthOf[b].length + 1);
      const from = seat[b];
      if (from < 0 || b === a || forced.has(b)) return;
      const lost = worthAt(b, from);
      if (worth <= lost - Math.max(0, ...worthOf[b])) return;
      count(from, b, -1);
      seat[b] = -1;
      if (fits(a, s)) {
        seat[a] = s;
        count(s, a, 1);
        const next = bestFor(b);
        const change = worth - lost + (next ? next.worth : 0);
        if (change > 0 && (!best || change > best.change)) best = { b, to: next ? next.s : -1, change };
        count(s, a, -1);
        seat[a] = -1;
      }
      seat[b] = from;
      count(from, b, 1);
    };
    if (taken[s] >= stage.seats[s]) {
      for (const b of [...members[s]]) consider(b);
    } else for (const b of byUnit[u]) consider(b);
    if (!best) return false;
    const { b, to, change } = best;
    count(seat[b], b, -1);
    seat[b] = -1;
    seat[a] = s;
    count(s, a, 1);
    if (to >= 0) {
      seat[b] = to;
      count(to, b, 1);
    }
    gain += change;
    return true;
  };

  fill();
  for (let round = 0, changed = true; changed && round < EXCHANGE_ROUNDS; round++) {
    changed = false;
    for (const i of order) {
      const a = optionA[i];
      if (seat[a] >= 0 || stage.options[a].length === 0) continue;
      if (meter.past(limit)) return gain;
      if (exchange(a, optionS[i], optionWorth[i])) {
        changed = true;
        fill();
      }
    }
  }
  return gain;
}

/** Units of work (see {@link WorkMeter}) for one look-up or update of the seat counts. */
const SEAT_WORK = 3;

/** Passes over the people left out looking for exchanges. */
const EXCHANGE_ROUNDS = 20;

/** What seating attendee `a` at seminar `s` is worth, as `attendeeAssignments` weighs it. */
function seatWorth(stage: AttendeeStage, instance: MatchingInstance, a: number, s: number): number {
  const w = stage.settings.weights;
  const attendee = instance.attendees[a];
  const seminar = stage.seminars[s];
  const interest = attendee.interests[seminar.topicId] ?? 0;
  const neverTrained = !attendee.trainedTopicIds.includes(seminar.topicId);
  const us = stage.unitSeminarIndex.get(stage.unitIndex.get(attendee.unitId)! * stage.seminars.length + s);
  const paired = us !== undefined && stage.unitSeminars[us].paired.length > 0;
  return (
    w.attendeeSeat +
    w.attendeeInterest * interest +
    (paired ? w.attendeeReferralPairing : 0) +
    (neverTrained ? w.attendeeNeverTrained : 0)
  );
}
