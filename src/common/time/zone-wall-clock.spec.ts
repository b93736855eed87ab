import fc from 'fast-check';
import { intlWallClockMs, wallClockMs } from './zone-wall-clock';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * Zones with and without daylight saving: half-hour and 45-minute offsets, a half-hour DST shift
 * (Lord Howe), southern-hemisphere summers, Casablanca's changes around Ramadan, Mexico City's end
 * of summer time in 2022, and local mean times before standard zones (offsets with seconds, changed
 * at local midnight, so not on a UTC hour).
 */
const ZONES = [
  'America/Mexico_City',
  'America/New_York',
  'Europe/Madrid',
  'Europe/London',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'Africa/Casablanca',
  'UTC',
];
const NO_DAYLIGHT_SAVING = ['Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC'];

const offsetByIntl = (timeZone: string, instant: number) => intlWallClockMs(timeZone, instant) - instant;

/**
 * Every instant (to the second) at which Intl says the zone's offset changes between `from` and
 * `to`: days compared first, then hours, then a binary search for the second.
 */
function transitions(timeZone: string, from: number, to: number): number[] {
  const found: number[] = [];
  for (let day = from; day < to; day += MS_PER_DAY) {
    if (offsetByIntl(timeZone, day) === offsetByIntl(timeZone, day + MS_PER_DAY)) continue;
    for (let hour = day; hour < day + MS_PER_DAY; hour += MS_PER_HOUR) {
      if (offsetByIntl(timeZone, hour) === offsetByIntl(timeZone, hour + MS_PER_HOUR)) continue;
      let before = hour;
      let after = hour + MS_PER_HOUR;
      while (after - before > 1000) {
        const middle = before + Math.floor((after - before) / 2000) * 1000;
        if (offsetByIntl(timeZone, middle) === offsetByIntl(timeZone, before)) before = middle;
        else after = middle;
      }
      found.push(after);
    }
  }
  return found;
}

const utc = (iso: string) => Date.parse(iso);

describe(wallClockMs.name, () => {
  // Historical changes (local mean times, wars, early summer times) and today's rules.
  const known = ZONES.map((timeZone) => ({
    timeZone,
    changes: [
      ...transitions(timeZone, utc('1900-01-01T00:00:00Z'), utc('1925-01-01T00:00:00Z')),
      ...transitions(timeZone, utc('2020-01-01T00:00:00Z'), utc('2032-01-01T00:00:00Z')),
    ],
  }));

  it('finds the changes it is tested around, and none in zones without daylight saving today', () => {
    const changes = new Map(known.map((zone) => [zone.timeZone, zone.changes]));
    expect(changes.get('America/New_York')).toContain(utc('2027-03-14T07:00:00Z'));
    expect(changes.get('America/New_York')).toContain(utc('2027-11-07T06:00:00Z'));
    expect(changes.get('Australia/Lord_Howe')).toContain(utc('2027-10-02T15:30:00Z'));
    expect(changes.get('America/Mexico_City')).toContain(utc('2022-10-30T07:00:00Z'));
    for (const timeZone of NO_DAYLIGHT_SAVING) {
      expect(changes.get(timeZone)!.filter((instant) => instant >= utc('2020-01-01T00:00:00Z'))).toEqual([]);
    }
    // A change inside an hour, not on it: Kolkata's move from Madras time (+05:21:10) at local midnight.
    expect(changes.get('Asia/Kolkata')!.some((instant) => instant % MS_PER_HOUR !== 0)).toBe(true);
  });

  it('equals Intl at any instant from 1850 to 2100, in any zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('1850-01-01T00:00:00Z'), max: utc('2100-01-01T00:00:00Z') }),
        (timeZone, instant) => {
          expect(wallClockMs(timeZone, instant)).toBe(intlWallClockMs(timeZone, instant));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals Intl within three hours either side of every change, to the millisecond', () => {
    const near = fc
      .constantFrom(...known.filter((zone) => zone.changes.length > 0))
      .chain(({ timeZone, changes }) =>
        fc.tuple(
          fc.constant(timeZone),
          fc.constantFrom(...changes),
          fc.integer({ min: -3 * MS_PER_HOUR, max: 3 * MS_PER_HOUR }),
        ),
      );
    fc.assert(
      fc.property(near, ([timeZone, change, delta]) => {
        expect(wallClockMs(timeZone, change + delta)).toBe(intlWallClockMs(timeZone, change + delta));
      }),
      { numRuns: 5000 },
    );
  });

  it('equals Intl on both sides of every change: the last millisecond before it and the first at it', () => {
    for (const { timeZone, changes } of known) {
      for (const change of changes) {
        for (const instant of [change - 1000, change - 1, change, change + 1, change + 999]) {
          expect([timeZone, instant, wallClockMs(timeZone, instant)]).toEqual([
            timeZone,
            instant,
            intlWallClockMs(timeZone, instant),
          ]);
        }
      }
    }
  });

  it('keeps one offset all year in zones without daylight saving', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NO_DAYLIGHT_SAVING),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2031-12-31T00:00:00Z') }),
        (timeZone, instant) => {
          expect(wallClockMs(timeZone, instant) - instant).toBe(
            wallClockMs(timeZone, utc('2020-01-01T00:00:00Z')) - utc('2020-01-01T00:00:00Z'),
          );
        },
      ),
    );
  });

  it.each<[string, string, string]>([
    ['Mexico City, CST', 'America/Mexico_City', '2027-03-22T14:00:00.000Z'],
    [
      'Mexico City before standard time, local mean time with seconds',
      'America/Mexico_City',
      '1900-01-01T14:00:00.250Z',
    ],
    ['New York, the last millisecond of EST before spring forward', 'America/New_York', '2027-03-14T06:59:59.999Z'],
    ['Lord Howe, half an hour into its half-hour change', 'Australia/Lord_Howe', '2027-10-02T15:30:00.000Z'],
    ['the first instant of the Date range', 'UTC', '-271821-04-20T00:00:00.000Z'],
    ['the last instant of the Date range', 'UTC', '+275760-09-13T00:00:00.000Z'],
  ])('%s', (_, timeZone, iso) => {
    const instant = Date.parse(iso);
    expect(wallClockMs(timeZone, instant)).toBe(intlWallClockMs(timeZone, instant));
  });

  it.each<[string, string, number]>([
    ['an unknown zone', 'America/Puente', Date.UTC(2027, 2, 22)],
    ['an empty zone', '', Date.UTC(2027, 2, 22)],
    ['an invalid instant', 'America/Mexico_City', Number.NaN],
    ['an instant past the Date range', 'UTC', 8.64e15 + 1],
  ])('rejects %s with a RangeError', (_, timeZone, instant) => {
    expect(() => wallClockMs(timeZone, instant)).toThrow(RangeError);
  });
});
