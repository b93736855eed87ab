import type { Person } from '../src/modules/identity/person.entity';
import { UnitAbsencesService } from '../src/modules/needs/unit-absences.service';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  enrol,
  setUnavailable,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

const TODAY = '2031-03-03';

/**
 * A unit's manager sees who of their staff is away on which days (the seminars they attend or
 * facilitate, the dates they declared unavailable) and nobody of another unit; no one else may ask.
 */
describe(UnitAbsencesService.name, () => {
  let t: TestApp;
  let office: SignedIn;
  let manager: SignedIn;
  let otherManager: SignedIn;
  let seminar: PlannedSeminar;
  let later: PlannedSeminar;
  let confirmed: Person;
  let invited: Person;
  let onLeave: Person;
  let waitlisted: Person;
  let facilitator: Person;
  let elsewhere: Person;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t, TODAY);
    office = await signedInAs(t, ['office']);
    const networkId = (await createNetwork(t)).id;
    const unit = await createUnit(t, networkId, 'primary', { name: 'Centro de Salud Xalapa Norte' });
    const otherUnit = await createUnit(t, networkId, 'primary', { name: 'Centro de Salud Coatepec' });
    manager = await signedInAs(t, ['manager'], { unitId: unit.id });
    otherManager = await signedInAs(t, ['manager'], { unitId: otherUnit.id });
    confirmed = await createPerson(t, { fullName: 'Ana Castillo Ruiz', unitId: unit.id });
    invited = await createPerson(t, { fullName: 'Beto Lara Soto', unitId: unit.id });
    onLeave = await createPerson(t, { fullName: 'Carla Díaz Mora', unitId: unit.id });
    waitlisted = await createPerson(t, { fullName: 'Dora Gil Pérez', unitId: unit.id });
    facilitator = await createFacilitator(t, 'gynecology_obstetrics', { fullName: 'Eva Ríos Luna', unitId: unit.id });
    await createPerson(t, { fullName: 'Fidel Bajas Ortiz', unitId: unit.id, active: false });
    elsewhere = await createPerson(t, { fullName: 'Gael Coatepec Vela', unitId: otherUnit.id });

    seminar = await createSeminar(t, {
      office,
      networkId,
      topic: { title: 'Preeclampsia en el primer nivel', minimumAttendees: 1, requirements: [] },
      startDate: '2031-03-17',
      facilitators: [facilitator],
      confirmed: [confirmed, elsewhere],
    });
    await enrol(t, seminar.id, invited.id, 'invited');
    await enrol(t, seminar.id, waitlisted.id, 'waitlisted');
    later = await createSeminar(t, {
      office,
      networkId,
      topic: { title: 'Diabetes tipo 2', minimumAttendees: 1, requirements: [] },
      startDate: '2031-05-05',
      confirmed: [confirmed],
    });
    await setUnavailable(t, onLeave.id, [{ from: '2031-03-14', to: '2031-03-21', reason: 'Licencia médica' }]);
    await setUnavailable(t, waitlisted.id, [{ from: '2031-06-02' }]);
  }, 60_000);
  afterAll(() => t?.close());

  const absences = (who: SignedIn, query: Record<string, string> = {}) =>
    t.http.get('/api/v1/me/unit/absences').query(query).set(who.auth);

  it('lists every active attendee and facilitator of the manager’s unit, with the seminar days and unavailable dates in the window', async () => {
    const { body } = await absences(manager, { from: '2031-03-16', to: '2031-03-31' }).expect(200);
    expect(body.unit.name).toBe('Centro de Salud Xalapa Norte');
    expect(body).toMatchObject({ from: '2031-03-16', to: '2031-03-31' });
    expect(body.people).toEqual([
      {
        personId: confirmed.id,
        fullName: 'Ana Castillo Ruiz',
        seminars: [
          {
            seminarId: seminar.id,
            title: seminar.title,
            role: 'attendee',
            enrolmentStatus: 'confirmed',
            dates: seminar.days,
          },
        ],
        unavailable: [],
      },
      {
        personId: invited.id,
        fullName: 'Beto Lara Soto',
        seminars: [expect.objectContaining({ seminarId: seminar.id, enrolmentStatus: 'invited' })],
        unavailable: [],
      },
      // The reason of a leave stays the person's own.
      {
        personId: onLeave.id,
        fullName: 'Carla Díaz Mora',
        seminars: [],
        unavailable: [{ from: '2031-03-14', to: '2031-03-21' }],
      },
      // A place in the waiting line takes nobody away.
      { personId: waitlisted.id, fullName: 'Dora Gil Pérez', seminars: [], unavailable: [] },
      {
        personId: facilitator.id,
        fullName: 'Eva Ríos Luna',
        seminars: [expect.objectContaining({ seminarId: seminar.id, role: 'facilitator', enrolmentStatus: null })],
        unavailable: [],
      },
    ]);
  });

  it('keeps to the window: only the seminar days inside it, and from today for four weeks by default', async () => {
    const { body: tail } = await absences(manager, { from: '2031-03-18', to: '2031-06-02' }).expect(200);
    const ana = tail.people.find((p: { personId: string }) => p.personId === confirmed.id);
    expect(ana.seminars.map((s: { dates: string[] }) => s.dates)).toEqual([seminar.days.slice(1), later.days]);
    expect(tail.people.find((p: { personId: string }) => p.personId === waitlisted.id).unavailable).toEqual([
      { from: '2031-06-02', to: '2031-06-02' },
    ]);

    const { body: coming } = await absences(manager).expect(200);
    expect(coming).toMatchObject({ from: TODAY, to: '2031-03-30' });
    expect(coming.people.find((p: { personId: string }) => p.personId === confirmed.id).seminars).toHaveLength(1);
  });

  it('shows another unit’s manager their own staff only', async () => {
    const { body } = await absences(otherManager, { from: '2031-03-16' }).expect(200);
    expect(body.unit.name).toBe('Centro de Salud Coatepec');
    expect(body.people.map((p: { fullName: string }) => p.fullName)).toEqual(['Gael Coatepec Vela']);
  });

  it('answers a manager without a unit with nobody', async () => {
    const unitless = await signedInAs(t, ['manager']);
    const { body } = await absences(unitless).expect(200);
    expect(body).toMatchObject({ unit: null, people: [] });
  });

  it('refuses an end before the start, or more than 92 days, naming the field', async () => {
    const before = await absences(manager, { from: '2031-03-16', to: '2031-03-15' }).expect(422);
    expect(before.body.code).toBe('absences_window_invalid');
    expect(before.body.errors).toEqual([{ field: 'to', message: expect.any(String) }]);
    await absences(manager, { from: '2031-01-01', to: '2031-04-03' }).expect(422);
    await absences(manager, { from: '2031-01-01', to: '2031-04-02' }).expect(200);
    await absences(manager, { from: '2031-02-30' }).expect(400);
    const { body: end } = await absences(manager, { from: '9999-12-30' }).expect(200);
    expect(end).toMatchObject({ from: '9999-12-30', to: '9999-12-31' });
  });

  it('is for managers only: the office, attendees and facilitators get 403, and nobody signed in 401', async () => {
    for (const roles of [['office'], ['attendee'], ['facilitator']] as const) {
      const someone = await signedInAs(t, [...roles]);
      const response = await absences(someone).expect(403);
      expect(response.body.code).toBe('forbidden');
    }
    await t.http.get('/api/v1/me/unit/absences').expect(401);
  });
});
