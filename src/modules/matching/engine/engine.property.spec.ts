import fc from 'fast-check';
import { solveMatching } from './engine';
import {
  DEFAULT_SETTINGS,
  DEFAULT_WEIGHTS,
  type DateRange,
  type InstanceAttendee,
  type InstancePin,
  type InstanceSeminar,
  type InstanceSpecialist,
  type InstanceUnit,
  type MatchingInstance,
  type MatchingResult,
} from './instance';
import { dailyAllowance } from './settings';

/**
 * Random small instances are generated as index-based drafts and then turned into instances, so
 * that every reference (unit of an attendee, date of a busy day, person of a pin) stays valid while
 * fast-check shrinks them.
 */

const TOPICS = ['diabetes', 'asthma', 'cardio', 'derma'];
const RUN_TOPICS = 3;
const NETWORKS = ['north', 'south'];
const HOSPITALS = ['hosp-a', 'hosp-b', 'hosp-c'];
const SPECIALTIES = ['internal', 'pulmo', 'cardiology', 'neuro'];
const MONTHS = ['2031-03', '2031-04', '2031-05'];
const DAILY_SHARES = [0.1, 0.2, 0.34, 0.5, 1];

function dateAt(offset: number): string {
  return new Date(Date.UTC(2031, 2, 20 + offset)).toISOString().slice(0, 10);
}

const rangeDraft = fc.record({ at: fc.nat(), shift: fc.integer({ min: -1, max: 1 }), length: fc.nat({ max: 3 }) });

const seminarDraft = fc.record({
  topic: fc.nat({ max: RUN_TOPICS - 1 }),
  network: fc.nat({ max: NETWORKS.length - 1 }),
  start: fc.nat({ max: 30 }),
  gaps: fc.array(fc.constantFrom(1, 1, 2, 7), { maxLength: 2 }),
  capacity: fc.nat({ max: 8 }),
  seatsTaken: fc.nat({ max: 3 }),
  unitSeatsTaken: fc.array(fc.record({ unit: fc.nat(), count: fc.nat({ max: 2 }) }), { maxLength: 2 }),
  required: fc.uniqueArray(
    fc.record({ specialty: fc.nat({ max: SPECIALTIES.length - 2 }), count: fc.integer({ min: 1, max: 2 }) }),
    {
      maxLength: 2,
      selector: (r) => r.specialty,
    },
  ),
  kept: fc.array(
    fc.record({
      ref: fc.nat(),
      specialty: fc.option(fc.nat({ max: SPECIALTIES.length - 1 }), { nil: null }),
      hospital: fc.option(fc.nat({ max: HOSPITALS.length - 1 }), { nil: null }),
    }),
    {
      maxLength: 1,
    },
  ),
});

const unitDraft = fc.record({
  network: fc.nat({ max: NETWORKS.length - 1 }),
  staff: fc.integer({ min: 1, max: 12 }),
  referrals: fc.subarray([0, 1, 2]),
  away: fc.array(fc.record({ at: fc.nat(), count: fc.nat({ max: 2 }) }), { maxLength: 4 }),
});

const attendeeDraft = fc.record({
  unit: fc.nat(),
  willing: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
  interests: fc.array(
    fc.record({
      topic: fc.nat({ max: TOPICS.length - 1 }),
      level: fc.oneof(fc.nat({ max: 3 }), fc.integer({ min: 1, max: 3 })),
    }),
    { maxLength: 3 },
  ),
  trained: fc.subarray([0, 1, 2, 3], { maxLength: 2 }),
  held: fc.oneof(
    { arbitrary: fc.constant<number[]>([]), weight: 3 },
    { arbitrary: fc.subarray([0, 1, 2, 3], { maxLength: 1 }), weight: 1 },
  ),
  unavailable: fc.array(rangeDraft, { maxLength: 1 }),
  busy: fc.array(fc.nat(), { maxLength: 2 }),
});

const specialistDraft = fc.record({
  specialty: fc.nat({ max: SPECIALTIES.length - 1 }),
  hospital: fc.option(fc.nat({ max: HOSPITALS.length - 1 }), { nil: null, freq: 5 }),
  network: fc.option(fc.nat({ max: NETWORKS.length - 1 }), { nil: null, freq: 5 }),
  unavailable: fc.array(rangeDraft, { maxLength: 1 }),
  busy: fc.array(fc.nat(), { maxLength: 1 }),
  monthlyLoad: fc.array(fc.record({ month: fc.nat({ max: MONTHS.length - 1 }), count: fc.nat({ max: 2 }) }), {
    maxLength: 2,
  }),
  load: fc.nat({ max: 5 }),
});

const pinDraft = fc.record({
  person: fc.nat(),
  seminar: fc.nat(),
  kind: fc.constantFrom<'force' | 'forbid'>('force', 'forbid'),
});

