/**
 * Matching instances the size and shape of a state's programme: three networks, seminars of three
 * days of which some run across the end of a month (so they use their facilitators' monthly limit
 * in two months), specialties with barely enough specialists for the monthly limit of one seminar,
 * and specialists with days off. Deterministic for a seed. `withNewIds` draws new ids for the same
 * people, seminars and units and shuffles every list, for the property that the answer depends on
 * the data alone.
 */
import type {
  InstanceAttendee,
  InstanceSeminar,
  InstanceSpecialist,
  InstanceUnit,
  MatchingInstance,
} from '../../src/modules/matching/engine/instance';
import { mulberry32 } from './matching-instances';

export interface ProgrammeOptions {
  seed: number;
  seminars?: number;
  attendees?: number;
  /** Specialists per specialty and network beyond the fewest the monthly limit allows (default 0). */
  slack?: number;
}

const NETWORKS = 3;
const TOPICS = 8;
const SPECIALTIES = 9;

/** Working days from 2031-02-03 over three months. */
function workingDays(): string[] {
  const days: string[] = [];
  const date = new Date(Date.UTC(2031, 1, 3));
  while (date < new Date(Date.UTC(2031, 4, 30))) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}

export function generateProgramme(options: ProgrammeOptions): MatchingInstance {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const seminarCount = options.seminars ?? 60;
  const attendeeCount = options.attendees ?? 1600;
  const days = workingDays();
  // Seminars start on any day, and one in four three days before a month ends.
  const monthEnds = days.filter((d, i) => i + 1 < days.length && days[i + 1].slice(5, 7) !== d.slice(5, 7));
  const spanning = monthEnds.map((end) => days.indexOf(end) - 1);

  const requirements = Array.from({ length: TOPICS }, () => {
    const chosen = new Set<number>();
    while (chosen.size < 2 + Math.floor(random() * 2)) chosen.add(Math.floor(random() * SPECIALTIES));
    return [...chosen].map((s) => ({ specialtyId: `specialty-${s}`, count: random() < 0.3 ? 2 : 1 }));
  });
  const hospitalsOf = (n: number) => [0, 1, 2].map((h) => `hospital-${n}-${h}`);

  const units: InstanceUnit[] = [];
  for (let u = 0, left = attendeeCount; left > 0; u++) {
    const staff = Math.min(left, 4 + Math.floor(random() * 12));
    left -= staff;
    const network = u % NETWORKS;
    units.push({
      id: `unit-${u}`,
      networkId: `network-${network}`,
      attendeeStaff: staff,
      referralHospitalIds: [pick(hospitalsOf(network))],
      awayByDate: {},
    });
  }

  const seminars: InstanceSeminar[] = [];
  for (let s = 0; s < seminarCount; s++) {
    const network = s % NETWORKS;
    const start = random() < 0.25 ? pick(spanning) : Math.floor(random() * (days.length - 3));
    const topic = Math.floor(random() * TOPICS);
    seminars.push({
      id: `seminar-${s}`,
      topicId: `topic-${topic}`,
      networkId: `network-${network}`,
      dates: days.slice(start, start + 3),
      capacity: 30,
      seatsTaken: 0,
      unitSeatsTaken: {},
      requiredSpecialties: requirements[topic],
      facilitators: [],
      preferredHospitalIds: hospitalsOf(network).slice(0, 2),
    });
  }

  // Per network and specialty, as many specialists as the places need with one seminar a month
  // over three months, plus the slack.
  const specialists: InstanceSpecialist[] = [];
  for (let network = 0; network < NETWORKS; network++) {
    const places = new Map<string, number>();
    for (const seminar of seminars.filter((s) => s.networkId === `network-${network}`))
      for (const r of seminar.requiredSpecialties)
        places.set(r.specialtyId, (places.get(r.specialtyId) ?? 0) + r.count);
    for (const [specialtyId, count] of places) {
      const people = Math.ceil(count / 1.4) + (options.slack ?? 0);
      for (let i = 0; i < people; i++) {
        const off = random() < 0.3 ? Math.floor(random() * (days.length - 5)) : -1;
        specialists.push({
          id: `specialist-${network}-${specialtyId}-${i}`,
          specialtyId,
          hospitalId: pick(hospitalsOf(network)),
          networkId: `network-${network}`,
          unavailable: off < 0 ? [] : [{ from: days[off], to: days[off + 4] }],
          busyDates: [],
          monthlyLoad: {},
          load: Math.floor(random() * 3),
        });
      }
    }
  }

  const attendees: InstanceAttendee[] = [];
  for (const unit of units)
    for (let i = 0; i < unit.attendeeStaff; i++) {
      const interests: Record<string, number> = {};
      for (let t = 0; t < TOPICS; t++) if (random() < 0.45) interests[`topic-${t}`] = 1 + Math.floor(random() * 3);
      attendees.push({
        id: `attendee-${unit.id}-${i}`,
        unitId: unit.id,
        willing: random() < 0.95,
        interests,
        trainedTopicIds: [],
        heldTopicIds: [],
        unavailable: [],
        busyDates: [],
      });
    }
  return { seminars, specialists, units, attendees, pins: [] };
}

/**
 * The same instance with new ids for every seminar, unit, specialist and attendee and every list
 * shuffled; `back` maps the new ids to the old.
 */
export function withNewIds(
  instance: MatchingInstance,
  seed: number,
): { instance: MatchingInstance; back: Map<string, string> } {
  const random = mulberry32(seed);
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const rename = new Map<string, string>();
  const back = new Map<string, string>();
  const all = [...instance.seminars, ...instance.units, ...instance.specialists, ...instance.attendees];
  for (const row of shuffle(all)) {
    const id = `id-${Math.floor(random() * 1e9).toString(36)}-${rename.size}`;
    rename.set(row.id, id);
    back.set(id, row.id);
  }
  const to = (id: string) => rename.get(id) ?? id;
  const keys = (record: Record<string, number>) =>
    Object.fromEntries(shuffle(Object.entries(record)).map(([k, v]) => [to(k), v]));
  return {
    back,
    instance: {
      ...instance,
      seminars: shuffle(instance.seminars).map((s) => ({
        ...s,
        id: to(s.id),
        unitSeatsTaken: keys(s.unitSeatsTaken),
        requiredSpecialties: shuffle(s.requiredSpecialties),
        facilitators: s.facilitators.map((f) => ({ ...f, personId: to(f.personId) })),
        preferredHospitalIds: shuffle(s.preferredHospitalIds),
      })),
      units: shuffle(instance.units).map((u) => ({ ...u, id: to(u.id) })),
      specialists: shuffle(instance.specialists).map((p) => ({ ...p, id: to(p.id) })),
      attendees: shuffle(instance.attendees).map((a) => ({ ...a, id: to(a.id), unitId: to(a.unitId) })),
      pins: (instance.pins ?? []).map((p) => ({ ...p, personId: to(p.personId), seminarId: to(p.seminarId) })),
    },
  };
}
