import type { Person } from '../src/modules/identity/person.entity';
import { FacilitationsService } from '../src/modules/reports/facilitations.service';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

/** Today is Monday 3 March 2031; a facilitator takes one seminar a month. */
const TODAY = '2031-03-03';

describe('A facilitator’s seminars and what each needs from them', () => {
  let t: TestApp;
  let office: SignedIn;
  let networkId: string;
  let topicId: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    networkId = (await createNetwork(t)).id;
    topicId = (await createTopic(t, { minimumAttendees: 1 })).id;
  });
  afterAll(() => t?.close());
  beforeEach(() => setToday(t, TODAY));

  describe(FacilitationsService.name, () => {
    let lead: Person;
    let colleague: Person;
    let leadAuth: { Authorization: string };
    let colleagueAuth: { Authorization: string };
    let coming: { id: string; days: string[] };
    let today: { id: string; days: string[] };
    let past: { id: string; days: string[] };

    beforeAll(async () => {
      // Planned in January, before the past one's dates.
      setToday(t, '2031-01-10');
      lead = await createFacilitator(t);
      colleague = await createFacilitator(t);
      leadAuth = await sessionFor(t, lead);
      colleagueAuth = await sessionFor(t, colleague);
      const attendee = await createPerson(t, { roles: ['attendee'] });
      const facilitators = [lead, colleague];
      past = await createSeminar(t, {
        office,
        networkId,
        topicId,
        startDate: '2031-02-03',
        facilitators,
        confirmed: [attendee],
        status: 'completed',
      });
      coming = await createSeminar(t, { office, networkId, topicId, startDate: '2031-04-07', facilitators });
      today = await createSeminar(t, {
        office,
        networkId,
        topicId,
        startDate: TODAY,
        facilitators,
        confirmed: [attendee],
        status: 'in_progress',
      });
    });

    it('lists the seminars under way and coming first, soonest first, then the past ones, with every day still to plan', async () => {
      const response = await t.http.get('/api/v1/me/facilitations').set(colleagueAuth).expect(200);
      expect(response.body.map((row: { seminarId: string }) => row.seminarId)).toEqual([today.id, coming.id, past.id]);
      const [underWay, next, done] = response.body;
      expect(underWay).toMatchObject({ phase: 'in_progress', status: 'in_progress', today: TODAY, lead: false });
      expect(underWay.daysWithoutAgenda).toEqual(today.days);
      expect(next).toMatchObject({ phase: 'upcoming', status: 'open', today: null, reportReady: false });
      expect(next.daysWithoutAgenda).toEqual(coming.days);
      expect(done).toMatchObject({ phase: 'past', status: 'completed', daysWithoutAgenda: [], reportReady: true });
    });

    it('no longer counts a day once it has a block', async () => {
      const agenda = await t.http.get(`/api/v1/seminars/${coming.id}/agenda`).set(colleagueAuth).expect(200);
      const [first] = agenda.body.days;
      await t.http
        .put(`/api/v1/seminars/${coming.id}/days/${first.date}/agenda`)
        .set(colleagueAuth)
        .send({
          version: first.agendaVersion,
          blocks: [{ kind: 'lecture', start: first.startTime, end: '10:00', title: 'Bienvenida' }],
        })
        .expect(200);
      const [, next] = (await t.http.get('/api/v1/me/facilitations').set(leadAuth).expect(200)).body;
      expect(next.daysWithoutAgenda).toEqual(coming.days.slice(1));
    });

    it('counts my drafts, and for the lead the colleagues’ cases sent to review', async () => {
      const draft = { title: 'Preeclampsia en el primer nivel', summary: 'Mujer de 34 años con cefalea.' };
      await t.http.post(`/api/v1/seminars/${coming.id}/cases`).set(colleagueAuth).send(draft).expect(201);
      const sent = await t.http
        .post(`/api/v1/seminars/${coming.id}/cases`)
        .set(colleagueAuth)
        .send({ title: 'Diabetes gestacional', summary: 'Mujer de 29 años con glucosa elevada.' })
        .expect(201);
      await t.http.post(`/api/v1/cases/${sent.body.id}/submit`).set(colleagueAuth).expect(200);

      const mine = (await t.http.get('/api/v1/me/facilitations').set(colleagueAuth).expect(200)).body[1];
      expect(mine).toMatchObject({ myCases: 2, myDrafts: 1, myChangesRequested: 0, reviewRequests: 0 });
      const asLead = (await t.http.get('/api/v1/me/facilitations').set(leadAuth).expect(200)).body[1];
      expect(asLead).toMatchObject({ lead: true, myCases: 0, reviewRequests: 1 });

      await t.http
        .post(`/api/v1/cases/${sent.body.id}/review`)
        .set(leadAuth)
        .send({ decision: 'request_changes', comment: 'Añada la edad gestacional.' })
        .expect(200);
      const fix = (await t.http.get('/api/v1/me/facilitations').set(colleagueAuth).expect(200)).body[1];
      expect(fix).toMatchObject({ myDrafts: 1, myChangesRequested: 1 });
      expect((await t.http.get('/api/v1/me/facilitations').set(leadAuth).expect(200)).body[1].reviewRequests).toBe(0);
    });

    it('shows a facilitator only their own seminars, and refuses people who do not facilitate', async () => {
      const stranger = await sessionFor(t, await createFacilitator(t));
      expect((await t.http.get('/api/v1/me/facilitations').set(stranger).expect(200)).body).toEqual([]);
      const attendee = await signedInAs(t, ['attendee']);
      expect((await t.http.get('/api/v1/me/facilitations').set(attendee.auth).expect(403)).body.code).toBe('forbidden');
    });
  });
});
