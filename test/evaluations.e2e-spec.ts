import { EvaluationTallyRepository } from '../src/modules/evaluations/evaluation-tally.repository';
import type { Person } from '../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setNow, type TestApp } from './support/test-app';

/**
 * Seminars run Monday 17 to Wednesday 19 March 2031, 08:00–16:00 in Mexico City (14:00–22:00 UTC).
 * Daily evaluations open at 16:00 of their day for 3 days; the final one and the post-test at 16:00
 * of the last day for 7 days; the pre-test closes at 08:00 of the first day.
 */
const START = '2031-03-17';
const DAY1_END = '2031-03-17T22:00:00.000Z';

type Auth = { Authorization: string };

describe('Evaluations: forms, answers inside their windows, anonymous reports', () => {
  let t: TestApp;
  let office: SignedIn;
  let networkId: string;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    networkId = (await createNetwork(t)).id;
  });

  afterAll(() => t?.close());

  beforeEach(() => setNow(t, '2031-03-03T18:00:00Z'));

  interface Held {
    id: string;
    topicId: string;
    lead: Person;
    other: Person;
    attendees: { person: Person; auth: Auth }[];
  }

  /** An open seminar of a new topic with two facilitators and `count` confirmed attendees. */
  async function seminar(count: number, topicId?: string, startDate = START): Promise<Held> {
    const lead = await createFacilitator(t, 'gynecology_obstetrics', { fullName: 'Dra. Ana Lead' });
    const other = await createFacilitator(t, 'gynecology_obstetrics', { fullName: 'Dr. Beto Otro' });
    const people: Person[] = [];
    for (let i = 0; i < count; i++) people.push(await createPerson(t, { roles: ['attendee'] }));
    const held = await createSeminar(t, {
      office,
      networkId,
      startDate,
      ...(topicId ? { topicId } : { topic: { minimumAttendees: 1 } }),
      facilitators: [lead, other],
      confirmed: people,
    });
    const attendees = [];
    for (const person of people) attendees.push({ person, auth: await sessionFor(t, person) });
    return { id: held.id, topicId: held.topicId, lead, other, attendees };
  }

  const dailyAnswers = (usefulness: number, comment?: string) => ({
    usefulness,
    clarity: 4,
    discussion_time: 3,
    ...(comment ? { comment } : {}),
  });

  async function finalAnswers(
    held: Held,
    overall: number,
    leadOpenness: number,
    otherOpenness: number,
    nextTime?: string,
  ) {
    return {
      overall,
      relevance: 5,
      openness: { [held.lead.id]: leadOpenness, [held.other.id]: otherOpenness },
      equality: 4,
      confidence_consult: 4,
      referral_change: 3,
      ...(nextTime ? { next_time: nextTime } : {}),
    };
  }

  async function pending(auth: Auth) {
    return (await t.http.get('/api/v1/me/evaluations/pending').set(auth).expect(200)).body as {
      seminarId: string;
      key: string;
      occasion: string;
      formVersion: number;
      closesAt: string;
      opensAt: string | null;
    }[];
  }

  it('lists what each attendee owes and takes answers only inside their windows, replacing earlier ones', async () => {
    const held = await seminar(2);
    const [ana, beto] = held.attendees;
    const daily = `/api/v1/me/evaluations/${held.id}/2031-03-17`;

    // Before the day ends nothing is owed yet, and answering is refused as not open.
    setNow(t, '2031-03-17T21:59:00Z');
    expect((await pending(ana.auth)).filter((p) => p.seminarId === held.id)).toEqual([]);
    const early = await t.http
      .put(daily)
      .set(ana.auth)
      .send({ formVersion: 1, answers: dailyAnswers(5) })
      .expect(422);
    expect(early.body.code).toBe('evaluation_not_open');

    // At the day's end the daily evaluation is owed, for three days.
    setNow(t, '2031-03-17T22:00:00Z');
    const owed = (await pending(ana.auth)).filter((p) => p.seminarId === held.id);
    expect(owed).toEqual([
      expect.objectContaining({
        occasion: 'daily',
        key: '2031-03-17',
        date: '2031-03-17',
        formVersion: 1,
        opensAt: DAY1_END,
        closesAt: '2031-03-20T22:00:00.000Z',
        title: 'Evaluación de la sesión del día',
      }),
    ]);

    // Answers are checked against the form: required items, the 1–5 range, unknown items, types.
    const invalid = await t.http
      .put(daily)
      .set(ana.auth)
      .send({ formVersion: 1, answers: { usefulness: 6, clarity: 'mucho', mood: 3, comment: 'x'.repeat(4001) } })
      .expect(422);
    expect(invalid.body.code).toBe('evaluation_answers_invalid');
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'answers.clarity',
      'answers.comment',
      'answers.discussion_time',
      'answers.mood',
      'answers.usefulness',
    ]);
    expect(
      (
        await t.http
          .put(daily)
          .set(ana.auth)
          .send({ formVersion: 2, answers: dailyAnswers(5) })
          .expect(409)
      ).body.code,
    ).toBe('evaluation_form_changed');
    expect((await t.http.get(daily).set(ana.auth).expect(404)).body.code).toBe('evaluation_response_not_found');

    const first = await t.http
      .put(daily)
      .set(ana.auth)
      .send({ formVersion: 1, answers: dailyAnswers(2, 'Poco tiempo') })
      .expect(200);
    expect(first.body).toMatchObject({
      occasion: 'daily',
      date: '2031-03-17',
      answers: { usefulness: 2, clarity: 4, discussion_time: 3, comment: 'Poco tiempo' },
    });
    expect((await pending(ana.auth)).filter((p) => p.seminarId === held.id)).toEqual([]);

    // Answering again before the deadline replaces the earlier answers.
    setNow(t, '2031-03-20T21:59:00Z');
    await t.http
      .put(daily)
      .set(ana.auth)
      .send({ formVersion: 1, answers: dailyAnswers(5) })
      .expect(200);
    const mine = await t.http.get(daily).set(ana.auth).expect(200);
    expect(mine.body.answers).toEqual({ usefulness: 5, clarity: 4, discussion_time: 3 });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM evaluation_response WHERE seminar_id = $1`,
      [held.id],
    );
    expect(count).toBe(1);

    // After the deadline: refused, and beto no longer owes it.
    setNow(t, '2031-03-20T22:00:00Z');
    expect(
      (
        await t.http
          .put(daily)
          .set(beto.auth)
          .send({ formVersion: 1, answers: dailyAnswers(4) })
          .expect(422)
      ).body.code,
    ).toBe('evaluation_closed');
    expect((await pending(beto.auth)).filter((p) => p.key === '2031-03-17' && p.seminarId === held.id)).toEqual([]);

    // Someone not confirmed in the seminar sees nothing and cannot answer; unknown keys are refused.
    const stranger = await sessionFor(t, await createPerson(t, { roles: ['attendee'] }));
    setNow(t, '2031-03-18T23:00:00Z');
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-18`)
          .set(stranger)
          .send({ formVersion: 1, answers: dailyAnswers(4) })
          .expect(404)
      ).body.code,
    ).toBe('seminar_not_found');
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-25`)
          .set(ana.auth)
          .send({ formVersion: 1, answers: dailyAnswers(4) })
          .expect(404)
      ).body.code,
    ).toBe('seminar_day_not_found');
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/someday`)
          .set(ana.auth)
          .send({ formVersion: 1, answers: {} })
          .expect(400)
      ).body.code,
    ).toBe('evaluation_occasion_invalid');
    // The topic asks no diagnostic test.
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/pre-test`)
          .set(ana.auth)
          .send({ formVersion: 1, answers: {} })
          .expect(404)
      ).body.code,
    ).toBe('evaluation_not_applicable');

    // A day the attendee was recorded absent is not owed.
    setNow(t, '2031-03-18T15:00:00Z');
    await t.http
      .put(`/api/v1/seminars/${held.id}/days/2031-03-18/attendance`)
      .set(await sessionFor(t, held.lead))
      .send({
        records: [
          { personId: beto.person.id, status: 'absent' },
          { personId: ana.person.id, status: 'present' },
        ],
      })
      .expect(200);
    setNow(t, '2031-03-18T23:00:00Z');
    // Beto still owes day 1 (open until the 20th) but not day 2; Ana answered day 1 and owes day 2.
    expect((await pending(beto.auth)).filter((p) => p.seminarId === held.id).map((p) => p.key)).toEqual(['2031-03-17']);
    expect((await pending(ana.auth)).filter((p) => p.seminarId === held.id).map((p) => p.key)).toEqual(['2031-03-18']);
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-18`)
          .set(beto.auth)
          .send({ formVersion: 1, answers: dailyAnswers(4) })
          .expect(422)
      ).body.code,
    ).toBe('evaluation_not_owed');

    // The final evaluation asks for every facilitator's openness, and only theirs.
    setNow(t, '2031-03-19T22:30:00Z');
    const final = `/api/v1/me/evaluations/${held.id}/final`;
    const missing = { ...(await finalAnswers(held, 5, 5, 4)), openness: { [held.lead.id]: 5 } };
    expect(
      (await t.http.put(final).set(ana.auth).send({ formVersion: 1, answers: missing }).expect(422)).body.errors,
    ).toEqual([expect.objectContaining({ field: 'answers.openness' })]);
    const intruder = {
      ...(await finalAnswers(held, 5, 5, 4)),
      openness: { [held.lead.id]: 5, [held.other.id]: 4, [ana.person.id]: 5 },
    };
    expect(
      (await t.http.put(final).set(ana.auth).send({ formVersion: 1, answers: intruder }).expect(422)).body.errors,
    ).toEqual([expect.objectContaining({ field: 'answers.openness' })]);
    await t.http
      .put(final)
      .set(ana.auth)
      .send({ formVersion: 1, answers: await finalAnswers(held, 5, 5, 4) })
      .expect(200);
    // The page asks each facilitator's openness by name, and shows the answers given.
    const form = (await t.http.get(`${final}/form`).set(ana.auth).expect(200)).body;
    expect(form.facilitators.map((f: { personId: string }) => f.personId).sort()).toEqual(
      [held.lead.id, held.other.id].sort(),
    );
    expect(form.facilitators.every((f: { fullName: string }) => f.fullName.length > 0)).toBe(true);
    expect(form.items.find((item: { id: string }) => item.id === 'openness')).toMatchObject({ perFacilitator: true });
    expect(form).toMatchObject({ state: 'open', response: { answers: await finalAnswers(held, 5, 5, 4) } });
    setNow(t, '2031-03-26T22:00:00Z');
    expect(
      (
        await t.http
          .put(final)
          .set(beto.auth)
          .send({ formVersion: 1, answers: await finalAnswers(held, 3, 3, 3) })
          .expect(422)
      ).body.code,
    ).toBe('evaluation_closed');
  });

  it('freezes a form version once answered: a change makes the next version, which new answers use', async () => {
    const invalid = await t.http
      .post('/api/v1/evaluation-forms')
      .set(office.auth)
      .send({
        kind: 'daily',
        title: { es: 'Diaria breve' },
        items: [
          { id: 'q', kind: 'single_choice', prompt: { es: '¿Cuál?' }, options: [{ id: 'a', label: { es: 'A' } }] },
        ],
      })
      .expect(422);
    expect(invalid.body).toMatchObject({
      code: 'evaluation_form_invalid',
      errors: [expect.objectContaining({ field: 'items[0].options' })],
    });
    // A label left out is a missing field, not a definition read past its end.
    const unlabelled = await t.http
      .post('/api/v1/evaluation-forms')
      .set(office.auth)
      .send({
        kind: 'daily',
        items: [{ id: 'q', kind: 'single_choice', options: [{ id: 'a', label: { es: 'A' } }, { id: 'b' }] }],
      })
      .expect(400);
    expect(unlabelled.body).toMatchObject({ code: 'validation_failed' });
    expect(unlabelled.body.errors).toEqual([
      { field: 'title', message: 'Es obligatorio.' },
      { field: 'items.0.prompt', message: 'Es obligatorio.' },
      { field: 'items.0.options.1.label', message: 'Es obligatorio.' },
    ]);

    const items = [
      { id: 'useful', kind: 'likert', prompt: { es: 'Fue útil', en: 'It was useful' }, required: true },
      {
        id: 'pace',
        kind: 'single_choice',
        prompt: { es: 'El ritmo fue' },
        options: [
          { id: 'slow', label: { es: 'Lento' } },
          { id: 'right', label: { es: 'Adecuado' } },
          { id: 'fast', label: { es: 'Rápido' } },
        ],
      },
    ];
    const created = await t.http
      .post('/api/v1/evaluation-forms')
      .set(office.auth)
      .send({ kind: 'daily', title: { es: 'Diaria breve' }, items })
      .expect(201);
    expect(created.body).toMatchObject({
      version: 1,
      inUse: false,
      isDefault: false,
      title: { es: 'Diaria breve', en: 'Diaria breve' },
    });
    const formId = created.body.id;

    // Nobody answered yet: the change stays version 1.
    const retitled = await t.http
      .put(`/api/v1/evaluation-forms/${formId}`)
      .set(office.auth)
      .send({ version: 1, title: { es: 'Diaria corta' }, items })
      .expect(200);
    expect(retitled.body).toMatchObject({ version: 1, versions: [1], title: { es: 'Diaria corta' } });

    const held = await seminar(1);
    await t.http
      .put(`/api/v1/topics/${held.topicId}/evaluation-forms`)
      .set(office.auth)
      .send({ daily: formId, final: null })
      .expect(200);
    const chosen = await t.http.get(`/api/v1/topics/${held.topicId}/evaluation-forms`).set(office.auth).expect(200);
    expect(chosen.body).toEqual({
      daily: { formId, version: 1, title: { es: 'Diaria corta', en: 'Diaria corta' }, source: 'topic' },
      final: null,
      diagnostic: null,
    });
    const finalForm = (await t.http.get('/api/v1/evaluation-forms?kind=final').set(office.auth).expect(200)).body.find(
      (f: { isDefault: boolean }) => f.isDefault,
    );
    expect(
      (
        await t.http
          .put(`/api/v1/topics/${held.topicId}/evaluation-forms`)
          .set(office.auth)
          .send({ daily: finalForm.id })
          .expect(422)
      ).body.code,
    ).toBe('evaluation_form_kind_mismatch');

    const [attendee] = held.attendees;
    setNow(t, '2031-03-17T23:00:00Z');
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-17`)
          .set(attendee.auth)
          .send({ formVersion: 1, answers: { useful: 4, pace: 'medium' } })
          .expect(422)
      ).body.errors,
    ).toEqual([expect.objectContaining({ field: 'answers.pace' })]);
    await t.http
      .put(`/api/v1/me/evaluations/${held.id}/2031-03-17`)
      .set(attendee.auth)
      .send({ formVersion: 1, answers: { useful: 4, pace: 'fast' } })
      .expect(200);
    // The topic no longer asks the final evaluation.
    setNow(t, '2031-03-19T23:00:00Z');
    expect((await pending(attendee.auth)).filter((p) => p.seminarId === held.id).map((p) => p.occasion)).toEqual([
      'daily',
      'daily',
    ]);

    // Answered: the change makes version 2; version 1 stays as it was; stale edits are refused.
    const changed = await t.http
      .put(`/api/v1/evaluation-forms/${formId}`)
      .set(office.auth)
      .send({
        version: 1,
        title: { es: 'Diaria corta' },
        items: [...items, { id: 'note', kind: 'short_text', prompt: { es: 'Nota' } }],
      })
      .expect(200);
    expect(changed.body).toMatchObject({ version: 2, versions: [1, 2], inUse: false });
    expect(
      (await t.http.get(`/api/v1/evaluation-forms/${formId}/versions/1`).set(office.auth).expect(200)).body,
    ).toMatchObject({ version: 1, inUse: true, items: [{ id: 'useful' }, { id: 'pace' }] });
    expect(
      (
        await t.http
          .put(`/api/v1/evaluation-forms/${formId}`)
          .set(office.auth)
          .send({ version: 1, title: { es: 'X' }, items })
          .expect(409)
      ).body.code,
    ).toBe('evaluation_form_changed');

    // New answers use version 2; the earlier answers keep pointing at version 1.
    const day2 = (await pending(attendee.auth)).find((p) => p.seminarId === held.id && p.key === '2031-03-18')!;
    expect(day2.formVersion).toBe(2);
    expect(
      (
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-18`)
          .set(attendee.auth)
          .send({ formVersion: 1, answers: { useful: 5 } })
          .expect(409)
      ).body.code,
    ).toBe('evaluation_form_changed');
    await t.http
      .put(`/api/v1/me/evaluations/${held.id}/2031-03-18`)
      .set(attendee.auth)
      .send({ formVersion: 2, answers: { useful: 5, note: 'Bien' } })
      .expect(200);
    const versions = await t.dataSource.query(
      `SELECT r.day_number, v.version FROM evaluation_response r JOIN evaluation_form_version v ON v.id = r.form_version_id WHERE r.seminar_id = $1 ORDER BY r.day_number`,
      [held.id],
    );
    expect(versions).toEqual([
      { day_number: 1, version: 1 },
      { day_number: 2, version: 2 },
    ]);
  });

  describe('reports without saying who answered what: figures under five respondents withheld, facilitator items only to the office and that facilitator', () => {
    let held: Held;
    let report: any;
    /** The clock where the answers left it: the evening of the last day. */
    const afterTheLastDay = () => setNow(t, '2031-03-19T23:00:00Z');

    it('takes the first day’s evaluation from four of six attendees, and the final one from all six', async () => {
      held = await seminar(6);
      setNow(t, '2031-03-17T23:00:00Z');
      for (const [i, a] of held.attendees.slice(0, 4).entries()) {
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/2031-03-17`)
          .set(a.auth)
          .send({ formVersion: 1, answers: dailyAnswers(5 - i, `Comentario del día ${i}`) })
          .expect(200);
      }
      afterTheLastDay();
      const overall = [5, 5, 4, 4, 3, 5];
      const leadOpenness = [5, 5, 5, 4, 4, 5];
      const otherOpenness = [3, 2, 3, 3, 4, 3];
      for (const [i, a] of held.attendees.entries()) {
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/final`)
          .set(a.auth)
          .send({
            formVersion: 1,
            answers: await finalAnswers(
              held,
              overall[i],
              leadOpenness[i],
              otherOpenness[i],
              i < 3 ? `Sugerencia ${i}` : undefined,
            ),
          })
          .expect(200);
      }
    });

    it('withholds the daily figures and comments, four respondents being under five', async () => {
      afterTheLastDay();
      report = (await t.http.get(`/api/v1/seminars/${held.id}/evaluation-report`).set(office.auth).expect(200)).body;
      const dailyForm = report.forms.find((f: { occasion: string }) => f.occasion === 'daily');
      // Three days held for six confirmed attendees: 18 daily evaluations expected, 4 given.
      expect(dailyForm).toMatchObject({ expected: 18, responses: 4, responseRate: 0.2222 });
      expect(dailyForm.items.find((i: { itemId: string }) => i.itemId === 'usefulness').stats).toEqual({
        respondents: 4,
        suppressed: true,
        mean: null,
        distribution: [],
      });
      expect(dailyForm.items.find((i: { itemId: string }) => i.itemId === 'comment').comments).toEqual([]);
    });

    it('gives the final figures and comments, and each facilitator’s openness apart', async () => {
      const finalForm = report.forms.find((f: { occasion: string }) => f.occasion === 'final');
      expect(finalForm).toMatchObject({ expected: 6, responses: 6, responseRate: 1 });
      const overallStats = finalForm.items.find((i: { itemId: string }) => i.itemId === 'overall').stats;
      expect(overallStats).toMatchObject({ respondents: 6, suppressed: false, mean: 4.33 });
      expect(overallStats.distribution.map((d: { count: number }) => d.count)).toEqual([0, 0, 1, 2, 3]);
      const openness = finalForm.items.find((i: { itemId: string }) => i.itemId === 'openness');
      expect(openness.stats).toBeNull();
      expect(openness.facilitators).toEqual([
        expect.objectContaining({
          facilitatorId: held.other.id,
          facilitatorName: 'Dr. Beto Otro',
          respondents: 6,
          mean: 3,
        }),
        expect.objectContaining({
          facilitatorId: held.lead.id,
          facilitatorName: 'Dra. Ana Lead',
          respondents: 6,
          mean: 4.67,
        }),
      ]);
      const comments = finalForm.items.find((i: { itemId: string }) => i.itemId === 'next_time').comments;
      expect([...comments].sort()).toEqual(['Sugerencia 0', 'Sugerencia 1', 'Sugerencia 2']);
    });

    it('names and points to no respondent, in the report nor in the table of answers (a keyed pseudonym)', async () => {
      const body = JSON.stringify(report);
      for (const a of held.attendees) {
        expect(body).not.toContain(a.person.id);
        expect(body).not.toContain(a.person.fullName);
      }
      const columns = (
        await t.dataSource.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name IN ('evaluation_response','evaluation_answer')`,
        )
      ).map((c: { column_name: string }) => c.column_name);
      expect(columns).not.toContain('person_id');
    });

    it('shows the lead facilitator the report with only their own openness figures', async () => {
      afterTheLastDay();
      const leadView = (
        await t.http
          .get(`/api/v1/seminars/${held.id}/evaluation-report`)
          .set(await sessionFor(t, held.lead))
          .expect(200)
      ).body;
      const leadOpennessView = leadView.forms
        .find((f: { occasion: string }) => f.occasion === 'final')
        .items.find((i: { itemId: string }) => i.itemId === 'openness');
      expect(leadOpennessView.facilitators.map((f: { facilitatorId: string }) => f.facilitatorId)).toEqual([
        held.lead.id,
      ]);
    });

    it('is not for a facilitator of another seminar nor an attendee, and nobody reads another’s answers', async () => {
      afterTheLastDay();
      const stranger = await createFacilitator(t);
      expect(
        (
          await t.http
            .get(`/api/v1/seminars/${held.id}/evaluation-report`)
            .set(await sessionFor(t, stranger))
            .expect(403)
        ).body.code,
      ).toBe('not_seminar_facilitator');
      await t.http.get(`/api/v1/seminars/${held.id}/evaluation-report`).set(held.attendees[0].auth).expect(403);
      const outsider = await sessionFor(t, await createPerson(t, { roles: ['attendee'] }));
      await t.http.get(`/api/v1/me/evaluations/${held.id}/final`).set(outsider).expect(404);
    });

    it('exports the same figures as CSV, in the caller’s language, suppressed items without values', async () => {
      afterTheLastDay();
      const csv = await t.http
        .get(`/api/v1/seminars/${held.id}/evaluation-report.csv`)
        .set(office.auth)
        .set('Accept-Language', 'en')
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe(
        '\uFEFFsection,form,question,facilitator,respondents,suppressed,mean,value,label,count,text',
      );
      expect(lines).toContain(
        'final:item,Final seminar evaluation,"Overall, I am satisfied with the seminar.",,6,false,4.33,5,,3,',
      );
      expect(lines).toContain(
        "daily:item,Daily session evaluation,Today's session was useful for my practice.,,4,true,,,,,",
      );
      expect(csv.text).not.toContain('Comentario del día');
    });
  });

  describe('computes pre/post test scores and the paired improvement, per seminar and per topic over a period', () => {
    let formId: string;
    let held: Held;
    let later: Held;
    const answersFor = (correct: number) =>
      Object.fromEntries(['q1', 'q2', 'q3', 'q4'].map((q, i) => [q, i < correct ? 'a' : 'b']));
    /** The clock where the answers left it: after the later seminar's post-test. */
    const afterTheAnswers = () => setNow(t, '2031-06-18T23:00:00Z');

    it('gives a seminar’s topic a diagnostic test of four questions of 25 points as its pre- and post-test', async () => {
      const question = (id: string) => ({
        id,
        kind: 'single_choice',
        prompt: { es: `Pregunta ${id}` },
        required: true,
        options: [
          { id: 'a', label: { es: 'A' } },
          { id: 'b', label: { es: 'B' } },
        ],
        correct: 'a',
        points: 25,
      });
      const test = await t.http
        .post('/api/v1/evaluation-forms')
        .set(office.auth)
        .send({
          kind: 'diagnostic',
          title: { es: 'Prueba diagnóstica' },
          items: ['q1', 'q2', 'q3', 'q4'].map(question),
        })
        .expect(201);
      formId = test.body.id;
      held = await seminar(7);
      await t.http
        .put(`/api/v1/topics/${held.topicId}/evaluation-forms`)
        .set(office.auth)
        .send({ diagnostic: formId })
        .expect(200);
      // A later seminar of the same topic, outside the reported period, whose answers must not count.
      later = await seminar(5, held.topicId, '2031-06-16');
    });

    it('scores the pre-test of the six of seven who take it before 08:00 of the first day, and closes it then', async () => {
      // Scores 25, 50, 50, 75, 0, 25 %.
      setNow(t, '2031-03-17T13:59:00Z');
      const pre = [1, 2, 2, 3, 0, 1];
      for (const [i, correct] of pre.entries()) {
        const answered = await t.http
          .put(`/api/v1/me/evaluations/${held.id}/pre-test`)
          .set(held.attendees[i].auth)
          .send({ formVersion: 1, answers: answersFor(correct) })
          .expect(200);
        expect(answered.body).toMatchObject({ score: correct * 25, maxScore: 100 });
      }
      setNow(t, '2031-03-17T14:00:00Z');
      expect(
        (
          await t.http
            .put(`/api/v1/me/evaluations/${held.id}/pre-test`)
            .set(held.attendees[6].auth)
            .send({ formVersion: 1, answers: answersFor(4) })
            .expect(422)
        ).body.code,
      ).toBe('evaluation_closed');
    });

    it('shows each attendee the test without its correct answers, their own answers and score, and closed after the start', async () => {
      setNow(t, '2031-03-17T14:00:00Z');
      const answered = await t.http
        .get(`/api/v1/me/evaluations/${held.id}/pre-test/form`)
        .set(held.attendees[1].auth)
        .expect(200);
      expect(answered.body).toMatchObject({
        occasion: 'pre_test',
        key: 'pre-test',
        formVersion: 1,
        title: { es: 'Prueba diagnóstica' },
        state: 'closed',
        owed: true,
        response: { score: 50, maxScore: 100, answers: answersFor(2) },
      });
      expect(answered.body.items.map((item: { id: string }) => item.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
      expect(answered.body.items[0].options).toHaveLength(2);
      expect(JSON.stringify(answered.body.items)).not.toMatch(/correct|points/);

      const unanswered = await t.http
        .get(`/api/v1/me/evaluations/${held.id}/pre-test/form`)
        .set(held.attendees[6].auth)
        .expect(200);
      expect(unanswered.body).toMatchObject({ state: 'closed', response: null });
      const notAttendee = await t.http
        .get(`/api/v1/me/evaluations/${held.id}/pre-test/form`)
        .set(office.auth)
        .expect(404);
      expect(notAttendee.body.code).toBe('seminar_not_found');
      await t.http.get(`/api/v1/me/evaluations/${held.id}/mid-test/form`).set(held.attendees[1].auth).expect(400);
    });

    it('takes the post-test after the last day, from the first five and the seventh (who took no pre-test)', async () => {
      setNow(t, '2031-03-19T23:00:00Z');
      const post: [number, number][] = [
        [0, 3],
        [1, 3],
        [2, 4],
        [3, 3],
        [4, 2],
        [6, 4],
      ];
      for (const [i, correct] of post) {
        await t.http
          .put(`/api/v1/me/evaluations/${held.id}/post-test`)
          .set(held.attendees[i].auth)
          .send({ formVersion: 1, answers: answersFor(correct) })
          .expect(200);
      }
      afterTheAnswers();
      for (const a of later.attendees)
        await t.http
          .put(`/api/v1/me/evaluations/${later.id}/post-test`)
          .set(a.auth)
          .send({ formVersion: 1, answers: answersFor(0) })
          .expect(200);
    });

    it('reports the pre and post means and the paired improvement, for the seminar and for its topic over the period', async () => {
      afterTheAnswers();
      // Pre mean (25+50+50+75+0+25)/6 = 37.5; post mean (75+75+100+75+50+100)/6 = 79.17;
      // five pairs improving by 50, 25, 50, 0, 50 points: 35 on average.
      const expected = {
        formId,
        pre: { respondents: 6, suppressed: false, meanPercent: 37.5 },
        post: { respondents: 6, suppressed: false, meanPercent: 79.17 },
        pairs: 5,
        suppressed: false,
        meanImprovement: 35,
      };
      const seminarReport = (
        await t.http.get(`/api/v1/seminars/${held.id}/evaluation-report`).set(office.auth).expect(200)
      ).body;
      expect(seminarReport.diagnostics).toEqual([expect.objectContaining(expected)]);
      const topicReport = (
        await t.http
          .get(`/api/v1/topics/${held.topicId}/evaluation-report?from=2031-03-01&to=2031-03-31`)
          .set(office.auth)
          .expect(200)
      ).body;
      expect(topicReport).toMatchObject({ scope: 'topic', seminars: 1, from: '2031-03-01', to: '2031-03-31' });
      expect(topicReport.diagnostics).toEqual([expect.objectContaining(expected)]);
    });

    it('counts the later seminar’s five post-tests at 0 % too over the whole year', async () => {
      afterTheAnswers();
      const year = (
        await t.http
          .get(`/api/v1/topics/${held.topicId}/evaluation-report?from=2031-01-01&to=2031-12-31`)
          .set(office.auth)
          .expect(200)
      ).body;
      expect(year.diagnostics[0]).toMatchObject({
        post: { respondents: 11, meanPercent: 43.18 },
        pairs: 5,
        meanImprovement: 35,
      });
    });

    it('refuses a period that ends before it starts, and the topic report to a facilitator', async () => {
      afterTheAnswers();
      expect(
        (
          await t.http
            .get(`/api/v1/topics/${held.topicId}/evaluation-report?from=2031-04-01&to=2031-03-01`)
            .set(office.auth)
            .expect(422)
        ).body.code,
      ).toBe('report_period_invalid');
      await t.http
        .get(`/api/v1/topics/${held.topicId}/evaluation-report`)
        .set(await sessionFor(t, held.lead))
        .expect(403);
    });
  });

  it('keeps the seminar tallies equal to a rebuild from the answers under concurrent submissions and replacements', async () => {
    const held = await seminar(8);
    setNow(t, '2031-03-17T23:00:00Z');
    const daily = `/api/v1/me/evaluations/${held.id}/2031-03-17`;
    // Eight attendees answer at once: each rebuild waits for the previous one and sees its rows.
    await Promise.all(
      held.attendees.map((a, i) =>
        t.http
          .put(daily)
          .set(a.auth)
          .send({ formVersion: 1, answers: dailyAnswers(1 + (i % 5), `Nota ${i}`) })
          .expect(200),
      ),
    );
    // Two of them change their answers, one twice concurrently with another's change.
    await Promise.all([
      t.http
        .put(daily)
        .set(held.attendees[0].auth)
        .send({ formVersion: 1, answers: dailyAnswers(5) })
        .expect(200),
      t.http
        .put(daily)
        .set(held.attendees[1].auth)
        .send({ formVersion: 1, answers: dailyAnswers(5) })
        .expect(200),
    ]);
    await t.http
      .put(daily)
      .set(held.attendees[1].auth)
      .send({ formVersion: 1, answers: dailyAnswers(4) })
      .expect(200);

    const tallies = () =>
      t.dataSource.query(
        `SELECT occasion, form_id, item_id, facilitator_id, value, count FROM evaluation_tally WHERE seminar_id = $1 ORDER BY occasion, form_id, item_id, facilitator_id, value`,
        [held.id],
      );
    const kept = await tallies();
    await t.dataSource.transaction((manager) =>
      t.app.get(EvaluationTallyRepository).rebuildForSeminar(held.id, manager),
    );
    expect(await tallies()).toEqual(kept);

    // Usefulness answers now 5, 4, 3, 4, 5, 1, 2, 3 (the first two replaced): mean 27 / 8.
    const report = (await t.http.get(`/api/v1/seminars/${held.id}/evaluation-report`).set(office.auth).expect(200))
      .body;
    const dailyForm = report.forms.find((f: { occasion: string }) => f.occasion === 'daily');
    expect(dailyForm.responses).toBe(8);
    expect(dailyForm.items.find((i: { itemId: string }) => i.itemId === 'usefulness').stats).toEqual({
      respondents: 8,
      suppressed: false,
      mean: 3.38,
      distribution: [1, 1, 2, 2, 2].map((count, v) => ({ value: String(v + 1), label: null, count })),
    });
    // The comments of the first two were withdrawn with their earlier answers.
    expect([...dailyForm.items.find((i: { itemId: string }) => i.itemId === 'comment').comments].sort()).toEqual([
      'Nota 2',
      'Nota 3',
      'Nota 4',
      'Nota 5',
      'Nota 6',
      'Nota 7',
    ]);
    expect(JSON.stringify(kept)).not.toContain('Nota');
  });
});
