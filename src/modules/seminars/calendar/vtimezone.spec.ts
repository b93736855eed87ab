import fc from 'fast-check';
import ICAL from 'ical.js';
import { vtimezone } from './vtimezone';

interface Observance {
  kind: string;
  dtstart: string;
  from: string;
  to: string;
}

/** The STANDARD and DAYLIGHT sub-components, read line by line. */
function observances(component: string): Observance[] {
  const blocks = component.match(/BEGIN:(STANDARD|DAYLIGHT)\r\n[\s\S]*?END:\1/g) ?? [];
  return blocks.map((block) => {
    const value = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(block.replace(/\r/g, ''))?.[1] ?? '';
    return {
      kind: /^BEGIN:(\w+)/.exec(block)![1],
      dtstart: value('DTSTART'),
      from: value('TZOFFSETFROM'),
      to: value('TZOFFSETTO'),
    };
  });
}

/** The zone's UTC offset in seconds as Node's ICU data gives it, read from the `GMT-04:00` form. */
function intlOffsetSeconds(timeZone: string, instant: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)!;
  return match[1] === undefined ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

describe(vtimezone.name, () => {
  it('gives Mexico City a single fixed -0600 observance: Mexico abolished daylight saving time in 2022', () => {
    const component = vtimezone('America/Mexico_City', 2026, 2028);

    expect(component).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:America\/Mexico_City\r\n/);
    expect(component).toMatch(/\r\nEND:VTIMEZONE$/);
    expect(observances(component)).toEqual([
      { kind: 'STANDARD', dtstart: '19700101T000000', from: '-0600', to: '-0600' },
    ]);
  });

  it('gives New York its 2027 changes at 02:00 local time', () => {
    const changes2027 = observances(vtimezone('America/New_York', 2027, 2027)).filter((o) =>
      o.dtstart.startsWith('2027'),
    );

    expect(changes2027).toEqual([
      { kind: 'DAYLIGHT', dtstart: '20270314T020000', from: '-0500', to: '-0400' },
      { kind: 'STANDARD', dtstart: '20271107T020000', from: '-0400', to: '-0500' },
    ]);
  });

  it('covers the year before and after the range, and starts from the offset in force at its start', () => {
    expect(observances(vtimezone('America/New_York', 2027, 2027)).map((o) => `${o.kind} ${o.dtstart}`)).toEqual([
      'STANDARD 19700101T000000',
      'DAYLIGHT 20260308T020000',
      'STANDARD 20261101T020000',
      'DAYLIGHT 20270314T020000',
      'STANDARD 20271107T020000',
      'DAYLIGHT 20280312T020000',
      'STANDARD 20281105T020000',
    ]);
  });

  it('starts a southern-hemisphere zone in summer time, in January', () => {
    const sydney = observances(vtimezone('Australia/Sydney', 2027, 2027));

    expect(sydney[0]).toEqual({ kind: 'DAYLIGHT', dtstart: '19700101T000000', from: '+1100', to: '+1100' });
    expect(sydney.filter((o) => o.dtstart.startsWith('2027'))).toEqual([
      { kind: 'STANDARD', dtstart: '20270404T030000', from: '+1100', to: '+1000' },
      { kind: 'DAYLIGHT', dtstart: '20271003T020000', from: '+1000', to: '+1100' },
    ]);
  });

  it('writes offsets that are not whole hours', () => {
    expect(observances(vtimezone('Asia/Kolkata', 2027, 2027))).toEqual([
      { kind: 'STANDARD', dtstart: '19700101T000000', from: '+0530', to: '+0530' },
    ]);
  });

  it('rejects an unknown zone and an empty year range', () => {
    expect(() => vtimezone('America/Atlantis', 2027, 2027)).toThrow(RangeError);
    expect(() => vtimezone('America/New_York', 2028, 2027)).toThrow(RangeError);
  });

  it('makes an independent parser read every local time of the range as the same instant as Node does', () => {
    const zones = [
      'America/Mexico_City',
      'America/New_York',
      'America/Santiago',
      'Europe/London',
      'Australia/Sydney',
      'Asia/Kolkata',
    ];
    const parsed = new Map(
      zones.map((zone) => [zone, new ICAL.Timezone(new ICAL.Component(ICAL.parse(vtimezone(zone, 2026, 2028))))]),
    );
    const HOURS_3 = 3 * 3600;

    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 - 1 }),
        (zone, epochSeconds) => {
          const offset = intlOffsetSeconds(zone, new Date(epochSeconds * 1000));
          // Around a change a local time can occur twice or not at all; the exact changes are checked above.
          fc.pre(intlOffsetSeconds(zone, new Date((epochSeconds - HOURS_3) * 1000)) === offset);
          fc.pre(intlOffsetSeconds(zone, new Date((epochSeconds + HOURS_3) * 1000)) === offset);
          const wallClock = new Date((epochSeconds + offset) * 1000);
          const local = ICAL.Time.fromData(
            {
              year: wallClock.getUTCFullYear(),
              month: wallClock.getUTCMonth() + 1,
              day: wallClock.getUTCDate(),
              hour: wallClock.getUTCHours(),
              minute: wallClock.getUTCMinutes(),
              second: wallClock.getUTCSeconds(),
              isDate: false,
            },
            parsed.get(zone),
          );

          expect(local.toUnixTime()).toBe(epochSeconds);
        },
      ),
      { numRuns: 500 },
    );
  });
});
