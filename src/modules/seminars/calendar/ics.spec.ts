import ICAL from 'ical.js';
import { parseCalendar, type ParsedCalendar } from '../../../../test/support/ics';
import { renderCalendar, type CalendarEventInput, type CalendarInput } from './ics';

const NOW = new Date('2027-02-01T15:04:05Z');

const DAY_1: CalendarEventInput = {
  uid: 'day-1@puente',
  sequence: 3,
  date: '2027-03-22',
  start: '08:00',
  end: '16:00',
  summary: 'Ginecología — día 1',
  description: 'Ginecología, Obstetricia; día 1\nXalapa',
  location: 'Hospital Civil de Xalapa, aula 3; planta baja',
  status: 'confirmed',
  url: 'https://puente.example/seminars/7',
};

/** A seminar in Xalapa, events deliberately out of order. */
const SEMINAR: CalendarInput = {
  name: 'Puente — Seminarios de Ginecología',
  timeZone: 'America/Mexico_City',
  now: NOW,
  events: [
    {
      uid: 'day-3@puente',
      sequence: 1,
      date: '2027-03-24',
      start: '08:00',
      end: '12:00',
      summary: 'Día 3',
      status: 'cancelled',
    },
    {
      uid: 'day-2-afternoon@puente',
      sequence: 0,
      date: '2027-03-23',
      start: '15:00',
      end: '18:00',
      summary: 'Día 2, tarde',
      status: 'confirmed',
    },
    {
      uid: 'day-2-morning@puente',
      sequence: 0,
      date: '2027-03-23',
      start: '09:30',
      end: '13:00',
      summary: 'Día 2, mañana',
      status: 'tentative',
    },
    DAY_1,
  ],
};

type Parsed = ParsedCalendar;
const parse = parseCalendar;

function eventByUid(parsed: Parsed, uid: string): ICAL.Event {
  const event = parsed.events.find((candidate) => candidate.uid === uid);
  if (!event) throw new Error(`No event ${uid}`);
  return event;
}

const instant = (time: ICAL.Time): string => time.toJSDate().toISOString();

