import { randomBytes } from 'node:crypto';
import type ICAL from 'ical.js';
import type { Response } from 'supertest';
import { CalendarService } from '../src/modules/seminars/calendar.service';
import type { Network } from '../src/modules/directory/network.entity';
import type { Topic } from '../src/modules/topics/topic.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  createVenue,
  enrol,
  signedInAs,
  signIn,
  type SignedIn,
} from './support/factories';
import { parseCalendar, type ParsedCalendar } from './support/ics';
import { createTestApp, setToday, type TestApp } from './support/test-app';

const ZONE = 'America/Mexico_City';

const unique = () => randomBytes(3).toString('hex');

type Parsed = ParsedCalendar;
const parse = parseCalendar;

const instant = (time: ICAL.Time): string => time.toJSDate().toISOString();
const statusOf = (event: ICAL.Event) => event.component.getFirstPropertyValue('status');

/** Every day of a three-day seminar from 08:00 to 16:00 in Mexico City (UTC−6), as instants. */
function workingHours(dates: string[]): [string, string][] {
  return dates.map((date) => [`${date}T14:00:00.000Z`, `${date}T22:00:00.000Z`]);
}

function expectCalendar(response: Response): Parsed {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/calendar/);
  return parse(response.text);
}

interface SeminarBody {
  id: string;
  title: string;
  status: string;
  days: { date: string }[];
}

