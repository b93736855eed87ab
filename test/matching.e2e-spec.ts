import type { Person } from '../src/modules/identity/person.entity';
import type { Unit } from '../src/modules/directory/unit.entity';
import { seedDemo } from '../src/seed/demo-seed';
import { MatchingRunner } from '../src/modules/matching/matching-runner.service';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createTopic,
  createSeminar,
  createUnit,
  enrol,
  matchingRunLeftRunning,
  matchingRunOfCancelledSeminars,
  setTrainingNeeds,
  setUnavailable,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';
import { loadHighs } from './support/highs-solver';
import { waitUntil } from './support/wait-until';

interface RunDetail {
  id: string;
  status: string;
  phase: string;
  progress: number;
  error: string | null;
  seminarIds: string[];
  objective: { facilitators: { covered: number }; attendees: { seats: number; interest: number } };
  optimality: {
    facilitators: { status: string; objective: number; bound: number };
    attendees: { status: string; objective: number; bound: number };
  };
  check: {
    ok: boolean;
    feasible: boolean;
    certificateValid: boolean;
    objectiveMatches: boolean;
    violations: unknown[];
  };
  proposals: {
    seminarId: string;
    title: string;
    facilitators: {
      personId: string;
      fullName: string;
      specialtyId: string;
      referralHospital: boolean;
      pinned: boolean;
      reasons: string[];
    }[];
    uncovered: {
      specialtyId: string;
      missing: number;
      reason: string;
      reasonText: string;
      blockers: { personId: string; fullName: string; rule: string; seminarIds: string[]; reasonText: string }[];
    }[];
    attendees: {
      personId: string;
      fullName: string;
      unitId: string;
      unitName: string;
      interest: number;
      pinned: boolean;
      pairedFacilitatorIds: string[];
      reasons: string[];
    }[];
  }[];
  leftOut: { personId: string; unitId: string; reason: string; reasonText: string }[];
  pins: { personId: string; seminarId: string; kind: string; honoured: boolean }[];
}

/** Polls a run until it has finished (or failed). */
async function finished(t: TestApp, auth: Record<string, string>, id: string, language = 'es'): Promise<RunDetail> {
  return waitUntil(
    async () =>
      (await t.http.get(`/api/v1/matching/runs/${id}`).set(auth).set('Accept-Language', language).expect(200))
        .body as RunDetail,
    {
      until: (run) => ['succeeded', 'failed', 'published'].includes(run.status),
      timeoutMs: 30_000,
      intervalMs: 250,
      description: `run ${id} to finish`,
    },
  );
}

async function startRun(t: TestApp, auth: Record<string, string>, body: object): Promise<RunDetail> {
  const response = await t.http.post('/api/v1/matching/runs').set(auth).send(body).expect(202);
  expect(response.headers.location).toBe(`/api/v1/matching/runs/${response.body.id}`);
  expect(response.body.status).toBe('queued');
  const run = await finished(t, auth, response.body.id);
  expect(run.error).toBeNull();
  expect(run.status).toBe('succeeded');
  return run;
}