describe(renderCalendar.name, () => {
  it("writes each day at its wall-clock time in the calendar's zone, which a phone reads as the right instant", () => {
    const text = renderCalendar(SEMINAR);
    const parsed = parse(text);
    const day1 = eventByUid(parsed, 'day-1@puente');

    expect(text).toContain('\r\nDTSTART;TZID=America/Mexico_City:20270322T080000\r\n');
    expect(text).toContain('\r\nDTEND;TZID=America/Mexico_City:20270322T160000\r\n');
    expect(ICAL.TimezoneService.has('America/Mexico_City')).toBe(false);
    expect(day1.startDate.zone).toBe(parsed.calendar.getTimeZoneByID('America/Mexico_City'));
    expect(day1.startDate.zone?.tzid).toBe('America/Mexico_City');
    expect(instant(day1.startDate)).toBe('2027-03-22T14:00:00.000Z');
    expect(instant(day1.endDate)).toBe('2027-03-22T22:00:00.000Z');
  });

  it.each([
    ['winter', '2027-01-15', '2027-01-15T13:00:00.000Z', '2027-01-15T21:00:00.000Z'],
    ['summer', '2027-07-15', '2027-07-15T12:00:00.000Z', '2027-07-15T20:00:00.000Z'],
    ['the first day of summer time', '2027-03-14', '2027-03-14T12:00:00.000Z', '2027-03-14T20:00:00.000Z'],
    ['the first day back on standard time', '2027-11-07', '2027-11-07T13:00:00.000Z', '2027-11-07T21:00:00.000Z'],
  ])('converts an 08:00–16:00 day in New York in %s (%s) with the offset of that date', (_, date, start, end) => {
    const event: CalendarEventInput = {
      uid: `${date}@puente`,
      sequence: 0,
      date,
      start: '08:00',
      end: '16:00',
      summary: 'Seminar',
      status: 'confirmed',
    };
    const parsed = parse(renderCalendar({ name: 'Puente', timeZone: 'America/New_York', now: NOW, events: [event] }));

    expect(instant(eventByUid(parsed, event.uid).startDate)).toBe(start);
    expect(instant(eventByUid(parsed, event.uid).endDate)).toBe(end);
  });

  it("keeps a wall-clock time that does not exist in other zones (02:30 on New York's change day)", () => {
    // Written through a native Date, this time would move to 03:30 in a process running in New York.
    const event: CalendarEventInput = {
      uid: 'early@puente',
      sequence: 0,
      date: '2027-03-14',
      start: '02:30',
      end: '03:00',
      summary: 'Guardia',
      status: 'confirmed',
    };
    const text = renderCalendar({ ...SEMINAR, events: [event] });

    expect(text).toContain('\r\nDTSTART;TZID=America/Mexico_City:20270314T023000\r\n');
    expect(instant(eventByUid(parse(text), 'early@puente').startDate)).toBe('2027-03-14T08:30:00.000Z');
  });

  it('includes one VTIMEZONE for the zone of the events', () => {
    const zones = parse(renderCalendar(SEMINAR)).calendar.getAllSubcomponents('vtimezone');

    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['America/Mexico_City']);
  });

  it('keeps the UID and raises the SEQUENCE, so that a rescheduled day replaces the old one', () => {
    const before = eventByUid(parse(renderCalendar(SEMINAR)), 'day-1@puente');
    const rescheduled = { ...DAY_1, sequence: DAY_1.sequence + 1, date: '2027-03-29' };
    const after = eventByUid(parse(renderCalendar({ ...SEMINAR, events: [rescheduled] })), 'day-1@puente');

    expect([before.uid, before.sequence, instant(before.startDate)]).toEqual([
      'day-1@puente',
      3,
      '2027-03-22T14:00:00.000Z',
    ]);
    expect([after.uid, after.sequence, instant(after.startDate)]).toEqual([
      'day-1@puente',
      4,
      '2027-03-29T14:00:00.000Z',
    ]);
  });

  it('writes the status of each day: confirmed, tentative, cancelled', () => {
    const parsed = parse(renderCalendar(SEMINAR));
    const status = (uid: string) => eventByUid(parsed, uid).component.getFirstPropertyValue('status');

    expect(status('day-1@puente')).toBe('CONFIRMED');
    expect(status('day-2-morning@puente')).toBe('TENTATIVE');
    expect(status('day-3@puente')).toBe('CANCELLED');
  });

  it('lists the events by date, then by start time', () => {
    expect(parse(renderCalendar(SEMINAR)).events.map((event) => event.uid)).toEqual([
      'day-1@puente',
      'day-2-morning@puente',
      'day-2-afternoon@puente',
      'day-3@puente',
    ]);
  });

  it('brings back summary, description, location and URL exactly, accents, commas, semicolons and newlines included', () => {
    const day1 = eventByUid(parse(renderCalendar(SEMINAR)), 'day-1@puente');

    expect(day1.summary).toBe('Ginecología — día 1');
    expect(day1.description).toBe('Ginecología, Obstetricia; día 1\nXalapa');
    expect(day1.location).toBe('Hospital Civil de Xalapa, aula 3; planta baja');
    expect(day1.component.getFirstPropertyValue('url')).toBe('https://puente.example/seminars/7');
  });

  it('leaves out the description, location and URL an event does not have', () => {
    const day3 = eventByUid(parse(renderCalendar(SEMINAR)), 'day-3@puente');

    expect(['description', 'location', 'url'].filter((name) => day3.component.hasProperty(name))).toEqual([]);
  });

  it('folds long lines at 75 octets without splitting a character, and ends every line with CRLF', () => {
    const description = 'Ginecología, Obstetricia; día 1\nXalapa — '.repeat(6);
    const text = renderCalendar({ ...SEMINAR, events: [{ ...DAY_1, description }] });
    const lines = text.split('\r\n');

    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.pop()).toBe('');
    expect(lines.filter((line) => /[\r\n]/.test(line))).toEqual([]);
    expect(lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75)).toEqual([]);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(2);
    expect(eventByUid(parse(text), 'day-1@puente').description).toBe(description);
  });

  it('names the calendar, and escapes the name as the TEXT value it is', () => {
    const parsed = parse(renderCalendar(SEMINAR));
    const text = renderCalendar({ ...SEMINAR, name: 'Seminarios, Xalapa; 2027' });

    expect(parsed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Puente — Seminarios de Ginecología');
    expect(parsed.calendar.getFirstPropertyValue('name')).toBe('Puente — Seminarios de Ginecología');
    expect(text).toContain('\r\nX-WR-CALNAME:Seminarios\\, Xalapa\\; 2027\r\n');
    expect(text).toContain('\r\nNAME:Seminarios\\, Xalapa\\; 2027\r\n');
  });

  it('stamps every event with the given instant in UTC and identifies Puente as the producer', () => {
    const parsed = parse(renderCalendar(SEMINAR));

    expect(parsed.calendar.getFirstPropertyValue('prodid')).toBe('-//Puente//Seminarios//ES');
    for (const event of parsed.events) {
      for (const name of ['dtstamp', 'last-modified']) {
        const stamp = event.component.getFirstPropertyValue(name) as ICAL.Time;
        expect([event.uid, name, stamp.zone, instant(stamp)]).toEqual([
          event.uid,
          name,
          ICAL.Timezone.utcTimezone,
          NOW.toISOString(),
        ]);
      }
    }
  });

  it('renders the same text for the same input', () => {
    expect(renderCalendar(SEMINAR)).toBe(renderCalendar({ ...SEMINAR, events: [...SEMINAR.events].reverse() }));
  });

  it('renders a calendar without events with its time zone, since RFC 5545 wants at least one component', () => {
    const text = renderCalendar({ ...SEMINAR, events: [] });
    const parsed = parse(text);

    expect(parsed.calendar.name).toBe('vcalendar');
    expect(parsed.events).toEqual([]);
    expect(parsed.calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      SEMINAR.timeZone,
    ]);
    expect(text.endsWith('END:VTIMEZONE\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it.each<[string, Partial<CalendarEventInput>]>([
    ['a date that does not exist', { date: '2027-02-30' }],
    ['a date in another format', { date: '22/03/2027' }],
    ['a time without two-digit hours', { start: '8:00' }],
    ['a time past midnight', { end: '24:00' }],
    ['an end before the start', { start: '16:00', end: '08:00' }],
    ['an end equal to the start', { end: '08:00' }],
  ])('rejects %s', (_, change) => {
    expect(() => renderCalendar({ ...SEMINAR, events: [{ ...DAY_1, ...change }] })).toThrow(RangeError);
  });
});