const settingsDraft = fc.record({
  unitSeminarCap: fc.option(fc.nat({ max: 4 }), { nil: undefined, freq: 6 }),
  unitDailyShare: fc.option(fc.constantFrom(...DAILY_SHARES), { nil: undefined, freq: 6 }),
  facilitatorMonthlyLimit: fc.option(fc.nat({ max: 3 }), { nil: undefined, freq: 6 }),
  sameNetworkOnly: fc.option(fc.boolean(), { nil: undefined, freq: 6 }),
  facilitatorsFromNetwork: fc.option(fc.boolean(), { nil: undefined, freq: 6 }),
});

const draft = fc.record({
  /** One network, two topics, one week and most people in two units: people compete for the same seats and days. */
  crowded: fc.boolean(),
  seminars: fc.array(seminarDraft, { minLength: 1, maxLength: 6 }),
  units: fc.array(unitDraft, { minLength: 1, maxLength: 4 }),
  attendees: fc.array(attendeeDraft, { maxLength: 30 }),
  specialists: fc.array(specialistDraft, { maxLength: 5 }),
  pins: fc.array(pinDraft, { maxLength: 6 }),
  settings: settingsDraft,
});
type Draft = typeof draft extends fc.Arbitrary<infer T> ? T : never;

/** Many people of one or two units wanting the same few days: the per-unit cap and daily share bind. */
const crowdedDraft: fc.Arbitrary<Draft> = fc.record({
  crowded: fc.constant(true),
  seminars: fc.array(
    fc.record({
      topic: fc.constant(0),
      network: fc.constant(0),
      start: fc.nat({ max: 2 }),
      gaps: fc.array(fc.constant(1), { maxLength: 2 }),
      capacity: fc.integer({ min: 1, max: 8 }),
      seatsTaken: fc.nat({ max: 1 }),
      unitSeatsTaken: fc.array(fc.record({ unit: fc.nat(), count: fc.nat({ max: 1 }) }), { maxLength: 1 }),
      required: fc.constant([]),
      kept: fc.constant([]),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  units: fc.array(
    fc.record({
      network: fc.constant(0),
      staff: fc.integer({ min: 2, max: 12 }),
      referrals: fc.constant([]),
      away: fc.array(fc.record({ at: fc.nat(), count: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  attendees: fc.array(
    fc.record({
      unit: fc.nat(),
      willing: fc.constant(true),
      interests: fc.tuple(fc.record({ topic: fc.constant(0), level: fc.integer({ min: 1, max: 3 }) })),
      trained: fc.constant([]),
      held: fc.constant([]),
      unavailable: fc.constant([]),
      busy: fc.array(fc.nat(), { maxLength: 1 }),
    }),
    { minLength: 2, maxLength: 16 },
  ),
  specialists: fc.constant([]),
  pins: fc.array(pinDraft, { maxLength: 4 }),
  settings: fc.record({
    unitSeminarCap: fc.integer({ min: 1, max: 4 }),
    unitDailyShare: fc.constantFrom(...DAILY_SHARES),
    facilitatorMonthlyLimit: fc.constant(undefined),
    sameNetworkOnly: fc.constant(undefined),
    facilitatorsFromNetwork: fc.constant(undefined),
  }),
});

/** Few specialists for many overlapping seminars around a month's end: overlap and monthly limits bind. */
const scarceSpecialistsDraft: fc.Arbitrary<Draft> = fc.record({
  crowded: fc.constant(false),
  seminars: fc.array(
    fc.record({
      topic: fc.nat({ max: 1 }),
      network: fc.constant(0),
      start: fc.integer({ min: 8, max: 13 }),
      gaps: fc.array(fc.constantFrom(1, 2, 7), { maxLength: 2 }),
      capacity: fc.nat({ max: 3 }),
      seatsTaken: fc.constant(0),
      unitSeatsTaken: fc.constant([]),
      required: fc.uniqueArray(fc.record({ specialty: fc.nat({ max: 1 }), count: fc.integer({ min: 1, max: 2 }) }), {
        minLength: 1,
        maxLength: 2,
        selector: (r) => r.specialty,
      }),
      kept: fc.constant([]),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  units: fc.array(unitDraft, { minLength: 1, maxLength: 2 }),
  attendees: fc.array(attendeeDraft, { maxLength: 6 }),
  specialists: fc.array(
    fc.record({
      specialty: fc.nat({ max: 1 }),
      hospital: fc.option(fc.nat({ max: HOSPITALS.length - 1 }), { nil: null }),
      network: fc.option(fc.nat({ max: NETWORKS.length - 1 }), { nil: null }),
      unavailable: fc.array(rangeDraft, { maxLength: 1 }),
      busy: fc.array(fc.nat(), { maxLength: 1 }),
      monthlyLoad: fc.array(fc.record({ month: fc.nat({ max: 1 }), count: fc.nat({ max: 1 }) }), { maxLength: 1 }),
      load: fc.nat({ max: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  pins: fc.array(pinDraft, { maxLength: 4 }),
  settings: fc.record({
    unitSeminarCap: fc.constant(undefined),
    unitDailyShare: fc.constant(undefined),
    facilitatorMonthlyLimit: fc.integer({ min: 1, max: 3 }),
    sameNetworkOnly: fc.constant(undefined),
    facilitatorsFromNetwork: fc.boolean(),
  }),
});

/** `keptAreSpecialists`: facilitators already on a seminar are specialists of the instance (a re-run). */
function toInstance(d: Draft, keptAreSpecialists: boolean): MatchingInstance {
  const network = (n: number) => NETWORKS[d.crowded ? 0 : n];
  const topic = (t: number) => TOPICS[d.crowded ? t % 2 : t];
  const seminarDates = d.seminars.map((s) => {
    const offsets = [d.crowded ? s.start % 5 : s.start];
    for (const gap of s.gaps) offsets.push(offsets[offsets.length - 1] + gap);
    return offsets;
  });
  const offsets = [...new Set(seminarDates.flat())].sort((a, b) => a - b);
  const dateOf = (at: number) => dateAt(offsets[at % offsets.length]);
  const range = (r: { at: number; shift: number; length: number }): DateRange => {
    const from = offsets[r.at % offsets.length] + r.shift;
    return { from: dateAt(from), to: dateAt(from + r.length) };
  };
  const units: InstanceUnit[] = d.units.map((u, i) => ({
    id: `unit-${i}`,
    networkId: network(u.network),
    attendeeStaff: u.staff,
    referralHospitalIds: u.referrals.map((h) => HOSPITALS[h]),
    awayByDate: Object.fromEntries(u.away.map((a) => [dateOf(a.at), a.count])),
  }));
  const specialists: InstanceSpecialist[] = d.specialists.map((s, i) => ({
    id: `doc-${i}`,
    specialtyId: SPECIALTIES[s.specialty],
    hospitalId: s.hospital === null ? null : HOSPITALS[s.hospital],
    networkId: s.network === null ? null : NETWORKS[s.network],
    unavailable: s.unavailable.map(range),
    busyDates: [...new Set(s.busy.map(dateOf))],
    monthlyLoad: Object.fromEntries(s.monthlyLoad.map((m) => [MONTHS[m.month], m.count])),
    load: s.load,
  }));
  const seminars: InstanceSeminar[] = d.seminars.map((s, i) => {
    const networkId = network(s.network);
    const preferred = new Set(units.filter((u) => u.networkId === networkId).flatMap((u) => u.referralHospitalIds));
    const facilitators: InstanceSeminar['facilitators'] = [];
    s.kept.forEach((k, j) => {
      if (keptAreSpecialists) {
        if (specialists.length === 0) return;
        const specialist = specialists[k.ref % specialists.length];
        if (!facilitators.some((f) => f.personId === specialist.id))
          facilitators.push({
            personId: specialist.id,
            specialtyId: specialist.specialtyId,
            hospitalId: specialist.hospitalId,
          });
      } else {
        facilitators.push({
          personId: `ext-${i}-${j}`,
          specialtyId: k.specialty === null ? null : SPECIALTIES[k.specialty],
          hospitalId: k.hospital === null ? null : HOSPITALS[k.hospital],
        });
      }
    });
    return {
      id: `sem-${i}`,
      topicId: topic(s.topic),
      networkId,
      dates: seminarDates[i].map(dateAt),
      capacity: s.capacity,
      seatsTaken: s.seatsTaken,
      unitSeatsTaken: Object.fromEntries(s.unitSeatsTaken.map((t) => [units[t.unit % units.length].id, t.count])),
      requiredSpecialties: s.required.map((r) => ({ specialtyId: SPECIALTIES[r.specialty], count: r.count })),
      facilitators,
      preferredHospitalIds: [...preferred],
    };
  });
  const attendees: InstanceAttendee[] = d.attendees.map((a, i) => ({
    id: `gp-${i}`,
    unitId: units[a.unit % (d.crowded ? Math.min(2, units.length) : units.length)].id,
    willing: a.willing,
    interests: Object.fromEntries(a.interests.map((x) => [topic(x.topic), x.level])),
    trainedTopicIds: a.trained.map(topic),
    heldTopicIds: a.held.map(topic),
    unavailable: a.unavailable.map(range),
    busyDates: [...new Set(a.busy.map(dateOf))],
  }));
  const people = [...attendees.map((a) => a.id), ...specialists.map((s) => s.id)];
  const pins: InstancePin[] = [];
  if (people.length > 0) {
    for (const p of d.pins) {
      const pin = {
        personId: people[p.person % people.length],
        seminarId: seminars[p.seminar % seminars.length].id,
        kind: p.kind,
      };
      if (!pins.some((q) => q.personId === pin.personId && q.seminarId === pin.seminarId)) pins.push(pin);
    }
  }
  const settings = Object.fromEntries(Object.entries(d.settings).filter(([, v]) => v !== undefined));
  return { settings, seminars, specialists, units, attendees, pins };
}

function unavailableOn(dates: readonly string[], person: { unavailable: DateRange[]; busyDates: string[] }): boolean {
  return dates.some(
    (date) => person.busyDates.includes(date) || person.unavailable.some((r) => r.from <= date && date <= r.to),
  );
}

const monthsOf = (seminar: InstanceSeminar) => new Set(seminar.dates.map((d) => d.slice(0, 7)));
const sharesDate = (a: InstanceSeminar, b: InstanceSeminar) => a.dates.some((d) => b.dates.includes(d));

/** Every way the result breaks the rules of the instance, as readable lines (empty when it keeps them all). */
function violations(instance: MatchingInstance, result: MatchingResult): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const given = instance.settings ?? {};
  const settings = { ...DEFAULT_SETTINGS, ...given, weights: { ...DEFAULT_WEIGHTS, ...(given.weights ?? {}) } };
  const w = settings.weights;
  const seminarById = new Map(instance.seminars.map((s) => [s.id, s]));
  const unitById = new Map(instance.units.map((u) => [u.id, u]));
  const attendeeById = new Map(instance.attendees.map((a) => [a.id, a]));
  const specialistById = new Map(instance.specialists.map((s) => [s.id, s]));
  const pinOf = (personId: string, seminarId: string) =>
    instance.pins?.find((p) => p.personId === personId && p.seminarId === seminarId)?.kind;
  const forcedSeminars = (personId: string) =>
    (instance.pins ?? [])
      .filter((p) => p.kind === 'force' && p.personId === personId)
      .map((p) => seminarById.get(p.seminarId)!);

  // Who sits where, and who facilitates what.
  if (
    result.proposals.length !== instance.seminars.length ||
    result.proposals.some((p, i) => p.seminarId !== instance.seminars[i].id)
  ) {
    fail('proposals do not list the seminars of the instance, in order');
  }
  const seatOf = new Map<string, InstanceSeminar>();
  const seated = new Map<string, number>();
  const unitSeated = new Map<string, number>();
  const away = new Map<string, number>();
  const runSeminarsOf = new Map<string, InstanceSeminar[]>();
  const newSeminarsOf = new Map<string, InstanceSeminar[]>();
  const hold = (map: Map<string, InstanceSeminar[]>, personId: string, seminar: InstanceSeminar) =>
    map.set(personId, [...(map.get(personId) ?? []), seminar]);
  for (const seminar of instance.seminars)
    for (const f of seminar.facilitators) if (specialistById.has(f.personId)) hold(runSeminarsOf, f.personId, seminar);
  for (const proposal of result.proposals) {
    const seminar = seminarById.get(proposal.seminarId)!;
    for (const a of proposal.attendees) {
      const attendee = attendeeById.get(a.personId);
      if (!attendee) {
        fail(`${a.personId} is seated in ${seminar.id} but is no attendee`);
        continue;
      }
      if (seatOf.has(a.personId)) fail(`${a.personId} is seated in ${seatOf.get(a.personId)!.id} and ${seminar.id}`);
      seatOf.set(a.personId, seminar);
      seated.set(seminar.id, (seated.get(seminar.id) ?? 0) + 1);
      unitSeated.set(`${attendee.unitId}|${seminar.id}`, (unitSeated.get(`${attendee.unitId}|${seminar.id}`) ?? 0) + 1);
      for (const date of seminar.dates)
        away.set(`${attendee.unitId}|${date}`, (away.get(`${attendee.unitId}|${date}`) ?? 0) + 1);
    }
    for (const f of proposal.facilitators) {
      if (!specialistById.has(f.personId)) fail(`${f.personId} facilitates ${seminar.id} but is no specialist`);
      else if ((newSeminarsOf.get(f.personId) ?? []).includes(seminar))
        fail(`${f.personId} is chosen twice for ${seminar.id}`);
      hold(runSeminarsOf, f.personId, seminar);
      hold(newSeminarsOf, f.personId, seminar);
    }
  }
  const freeSeats = (s: InstanceSeminar) => Math.max(0, s.capacity - s.seatsTaken);
  const unitRoom = (s: InstanceSeminar, unitId: string) => settings.unitSeminarCap - (s.unitSeatsTaken[unitId] ?? 0);
  const allowance = (unit: InstanceUnit, date: string) =>
    dailyAllowance(unit.attendeeStaff, settings.unitDailyShare) - (unit.awayByDate[date] ?? 0);
  const full = (s: InstanceSeminar) => (seated.get(s.id) ?? 0) >= freeSeats(s);
  const unitCapReached = (s: InstanceSeminar, unitId: string) =>
    (unitSeated.get(`${unitId}|${s.id}`) ?? 0) >= unitRoom(s, unitId);
  const shareReached = (s: InstanceSeminar, unit: InstanceUnit) =>
    s.dates.some((date) => (away.get(`${unit.id}|${date}`) ?? 0) >= allowance(unit, date));
  const blocked = (s: InstanceSeminar, unit: InstanceUnit) =>
    full(s) || unitCapReached(s, unit.id) || shareReached(s, unit);
  const inScope = (attendee: InstanceAttendee, s: InstanceSeminar) =>
    !settings.sameNetworkOnly || unitById.get(attendee.unitId)!.networkId === s.networkId;
  /** Seminars the rules let the person take, leaving seats, caps and shares aside. */
  const openTo = (attendee: InstanceAttendee): InstanceSeminar[] => {
    const forced = forcedSeminars(attendee.id);
    const allowed = (s: InstanceSeminar) =>
      !attendee.heldTopicIds.includes(s.topicId) &&
      !unavailableOn(s.dates, attendee) &&
      pinOf(attendee.id, s.id) !== 'forbid';
    if (forced.length > 0) return forced.filter(allowed);
    return instance.seminars.filter(
      (s) => attendee.willing && (attendee.interests[s.topicId] ?? 0) > 0 && inScope(attendee, s) && allowed(s),
    );
  };

  // Attendees: one seat each, within every cap, only where the rules allow.
  for (const [seminarId, count] of seated) {
    const s = seminarById.get(seminarId)!;
    if (count > freeSeats(s)) fail(`${seminarId}: ${count} seated, ${freeSeats(s)} seats free`);
  }
  for (const [key, count] of unitSeated) {
    const [unitId, seminarId] = key.split('|');
    const s = seminarById.get(seminarId)!;
    if (count > unitRoom(s, unitId))
      fail(
        `${seminarId}: ${count} from ${unitId} with ${s.unitSeatsTaken[unitId] ?? 0} already there, cap ${settings.unitSeminarCap}`,
      );
  }
  for (const [key, count] of away) {
    const [unitId, date] = key.split('|');
    const unit = unitById.get(unitId)!;
    if (count > allowance(unit, date))
      fail(
        `${unitId} on ${date}: ${count} away in the run, ${unit.awayByDate[date] ?? 0} already, allowance ${dailyAllowance(unit.attendeeStaff, settings.unitDailyShare)}`,
      );
  }
  for (const proposal of result.proposals) {
    const seminar = seminarById.get(proposal.seminarId)!;
    const facilitatorHospitals = [...seminar.facilitators, ...proposal.facilitators].filter(
      (f) => f.hospitalId !== null,
    );
    for (const a of proposal.attendees) {
      const attendee = attendeeById.get(a.personId);
      if (!attendee) continue;
      const unit = unitById.get(attendee.unitId)!;
      const forced = pinOf(attendee.id, seminar.id) === 'force';
      const where = `${attendee.id} in ${seminar.id}`;
      if (a.unitId !== attendee.unitId) fail(`${where}: unit ${a.unitId}, not ${attendee.unitId}`);
      if (attendee.heldTopicIds.includes(seminar.topicId)) fail(`${where}: already has topic ${seminar.topicId}`);
      if (unavailableOn(seminar.dates, attendee)) fail(`${where}: unavailable on the seminar's dates`);
      if (pinOf(attendee.id, seminar.id) === 'forbid') fail(`${where}: forbidden by a pin`);
      if (!forced) {
        if (!attendee.willing) fail(`${where}: not willing`);
        if (!((attendee.interests[seminar.topicId] ?? 0) > 0)) fail(`${where}: no interest in ${seminar.topicId}`);
        if (!inScope(attendee, seminar))
          fail(`${where}: unit of network ${unit.networkId}, seminar of ${seminar.networkId}`);
      }
      const interest = attendee.interests[seminar.topicId] ?? 0;
      const neverTrained = !attendee.trainedTopicIds.includes(seminar.topicId);
      const paired = [
        ...new Set(
          facilitatorHospitals.filter((f) => unit.referralHospitalIds.includes(f.hospitalId!)).map((f) => f.personId),
        ),
      ].sort();
      if (a.interest !== interest) fail(`${where}: interest ${a.interest}, not ${interest}`);
      if (a.neverTrained !== neverTrained) fail(`${where}: neverTrained ${a.neverTrained}`);
      if (a.pinned !== forced) fail(`${where}: pinned ${a.pinned}, forced ${forced}`);
      if ([...a.pairedFacilitatorIds].sort().join() !== paired.join())
        fail(`${where}: paired with [${a.pairedFacilitatorIds}], expected [${paired}]`);
      const weight =
        w.attendeeSeat +
        w.attendeeInterest * interest +
        (paired.length > 0 ? w.attendeeReferralPairing : 0) +
        (neverTrained ? w.attendeeNeverTrained : 0);
      if (a.weight !== weight) fail(`${where}: weight ${a.weight}, expected ${weight}`);
    }
  }

  // Facilitators: available, one seminar a day, within the monthly limit, of a required specialty, from the network.
  const reaches = (specialist: InstanceSpecialist, s: InstanceSeminar) =>
    !settings.facilitatorsFromNetwork ||
    (specialist.networkId !== null && specialist.networkId === s.networkId) ||
    (specialist.hospitalId !== null && s.preferredHospitalIds.includes(specialist.hospitalId));
  const others = (specialist: InstanceSpecialist, s: InstanceSeminar) =>
    (runSeminarsOf.get(specialist.id) ?? []).filter((r) => r !== s);
  const monthFull = (specialist: InstanceSpecialist, s: InstanceSeminar) =>
    [...monthsOf(s)].some(
      (m) =>
        (specialist.monthlyLoad[m] ?? 0) + others(specialist, s).filter((r) => monthsOf(r).has(m)).length >=
        settings.facilitatorMonthlyLimit,
    );
  const overlapping = (specialist: InstanceSpecialist, s: InstanceSeminar) =>
    others(specialist, s).some((r) => sharesDate(r, s));
  const mayFacilitate = (specialist: InstanceSpecialist, s: InstanceSeminar, specialtyId: string) =>
    specialist.specialtyId === specialtyId &&
    (reaches(specialist, s) || pinOf(specialist.id, s.id) === 'force') &&
    pinOf(specialist.id, s.id) !== 'forbid' &&
    !s.facilitators.some((f) => f.personId === specialist.id);
  for (const proposal of result.proposals) {
    const seminar = seminarById.get(proposal.seminarId)!;
    for (const f of proposal.facilitators) {
      const specialist = specialistById.get(f.personId);
      if (!specialist) continue;
      const where = `${specialist.id} facilitating ${seminar.id}`;
      const forced = pinOf(specialist.id, seminar.id) === 'force';
      if (seminar.facilitators.some((k) => k.personId === specialist.id)) fail(`${where}: already a facilitator there`);
      if (pinOf(specialist.id, seminar.id) === 'forbid') fail(`${where}: forbidden by a pin`);
      if (unavailableOn(seminar.dates, specialist)) fail(`${where}: unavailable on the seminar's dates`);
      if (overlapping(specialist, seminar))
        fail(
          `${where}: also in ${others(specialist, seminar)
            .filter((r) => sharesDate(r, seminar))
            .map((r) => r.id)} on a shared day`,
        );
      for (const m of monthsOf(seminar)) {
        const held =
          (specialist.monthlyLoad[m] ?? 0) +
          (runSeminarsOf.get(specialist.id) ?? []).filter((r) => monthsOf(r).has(m)).length;
        if (held > settings.facilitatorMonthlyLimit)
          fail(`${where}: ${held} seminars in ${m}, limit ${settings.facilitatorMonthlyLimit}`);
      }
      if (!forced && !seminar.requiredSpecialties.some((r) => r.specialtyId === specialist.specialtyId))
        fail(`${where}: specialty ${specialist.specialtyId} not required`);
      if (!forced && !reaches(specialist, seminar)) fail(`${where}: outside the specialist's networks`);
      if (f.specialtyId !== specialist.specialtyId || f.hospitalId !== specialist.hospitalId)
        fail(`${where}: specialty or hospital misreported`);
      const referral = specialist.hospitalId !== null && seminar.preferredHospitalIds.includes(specialist.hospitalId);
      if (f.referralHospital !== referral) fail(`${where}: referralHospital ${f.referralHospital}`);
      if (f.pinned !== forced) fail(`${where}: pinned ${f.pinned}, forced ${forced}`);
      const load = specialist.load + (newSeminarsOf.get(specialist.id) ?? []).length;
      if (f.load !== load) fail(`${where}: load ${f.load}, expected ${load}`);
    }
    const specialties = new Set([
      ...seminar.requiredSpecialties.map((r) => r.specialtyId),
      ...proposal.facilitators.map((f) => f.specialtyId),
    ]);
    for (const specialtyId of specialties) {
      const required = seminar.requiredSpecialties.find((r) => r.specialtyId === specialtyId)?.count ?? 0;
      const present = seminar.facilitators.filter((f) => f.specialtyId === specialtyId).length;
      const chosen = proposal.facilitators.filter((f) => f.specialtyId === specialtyId);
      const chosenForced = chosen.filter((f) => pinOf(f.personId, seminar.id) === 'force').length;
      if (chosen.length > Math.max(required - present, chosenForced))
        fail(
          `${seminar.id}: ${chosen.length} ${specialtyId} chosen, ${required} required, ${present} there, ${chosenForced} forced`,
        );
      const missing = required - present - chosen.length;
      const reported = proposal.uncovered.filter((u) => u.specialtyId === specialtyId);
      if (missing > 0 ? reported.length !== 1 || reported[0].missing !== missing : reported.length !== 0) {
        fail(
          `${seminar.id}: ${specialtyId} uncovered reported as ${JSON.stringify(reported)}, ${Math.max(0, missing)} missing`,
        );
      }
      if (missing <= 0 || reported.length !== 1) continue;
      // Someone already chosen for this seminar cannot take a second place in it.
      const eligible = instance.specialists.filter(
        (sp) => mayFacilitate(sp, seminar, specialtyId) && !proposal.facilitators.some((f) => f.personId === sp.id),
      );
      const truthful = {
        no_specialist: eligible.length === 0,
        unavailable: eligible.some((sp) => unavailableOn(seminar.dates, sp)),
        monthly_limit: eligible.some((sp) => monthFull(sp, seminar)),
        taken_elsewhere: eligible.some((sp) => others(sp, seminar).length > 0),
      }[reported[0].reason];
      if (!truthful) fail(`${seminar.id}: ${specialtyId} uncovered for '${reported[0].reason}', untrue`);
      if (result.optimality.facilitators.status === 'optimal') {
        for (const sp of eligible) {
          const idle =
            !unavailableOn(seminar.dates, sp) &&
            !monthFull(sp, seminar) &&
            !overlapping(sp, seminar) &&
            !proposal.facilitators.some((f) => f.personId === sp.id);
          if (idle) fail(`${seminar.id}: ${specialtyId} place open while ${sp.id} could take it (claimed optimal)`);
        }
      }
    }
  }

  // Everyone accounted for once; the reasons for leaving someone out hold.
  const leftOutCount = new Map<string, number>();
  for (const l of result.leftOut) leftOutCount.set(l.personId, (leftOutCount.get(l.personId) ?? 0) + 1);
  for (const l of result.leftOut) if (!attendeeById.has(l.personId)) fail(`${l.personId} left out but is no attendee`);
  for (const attendee of instance.attendees) {
    const out = leftOutCount.get(attendee.id) ?? 0;
    if (seatOf.has(attendee.id) ? out !== 0 : out !== 1)
      fail(`${attendee.id}: seated ${seatOf.has(attendee.id)}, left out ${out} times`);
    if (seatOf.has(attendee.id)) continue;
    const entry = result.leftOut.find((l) => l.personId === attendee.id);
    if (!entry) continue;
    const unit = unitById.get(attendee.unitId)!;
    if (entry.unitId !== attendee.unitId) fail(`${attendee.id}: left out with unit ${entry.unitId}`);
    const interested = instance.seminars.filter((s) => (attendee.interests[s.topicId] ?? 0) > 0);
    const considered = [
      ...new Set([...interested.filter((s) => inScope(attendee, s)), ...forcedSeminars(attendee.id)]),
    ];
    const options = openTo(attendee);
    const truthful = {
      not_willing: !attendee.willing,
      no_interest: interested.length === 0,
      no_seminar: Object.entries(attendee.interests).every(
        ([topicId, level]) =>
          !(level > 0) || !instance.seminars.some((s) => s.topicId === topicId && inScope(attendee, s)),
      ),
      already_has_topic: considered.some((s) => attendee.heldTopicIds.includes(s.topicId)),
      unavailable: considered.some((s) => unavailableOn(s.dates, attendee)),
      pinned_out: considered.some((s) => pinOf(attendee.id, s.id) === 'forbid'),
      capacity: considered.some((s) => full(s)),
      unit_cap: considered.some((s) => unitCapReached(s, unit.id)),
      unit_daily_share: considered.some((s) => shareReached(s, unit)),
      search_limit: result.optimality.attendees.status !== 'optimal' && options.some((s) => !blocked(s, unit)),
    }[entry.reason];
    if (!truthful) fail(`${attendee.id}: left out for '${entry.reason}', untrue`);
    if (result.optimality.attendees.status === 'optimal') {
      for (const s of options)
        if (!blocked(s, unit))
          fail(`${attendee.id}: left out while ${s.id} has a seat nothing blocks (claimed optimal)`);
    }
  }

  // Pins: forbidden pairs never meet; a forced pair meets or says truthfully why not.
  const pins = instance.pins ?? [];
  if (
    result.pins.length !== pins.length ||
    result.pins.some(
      (p, i) => p.personId !== pins[i].personId || p.seminarId !== pins[i].seminarId || p.kind !== pins[i].kind,
    )
  ) {
    fail('pin outcomes do not list the pins of the instance, in order');
  }
  result.pins.forEach((outcome) => {
    const seminar = seminarById.get(outcome.seminarId)!;
    const where = `${outcome.kind} pin ${outcome.personId} → ${seminar.id}`;
    const attendee = attendeeById.get(outcome.personId);
    const specialist = specialistById.get(outcome.personId);
    const together =
      seatOf.get(outcome.personId) === seminar ||
      (newSeminarsOf.get(outcome.personId) ?? []).includes(seminar) ||
      seminar.facilitators.some((f) => f.personId === outcome.personId);
    if (outcome.kind === 'forbid') {
      // A forbid pin on a facilitator already kept on the seminar cannot be honoured.
      const kept = seminar.facilitators.some((f) => f.personId === outcome.personId);
      if (outcome.honoured === together || (together && !kept))
        fail(`${where}: honoured ${outcome.honoured}, assigned ${together}`);
      return;
    }
    if (outcome.honoured !== together) fail(`${where}: honoured ${outcome.honoured}, assigned ${together}`);
    if (outcome.honoured) return;
    let truthful = false;
    if (attendee) {
      const unit = unitById.get(attendee.unitId)!;
      truthful =
        {
          already_has_topic: attendee.heldTopicIds.includes(seminar.topicId),
          unavailable: unavailableOn(seminar.dates, attendee),
          capacity: full(seminar),
          unit_cap: unitCapReached(seminar, unit.id),
          unit_daily_share: shareReached(seminar, unit),
        }[outcome.reason ?? ''] ?? false;
    } else if (specialist) {
      truthful =
        {
          unavailable: unavailableOn(seminar.dates, specialist),
          monthly_limit: monthFull(specialist, seminar),
          capacity: monthFull(specialist, seminar) || overlapping(specialist, seminar),
        }[outcome.reason ?? ''] ?? false;
    }
    // Someone seated in another seminar of the run cannot take this one too: a reason of its own may say so.
    const seatedElsewhere = attendee !== undefined && seatOf.has(attendee.id);
    const checkable = ['already_has_topic', 'unavailable', 'capacity', 'unit_cap', 'unit_daily_share', 'monthly_limit'];
    if (seatedElsewhere && outcome.reason && !checkable.includes(outcome.reason)) truthful = true;
    if (!truthful) fail(`${where}: not honoured for '${outcome.reason}', untrue`);
  });

  // The objective's parts add up from the proposals.
  const seats = result.proposals.flatMap((p) => p.attendees);
  const parts = result.objective.attendees;
  const expected = {
    seats: seats.length,
    interest: seats.reduce((sum, a) => sum + a.interest, 0),
    referralPairing: seats.filter((a) => a.pairedFacilitatorIds.length > 0).length,
    neverTrained: seats.filter((a) => a.neverTrained).length,
    total: seats.reduce((sum, a) => sum + a.weight, 0),
  };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (parts[key] !== expected[key])
      fail(`objective.attendees.${key} is ${parts[key]}, the proposals give ${expected[key]}`);
  }
  const chosen = result.proposals.flatMap((p) => p.facilitators);
  const facilitatorParts = result.objective.facilitators;
  let load = 0;
  for (const [personId, list] of newSeminarsOf)
    for (let j = 0; j < list.length; j++) load += w.facilitatorLoad * (specialistById.get(personId)!.load + j);
  if (facilitatorParts.covered !== chosen.length)
    fail(`objective.facilitators.covered is ${facilitatorParts.covered}, ${chosen.length} chosen`);
  if (facilitatorParts.referral !== chosen.filter((f) => f.referralHospital).length)
    fail(`objective.facilitators.referral is ${facilitatorParts.referral}`);
  if (facilitatorParts.load !== load) fail(`objective.facilitators.load is ${facilitatorParts.load}, expected ${load}`);
  const perPlace =
    chosen.length === 0
      ? 0
      : (facilitatorParts.total + load - w.facilitatorReferral * facilitatorParts.referral) / chosen.length;
  if (chosen.length === 0 ? facilitatorParts.total !== 0 : !(Number.isInteger(perPlace) && perPlace > 0))
    fail(`objective.facilitators.total ${facilitatorParts.total} is not coverage plus referral minus load`);
  for (const stage of ['facilitators', 'attendees'] as const) {
    const o = result.optimality[stage];
    if (o.objective !== result.objective[stage].total)
      fail(`optimality.${stage}.objective ${o.objective} differs from the objective ${result.objective[stage].total}`);
    if (o.bound < o.objective || (o.status === 'optimal' && o.bound !== o.objective))
      fail(`optimality.${stage}: ${o.status} with bound ${o.bound} and objective ${o.objective}`);
  }
  return problems;
}

/** The result without its timing, or the error it threw: either must repeat. */
function outcome(instance: MatchingInstance): unknown {
  try {
    const result = solveMatching(instance);
    return { ...result, stats: { ...result.stats, milliseconds: 0 } };
  } catch (error) {
    return { error: String(error) };
  }
}

describe(`${solveMatching.name} (properties)`, () => {
  const runs = { numRuns: 150 };

  it('keeps every rule, pin and reason of random instances', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const instance = toInstance(d, false);
        expect(violations(instance, solveMatching(instance))).toEqual([]);
      }),
      runs,
    );
  });

  it('keeps the rules when specialists already facilitate seminars of the run', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const instance = toInstance(d, true);
        expect(violations(instance, solveMatching(instance))).toEqual([]);
      }),
      runs,
    );
  });

  it('keeps units within their cap and daily share when many want the same days', () => {
    fc.assert(
      fc.property(crowdedDraft, (d) => {
        const instance = toInstance(d, false);
        expect(violations(instance, solveMatching(instance))).toEqual([]);
      }),
      runs,
    );
  });

  it('keeps specialists within one seminar a day and their monthly limit when they are scarce', () => {
    fc.assert(
      fc.property(scarceSpecialistsDraft, (d) => {
        const instance = toInstance(d, false);
        expect(violations(instance, solveMatching(instance))).toEqual([]);
      }),
      runs,
    );
  });

  it('solves the same instance to the same result and leaves the instance unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(draft, crowdedDraft, scarceSpecialistsDraft), fc.boolean(), (d, keptAreSpecialists) => {
        const instance = toInstance(d, keptAreSpecialists);
        const before = structuredClone(instance);
        const first = outcome(instance);
        expect(instance).toEqual(before);
        expect(outcome(structuredClone(instance))).toEqual(first);
      }),
      runs,
    );
  });
});