describe('Matching runs', () => {
  let t: TestApp;
  let office: SignedIn;
  let hospital: Unit;
  let farHospital: Unit;
  let north: Unit;
  let south: Unit;
  let gyn1: Person;
  let gyn2: Person;
  let farGyn: Person;
  let nutritionist: Person;
  let keen: Person[];
  let medium: Person;
  let unwilling: Person;
  let uninterested: Person;
  let away: Person;
  let southKeen: Person;
  let topic: { id: string };
  let networkId: string;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t);
    office = await signedInAs(t, ['office']);
    const network = await createNetwork(t);
    networkId = network.id;
    hospital = await createUnit(t, network.id, 'secondary', { name: 'Hospital General de Xalapa' });
    farHospital = await createUnit(t, network.id, 'tertiary', { name: 'Centro de Alta Especialidad' });
    north = await createUnit(t, network.id, 'primary', {
      name: 'Centro de Salud Norte',
      referralHospitals: [hospital],
    });
    south = await createUnit(t, network.id, 'primary', { name: 'Centro de Salud Sur', referralHospitals: [hospital] });
    gyn1 = await createFacilitator(t, 'gynecology_obstetrics', { unitId: hospital.id, fullName: 'Dra. Inés Peña' });
    gyn2 = await createFacilitator(t, 'gynecology_obstetrics', { unitId: hospital.id, fullName: 'Dr. Óscar Muñoz' });
    farGyn = await createFacilitator(t, 'gynecology_obstetrics', {
      unitId: farHospital.id,
      fullName: 'Dra. Lucía Ibáñez',
    });
    nutritionist = await createFacilitator(t, 'clinical_nutrition', {
      unitId: hospital.id,
      fullName: 'Lic. Begoña Núñez',
    });
    topic = await createTopic(t, {
      requirements: [
        { specialtyCode: 'gynecology_obstetrics', count: 2 },
        { specialtyCode: 'clinical_nutrition', count: 1 },
      ],
    });
    // North: ten physicians, so two may be away on one day; South: six, so one.
    keen = [];
    for (let i = 0; i < 5; i++)
      keen.push(await createPerson(t, { unitId: north.id, fullName: `Médica Norte ${i + 1}` }));
    medium = await createPerson(t, { unitId: north.id, fullName: 'Médico Norte Medio' });
    unwilling = await createPerson(t, { unitId: north.id, fullName: 'Médico Norte Ocupado' });
    uninterested = await createPerson(t, { unitId: north.id, fullName: 'Médico Norte Sin Interés' });
    for (let i = 0; i < 2; i++) await createPerson(t, { unitId: north.id });
    away = await createPerson(t, { unitId: south.id, fullName: 'Médica Sur de Vacaciones' });
    southKeen = await createPerson(t, { unitId: south.id, fullName: 'Médico Sur' });
    for (let i = 0; i < 4; i++) await createPerson(t, { unitId: south.id });
    for (const person of keen)
      await setTrainingNeeds(t, person.id, { willingToAttend: true, interests: [{ topicId: topic.id, interest: 3 }] });
    await setTrainingNeeds(t, medium.id, { willingToAttend: true, interests: [{ topicId: topic.id, interest: 2 }] });
    await setTrainingNeeds(t, unwilling.id, {
      willingToAttend: false,
      interests: [{ topicId: topic.id, interest: 3 }],
    });
    await setTrainingNeeds(t, uninterested.id, {
      willingToAttend: true,
      interests: [{ topicId: topic.id, interest: 0 }],
    });
    await setTrainingNeeds(t, away.id, { willingToAttend: true, interests: [{ topicId: topic.id, interest: 3 }] });
    await setUnavailable(t, away.id, [{ from: '2031-03-18' }]);
    await setTrainingNeeds(t, southKeen.id, { willingToAttend: true, interests: [{ topicId: topic.id, interest: 1 }] });
  });
  afterAll(() => t.close());

  async function plan(startDate: string, capacity = 3): Promise<{ id: string; title: string }> {
    const response = await t.http
      .post('/api/v1/seminars')
      .set(office.auth)
      .send({ topicId: topic.id, networkId, startDate, capacity })
      .expect(201);
    return response.body;
  }

  const ids = (people: { personId: string }[]) => people.map((p) => p.personId).sort();

  it('proposes facilitators from the referral hospital and attendees within capacity, unit caps and availability, with reasons for everyone', async () => {
    const seminar = await plan('2031-03-17');
    const run = await startRun(t, office.auth, { seminarIds: [seminar.id] });
    expect(run.progress).toBe(100);
    expect(run.check).toMatchObject({
      ok: true,
      feasible: true,
      certificateValid: true,
      objectiveMatches: true,
      violations: [],
    });

    const [proposal] = run.proposals;
    expect(ids(proposal.facilitators)).toEqual([gyn1.id, gyn2.id, nutritionist.id].sort());
    expect(proposal.facilitators.every((f) => f.referralHospital)).toBe(true);
    expect(proposal.uncovered).toEqual([]);
    expect(proposal.facilitators[0].reasons.join(' ')).toMatch(/especialidad que el tema requiere/);

    // Three seats: two from North (its daily share allows two) and the one South physician available.
    expect(proposal.attendees).toHaveLength(3);
    expect(proposal.attendees.filter((a) => a.unitId === north.id)).toHaveLength(2);
    expect(proposal.attendees.filter((a) => a.unitId === north.id).every((a) => a.interest === 3)).toBe(true);
    expect(proposal.attendees.map((a) => a.personId)).toContain(southKeen.id);
    const seated = proposal.attendees.find((a) => a.personId === southKeen.id)!;
    expect(seated.unitName).toBe('Centro de Salud Sur');
    expect(seated.pairedFacilitatorIds.sort()).toEqual([gyn1.id, gyn2.id, nutritionist.id].sort());
    expect(seated.reasons).toEqual(
      expect.arrayContaining([
        'Interés bajo en el tema',
        expect.stringMatching(/hospital al que refiere su unidad: .*Inés Peña/),
      ]),
    );

    const reasonOf = new Map(run.leftOut.map((l) => [l.personId, l.reason]));
    expect(reasonOf.get(unwilling.id)).toBe('not_willing');
    expect(reasonOf.get(uninterested.id)).toBe('no_interest');
    expect(reasonOf.get(away.id)).toBe('unavailable');
    for (const person of [...keen, medium]) {
      if (proposal.attendees.some((a) => a.personId === person.id)) continue;
      expect(['unit_cap', 'unit_daily_share', 'capacity']).toContain(reasonOf.get(person.id));
    }
    // Every attendee of the two units is either proposed or left out with a reason, once.
    expect(run.leftOut.length + proposal.attendees.length).toBe(16);
    expect(run.leftOut.find((l) => l.personId === away.id)!.reasonText).toMatch(/No está disponible/);

    // Anyone can check the answer: the run's instance and each stage as an LP for an independent solver.
    const instance = await t.http.get(`/api/v1/matching/runs/${run.id}/instance`).set(office.auth).expect(200);
    expect(instance.body.seminars.map((s: { id: string }) => s.id)).toEqual([seminar.id]);
    expect(instance.body.attendees).toHaveLength(16);
    const highs = await loadHighs();
    for (const stage of ['facilitators', 'attendees'] as const) {
      const lp = await t.http
        .get(`/api/v1/matching/runs/${run.id}/lp`)
        .query({ stage })
        .set(office.auth)
        .expect(200)
        .expect('Content-Type', /text\/plain/);
      const solution = highs.solve(lp.text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
      expect(solution.Status).toBe('Optimal');
      expect(Math.round(solution.ObjectiveValue)).toBe(run.optimality[stage].objective);
    }
    await t.http.get(`/api/v1/matching/runs/${run.id}/lp`).query({ stage: 'everyone' }).set(office.auth).expect(400);

    const english = await finished(t, office.auth, run.id, 'en');
    expect(english.leftOut.find((l) => l.personId === away.id)!.reasonText).toMatch(/Not available/);
    expect(english.proposals[0].attendees.find((a) => a.personId === southKeen.id)!.reasons).toContain(
      'Low interest in the topic',
    );
  });

  describe('obeys the office’s pins on the next run, and compares two runs person by person', () => {
    let seminar: { id: string };
    let first: RunDetail;
    let second: RunDetail;
    let proposal: RunDetail['proposals'][number];

    it('leaves out a physician the first run has no place for', async () => {
      seminar = await plan('2031-04-07');
      first = await startRun(t, office.auth, { seminarIds: [seminar.id] });
      expect(first.proposals[0].attendees.map((a) => a.personId)).not.toContain(medium.id);
    });

    it('pins that physician in and a gynaecologist out; said again, a pin keeps its id', async () => {
      const forced = await t.http
        .put('/api/v1/matching/pins')
        .set(office.auth)
        .send({ personId: medium.id, seminarId: seminar.id, kind: 'force', note: 'Lo pidió su directora' })
        .expect(201);
      await t.http
        .put('/api/v1/matching/pins')
        .set(office.auth)
        .send({ personId: gyn1.id, seminarId: seminar.id, kind: 'forbid' })
        .expect(201);
      // Saying it again changes the kind of the same pin.
      const again = await t.http
        .put('/api/v1/matching/pins')
        .set(office.auth)
        .send({ personId: medium.id, seminarId: seminar.id, kind: 'force' })
        .expect(200);
      expect(again.body.id).toBe(forced.body.id);
      const listed = await t.http
        .get('/api/v1/matching/pins')
        .query({ seminarId: seminar.id })
        .set(office.auth)
        .expect(200);
      expect(listed.body).toMatchObject({ total: 2, page: 1 });
      expect(listed.body.items.map((p: { kind: string }) => p.kind).sort()).toEqual(['forbid', 'force']);
    });

    it('honours both pins on the next run, taking a gynaecologist from outside the referral hospital instead', async () => {
      second = await startRun(t, office.auth, { seminarIds: [seminar.id] });
      proposal = second.proposals[0];
      expect(proposal.attendees.find((a) => a.personId === medium.id)).toMatchObject({ pinned: true });
      expect(proposal.attendees.find((a) => a.personId === medium.id)!.reasons).toContain('Fijado por la oficina');
      expect(ids(proposal.facilitators)).toEqual([gyn2.id, farGyn.id, nutritionist.id].sort());
      expect(proposal.facilitators.find((f) => f.personId === farGyn.id)!.referralHospital).toBe(false);
      expect(second.pins).toHaveLength(2);
      expect(second.pins.every((p) => p.honoured)).toBe(true);
      expect(second.check.ok).toBe(true);
    });

    it('compares the two runs person by person', async () => {
      const comparison = await t.http
        .get(`/api/v1/matching/runs/${first.id}/compare/${second.id}`)
        .set(office.auth)
        .expect(200);
      const [difference] = comparison.body.seminars;
      expect(difference.facilitatorsAdded.map((p: { personId: string }) => p.personId)).toEqual([farGyn.id]);
      expect(difference.facilitatorsRemoved).toEqual([{ personId: gyn1.id, fullName: 'Dra. Inés Peña' }]);
      expect(difference.attendeesAdded.map((p: { personId: string }) => p.personId)).toContain(medium.id);
      expect(comparison.body.seminarsOnlyInOne).toEqual([]);
    });

    it('no longer publishes the first run, the pins having changed since; publishes the second as proposed, and once', async () => {
      const stale = await t.http.post(`/api/v1/matching/runs/${first.id}/publish`).set(office.auth).expect(409);
      expect(stale.body).toMatchObject({ code: 'matching_run_stale', changedSeminarIds: [seminar.id] });
      const published = await t.http.post(`/api/v1/matching/runs/${second.id}/publish`).set(office.auth).expect(200);
      expect(published.body).toMatchObject({
        facilitators: 3,
        invitations: proposal.attendees.length,
        run: { status: 'published' },
      });
      const facilitators = await t.http.get(`/api/v1/seminars/${seminar.id}/facilitators`).set(office.auth).expect(200);
      expect(JSON.stringify(facilitators.body)).toContain(farGyn.id);
      const invited = await t.dataSource.query(
        `SELECT person_id FROM enrolment WHERE seminar_id = $1 AND status = 'invited' ORDER BY person_id`,
        [seminar.id],
      );
      expect(invited.map((row: { person_id: string }) => row.person_id)).toEqual(ids(proposal.attendees));
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_entry WHERE details->>'matchingRunId' = $1::text OR subject_id = $1::uuid ORDER BY id`,
        [second.id],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual(
        expect.arrayContaining(['matching_run.published', 'enrolment.invited', 'seminar.facilitator_added']),
      );
      await t.http
        .post(`/api/v1/matching/runs/${second.id}/publish`)
        .set(office.auth)
        .expect(409, /matching_run_already_published/);
    });

    it('does not propose the people invited for the topic again on a new run', async () => {
      const other = await plan('2031-05-12', 10);
      const later = await startRun(t, office.auth, { seminarIds: [other.id] });
      const reasonOf = new Map(later.leftOut.map((l) => [l.personId, l.reason]));
      for (const personId of ids(proposal.attendees)) expect(reasonOf.get(personId)).toBe('already_has_topic');
    });
  });

  it('proves a place nobody can fill: each specialist of the specialty, and what keeps them out', async () => {
    // Two seminars on the same days: the network's gynaecologists can facilitate one of them only.
    const first = await plan('2031-10-06');
    const second = await plan('2031-10-06');
    const run = await startRun(t, office.auth, { seminarIds: [first.id, second.id] });
    expect(run.check.ok).toBe(true);
    const open = run.proposals.flatMap((p) => p.uncovered.map((u) => ({ ...u, seminar: p })));
    expect(open.length).toBeGreaterThan(0);
    for (const place of open) {
      const other = run.proposals.find((p) => p !== place.seminar)!;
      expect(place.blockers.length).toBeGreaterThan(0);
      for (const blocker of place.blockers) {
        expect(blocker.fullName).not.toBe(blocker.personId);
        if (blocker.rule === 'same_day') {
          expect(blocker.seminarIds).toEqual([other.seminarId]);
          expect(blocker.reasonText).toBe(
            `Facilita «${other.title}» el mismo día: ${blocker.reasonText.split(': ')[1]}`,
          );
          expect(blocker.reasonText).toMatch(/de octubre de 2031\.$/);
        }
      }
    }
    // The specialists one seminar took are named as what keeps them from the other.
    expect(open.some((place) => place.blockers.some((b) => b.rule === 'same_day'))).toBe(true);
  });

  it('refuses to publish when a seminar changed since the run, and writes nothing', async () => {
    const seminar = await plan('2031-06-02');
    const run = await startRun(t, office.auth, { seminarIds: [seminar.id] });
    await t.http.patch(`/api/v1/seminars/${seminar.id}`).set(office.auth).send({ capacity: 4 }).expect(200);
    const refused = await t.http.post(`/api/v1/matching/runs/${run.id}/publish`).set(office.auth).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('matching_run_stale');
    expect(refused.body.detail).toMatch(/cambi/i);
    const [{ count: facilitations }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM facilitation WHERE seminar_id = $1',
      [seminar.id],
    );
    const [{ count: enrolments }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM enrolment WHERE seminar_id = $1',
      [seminar.id],
    );
    expect({ facilitations, enrolments }).toEqual({ facilitations: 0, enrolments: 0 });
    const after = await t.http.get(`/api/v1/matching/runs/${run.id}`).set(office.auth).expect(200);
    expect(after.body.status).toBe('succeeded');
  });

  it('refuses to publish when someone proposed was booked elsewhere meanwhile, writing nothing for any seminar', async () => {
    const july = await plan('2031-07-07');
    const august = await plan('2031-08-04');
    const run = await startRun(t, office.auth, { seminarIds: [july.id, august.id] });
    const augustProposal = run.proposals.find((p) => p.seminarId === august.id)!;
    expect(run.proposals.find((p) => p.seminarId === july.id)!.facilitators.length).toBeGreaterThan(0);
    // Meanwhile a facilitator proposed for August is booked on an open seminar of other topic on the same days.
    const otherTopic = await createTopic(t, { requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }] });
    await createSeminar(t, {
      office,
      networkId,
      topicId: otherTopic.id,
      startDate: '2031-08-04',
      facilitators: [{ id: augustProposal.facilitators[0].personId }],
    });

    const refused = await t.http.post(`/api/v1/matching/runs/${run.id}/publish`).set(office.auth).expect(409);
    expect(refused.body.code).toBe('matching_run_conflicts');
    expect(refused.body.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: augustProposal.facilitators[0].personId, seminarId: august.id }),
      ]),
    );
    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM facilitation WHERE seminar_id = ANY($1::uuid[])',
      [[july.id, august.id]],
    );
    expect(count).toBe(0);
    const [{ count: invited }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM enrolment WHERE seminar_id = ANY($1::uuid[])',
      [[july.id, august.id]],
    );
    expect(invited).toBe(0);
  });

  it('refuses to publish a second run whose people the first one has since booked on the same days', async () => {
    const first = await plan('2031-10-13');
    const second = await plan('2031-10-13');
    const runA = await startRun(t, office.auth, { seminarIds: [first.id] });
    const runB = await startRun(t, office.auth, { seminarIds: [second.id] });
    // Both drafts, both runs free to propose the same specialists: whoever publishes second must not double-book them.
    const shared = runA.proposals[0].facilitators.filter((f) =>
      runB.proposals[0].facilitators.some((g) => g.personId === f.personId),
    );
    expect(shared.length).toBeGreaterThan(0);
    await t.http.post(`/api/v1/matching/runs/${runA.id}/publish`).set(office.auth).expect(200);
    const refused = await t.http.post(`/api/v1/matching/runs/${runB.id}/publish`).set(office.auth).expect(409);
    expect(refused.body.code).toBe('matching_run_conflicts');
    expect(refused.body.detail).toMatch(/agenda/);
    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM facilitation WHERE seminar_id = $1',
      [second.id],
    );
    expect(count).toBe(0);
  });

  it('takes a cycle: the draft and open seminars starting within a period of a network', async () => {
    const inside = await plan('2031-09-08');
    await plan('2031-10-06');
    const run = await startRun(t, office.auth, { from: '2031-09-01', to: '2031-09-30', networkId });
    expect(run.seminarIds).toEqual([inside.id]);
    const list = await t.http.get('/api/v1/matching/runs').query({ pageSize: 2 }).set(office.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: run.id, status: 'succeeded', checkOk: true });
    expect(list.body.items[0].objective.attendees.seats).toBe(run.objective.attendees.seats);
    expect(list.body.total).toBeGreaterThanOrEqual(6);
  });

  it('does not propose someone for a seminar they declined, and names why', async () => {
    const east = await createUnit(t, networkId, 'primary', {
      name: 'Centro de Salud Este',
      referralHospitals: [hospital],
    });
    const declined = await createPerson(t, { unitId: east.id });
    const eager = await createPerson(t, { unitId: east.id });
    for (const person of [declined, eager])
      await setTrainingNeeds(t, person.id, { willingToAttend: true, interests: [{ topicId: topic.id, interest: 3 }] });
    const seminar = await plan('2031-11-17', 10);
    await enrol(t, seminar.id, declined.id, 'declined');
    const run = await startRun(t, office.auth, { seminarIds: [seminar.id] });
    // East's one place a day goes to the other physician; the one who declined is not proposed again.
    expect(run.proposals[0].attendees.map((a) => a.personId)).toContain(eager.id);
    expect(run.leftOut.find((l) => l.personId === declined.id)).toMatchObject({
      reason: 'pinned_out',
      reasonText: expect.stringMatching(/declinó/),
    });
  });

  it('finishes a run picked up again after the process working it stopped', async () => {
    const seminar = await plan('2031-12-01');
    const id = await matchingRunLeftRunning(t, {
      seminarIds: [seminar.id],
      attempts: 1,
      createdById: office.person.id,
    });
    await t.app.get(MatchingRunner).execute(id, 2);
    const run = await finished(t, office.auth, id);
    expect(run).toMatchObject({ status: 'succeeded', progress: 100, check: { ok: true } });
    expect(run.proposals[0].facilitators.length).toBeGreaterThan(0);
    // A second delivery of the same job leaves the finished run as it is: it is not worked again.
    const [before] = await t.dataSource.query(
      'SELECT attempts, started_at, finished_at FROM matching_run WHERE id = $1',
      [id],
    );
    await t.app.get(MatchingRunner).execute(id, 3);
    const [after] = await t.dataSource.query(
      'SELECT attempts, started_at, finished_at FROM matching_run WHERE id = $1',
      [id],
    );
    expect(after).toEqual(before);
    expect(before.attempts).toBe(2);
    // Giving up on the job later (a dead letter after the last attempt) leaves a finished run alone...
    await t.app.get(MatchingRunner).abandon(id);
    expect((await finished(t, office.auth, id)).status).toBe('succeeded');
  });

  it('marks a run failed when its job is given up after the last attempt, instead of leaving it running', async () => {
    const seminar = await plan('2031-12-08');
    const id = await matchingRunLeftRunning(t, { seminarIds: [seminar.id], attempts: 3 });
    const [queue] = await t.dataSource.query(
      `SELECT retry_limit AS "retryLimit", dead_letter AS "deadLetter" FROM pgboss.queue WHERE name = 'matching-run'`,
    );
    expect(queue).toEqual({ retryLimit: 2, deadLetter: 'matching-run.abandoned' });
    await t.app.get(MatchingRunner).abandon(id);
    const run = await finished(t, office.auth, id);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not finish in 3 attempts/) });
  });

  it('refuses bad requests with a problem, starting nothing', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*)::int AS count FROM matching_run');
    const seminar = await plan('2031-11-03');
    const both = await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: [seminar.id], from: '2031-11-01', to: '2031-11-30' })
      .expect(422);
    expect(both.body.code).toBe('matching_scope_invalid');
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({})
      .expect(422, /matching_scope_invalid/);
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ from: '2031-11-30', to: '2031-11-01' })
      .expect(422, /matching_scope_invalid/);
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ from: '2041-01-01', to: '2041-01-31' })
      .expect(422, /matching_scope_invalid/);
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: ['not-a-uuid'] })
      .expect(400, /validation_failed/);
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: [seminar.id], settings: { unitSeminarCap: 0 } })
      .expect(400, /validation_failed/);
    await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: [seminar.id], speed: 'max' })
      .expect(400, /unknown_fields/);
    const unknown = await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: ['6f1c1c1e-0000-4000-8000-000000000000'] })
      .expect(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'seminarIds' });
    await t.http
      .post(`/api/v1/seminars/${seminar.id}/cancel`)
      .set(office.auth)
      .send({ reason: 'Sin sede disponible' })
      .expect(200);
    const cancelled = await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ seminarIds: [seminar.id] })
      .expect(422);
    expect(cancelled.body.errors[0].message).toMatch(/cancelled/);
    await t.http
      .put('/api/v1/matching/pins')
      .set(office.auth)
      .send({ personId: medium.id, seminarId: seminar.id, kind: 'force' })
      .expect(422, /matching_pin_invalid/);
    await t.http
      .put('/api/v1/matching/pins')
      .set(office.auth)
      .send({ personId: medium.id, seminarId: seminar.id, kind: 'maybe' })
      .expect(400);

    const attendee = await signedInAs(t, ['attendee'], { unitId: north.id });
    await t.http
      .post('/api/v1/matching/runs')
      .set(attendee.auth)
      .send({ seminarIds: [seminar.id] })
      .expect(403);
    await t.http.get('/api/v1/matching/runs').set(attendee.auth).expect(403);
    await t.http
      .get('/api/v1/matching/runs/6f1c1c1e-0000-4000-8000-000000000000')
      .set(office.auth)
      .expect(404, /matching_run_not_found/);
    await t.http
      .delete('/api/v1/matching/pins/6f1c1c1e-0000-4000-8000-000000000000')
      .set(office.auth)
      .expect(404, /matching_pin_not_found/);
    const [{ count: after }] = await t.dataSource.query('SELECT count(*)::int AS count FROM matching_run');
    expect(after).toBe(before);

    // A run that failed has nothing to publish or compare.
    const failed = await matchingRunOfCancelledSeminars(t, [seminar.id]);
    await t.http
      .post(`/api/v1/matching/runs/${failed}/publish`)
      .set(office.auth)
      .expect(409, /matching_run_failed/);
    await t.http
      .get(`/api/v1/matching/runs/${failed}/compare/${failed}`)
      .set(office.auth)
      .expect(409, /matching_run_not_finished/);
    await t.http
      .get(`/api/v1/matching/runs/${failed}/lp`)
      .set(office.auth)
      .expect(409, /matching_run_not_finished/);
    const shown = await t.http.get(`/api/v1/matching/runs/${failed}`).set(office.auth).expect(200);
    expect(shown.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/draft or open/) });
    expect(shown.body.proposals).toBeUndefined();
  });
});

describe('Matching on the demo network', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t);
  });
  afterAll(() => t.close());

  it('gives every seminar of a two-month cycle its required specialties, and a clean check', async () => {
    await seedDemo(t.dataSource);
    const office = await signedInAs(t, ['office'], { licenceNumber: null });
    const topics = await t.dataSource.query<{ id: string; title: string; required: number }[]>(
      `SELECT t.id, t.title, sum(r.facilitator_count)::int AS required FROM topic t JOIN topic_requirement r ON r.topic_id = t.id GROUP BY t.id ORDER BY t.title`,
    );
    const [{ id: networkId }] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM network LIMIT 1');
    const attendees = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM person WHERE 'attendee' = ANY(roles) ORDER BY licence_number`,
    );
    for (const [index, person] of attendees.entries()) {
      await setTrainingNeeds(t, person.id, {
        willingToAttend: index % 7 !== 0,
        interests: topics.map((topic, k) => ({ topicId: topic.id, interest: (index + k) % 4 })),
      });
    }
    // Each topic once a month: one seminar per month is what the single specialists of a kind allow.
    const planned: string[] = [];
    for (const [k, topic] of topics.entries()) {
      for (const startDate of k === 0 ? ['2031-03-10', '2031-04-07'] : ['2031-03-24', '2031-04-21']) {
        const response = await t.http
          .post('/api/v1/seminars')
          .set(office.auth)
          .send({ topicId: topic.id, networkId, startDate })
          .expect(201);
        planned.push(response.body.id);
      }
    }
    const started = await t.http
      .post('/api/v1/matching/runs')
      .set(office.auth)
      .send({ from: '2031-03-01', to: '2031-04-30' })
      .expect(202);
    const run = await finished(t, office.auth, started.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.seminarIds.sort()).toEqual(planned.sort());
    expect(run.check).toMatchObject({ ok: true, feasible: true, certificateValid: true });
    for (const proposal of run.proposals) expect(proposal.uncovered).toEqual([]);
    const required = new Map(topics.map((topic) => [topic.id, topic.required]));
    const seminarTopics = await t.dataSource.query<{ id: string; topicId: string }[]>(
      'SELECT id, topic_id AS "topicId" FROM seminar WHERE id = ANY($1::uuid[])',
      [planned],
    );
    for (const { id, topicId } of seminarTopics) {
      expect(run.proposals.find((p) => p.seminarId === id)!.facilitators).toHaveLength(required.get(topicId)!);
    }
    expect(run.objective.attendees.seats).toBeGreaterThan(0);

    const published = await t.http.post(`/api/v1/matching/runs/${run.id}/publish`).set(office.auth).expect(200);
    const [{ count }] = await t.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM facilitation WHERE seminar_id = ANY($1::uuid[])',
      [planned],
    );
    expect(count).toBe(published.body.facilitators);
    expect(count).toBe([...seminarTopics].reduce((sum, s) => sum + required.get(s.topicId)!, 0));
  });
});
