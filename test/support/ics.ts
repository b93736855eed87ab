import ICAL from 'ical.js';

export interface ParsedCalendar {
  calendar: ICAL.Component;
  events: ICAL.Event[];
}

/**
 * Reads iCalendar text as a phone would, with a parser independent of the one that wrote it. ical.js
 * (2.x) converts a time with a TZID with the VTIMEZONE of the same document and has no zone data of
 * its own (its TimezoneService stays empty), so the instants it gives prove that VTIMEZONE right.
 */
export function parseCalendar(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}
