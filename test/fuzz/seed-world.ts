/**
 * A small world for the fuzzer to walk in: a network with a hospital and a health centre, people in
 * every role, and seminars in each phase of their life (held with certificates, running today, open
 * with invitations, a draft with a matching run), so that generated requests with real ids reach the
 * code behind the 404s. Built through the API where the flow matters, through factories otherwise.
 */
import type { Person } from '../../src/modules/identity/person.entity';
import { buildPng } from '../fixtures/attachments/builders';
import {
  PASSWORD,
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  createUnit,
  createVenue,
  enrol,
  sessionFor,
  setTrainingNeeds,
  setUnavailable,
  signedInAs,
} from '../support/factories';
import type TestAgent from 'supertest/lib/agent';
import { setNow, type TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';
import { binary } from './api-fuzzer';
import { Pools } from './request-arbitraries';

/** The instant the fuzzer runs at: the second day of the running seminar, 09:00 in Mexico City. */
export const FUZZ_NOW = '2031-04-08T15:00:00Z';

const HELD = ['2031-03-17', '2031-03-18', '2031-03-19'];
const RUNNING = ['2031-04-07', '2031-04-08', '2031-04-09'];
const OPEN_START = '2031-05-05';
const DRAFT_START = '2031-06-02';

export interface World {
  office: Person;
  attendee: Person;
  pools: Pools;
  /** People whose sessions the fuzzer holds: never offered as targets, so it cannot lock itself out. */
  principalIds: Set<string>;
}

type Auth = Record<string, string>;

/**
 * `http` is an agent that does not check answers against the document: the seed only needs the
 * objects, and the fuzzer reports mismatches itself, with the request that caused them.
 */
export async function seedWorld(t: TestApp, http: TestAgent): Promise<World> {
  const pools = new Pools();
  const expectStatus = async (label: string, response: { status: number; body: unknown }, status: number) => {
    if (response.status !== status)
      throw new Error(`Seeding the fuzz world: ${label} answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as any;
  };

  setNow(t, '2031-03-03T18:00:00Z');
  const signedInOffice = await signedInAs(t, ['office']);
  const office: Auth = signedInOffice.auth;
  const network = await createNetwork(t);
  const hospital = await createUnit(t, network.id, 'secondary');
  const centre = await createUnit(t, network.id, 'primary', { referralHospitals: [hospital] });
  const manager = await createPerson(t, { roles: ['manager'], unitId: centre.id });
  const attendeePrincipal = await createPerson(t, {
    roles: ['attendee'],
    unitId: centre.id,
    fullName: 'Ana Lucía Torres Ñúñez',
  });
  const classmates = [];
  for (let i = 0; i < 3; i += 1) classmates.push(await createPerson(t, { roles: ['attendee'], unitId: centre.id }));
  const lead = await createFacilitator(t, 'gynecology_obstetrics', { unitId: hospital.id });
  const second = await createFacilitator(t, 'gynecology_obstetrics', { unitId: hospital.id });
  const topic = await createTopic(t, { minimumAttendees: 1, minAttendancePercent: 80 });
  const openTopic = await createTopic(t, { minimumAttendees: 1, allowSelfRequests: true });
  const otherTopic = await createTopic(t, { minimumAttendees: 1 });
  const venue = await createVenue(t, network.id);

  const principalIds = new Set([signedInOffice.person.id, attendeePrincipal.id]);
  for (const person of [manager, ...classmates, lead, second]) pools.add('people', person.id);
  for (const person of [manager, ...classmates, lead, second, signedInOffice.person, attendeePrincipal])
    pools.add('emails', person.email);
  pools.add('passwords', PASSWORD);
  pools.add('tokens', signedInOffice.refreshToken);
  for (const person of [lead, second]) pools.add('facilitators', person.id);
  pools.add('networks', network.id);
  pools.add('networkNames', network.name);
  for (const unit of [centre, hospital]) {
    pools.add('units', unit.id);
    pools.add('unitCodes', unit.code);
  }
  pools.add('hospitals', hospital.id);
  pools.add('hospitalCodes', hospital.code);
  for (const item of [topic, openTopic, otherTopic]) {
    pools.add('topics', item.id);
    pools.add('titles', item.title);
  }
  pools.add('venues', venue.id);
  pools.add('names', venue.name);
  const specialties = await expectStatus(
    'specialties',
    await http.get('/api/v1/specialties').query({ pageSize: 100 }).set(office),
    200,
  );
  for (const item of specialties.items.slice(0, 6)) {
    pools.add('specialties', item.id);
    pools.add('specialtyCodes', item.code);
  }

  const plan = async (startDate: string, topicId = topic.id) => {
    const created = await expectStatus(
      'seminar',
      await http
        .post('/api/v1/seminars')
        .set(office)
        .send({ topicId, networkId: network.id, venueId: venue.id, startDate }),
      201,
    );
    pools.add('seminars', created.id);
    return created.id as string;
  };
  const staff = async (seminarId: string) => {
    await expectStatus(
      'lead',
      await http.post(`/api/v1/seminars/${seminarId}/facilitators`).set(office).send({ personId: lead.id, lead: true }),
      201,
    );
    await expectStatus(
      'facilitator',
      await http.post(`/api/v1/seminars/${seminarId}/facilitators`).set(office).send({ personId: second.id }),
      201,
    );
    await expectStatus('open', await http.post(`/api/v1/seminars/${seminarId}/open`).set(office), 200);
  };
  const step = async (seminarId: string, action: string, now: string) => {
    setNow(t, now);
    await expectStatus(action, await http.post(`/api/v1/seminars/${seminarId}/${action}`).set(office), 200);
  };

  // Held in March: attended, evaluated, completed and certified.
  const held = await plan(HELD[0]);
  await staff(held);
  for (const person of [attendeePrincipal, classmates[0]])
    pools.add('enrolments', (await enrol(t, held, person.id, 'confirmed')).id);
  await step(held, 'confirm', '2031-03-10T18:00:00Z');
  await step(held, 'start', '2031-03-17T15:00:00Z');
  setNow(t, '2031-03-20T18:00:00Z');
  const answers = {
    overall: 5,
    relevance: 4,
    openness: { [lead.id]: 5, [second.id]: 4 },
    equality: 5,
    confidence_consult: 4,
    referral_change: 3,
  };
  await expectStatus(
    'final evaluation',
    await http
      .put(`/api/v1/me/evaluations/${held}/final`)
      .set(await sessionFor(t, attendeePrincipal))
      .send({ formVersion: 1, answers }),
    200,
  );
  await step(held, 'complete', '2031-03-20T18:00:00Z');
  setNow(t, '2031-03-24T18:00:00Z');
  for (const date of HELD) {
    const records = [attendeePrincipal, classmates[0]].map((person) => ({ personId: person.id, status: 'present' }));
    await expectStatus(
      'attendance',
      await http
        .put(`/api/v1/seminars/${held}/days/${date}/attendance`)
        .set(office)
        .send({ reason: 'Lista en papel del día', records }),
      200,
    );
  }
  setNow(t, '2031-03-25T18:00:00Z');
  const { jobId } = await expectStatus(
    'issue',
    await http.post(`/api/v1/seminars/${held}/certificates/issue`).set(office),
    202,
  );
  pools.add('jobs', jobId);
  await waitUntil(async () => (await http.get(`/api/v1/jobs/${jobId}`).set(office)).body, {
    until: (job) => job.status === 'completed' || job.status === 'failed',
    timeoutMs: 30_000,
    intervalMs: 100,
    description: 'seeding the fuzz world: the certificate issuance to finish',
  });
  const certificates = await expectStatus(
    'my certificates',
    await http.get('/api/v1/me/certificates').set(await sessionFor(t, attendeePrincipal)),
    200,
  );
  for (const certificate of certificates) {
    pools.add('certificates', certificate.id);
    pools.add('registryNumbers', certificate.registryNumber);
    pools.add('codes', certificate.checkCode);
    const pdf = await http
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(office)
      .buffer(true)
      .parse(binary as never);
    pools.add('pdfs', pdf.body);
    const credential = await http
      .get(`/api/v1/certificates/${certificate.id}/credential`)
      .set(office)
      .buffer(true)
      .parse(binary as never);
    const payload = JSON.parse(
      Buffer.from(String(credential.body).split('.')[1] ?? '', 'base64url').toString() || '{}',
    );
    const list = String(payload.credentialStatus?.statusListCredential ?? '')
      .split('/')
      .pop();
    if (list) pools.add('statusLists', list);
  }
  const registry = await expectStatus(
    'registry',
    await http.get('/api/v1/certificates/registry').query({ year: 2031 }).set(office),
    200,
  );
  for (const row of registry.items ?? []) pools.add('certificates', row.id);

  // Running today (second of three days), with cases, one of them published and one with a file.
  const running = await plan(RUNNING[0]);
  await staff(running);
  for (const person of [attendeePrincipal, classmates[0], classmates[1]])
    pools.add('enrolments', (await enrol(t, running, person.id, 'confirmed')).id);
  const leadAuth = await sessionFor(t, lead);
  const draft = await expectStatus(
    'case',
    await http.post(`/api/v1/seminars/${running}/cases`).set(leadAuth).send({
      title: 'Caso de preeclampsia',
      summary: 'Mujer de 34 años con cefalea y tensión arterial de 160/110 mmHg.',
    }),
    201,
  );
  pools.add('cases', draft.id);
  const clean = {
    title: 'Hipertensión en el embarazo',
    summary: 'Mujer de 30 años, gesta 1, con 36 semanas y tensión arterial de 150/100 mmHg.',
    learningObjectives: ['Reconocer los datos de severidad'],
    discussionQuestions: ['¿Cuándo referir?'],
  };
  const published = await expectStatus(
    'case',
    await http.post(`/api/v1/seminars/${running}/cases`).set(office).send(clean),
    201,
  );
  pools.add('cases', published.id);
  await expectStatus('submit', await http.post(`/api/v1/cases/${published.id}/submit`).set(office), 200);
  await expectStatus(
    'review',
    await http.post(`/api/v1/cases/${published.id}/review`).set(office).send({ decision: 'approve' }),
    200,
  );
  await expectStatus('publish', await http.post(`/api/v1/cases/${published.id}/publish`).set(office), 200);
  const attached = await expectStatus(
    'attachment',
    await http
      .post(`/api/v1/cases/${draft.id}/attachments`)
      .set(leadAuth)
      .attach('file', buildPng(), 'radiografia.png'),
    201,
  );
  pools.add('attachments', attached.id);
  await step(running, 'confirm', '2031-04-01T18:00:00Z');
  await step(running, 'start', '2031-04-07T15:00:00Z');

  // Open in May: the attendee is invited; a classmate accepted and waits for the manager's release.
  const open = await plan(OPEN_START, openTopic.id);
  await staff(open);
  setNow(t, '2031-04-07T18:00:00Z');
  const invited = await expectStatus(
    'invite',
    await http
      .post(`/api/v1/seminars/${open}/enrolments`)
      .set(office)
      .send({ personIds: [attendeePrincipal.id, classmates[2].id] }),
    201,
  );
  for (const enrolment of invited) pools.add('enrolments', enrolment.id);
  const accepted = await expectStatus(
    'accept',
    await http.post(`/api/v1/enrolments/${invited[1].id}/accept`).set(await sessionFor(t, classmates[2])),
    200,
  );
  const releases = await expectStatus(
    'releases',
    await http.get('/api/v1/me/release-requests').set(await sessionFor(t, manager)),
    200,
  );
  for (const release of releases.items) pools.add('releases', release.id);
  if (accepted.release?.id) pools.add('releases', accepted.release.id);

  // A draft in June, matched once, with a pin.
  const draftSeminar = await plan(DRAFT_START, otherTopic.id);
  await setTrainingNeeds(t, attendeePrincipal.id, {
    willingToAttend: true,
    interests: [{ topicId: otherTopic.id, interest: 3 }],
  });
  await setTrainingNeeds(t, classmates[1].id, {
    willingToAttend: true,
    interests: [{ topicId: otherTopic.id, interest: 2 }],
  });
  await setUnavailable(t, classmates[1].id, [{ from: '2031-07-01', to: '2031-07-15', reason: 'Vacaciones' }]);
  const pin = await http
    .put('/api/v1/matching/pins')
    .set(office)
    .send({ personId: classmates[1].id, seminarId: draftSeminar, kind: 'force', note: 'Lo pidió su unidad' });
  if (pin.status === 200 || pin.status === 201) pools.add('pins', pin.body.id);
  const run = await expectStatus(
    'matching run',
    await http
      .post('/api/v1/matching/runs')
      .set(office)
      .send({ seminarIds: [draftSeminar, open] }),
    202,
  );
  pools.add('runs', run.id);
  await waitUntil(async () => (await http.get(`/api/v1/matching/runs/${run.id}`).set(office)).body, {
    until: (detail) => ['succeeded', 'failed', 'published'].includes(detail.status),
    timeoutMs: 30_000,
    intervalMs: 100,
    description: 'seeding the fuzz world: the matching run to finish',
  });

  await expectStatus(
    'holiday',
    await http.post('/api/v1/holidays').set(office).send({ date: '2031-09-16', name: 'Día de la Independencia' }),
    201,
  );
  const feed = await expectStatus(
    'calendar feed',
    await http.post('/api/v1/me/calendar-feed').set(await sessionFor(t, attendeePrincipal)),
    201,
  );
  pools.add(
    'calendarTokens',
    String(feed.url)
      .split('/')
      .pop()
      ?.replace(/\.ics$/, ''),
  );

  const forms = await expectStatus('forms', await http.get('/api/v1/evaluation-forms').set(office), 200);
  for (const form of Array.isArray(forms) ? forms : (forms.items ?? [])) {
    pools.add('forms', form.id);
    for (const item of form.items ?? []) {
      pools.add('itemIds', item.id);
      for (const option of item.options ?? []) pools.add('optionIds', option.id);
    }
  }
  for (const version of ['1', '2']) pools.add('formVersions', version);
  for (const name of ['attendance', 'facilitation']) pools.add('templates', name);
  for (const occasion of ['final', 'pre-test', 'post-test', ...RUNNING, HELD[0]]) pools.add('occasions', occasion);
  for (const date of [
    ...RUNNING,
    ...HELD,
    OPEN_START,
    DRAFT_START,
    '2031-09-16',
    '2031-04-14',
    '2031-04-12',
    '2031-04-08',
  ])
    pools.add('dates', date);

  setNow(t, FUZZ_NOW);
  const code = await expectStatus(
    'check-in code',
    await http.get(`/api/v1/seminars/${running}/days/${RUNNING[1]}/check-in-code`).set(office),
    200,
  );
  pools.add('codes', code.code);

  return { office: signedInOffice.person, attendee: attendeePrincipal, pools, principalIds };
}
