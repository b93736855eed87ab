import { randomBytes, randomInt } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { PeopleInvitationsService } from '../src/modules/directory/people-invitations.service';
import type { Unit } from '../src/modules/directory/unit.entity';
import type { Person } from '../src/modules/identity/person.entity';
import { createNetwork, createPerson, createUnit, signedInAs, type SignedIn } from './support/factories';
import { recipientsOf, sentTo, startSmtp, type TestSmtp } from './support/smtp';
import { createTestApp, type TestApp } from './support/test-app';

const HEADER = 'full_name,email,licence_number,phone,unit_code,specialty_code,roles,locale';
const WELCOME = /^Su cuenta de Puente está lista$/;
const NEW_PASSWORD = 'Cafetal-de-Coatepec-2031';

/** The token of the set-password link in an account-created mail. */
function tokenOf(mail: ParsedMail): string {
  const match = /https:\/\/puente\.example\/restablecer-contrasena\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!match) throw new Error(`no set-password link in: ${mail.text}`);
  return match[1];
}

/**
 * Account invitations: the people an import creates are mailed a link to choose their password,
 * and the office can invite again one person or everyone who has not chosen one yet.
 */
describe(PeopleInvitationsService.name, () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let office: SignedIn;
  let unit: Unit;
  let nextLicence = randomInt(100_000_000, 900_000_000);
  const licence = () => String(nextLicence++);
  const tag = () => randomBytes(3).toString('hex');

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://puente.example' });
    office = await signedInAs(t, ['office']);
    unit = await createUnit(t, (await createNetwork(t)).id, 'primary');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  function importPeople(csv: string, query: Record<string, string> = {}) {
    return t.http
      .post('/api/v1/people/import')
      .query(query)
      .set(office.auth)
      .attach('file', Buffer.from(csv, 'utf8'), 'personas.csv');
  }

  const mailsTo = (email: string) => smtp.received.filter((mail) => recipientsOf(mail).includes(email));

  async function personByEmail(email: string) {
    const found = await t.http.get('/api/v1/people').query({ q: email }).set(office.auth).expect(200);
    expect(found.body.items).toHaveLength(1);
    return found.body.items[0] as { id: string; hasPassword: boolean; invitedAt: string | null };
  }

  async function outboxOf(email: string): Promise<unknown[]> {
    const outbox = await t.http.get('/api/v1/outbox').query({ recipient: email }).set(office.auth).expect(200);
    return outbox.body.items;
  }

  function setPassword(token: string) {
    return t.http.post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
  }

  /**
   * Invitation jobs are taken in the order they were queued: once the mail of a person imported
   * afterwards has arrived, whatever an earlier request had queued has been sent too.
   */
  async function afterQueuedInvitations(): Promise<void> {
    const email = `testigo.${tag()}@salud.example`;
    await importPeople(`${HEADER}\nTestigo ${tag()},${email},${licence()},,,,attendee,es\n`, { commit: 'true' }).expect(
      200,
    );
    await smtp.waitFor(sentTo(email, WELCOME));
  }

  /** The minute that keeps a second click from inviting again has passed. */
  async function aMinuteLater(personId: string): Promise<void> {
    await t.dataSource.query(`UPDATE person SET invited_at = invited_at - interval '2 minutes' WHERE id = $1`, [
      personId,
    ]);
  }

  it('mails each person a committed import creates a link with which they choose a password and sign in', async () => {
    const suffix = tag();
    const ana = `ana.${suffix}@salud.example`;
    const bob = `bob.${suffix}@salud.example`;
    const csv = [
      HEADER,
      `Ana Núñez ${suffix},${ana},${licence()},,${unit.code},,attendee,es`,
      `Bob Smith ${suffix},${bob},${licence()},,${unit.code},,facilitator,en`,
    ].join('\n');

    const report = await importPeople(csv, { commit: 'true' }).expect(200);
    expect(report.body).toMatchObject({ committed: true, invited: 2, summary: { created: 2 } });

    const [spanish] = await smtp.waitFor(sentTo(ana, WELCOME));
    expect(spanish.text).toContain(`Hola, Ana Núñez ${suffix}:`);
    expect(spanish.text).toContain('El enlace vence en 7 días.');
    const [english] = await smtp.waitFor(sentTo(bob, /^Your Puente account is ready$/));
    expect(english.text).toContain('The link expires in 7 days.');

    const before = await personByEmail(ana);
    expect(before).toMatchObject({ hasPassword: false, invitedAt: expect.any(String) });
    await t.http.post('/api/v1/auth/login').send({ email: ana, password: NEW_PASSWORD }).expect(401);

    await setPassword(tokenOf(spanish)).expect(204);
    const login = await t.http.post('/api/v1/auth/login').send({ email: ana, password: NEW_PASSWORD }).expect(200);
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: ana, hasPassword: true });
    expect((await personByEmail(ana)).hasPassword).toBe(true);
    expect((await personByEmail(bob)).hasPassword).toBe(false);
  });

  it('sends nothing for a dry run, which says how many the commit would invite', async () => {
    const suffix = tag();
    const emails = [`carla.${suffix}@salud.example`, `dario.${suffix}@salud.example`];
    const csv = [HEADER, ...emails.map((email, at) => `Persona ${at} ${suffix},${email},${licence()},,,,attendee,es`)];

    const report = await importPeople(csv.join('\n')).expect(200);
    expect(report.body).toMatchObject({ committed: false, invited: 2, summary: { created: 2 } });

    await afterQueuedInvitations();
    for (const email of emails) {
      expect(mailsTo(email)).toEqual([]);
      expect(await outboxOf(email)).toEqual([]);
    }
  });

  it('does not invite again the people a file updates, nor anyone with sendInvitations=false', async () => {
    const suffix = tag();
    const existing = await createPerson(t, { email: `elsa.${suffix}@salud.example`, password: null });
    const quiet = `fede.${suffix}@salud.example`;
    const csv = [
      HEADER,
      `Elsa Ríos ${suffix},${existing.email},${existing.licenceNumber},228 100 2000,${unit.code},,attendee,es`,
    ].join('\n');

    const report = await importPeople(csv, { commit: 'true' }).expect(200);
    expect(report.body).toMatchObject({ invited: 0, summary: { updated: 1, created: 0 } });
    const withoutMail = await importPeople(`${HEADER}\nFede Luna ${suffix},${quiet},${licence()},,,,attendee,es\n`, {
      commit: 'true',
      sendInvitations: 'false',
    }).expect(200);
    expect(withoutMail.body).toMatchObject({ invited: 0, summary: { created: 1 } });

    await afterQueuedInvitations();
    for (const email of [existing.email, quiet]) {
      expect(mailsTo(email)).toEqual([]);
      expect(await personByEmail(email)).toMatchObject({ hasPassword: false, invitedAt: null });
    }
  });

  it('mails nobody twice when an invitation job runs again, as after a worker died', async () => {
    const email = `gala.${tag()}@salud.example`;
    await importPeople(`${HEADER}\nGala Paz,${email},${licence()},,,,attendee,es\n`, { commit: 'true' }).expect(200);
    await smtp.waitFor(sentTo(email, WELCOME));
    const { id } = await personByEmail(email);

    // The job taken up again by another worker: the same people, the same data.
    await t.dataSource.transaction((manager) => t.app.get(PeopleInvitationsService).queue(manager, [id]));
    await afterQueuedInvitations();
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('invites one person again with a new link that replaces the earlier one; a second click sends nothing', async () => {
    const person = await createPerson(t, { fullName: 'Hilda Mora', password: null });
    expect((await personByEmail(person.email)).invitedAt).toBeNull();

    const first = await t.http.post(`/api/v1/people/${person.id}/invitation`).set(office.auth).expect(202);
    expect(first.body).toEqual({ invited: 1, invitedAt: expect.any(String) });
    const [firstMail] = await smtp.waitFor(sentTo(person.email, WELCOME));
    expect((await personByEmail(person.email)).invitedAt).toBe(first.body.invitedAt);

    const doubleClick = await t.http.post(`/api/v1/people/${person.id}/invitation`).set(office.auth).expect(202);
    expect(doubleClick.body).toEqual({ invited: 0, invitedAt: first.body.invitedAt });

    await aMinuteLater(person.id);
    const again = await t.http.post(`/api/v1/people/${person.id}/invitation`).set(office.auth).expect(202);
    expect(again.body.invited).toBe(1);
    const mails = await smtp.waitFor(sentTo(person.email, WELCOME), 2);
    expect(mails).toHaveLength(2);

    const stale = await setPassword(tokenOf(firstMail)).expect(422);
    expect(stale.body.code).toBe('password_reset_token_invalid');
    await setPassword(tokenOf(mails[1])).expect(204);
    await t.http.post('/api/v1/auth/login').send({ email: person.email, password: NEW_PASSWORD }).expect(200);
  });

  it('invites again everyone of a unit without a password, leaving out who has one or is deactivated', async () => {
    const suffix = tag();
    const here = await createUnit(t, unit.networkId, 'primary');
    const elsewhere = await createUnit(t, unit.networkId, 'primary');
    const waiting = await createPerson(t, { unitId: here.id, password: null });
    const signedUp = await createPerson(t, { unitId: here.id });
    const deactivated = await createPerson(t, { unitId: here.id, password: null, active: false });
    const otherUnit = await createPerson(t, { unitId: elsewhere.id, password: null });
    const imported = `ines.${suffix}@salud.example`;
    await importPeople(`${HEADER}\nInés Gil ${suffix},${imported},${licence()},,${here.code},,attendee,es\n`, {
      commit: 'true',
      sendInvitations: 'false',
    }).expect(200);

    const withoutPassword = await t.http
      .get('/api/v1/people')
      .query({ unitId: here.id, hasPassword: 'false', sort: 'email' })
      .set(office.auth)
      .expect(200);
    expect(withoutPassword.body.items.map((person: Person) => person.email).sort()).toEqual(
      [waiting.email, deactivated.email, imported].sort(),
    );

    const sent = await t.http.post('/api/v1/people/invitations').set(office.auth).send({ unitId: here.id }).expect(202);
    expect(sent.body).toEqual({ invited: 2 });
    await smtp.waitFor(sentTo(waiting.email, WELCOME));
    await smtp.waitFor(sentTo(imported, WELCOME));
    const secondClick = await t.http
      .post('/api/v1/people/invitations')
      .set(office.auth)
      .send({ unitId: here.id })
      .expect(202);
    expect(secondClick.body).toEqual({ invited: 0 });

    // The mail of everyone invited together is written in one transaction: it is all there by now.
    for (const left of [signedUp, deactivated, otherUnit]) expect(await outboxOf(left.email)).toEqual([]);
    await afterQueuedInvitations();
    expect(mailsTo(waiting.email)).toHaveLength(1);
    expect(mailsTo(imported)).toHaveLength(1);
    expect((await personByEmail(waiting.email)).invitedAt).toEqual(expect.any(String));
    expect((await personByEmail(signedUp.email)).invitedAt).toBeNull();
  });

  it('refuses with a problem, and changes nothing, for an unknown person, a password already set, a deactivated person', async () => {
    const unknown = await t.http
      .post('/api/v1/people/00000000-0000-4000-8000-000000000000/invitation')
      .set(office.auth)
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ code: 'person_not_found', type: 'urn:puente:problem:person_not_found' });

    const signedUp = await createPerson(t);
    const hasPassword = await t.http.post(`/api/v1/people/${signedUp.id}/invitation`).set(office.auth).expect(409);
    expect(hasPassword.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(hasPassword.body).toMatchObject({ code: 'password_already_set', status: 409 });
    expect(hasPassword.body.detail).toContain('ya eligió su contraseña');

    const deactivated = await createPerson(t, { password: null, active: false });
    const refused = await t.http
      .post(`/api/v1/people/${deactivated.id}/invitation`)
      .set(office.auth)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'person_deactivated' });
    expect(refused.body.detail).toBe('This person is deactivated. Reactivate them before inviting them.');

    for (const person of [signedUp, deactivated]) {
      expect(await outboxOf(person.email)).toEqual([]);
      expect((await personByEmail(person.email)).invitedAt).toBeNull();
    }
  });

  it('is for the office only', async () => {
    const person = await createPerson(t, { unitId: unit.id, password: null });
    for (const roles of [['manager'], ['facilitator'], ['attendee']] as const) {
      const caller = await signedInAs(t, [...roles], { unitId: unit.id });
      const one = await t.http.post(`/api/v1/people/${person.id}/invitation`).set(caller.auth).expect(403);
      expect(one.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(one.body.code).toBe('forbidden');
      const all = await t.http.post('/api/v1/people/invitations').set(caller.auth).send({}).expect(403);
      expect(all.body.code).toBe('forbidden');
    }
    await t.http.post(`/api/v1/people/${person.id}/invitation`).expect(401);
    expect(await outboxOf(person.email)).toEqual([]);
    expect((await personByEmail(person.email)).invitedAt).toBeNull();
  });
});
