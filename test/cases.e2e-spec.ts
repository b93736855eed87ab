import type { Person } from '../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createTopic,
  enrol,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

/** Seminars start on Monday 17 March 2031; attendees see published cases from the 10th (seven days before). */
const START = '2031-03-17';

describe('Clinical cases: writing, review, versions, who sees what, the library', () => {
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

  beforeEach(() => setToday(t, '2031-03-03'));

  /** An open seminar with a lead facilitator and a second facilitator. */
  async function seminar(topic = topicId, startDate = START): Promise<{ id: string; lead: Person; other: Person }> {
    const lead = await createFacilitator(t);
    const other = await createFacilitator(t);
    const { id } = await createSeminar(t, {
      office,
      networkId,
      topicId: topic,
      startDate,
      facilitators: [lead, other],
    });
    return { id, lead, other };
  }

  const clean = {
    title: 'Preeclampsia con datos de severidad en el primer nivel',
    summary:
      'Mujer de 34 años, gesta 2, con 35 semanas de embarazo, cefalea y tensión arterial de 160/110 mmHg. Proteinuria en tira reactiva.',
    learningObjectives: [
      'Reconocer los datos de severidad de la preeclampsia',
      'Decidir la referencia oportuna al hospital',
    ],
    discussionQuestions: ['¿Qué estudios pide antes de referir?'],
  };

  describe('takes a case from draft through the identifier guard, review and publication, keeping earlier versions', () => {
    let lead: Person;
    let other: Person;
    let author: { Authorization: string };
    let leadAuth: { Authorization: string };
    let caseId: string;

    it('starts a case as a draft of its author, a facilitator of the seminar', async () => {
      let id: string;
      ({ id, lead, other } = await seminar());
      author = await sessionFor(t, other);
      leadAuth = await sessionFor(t, lead);
      const created = await t.http
        .post(`/api/v1/seminars/${id}/cases`)
        .set(author)
        .send({ title: 'Caso breve', summary: 'Resumen del caso.' })
        .expect(201);
      expect(created.body).toMatchObject({ status: 'draft', version: 1, authorId: other.id, learningObjectives: [] });
      caseId = created.body.id;
    });

    it('refuses to submit a summary that names the patient and gives her phone, and says where', async () => {
      const summary = 'La paciente María Guadalupe Hernández, tel. 228 123 4567, acude por cefalea.';
      await t.http.patch(`/api/v1/cases/${caseId}`).set(author).send({ summary }).expect(200);
      const refused = await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422);
      expect(refused.body.code).toBe('case_identifiers_found');
      expect(refused.body.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'summary', kind: 'name', start: summary.indexOf('María') }),
          expect.objectContaining({ field: 'summary', kind: 'phone', start: summary.indexOf('228') }),
        ]),
      );
      expect(JSON.stringify(refused.body)).not.toContain('Hernández');
      expect((await t.http.get(`/api/v1/cases/${caseId}`).set(author).expect(200)).body.status).toBe('draft');
    });

    it('submits it once the author removes the phone and confirms the name as a teaching pseudonym; then it is not editable', async () => {
      const fixed = 'La paciente María Guadalupe Hernández acude por cefalea.';
      await t.http.patch(`/api/v1/cases/${caseId}`).set(author).send({ summary: fixed }).expect(200);
      const name = (await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422)).body.findings[0];
      expect(name).toMatchObject({ field: 'summary', kind: 'name' });
      await t.http
        .post(`/api/v1/cases/${caseId}/findings/waive`)
        .set(author)
        .send({ ...name, reason: 'Nombre ficticio del caso docente' })
        .expect(200);
      expect((await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(200)).body.status).toBe(
        'submitted',
      );
      expect(
        (await t.http.patch(`/api/v1/cases/${caseId}`).set(author).send({ title: 'Otro' }).expect(409)).body.code,
      ).toBe('case_not_editable');
    });

    it('is reviewed by the lead, not the author: changes asked for with a comment, then approved and published', async () => {
      expect(
        (await t.http.post(`/api/v1/cases/${caseId}/review`).set(author).send({ decision: 'approve' }).expect(404)).body
          .code,
      ).toBe('not_a_reviewer');
      await t.http
        .post(`/api/v1/cases/${caseId}/review`)
        .set(leadAuth)
        .send({ decision: 'request_changes' })
        .expect(400);
      const changes = await t.http
        .post(`/api/v1/cases/${caseId}/review`)
        .set(leadAuth)
        .send({ decision: 'request_changes', comment: 'Agregue la evolución' })
        .expect(200);
      expect(changes.body).toMatchObject({
        status: 'changes_requested',
        reviews: [{ decision: 'changes_requested', comment: 'Agregue la evolución', reviewerId: lead.id }],
      });
      await t.http
        .patch(`/api/v1/cases/${caseId}`)
        .set(author)
        .send({ ...clean })
        .expect(200);
      await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(200);
      await t.http.post(`/api/v1/cases/${caseId}/review`).set(leadAuth).send({ decision: 'approve' }).expect(200);
      const published = await t.http.post(`/api/v1/cases/${caseId}/publish`).set(leadAuth).expect(200);
      expect(published.body).toMatchObject({ status: 'published', version: 1, title: clean.title });
    });

    it('starts version 2 as a draft when edited after approval, version 1 readable to reviewers, every step audited', async () => {
      const edited = await t.http
        .patch(`/api/v1/cases/${caseId}`)
        .set(author)
        .send({ title: 'Preeclampsia severa: versión revisada' })
        .expect(200);
      expect(edited.body).toMatchObject({ status: 'draft', version: 2, publishedAt: null });
      const versions = await t.http.get(`/api/v1/cases/${caseId}/versions`).set(leadAuth).expect(200);
      expect(versions.body).toEqual([expect.objectContaining({ version: 1, status: 'published', title: clean.title })]);
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_entry WHERE subject_id = $1 ORDER BY created_at, id`,
        [caseId],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual(
        expect.arrayContaining([
          'case.created',
          'case.finding_waived',
          'case.submitted',
          'case.changes_requested',
          'case.approved',
          'case.published',
        ]),
      );
    });
  });

  describe('redacts a finding in place: a placeholder in the language of the request, the case edited like any edit', () => {
    let author: { Authorization: string };
    let caseId: string;
    const summary = 'La paciente Xóchitl Tepetla Cuautle, tel. 228 123 4567, acude por cefalea.';

    it('replaces the phone with [TELÉFONO] and the name with [NAME] when asked in English, keeping the rest', async () => {
      const { id, other } = await seminar();
      author = await sessionFor(t, other);
      caseId = (
        await t.http
          .post(`/api/v1/seminars/${id}/cases`)
          .set(author)
          .send({ title: 'Cefalea en el embarazo', summary, learningObjectives: ['Ingresó el 3-V-2024 por cefalea'] })
          .expect(201)
      ).body.id;
      const findings = (await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422)).body.findings;
      const phone = findings.find((f: { kind: string }) => f.kind === 'phone');
      const redacted = await t.http.post(`/api/v1/cases/${caseId}/findings/redact`).set(author).send(phone).expect(200);
      expect(redacted.body.summary).toBe('La paciente Xóchitl Tepetla Cuautle, tel. [TELÉFONO], acude por cefalea.');

      const name = (await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422)).body.findings.find(
        (f: { kind: string }) => f.kind === 'name',
      );
      const english = await t.http
        .post(`/api/v1/cases/${caseId}/findings/redact`)
        .set(author)
        .set('Accept-Language', 'en')
        .send(name)
        .expect(200);
      expect(english.body.summary).toBe('La paciente [NAME], tel. [TELÉFONO], acude por cefalea.');
    });

    it('refuses a finding no longer in the text, changing nothing, and redacts one in a learning objective', async () => {
      const stale = {
        field: 'summary',
        kind: 'phone',
        start: summary.indexOf('228'),
        end: summary.indexOf('228') + 12,
      };
      const refused = await t.http.post(`/api/v1/cases/${caseId}/findings/redact`).set(author).send(stale).expect(422);
      expect(refused.body.code).toBe('finding_not_found');
      const date = (await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422)).body.findings;
      expect(date).toEqual([expect.objectContaining({ field: 'learningObjectives[0]', kind: 'birth_date' })]);
      const redacted = await t.http
        .post(`/api/v1/cases/${caseId}/findings/redact`)
        .set(author)
        .send(date[0])
        .expect(200);
      expect(redacted.body.learningObjectives).toEqual(['Ingresó el [FECHA] por cefalea']);
      expect(redacted.body.summary).toBe('La paciente [NAME], tel. [TELÉFONO], acude por cefalea.');
    });

    it('lets the case be submitted once every finding is redacted, audits each redaction, and edits no case under review', async () => {
      expect((await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(200)).body.status).toBe(
        'submitted',
      );
      const again = await t.http
        .post(`/api/v1/cases/${caseId}/findings/redact`)
        .set(author)
        .send({ field: 'summary', kind: 'name', start: 0, end: 5 })
        .expect(409);
      expect(again.body.code).toBe('case_not_editable');
      const audit = await t.dataSource.query(
        `SELECT action, details->>'kind' AS kind FROM audit_entry WHERE subject_id = $1 AND action = 'case.finding_redacted' ORDER BY created_at, id`,
        [caseId],
      );
      expect(audit.map((row: { kind: string }) => row.kind)).toEqual(['phone', 'name', 'birth_date']);
    });
  });

  describe('shows cases to those who prepare the seminar, published ones to its confirmed attendees a week ahead, and nothing to anyone else', () => {
    const as = async (person: Person) => sessionFor(t, person);
    let id: string;
    let lead: Person;
    let other: Person;
    let draft: string;
    let published: string;
    let confirmed: Person;
    let accepted: Person;
    let otherSeminar: Person;
    let strangerFacilitator: Person;

    it('shows both the draft and the published case to the seminar’s facilitators', async () => {
      ({ id, lead, other } = await seminar());
      const elsewhere = await seminar();
      draft = (
        await t.http
          .post(`/api/v1/seminars/${id}/cases`)
          .set(office.auth)
          .send({ title: 'Borrador', summary: 'Texto.' })
          .expect(201)
      ).body.id;
      published = (await t.http.post(`/api/v1/seminars/${id}/cases`).set(office.auth).send(clean).expect(201)).body.id;
      await t.http.post(`/api/v1/cases/${published}/submit`).set(office.auth).expect(200);
      await t.http.post(`/api/v1/cases/${published}/review`).set(office.auth).send({ decision: 'approve' }).expect(200);
      await t.http.post(`/api/v1/cases/${published}/publish`).set(office.auth).expect(200);

      confirmed = await createPerson(t, { roles: ['attendee'] });
      accepted = await createPerson(t, { roles: ['attendee'] });
      otherSeminar = await createPerson(t, { roles: ['attendee'] });
      await enrol(t, id, confirmed.id, 'confirmed');
      await enrol(t, id, accepted.id, 'accepted');
      await enrol(t, elsewhere.id, otherSeminar.id, 'confirmed');
      strangerFacilitator = await createFacilitator(t);

      for (const who of [lead, other]) {
        const list = await t.http
          .get(`/api/v1/seminars/${id}/cases`)
          .set(await as(who))
          .expect(200);
        expect(list.body.map((c: { id: string }) => c.id)).toEqual([draft, published]);
      }
    });

    it('shows a confirmed attendee nothing a week and a day before', async () => {
      setToday(t, '2031-03-09');
      expect(
        (
          await t.http
            .get(`/api/v1/seminars/${id}/cases`)
            .set(await as(confirmed))
            .expect(200)
        ).body,
      ).toEqual([]);
      await t.http
        .get(`/api/v1/cases/${published}`)
        .set(await as(confirmed))
        .expect(404);
    });

    it('shows a confirmed attendee the published case, without its reviews, a week before; never the draft', async () => {
      setToday(t, '2031-03-10');
      expect(
        (
          await t.http
            .get(`/api/v1/seminars/${id}/cases`)
            .set(await as(confirmed))
            .expect(200)
        ).body.map((c: { id: string }) => c.id),
      ).toEqual([published]);
      expect(
        (
          await t.http
            .get(`/api/v1/cases/${published}`)
            .set(await as(confirmed))
            .expect(200)
        ).body.reviews,
      ).toEqual([]);
      expect(
        (
          await t.http
            .get(`/api/v1/cases/${draft}`)
            .set(await as(confirmed))
            .expect(404)
        ).body.code,
      ).toBe('case_not_found');
    });

    it('shows nothing to someone not confirmed, in another seminar or facilitating another one, nor the versions to an attendee', async () => {
      setToday(t, '2031-03-10');
      for (const who of [accepted, otherSeminar, strangerFacilitator]) {
        await t.http
          .get(`/api/v1/cases/${published}`)
          .set(await as(who))
          .expect(404);
        await t.http
          .get(`/api/v1/seminars/${id}/cases`)
          .set(await as(who))
          .expect(404);
      }
      await t.http
        .get(`/api/v1/cases/${published}/versions`)
        .set(await as(confirmed))
        .expect(403);
    });
  });

  it('finds approved cases in the library with Spanish full-text search, accents or not, and reuses them in a seminar of the same topic', async () => {
    const { id } = await seminar();
    const caseId = (
      await t.http
        .post(`/api/v1/seminars/${id}/cases`)
        .set(office.auth)
        .send({
          title: 'Cardiopatía isquémica en la diabetes',
          summary: 'Hombre con dolor torácico atípico y glucosa elevada; se discute la angina silenciosa.',
          learningObjectives: ['Sospechar isquemia sin dolor típico'],
        })
        .expect(201)
    ).body.id;
    const draftId = (
      await t.http
        .post(`/api/v1/seminars/${id}/cases`)
        .set(office.auth)
        .send({ title: 'Cardiopatía en borrador', summary: 'No aprobado.' })
        .expect(201)
    ).body.id;
    await t.http.post(`/api/v1/cases/${caseId}/submit`).set(office.auth).expect(200);
    await t.http.post(`/api/v1/cases/${caseId}/review`).set(office.auth).send({ decision: 'approve' }).expect(200);

    for (const q of ['cardiopatia', 'cardiopatía isquémica', 'isquemia', 'diabéticos', 'ANGINA']) {
      const found = await t.http.get('/api/v1/cases').query({ q, topic: topicId }).set(office.auth).expect(200);
      expect([q, found.body.items.map((c: { id: string }) => c.id)]).toEqual([q, [caseId]]);
    }
    expect((await t.http.get('/api/v1/cases').query({ q: 'fractura' }).set(office.auth).expect(200)).body.total).toBe(
      0,
    );
    // Browsing without search words lists the approved cases, the last approved first, never the drafts.
    const browsed = await t.http.get('/api/v1/cases').query({ topic: topicId }).set(office.auth).expect(200);
    const browsedIds = browsed.body.items.map((c: { id: string }) => c.id);
    expect([browsedIds[0], browsedIds.includes(draftId), browsed.body.total]).toEqual([
      caseId,
      false,
      browsedIds.length,
    ]);

    const again = await seminar(topicId, '2031-04-07');
    const copy = await t.http
      .post(`/api/v1/seminars/${again.id}/cases/reuse`)
      .set(await sessionFor(t, again.lead))
      .send({ caseId })
      .expect(201);
    expect(copy.body).toMatchObject({
      status: 'approved',
      sourceCaseId: caseId,
      seminarId: again.id,
      title: 'Cardiopatía isquémica en la diabetes',
    });
    const otherTopic = await seminar((await createTopic(t, { minimumAttendees: 1 })).id, '2031-05-05');
    expect(
      (await t.http.post(`/api/v1/seminars/${otherTopic.id}/cases/reuse`).set(office.auth).send({ caseId }).expect(422))
        .body.code,
    ).toBe('case_reuse_not_allowed');
  });
});
