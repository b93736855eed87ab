import fc from 'fast-check';
import { addDays, type IsoDate } from './calendar-date';
import { clockTimeOf, type ClockTime, isClockTime, isoWithOffset, minutesOf, zonedInstant } from './clock-time';

/** Zones with and without daylight saving, half-hour and 45-minute offsets, a half-hour DST shift. */
const ZONES = [
  'America/Mexico_City',
  'America/New_York',
  'Europe/Madrid',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];

/** A zone, a date from 1971 to early 2051 and a time of day. */
const wallTimesInZones = fc.tuple(
  fc.constantFrom(...ZONES),
  fc.integer({ min: 0, max: 80 * 366 }).map((days) => addDays('1971-01-01', days)),
  fc.integer({ min: 0, max: 1439 }).map(clockTimeOf),
);

/** The wall clock in `timeZone` at `instant` as 'YYYY-MM-DD HH:MM:SS', by Intl alone: the oracle. */
function wallTimeAt(instant: number, timeZone: string): string {
  // sv-SE writes 'YYYY-MM-DD HH:MM:SS'.
  return new Date(instant).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
}

describe(isClockTime.name, () => {
  it.each<[string, boolean]>([
    ['00:00', true],
    ['08:30', true],
    ['23:59', true],
    ['24:00', false],
    ['23:60', false],
    ['7:05', false],
    ['07:5', false],
    ['0705', false],
    ['07.05', false],
    ['07:05:00', false],
    [' 07:05', false],
    ['07:05\n', false],
    ['０７:０５', false], // full-width digits
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isClockTime(value)).toBe(expected);
  });
});

describe(minutesOf.name, () => {
  it.each<[ClockTime, number]>([
    ['00:00', 0],
    ['00:01', 1],
    ['08:30', 510],
    ['12:00', 720],
    ['23:59', 1439],
  ])('%s → %d', (time, expected) => {
    expect(minutesOf(time)).toBe(expected);
  });

  it.each(['24:00', '8:30', ''])('rejects %j with a RangeError', (time) => {
    expect(() => minutesOf(time)).toThrow(RangeError);
  });
});

describe(clockTimeOf.name, () => {
  it.each<[number, ClockTime]>([
    [0, '00:00'],
    [9, '00:09'],
    [60, '01:00'],
    [510, '08:30'],
    [1439, '23:59'],
  ])('%d → %s', (minutes, expected) => {
    expect(clockTimeOf(minutes)).toBe(expected);
  });

  it.each([-1, 1440, 8.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p with a RangeError', (minutes) => {
    expect(() => clockTimeOf(minutes)).toThrow(RangeError);
  });

  it('round-trips with minutesOf for every minute of the day', () => {
    for (let minutes = 0; minutes < 1440; minutes++) {
      const time = clockTimeOf(minutes);
      expect(isClockTime(time)).toBe(true);
      expect(minutesOf(time)).toBe(minutes);
    }
  });
});

