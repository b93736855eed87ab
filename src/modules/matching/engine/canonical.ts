import type { MatchingInstance, MatchingResult } from './instance';

/**
 * The instance with its rows in an order that depends only on their data, never on their ids or on
 * the order the rows came in: units, seminars, specialists and attendees sorted by a key of what
 * they are (dates, specialty, network, load, days off, interests, kept seminars, pins, …), where a
 * reference to another row (an attendee's unit, a kept seminar) is that row's key. The engine solves
 * the canonical instance, so the same people, seminars and settings give the same answer under any
 * ids and any order. Rows with equal keys differ in nothing but their ids: they keep their order,
 * and an answer may swap them, which is the same answer for everything the data can tell apart.
 * Pins keep their order: the earlier of two conflicting force pins wins.
 */
export function canonicalInstance(instance: MatchingInstance): MatchingInstance {
  const entries = (record: Record<string, number>, rename: (id: string) => string = (id) => id) =>
    Object.entries(record)
      .map(([k, v]) => [rename(k), v] as const)
      .sort(([a], [b]) => compare(a, b));
  const sorted = (list: readonly string[]) => [...list].sort(compare);
  const ranges = (list: readonly { from: string; to: string }[]) => list.map((r) => `${r.from}/${r.to}`).sort(compare);
  const inOrder = <T extends { id: string }>(rows: readonly T[], key: (row: T) => readonly unknown[]): T[] => {
    const keyed = rows.map((row, i) => ({ row, key: keyOf(key(row)), i }));
    // Equal keys keep the order they came in.
    keyed.sort((a, b) => compare(a.key, b.key) || a.i - b.i);
    return keyed.map((k) => k.row);
  };
  // Rows refer to rows sorted before them by position, so that rows equal in their data (twins) stay
  // interchangeable: an answer for one order is the answer for the other with the twins' ids swapped.
  const positions = (rows: readonly { id: string }[]) => new Map(rows.map((row, i) => [row.id, i]));

  // What each row is by itself; references to other rows by what those rows are.
  const seminarOwn = new Map(
    instance.seminars.map((s) => [
      s.id,
      keyOf([
        s.dates,
        s.topicId,
        s.networkId,
        s.capacity,
        s.seatsTaken,
        s.requiredSpecialties.map((r) => `${r.specialtyId}:${r.count}`).sort(compare),
        sorted(s.preferredHospitalIds),
        s.facilitators.map((f) => `${f.specialtyId}:${f.hospitalId}`).sort(compare),
      ]),
    ]),
  );
  const pinsOf = new Map<string, { index: number; kind: string; seminarId: string }[]>();
  (instance.pins ?? []).forEach((pin, index) =>
    pinsOf.set(pin.personId, [
      ...(pinsOf.get(pin.personId) ?? []),
      { index, kind: pin.kind, seminarId: pin.seminarId },
    ]),
  );
  const pinsBy = (personId: string, seminar: (id: string) => string | number) =>
    (pinsOf.get(personId) ?? []).map((pin) => `${pin.index}:${pin.kind}:${seminar(pin.seminarId)}`);
  const ownSeminar = (id: string) => seminarOwn.get(id) ?? `?${id}`;
  const keptOf = new Map<string, string[]>();
  for (const s of instance.seminars)
    for (const f of s.facilitators) keptOf.set(f.personId, [...(keptOf.get(f.personId) ?? []), s.id]);
  const specialistOwn = new Map(
    instance.specialists.map((p) => [
      p.id,
      keyOf([
        p.specialtyId,
        p.hospitalId,
        p.networkId,
        p.load,
        entries(p.monthlyLoad),
        ranges(p.unavailable),
        sorted(p.busyDates),
        (keptOf.get(p.id) ?? []).map(ownSeminar).sort(compare),
        pinsBy(p.id, ownSeminar),
      ]),
    ]),
  );
  const attendeeOwn = new Map(
    instance.attendees.map((a) => [
      a.id,
      keyOf([
        a.willing,
        entries(a.interests),
        sorted(a.trainedTopicIds),
        sorted(a.heldTopicIds),
        ranges(a.unavailable),
        sorted(a.busyDates),
        pinsBy(a.id, ownSeminar),
      ]),
    ]),
  );
  const staffOf = new Map<string, string[]>();
  for (const a of instance.attendees) staffOf.set(a.unitId, [...(staffOf.get(a.unitId) ?? []), attendeeOwn.get(a.id)!]);

  const units = inOrder(instance.units, (u) => [
    u.networkId,
    u.attendeeStaff,
    sorted(u.referralHospitalIds),
    entries(u.awayByDate),
    (staffOf.get(u.id) ?? []).sort(compare),
  ]);
  const unitAt = positions(units);
  const unitOf = (id: string) => String(unitAt.get(id) ?? `?${id}`);
  const seminars = inOrder(instance.seminars, (s) => [
    seminarOwn.get(s.id),
    entries(s.unitSeatsTaken, unitOf),
    s.facilitators.map((f) => specialistOwn.get(f.personId) ?? `?${f.personId}`).sort(compare),
  ]);
  const seminarAt = positions(seminars);
  const seminarOf = (id: string) => seminarAt.get(id) ?? -1;
  const specialists = inOrder(instance.specialists, (p) => [
    specialistOwn.get(p.id),
    (keptOf.get(p.id) ?? []).map(seminarOf).sort((x, y) => x - y),
    pinsBy(p.id, seminarOf),
  ]);
  const attendees = inOrder(instance.attendees, (a) => [
    unitAt.get(a.unitId) ?? -1,
    attendeeOwn.get(a.id),
    pinsBy(a.id, seminarOf),
  ]);

  // Lists inside a row that the engine walks in order are put in order too (a seminar's required
  // specialties, say); records are read by key, so their order does not matter. A row whose lists
  // are in order already is kept as it is.
  const ordered = (list: readonly string[]) => list.every((x, i) => i === 0 || compare(list[i - 1], x) <= 0);
  return {
    ...instance,
    units: units.map((u) =>
      ordered(u.referralHospitalIds) ? u : { ...u, referralHospitalIds: sorted(u.referralHospitalIds) },
    ),
    seminars: seminars.map((s) => ({
      ...s,
      requiredSpecialties: [...s.requiredSpecialties].sort((a, b) => compare(a.specialtyId, b.specialtyId)),
      preferredHospitalIds: sorted(s.preferredHospitalIds),
    })),
    specialists: specialists.map((p) => (ordered(p.busyDates) ? p : { ...p, busyDates: sorted(p.busyDates) })),
    attendees: attendees.map((a) =>
      ordered(a.trainedTopicIds) && ordered(a.heldTopicIds) && ordered(a.busyDates)
        ? a
        : {
            ...a,
            trainedTopicIds: sorted(a.trainedTopicIds),
            heldTopicIds: sorted(a.heldTopicIds),
            busyDates: sorted(a.busyDates),
          },
    ),
  };
}

/** The result's lists back in the order of the instance as given: seminars, then who was left out. */
export function inInstanceOrder(instance: MatchingInstance, result: MatchingResult): MatchingResult {
  const seminarAt = new Map(instance.seminars.map((s, i) => [s.id, i]));
  const attendeeAt = new Map(instance.attendees.map((a, i) => [a.id, i]));
  return {
    ...result,
    proposals: [...result.proposals].sort((a, b) => seminarAt.get(a.seminarId)! - seminarAt.get(b.seminarId)!),
    leftOut: [...result.leftOut].sort((a, b) => attendeeAt.get(a.personId)! - attendeeAt.get(b.personId)!),
  };
}

/**
 * The parts of a key joined with separators that no id, date or number contains (lists within a
 * part, and pairs within a list, with separators of their own): cheaper than JSON for 50,000 rows.
 */
function keyOf(parts: readonly unknown[]): string {
  const item = (x: unknown) => (Array.isArray(x) ? x.join('\u0003') : String(x));
  return parts.map((p) => (Array.isArray(p) ? p.map(item).join('\u0002') : String(p))).join('\u0001');
}

/** Code-unit order: the same on every machine and in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
