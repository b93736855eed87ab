/**
 * Generated matching instances shaped like a state training programme: networks with primary
 * units that refer to a few hospitals, specialists at those hospitals, three-day seminars spread
 * over a twelve-week cycle, and primary-care attendees with interests in some topics.
 * Deterministic for a given seed.
 */
import type {
  InstanceAttendee,
  InstanceSeminar,
  InstanceSpecialist,
  InstanceUnit,
  MatchingInstance,
} from '../../src/modules/matching/engine/instance';

export interface GeneratorOptions {
  attendees: number;
  seminars: number;
  seed?: number;
  topics?: number;
  specialties?: number;
  /** Working days over which seminar start dates spread (default 60, twelve weeks). */
  cycleDays?: number;
  /** Mean attendee staff per unit (default 10). */
  unitStaff?: number;
  seatsPerSeminar?: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Working days (Monday–Friday) from 2031-02-03 on. */
function workingDays(count: number): string[] {
  const days: string[] = [];
  const date = new Date(Date.UTC(2031, 1, 3));
  while (days.length < count) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}

export function generateInstance(options: GeneratorOptions): MatchingInstance {
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const topics = options.topics ?? 10;
  const specialties = options.specialties ?? 12;
  const cycleDays = options.cycleDays ?? 60;
  const seats = options.seatsPerSeminar ?? 25;
  const networkCount = Math.max(1, Math.round(options.seminars / 40));
  const days = workingDays(cycleDays + 3);

  // Each topic requires two or three specialties, one or two of each.
  const requirements = Array.from({ length: topics }, () => {
    const chosen = new Set<number>();
    const wanted = 2 + Math.floor(random() * 2);
    while (chosen.size < wanted) chosen.add(Math.floor(random() * specialties));
    return [...chosen].map((s) => ({ specialtyId: `spec-${s}`, count: 1 + (random() < 0.3 ? 1 : 0) }));
  });

  const hospitalsOf = (network: number) => [0, 1, 2, 3].map((h) => `hosp-${network}-${h}`);
  const units: InstanceUnit[] = [];
  const meanStaff = options.unitStaff ?? 10;
  let staffLeft = options.attendees;
  for (let u = 0; staffLeft > 0; u++) {
    const network = u % networkCount;
    const staff = Math.min(staffLeft, Math.max(2, Math.round(meanStaff * (0.4 + 1.2 * random()))));
    staffLeft -= staff;
    const referrals = new Set([pick(hospitalsOf(network).slice(0, 3))]);
    if (random() < 0.4) referrals.add(pick(hospitalsOf(network).slice(0, 3)));
    units.push({
      id: `unit-${u}`,
      networkId: `net-${network}`,
      attendeeStaff: staff,
      referralHospitalIds: [...referrals],
      awayByDate: {},
    });
  }

  const seminars: InstanceSeminar[] = [];
  for (let s = 0; s < options.seminars; s++) {
    const network = s % networkCount;
    const topic = Math.floor(random() * topics);
    const start = Math.floor(random() * cycleDays);
    const preferred = new Set(
      units.filter((u) => u.networkId === `net-${network}`).flatMap((u) => u.referralHospitalIds),
    );
    seminars.push({
      id: `sem-${s}`,
      topicId: `topic-${topic}`,
      networkId: `net-${network}`,
      dates: days.slice(start, start + 3),
      capacity: seats,
      seatsTaken: 0,
      unitSeatsTaken: {},
      requiredSpecialties: requirements[topic],
      facilitators: [],
      preferredHospitalIds: [...preferred].sort(),
    });
  }

  // Enough specialists per network and specialty for a cycle with one seminar a month each.
  const specialists: InstanceSpecialist[] = [];
  for (let network = 0; network < networkCount; network++) {
    const demand = new Map<string, number>();
    for (const seminar of seminars.filter((s) => s.networkId === `net-${network}`)) {
      for (const req of seminar.requiredSpecialties)
        demand.set(req.specialtyId, (demand.get(req.specialtyId) ?? 0) + req.count);
    }
    for (const [specialtyId, places] of demand) {
      const count = Math.ceil(places / 2) + 1;
      for (let i = 0; i < count; i++) {
        const unavailable = random() < 0.15 ? [rangeFrom(days, Math.floor(random() * cycleDays), 5)] : [];
        specialists.push({
          id: `fac-${network}-${specialtyId}-${i}`,
          specialtyId,
          hospitalId: pick(hospitalsOf(network)),
          networkId: `net-${network}`,
          unavailable,
          busyDates: [],
          monthlyLoad: {},
          load: Math.floor(random() * 3),
        });
      }
    }
  }

  const attendees: InstanceAttendee[] = [];
  for (const unit of units) {
    for (let i = 0; i < unit.attendeeStaff; i++) {
      const interests: Record<string, number> = {};
      for (let t = 0; t < topics; t++) {
        const r = random();
        if (r > 0.55) interests[`topic-${t}`] = r > 0.85 ? 3 : r > 0.7 ? 2 : 1;
      }
      attendees.push({
        id: `att-${unit.id}-${i}`,
        unitId: unit.id,
        willing: random() < 0.95,
        interests,
        trainedTopicIds: Object.keys(interests).filter(() => random() < 0.1),
        heldTopicIds: Object.keys(interests).filter(() => random() < 0.03),
        unavailable: random() < 0.1 ? [rangeFrom(days, Math.floor(random() * cycleDays), 5)] : [],
        busyDates: [],
      });
    }
  }
  return { seminars, specialists, units, attendees, pins: [] };
}

function rangeFrom(days: string[], start: number, length: number) {
  return { from: days[start], to: days[Math.min(days.length - 1, start + length - 1)] };
}