describe(zonedInstant.name, () => {
  it.each<[string, IsoDate, ClockTime, string, string]>([
    ['Mexico City, UTC-6 since 2022', 'America/Mexico_City', '2027-03-22', '08:00', '2027-03-22T14:00:00.000Z'],
    [
      'Mexico City in July, no summer time any more',
      'America/Mexico_City',
      '2027-07-15',
      '08:00',
      '2027-07-15T14:00:00.000Z',
    ],
    [
      'Mexico City when it still had summer time',
      'America/Mexico_City',
      '2021-07-15',
      '08:00',
      '2021-07-15T13:00:00.000Z',
    ],
    [
      'Mexico City on its old DST start day: 02:30 exists',
      'America/Mexico_City',
      '2027-04-04',
      '02:30',
      '2027-04-04T08:30:00.000Z',
    ],
    ['Mexico City at midnight of a new year', 'America/Mexico_City', '2028-01-01', '00:00', '2028-01-01T06:00:00.000Z'],
    [
      'Mexico City late evening, next day in UTC',
      'America/Mexico_City',
      '2028-02-29',
      '23:30',
      '2028-03-01T05:30:00.000Z',
    ],
    ['New York before spring forward', 'America/New_York', '2027-03-14', '01:59', '2027-03-14T06:59:00.000Z'],
    ['New York gap start → the jump', 'America/New_York', '2027-03-14', '02:00', '2027-03-14T07:00:00.000Z'],
    ['New York inside the gap → the jump', 'America/New_York', '2027-03-14', '02:30', '2027-03-14T07:00:00.000Z'],
    [
      'New York last minute of the gap → the jump',
      'America/New_York',
      '2027-03-14',
      '02:59',
      '2027-03-14T07:00:00.000Z',
    ],
    ['New York after the gap, EDT', 'America/New_York', '2027-03-14', '03:00', '2027-03-14T07:00:00.000Z'],
    ['New York after the gap, later', 'America/New_York', '2027-03-14', '08:00', '2027-03-14T12:00:00.000Z'],
    ['New York before fall back, EDT', 'America/New_York', '2027-11-07', '00:59', '2027-11-07T04:59:00.000Z'],
    ['New York 01:00 shown twice → the EDT one', 'America/New_York', '2027-11-07', '01:00', '2027-11-07T05:00:00.000Z'],
    ['New York 01:30 shown twice → the EDT one', 'America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00.000Z'],
    ['New York 01:59 shown twice → the EDT one', 'America/New_York', '2027-11-07', '01:59', '2027-11-07T05:59:00.000Z'],
    ['New York 02:00 after fall back, EST', 'America/New_York', '2027-11-07', '02:00', '2027-11-07T07:00:00.000Z'],
    ['Madrid in winter, CET', 'Europe/Madrid', '2027-01-15', '09:00', '2027-01-15T08:00:00.000Z'],
    ['Madrid in summer, CEST', 'Europe/Madrid', '2027-07-15', '09:00', '2027-07-15T07:00:00.000Z'],
    ['Madrid before spring forward', 'Europe/Madrid', '2027-03-28', '01:59', '2027-03-28T00:59:00.000Z'],
    ['Madrid inside the gap → the jump', 'Europe/Madrid', '2027-03-28', '02:30', '2027-03-28T01:00:00.000Z'],
    ['Madrid after the gap', 'Europe/Madrid', '2027-03-28', '03:00', '2027-03-28T01:00:00.000Z'],
    ['Madrid 02:30 shown twice → the CEST one', 'Europe/Madrid', '2027-10-31', '02:30', '2027-10-31T00:30:00.000Z'],
    ['Madrid 03:00 after fall back, CET', 'Europe/Madrid', '2027-10-31', '03:00', '2027-10-31T02:00:00.000Z'],
    ['Tokyo morning, previous day in UTC', 'Asia/Tokyo', '2027-03-22', '08:00', '2027-03-21T23:00:00.000Z'],
    [
      'Lord Howe inside its half-hour gap → the jump',
      'Australia/Lord_Howe',
      '2027-10-03',
      '02:15',
      '2027-10-02T15:30:00.000Z',
    ],
    ['UTC', 'UTC', '2027-03-22', '08:00', '2027-03-22T08:00:00.000Z'],
  ])('%s: %s %s %s → %s', (_, timeZone, date, time, expected) => {
    expect(zonedInstant(date, time, timeZone).toISOString()).toBe(expected);
  });

  it.each<[string, IsoDate, ClockTime, string]>([
    ['an invalid date', '2027-02-29', '08:00', 'America/Mexico_City'],
    ['an invalid time', '2027-03-22', '24:00', 'America/Mexico_City'],
    ['an unknown zone', '2027-03-22', '08:00', 'America/Puente'],
    ['an empty zone', '2027-03-22', '08:00', ''],
  ])('rejects %s with a RangeError', (_, date, time, timeZone) => {
    expect(() => zonedInstant(date, time, timeZone)).toThrow(RangeError);
  });

  it('shows the wall time asked for when it exists, else the first instant past a skipped one; never a later twin', () => {
    fc.assert(
      fc.property(wallTimesInZones, ([timeZone, date, time]) => {
        const asked = `${date} ${time}:00`;
        const instant = zonedInstant(date, time, timeZone).getTime();
        const shown = wallTimeAt(instant, timeZone);
        if (shown !== asked) {
          // Skipped: the clock read before the asked time a second earlier and past it now.
          expect(wallTimeAt(instant - 1000, timeZone) < asked).toBe(true);
          expect(shown > asked).toBe(true);
        }
        for (let minutesEarlier = 15; minutesEarlier <= 180; minutesEarlier += 15) {
          expect(wallTimeAt(instant - minutesEarlier * 60_000, timeZone)).not.toBe(asked);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every minute of the New York and Madrid days on which the clocks change', () => {
    // The hour from 02:00 is skipped on both spring-forward days.
    const days: [string, IsoDate, { skipsFrom: number } | null][] = [
      ['America/New_York', '2027-03-14', { skipsFrom: 120 }],
      ['America/New_York', '2027-11-07', null],
      ['Europe/Madrid', '2027-03-28', { skipsFrom: 120 }],
      ['Europe/Madrid', '2027-10-31', null],
    ];
    for (const [timeZone, date, gap] of days) {
      for (let minutes = 0; minutes < 1440; minutes++) {
        const time = clockTimeOf(minutes);
        const skipped = gap !== null && minutes >= gap.skipsFrom && minutes < gap.skipsFrom + 60;
        const shown = wallTimeAt(zonedInstant(date, time, timeZone).getTime(), timeZone);
        expect(shown).toBe(skipped ? `${date} 03:00:00` : `${date} ${time}:00`);
      }
    }
  });
});

describe(isoWithOffset.name, () => {
  it.each<[string, IsoDate, ClockTime, string, string]>([
    ['Mexico City', 'America/Mexico_City', '2027-03-22', '08:00', '2027-03-22T08:00:00-06:00'],
    ['Mexico City with summer time in 2021', 'America/Mexico_City', '2021-07-15', '08:00', '2021-07-15T08:00:00-05:00'],
    ['UTC is +00:00, not Z', 'UTC', '2027-03-22', '08:00', '2027-03-22T08:00:00+00:00'],
    ['London in winter is +00:00 too', 'Europe/London', '2027-01-15', '09:00', '2027-01-15T09:00:00+00:00'],
    ['New York in winter', 'America/New_York', '2027-01-15', '09:00', '2027-01-15T09:00:00-05:00'],
    ['New York in summer', 'America/New_York', '2027-07-15', '09:00', '2027-07-15T09:00:00-04:00'],
    [
      'New York skipped time: where the clocks jumped to',
      'America/New_York',
      '2027-03-14',
      '02:30',
      '2027-03-14T03:00:00-04:00',
    ],
    ['New York twice-shown time: the first', 'America/New_York', '2027-11-07', '01:30', '2027-11-07T01:30:00-04:00'],
    ['Madrid in winter', 'Europe/Madrid', '2027-01-15', '09:00', '2027-01-15T09:00:00+01:00'],
    ['Madrid in summer', 'Europe/Madrid', '2027-07-15', '09:00', '2027-07-15T09:00:00+02:00'],
    ['Tokyo', 'Asia/Tokyo', '2027-03-22', '08:00', '2027-03-22T08:00:00+09:00'],
    ['Kolkata, half-hour offset', 'Asia/Kolkata', '2027-03-22', '08:00', '2027-03-22T08:00:00+05:30'],
    ['St. John’s, negative half-hour offset', 'America/St_Johns', '2027-01-15', '08:00', '2027-01-15T08:00:00-03:30'],
    ['Chatham, 45-minute offset', 'Pacific/Chatham', '2027-07-15', '08:00', '2027-07-15T08:00:00+12:45'],
    [
      'Mexico City in 1900, local mean time -06:36:36 rounded',
      'America/Mexico_City',
      '1900-01-01',
      '08:00',
      '1900-01-01T07:59:36-06:37',
    ],
  ])('%s: %s %s %s → %s', (_, timeZone, date, time, expected) => {
    expect(isoWithOffset(date, time, timeZone)).toBe(expected);
    expect(Date.parse(expected)).toBe(zonedInstant(date, time, timeZone).getTime());
  });

  it('names the same instant as zonedInstant, with the asked wall time whenever it exists', () => {
    fc.assert(
      fc.property(wallTimesInZones, ([timeZone, date, time]) => {
        const written = isoWithOffset(date, time, timeZone);
        const instant = zonedInstant(date, time, timeZone).getTime();
        expect(written).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        expect(Date.parse(written)).toBe(instant);
        if (wallTimeAt(instant, timeZone) === `${date} ${time}:00`)
          expect(written.slice(0, 19)).toBe(`${date}T${time}:00`);
      }),
      { numRuns: 500 },
    );
  });
});