describe(CalendarService.name, () => {
  let t: TestApp;
  let office: SignedIn;
  let network: Network;
  let topic: Topic;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t);
    office = await signedInAs(t, ['office']);
    network = await createNetwork(t);
    topic = await createTopic(t, { minimumAttendees: 2 });
  });
  afterAll(() => t.close());

  /** A seminar with a venue of its own (so that none is double-booked), opened when asked. */
  async function planSeminar(
    startDate: string,
    options: { title?: string; open?: boolean; venueId?: string; facilitatorIds?: string[] } = {},
  ): Promise<SeminarBody> {
    const venueId = options.venueId ?? (await createVenue(t, network.id)).id;
    const created = await t.http
      .post('/api/v1/seminars')
      .set(office.auth)
      .send({
        topicId: topic.id,
        networkId: network.id,
        venueId,
        startDate,
        title: options.title ?? `Seminario ${unique()}`,
      })
      .expect(201);
    for (const personId of options.facilitatorIds ?? []) {
      await t.http
        .post(`/api/v1/seminars/${created.body.id}/facilitators`)
        .set(office.auth)
        .send({ personId })
        .expect(201);
    }
    if (!options.open) return created.body;
    return (await t.http.post(`/api/v1/seminars/${created.body.id}/open`).set(office.auth).expect(200)).body;
  }

  function seminarCalendar(id: string, auth = office.auth, language = 'es') {
    return t.http.get(`/api/v1/seminars/${id}/calendar.ics`).set(auth).set('Accept-Language', language);
  }

  /** The path of a feed address, which a calendar app fetches without any other credential. */
  const feedPath = (url: string) => new URL(url).pathname;

  /** The seminar titles in a feed, with the number of events of each. */
  function titlesIn(parsed: Parsed): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const event of parsed.events) {
      const title = event.summary.replace(/ \((día|day) \d+ (de|of) \d+\)$/, '');
      counts[title] = (counts[title] ?? 0) + 1;
    }
    return counts;
  }

  it('gives one event per seminar day, 08:00–16:00 in Mexico City, at the venue, titled in the caller’s language', async () => {
    const venue = await t.http
      .post('/api/v1/venues')
      .set(office.auth)
      .send({
        name: `Auditorio de la Jurisdicción Sanitaria V ${unique()}`,
        address: 'Av. Ávila Camacho 123, Xalapa, Ver.',
        networkId: network.id,
        capacity: 40,
      })
      .expect(201);
    const seminar = await planSeminar('2031-03-17', { title: 'Salud materna y perinatal', venueId: venue.body.id });

    const parsed = expectCalendar(await seminarCalendar(seminar.id));
    expect(parsed.events).toHaveLength(3);
    expect(parsed.events.map((event) => [instant(event.startDate), instant(event.endDate)])).toEqual(
      workingHours(['2031-03-17', '2031-03-18', '2031-03-19']),
    );
    for (const event of parsed.events) {
      expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE);
      expect(event.startDate.zone?.tzid).toBe(ZONE);
      expect(event.location).toContain(venue.body.name);
      expect(event.location).toContain('Av. Ávila Camacho 123, Xalapa, Ver.');
      // A draft is only pencilled in.
      expect(statusOf(event)).toBe('TENTATIVE');
    }
    expect(parsed.calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      ZONE,
    ]);
    expect(new Set(parsed.events.map((event) => event.uid)).size).toBe(3);
    expect(parsed.events.map((event) => event.summary)).toEqual([
      'Salud materna y perinatal (día 1 de 3)',
      'Salud materna y perinatal (día 2 de 3)',
      'Salud materna y perinatal (día 3 de 3)',
    ]);

    const english = expectCalendar(await seminarCalendar(seminar.id, office.auth, 'en'));
    expect(english.events.map((event) => event.summary)).toEqual([
      'Salud materna y perinatal (day 1 of 3)',
      'Salud materna y perinatal (day 2 of 3)',
      'Salud materna y perinatal (day 3 of 3)',
    ]);
    expect(english.events.map((event) => event.uid)).toEqual(parsed.events.map((event) => event.uid));
  });

  it('keeps the UID of each day across a reschedule with a higher SEQUENCE, and marks a cancelled seminar', async () => {
    const seminar = await planSeminar('2031-04-07', { open: true });
    const before = expectCalendar(await seminarCalendar(seminar.id));
    // Open, not yet confirmed: it may still not run.
    expect(before.events.map(statusOf)).toEqual(['TENTATIVE', 'TENTATIVE', 'TENTATIVE']);

    await t.http
      .post(`/api/v1/seminars/${seminar.id}/reschedule`)
      .set(office.auth)
      .send({ startDate: '2031-04-14', reason: 'La sede estará en remodelación.' })
      .expect(200);
    const after = expectCalendar(await seminarCalendar(seminar.id));
    expect(after.events.map((event) => event.uid)).toEqual(before.events.map((event) => event.uid));
    expect(after.events.map((event) => [instant(event.startDate), instant(event.endDate)])).toEqual(
      workingHours(['2031-04-14', '2031-04-15', '2031-04-16']),
    );
    after.events.forEach((event, index) => expect(event.sequence).toBeGreaterThan(before.events[index].sequence));

    // A new title reaches calendars that imported the file, not only those subscribed.
    await t.http
      .patch(`/api/v1/seminars/${seminar.id}`)
      .set(office.auth)
      .send({ title: 'Salud materna — sede nueva' })
      .expect(200);
    const renamed = expectCalendar(await seminarCalendar(seminar.id));
    expect(renamed.events[0].summary).toBe('Salud materna — sede nueva (día 1 de 3)');
    renamed.events.forEach((event, index) => expect(event.sequence).toBeGreaterThan(after.events[index].sequence));

    await t.http
      .post(`/api/v1/seminars/${seminar.id}/cancel`)
      .set(office.auth)
      .send({ reason: 'Contingencia sanitaria en la red.' })
      .expect(200);
    const cancelled = expectCalendar(await seminarCalendar(seminar.id));
    expect(cancelled.events.map((event) => event.uid)).toEqual(before.events.map((event) => event.uid));
    expect(cancelled.events.map(statusOf)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    cancelled.events.forEach((event, index) => expect(event.sequence).toBeGreaterThan(renamed.events[index].sequence));
  });

  it('gives a seminar calendar only to those signed in who may see the seminar', async () => {
    const draft = await planSeminar('2031-04-21');
    const open = await planSeminar('2031-04-28', { open: true });
    const attendee = await signedInAs(t, ['attendee']);

    const signedOut = await t.http.get(`/api/v1/seminars/${open.id}/calendar.ics`).expect(401);
    expect(signedOut.body.code).toBe('unauthenticated');
    expect(expectCalendar(await seminarCalendar(open.id, attendee.auth)).events).toHaveLength(3);
    const hidden = await seminarCalendar(draft.id, attendee.auth).expect(404);
    expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(hidden.body.code).toBe('seminar_not_found');
  });

  it('feeds a person exactly the seminars they facilitate or attend, not drafts nor other people’s, without signing in', async () => {
    const person = await createFacilitator(t);
    const session = await signIn(t.http, person);
    const suffix = unique();
    const title = (name: string) => `${name} ${suffix}`;

    const facilitated = await planSeminar('2031-05-12', {
      title: title('Facilita'),
      open: true,
      facilitatorIds: [person.id],
    });
    const confirmed = await planSeminar('2031-06-09', { title: title('Confirmado'), open: true });
    const accepted = await planSeminar('2031-07-14', { title: title('Aceptado'), open: true });
    const released = await planSeminar('2031-08-11', { title: title('Liberado'), open: true });
    const cancelled = await planSeminar('2031-08-18', { title: title('Cancelado'), open: true });
    await planSeminar('2031-09-08', { title: title('Borrador'), facilitatorIds: [person.id] });
    const waitlisted = await planSeminar('2031-10-13', { title: title('En espera'), open: true });
    const invited = await planSeminar('2031-10-20', { title: title('Invitado'), open: true });
    const declined = await planSeminar('2031-10-27', { title: title('Declinado'), open: true });
    const withdrawn = await planSeminar('2031-11-03', { title: title('Retirado'), open: true });
    const someoneElses = await planSeminar('2031-05-19', {
      title: title('Ajeno'),
      open: true,
      facilitatorIds: [(await createFacilitator(t)).id],
    });

    await enrol(t, confirmed.id, person.id, 'confirmed');
    await enrol(t, accepted.id, person.id, 'accepted');
    await enrol(t, released.id, person.id, 'released');
    await enrol(t, cancelled.id, person.id, 'confirmed');
    await enrol(t, waitlisted.id, person.id, 'waitlisted');
    await enrol(t, invited.id, person.id, 'invited');
    await enrol(t, declined.id, person.id, 'declined');
    await enrol(t, withdrawn.id, person.id, 'withdrawn');
    await enrol(t, someoneElses.id, (await createPerson(t)).id, 'confirmed');
    await t.http
      .post(`/api/v1/seminars/${cancelled.id}/cancel`)
      .set(office.auth)
      .send({ reason: 'Contingencia sanitaria en la red.' })
      .expect(200);

    const created = await t.http.post('/api/v1/me/calendar-feed').set(session.auth).expect(201);
    expect(created.body).toEqual({
      url: expect.stringMatching(/\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/),
      createdAt: expect.any(String),
    });

    const feed = expectCalendar(await t.http.get(feedPath(created.body.url)));
    expect(titlesIn(feed)).toEqual({
      [title('Facilita')]: 3,
      [title('Confirmado')]: 3,
      [title('Aceptado')]: 3,
      [title('Liberado')]: 3,
      [title('Cancelado')]: 3,
    });
    for (const event of feed.events) {
      expect([event.summary, statusOf(event)]).toEqual([
        event.summary,
        event.summary.startsWith(title('Cancelado')) ? 'CANCELLED' : 'TENTATIVE',
      ]);
      expect(event.summary).toMatch(/ \(día [1-3] de 3\)$/);
    }
    const facilitatedDays = feed.events.filter((event) => event.summary.startsWith(title('Facilita')));
    expect(facilitatedDays.map((event) => [instant(event.startDate), instant(event.endDate)])).toEqual(
      workingHours(['2031-05-12', '2031-05-13', '2031-05-14']),
    );
    // The same days as in the seminar's own calendar, so a phone holding both shows each day once.
    const own = expectCalendar(await seminarCalendar(facilitated.id));
    expect(facilitatedDays.map((event) => event.uid)).toEqual(own.events.map((event) => event.uid));
  });

  it('writes the feed in the language of its owner, not of whoever fetches it', async () => {
    const person = await createPerson(t, { locale: 'en' });
    const session = await signIn(t.http, person);
    const seminar = await planSeminar('2031-12-01', { title: `Salud mental ${unique()}`, open: true });
    await enrol(t, seminar.id, person.id, 'confirmed');

    const { body } = await t.http.post('/api/v1/me/calendar-feed').set(session.auth).expect(201);
    const feed = expectCalendar(await t.http.get(feedPath(body.url)).set('Accept-Language', 'es'));
    expect(feed.events.map((event) => event.summary)).toEqual(
      [1, 2, 3].map((day) => `${seminar.title} (day ${day} of 3)`),
    );
  });

  it('replaces the feed address on request and revokes it; an old, revoked or unknown address is a 404', async () => {
    const person = await createPerson(t);
    const session = await signIn(t.http, person);
    const seminar = await planSeminar('2031-12-08', { open: true });
    await enrol(t, seminar.id, person.id, 'confirmed');

    await t.http.post('/api/v1/me/calendar-feed').expect(401);
    const first = await t.http.post('/api/v1/me/calendar-feed').set(session.auth).expect(201);
    expect(expectCalendar(await t.http.get(feedPath(first.body.url))).events).toHaveLength(3);

    const second = await t.http.post('/api/v1/me/calendar-feed').set(session.auth).expect(201);
    expect(second.body.url).not.toBe(first.body.url);
    const replaced = await t.http.get(feedPath(first.body.url)).expect(404);
    expect(replaced.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(replaced.body.code).toBe('calendar_feed_not_found');
    expect(expectCalendar(await t.http.get(feedPath(second.body.url))).events).toHaveLength(3);

    await t.http.delete('/api/v1/me/calendar-feed').set(session.auth).expect(204);
    const revoked = await t.http.get(feedPath(second.body.url)).expect(404);
    expect(revoked.body.code).toBe('calendar_feed_not_found');
    const revokedAgain = await t.http.delete('/api/v1/me/calendar-feed').set(session.auth).expect(404);
    expect(revokedAgain.body.code).toBe('calendar_feed_not_found');

    const unknown = await t.http.get(`/api/v1/calendar/${randomBytes(32).toString('base64url')}.ics`).expect(404);
    expect(unknown.body.code).toBe('calendar_feed_not_found');
  });
});
