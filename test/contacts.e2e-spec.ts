import type { Response, Test } from 'supertest';
import type { Person } from '../src/modules/identity/person.entity';
import { ContactsService } from '../src/modules/contacts/contacts.service';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  sessionFor,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

const START = '2031-03-17';
const TOPIC = { minimumAttendees: 1, requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }] };

/** Everything F keeps to herself, as typed and as digits: it must never reach anyone else. */
const F_MOBILE = '228 765 4321';
const F_WORK_PHONE = '228 812 3400';
const F_WHATSAPP = '228 123 4567';

type Auth = { Authorization: string };

describe('Contacts that last after the seminar', () => {
  let t: TestApp;
  let office: SignedIn;
  let seminar: PlannedSeminar;
  let other: PlannedSeminar;
  /** The gynaecologist who facilitates the seminar of `attendee`. */
  let facilitator: Person;
  /** A specialist of the hospital the attendee's unit refers to, who co-facilitates her seminar. */
  let referral: Person;
  /** Another specialist of that hospital, in no seminar of hers. */
  let unmet: Person;
  /** The facilitator of another seminar. */
  let stranger: Person;
  let attendee: Person;
  /** An attendee of the other seminar, whose unit refers nowhere. */
  let outsider: Person;
  const auth = new Map<string, Auth>();
  /** The text of every answer given to anyone but the facilitator herself, and whether to the office. */
  const othersSaw: { office: boolean; text: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    setToday(t, '2031-01-10');
    office = await signedInAs(t, ['office']);
    const networkId = (await createNetwork(t)).id;
    const general = await createUnit(t, networkId, 'secondary', { name: 'Hospital General de Xalapa' });
    const regional = await createUnit(t, networkId, 'secondary', { name: 'Hospital Regional de Coatepec' });
    const unit = await createUnit(t, networkId, 'primary', {
      name: 'Centro de Salud Xalapa Norte',
      referralHospitals: [regional],
    });
    const elsewhere = await createUnit(t, networkId, 'primary', { name: 'Centro de Salud Banderilla' });
    facilitator = await createFacilitator(t, 'gynecology_obstetrics', {
      fullName: 'Dra. Marisol Herrera Cruz',
      email: 'marisol.herrera@salud.example',
      unitId: general.id,
    });
    referral = await createFacilitator(t, 'internal_medicine', {
      fullName: 'Dr. Iván Landa Ruiz',
      unitId: regional.id,
    });
    unmet = await createFacilitator(t, 'internal_medicine', { fullName: 'Dr. Tomás Ortega Vela', unitId: regional.id });
    stranger = await createFacilitator(t, 'gynecology_obstetrics', {
      fullName: 'Dra. Julia Báez Solís',
      unitId: general.id,
    });
    attendee = await createPerson(t, { fullName: 'Rosa Elena Domínguez Xolo', unitId: unit.id });
    outsider = await createPerson(t, { fullName: 'Alan Ruiz Méndez', unitId: elsewhere.id });
    for (const person of [facilitator, referral, unmet, stranger, attendee, outsider])
      auth.set(person.id, await sessionFor(t, person));
    await t.http.patch('/api/v1/me').set(auth.get(facilitator.id)!).send({ phone: F_WORK_PHONE }).expect(200);

    seminar = await createSeminar(t, {
      office,
      networkId,
      topic: TOPIC,
      startDate: START,
      facilitators: [facilitator, referral],
      confirmed: [attendee],
      status: 'confirmed',
    });
    other = await createSeminar(t, {
      office,
      networkId,
      topic: TOPIC,
      startDate: '2031-02-03',
      facilitators: [stranger],
      confirmed: [outsider],
      status: 'in_progress',
    });
    setToday(t, '2031-03-10');
  }, 120_000);
  afterAll(() => t.close());

  /** A request as `person`, whose answer is kept for the last check when it is not the facilitator's. */
  function call(person: Person | SignedIn, method: 'get' | 'put', path: string, body?: object): Test {
    const id = 'person' in person ? person.person.id : person.id;
    const headers = 'auth' in person ? person.auth : auth.get(id)!;
    const base = t.http[method](`/api/v1${path}`).set(headers);
    const request = body ? base.send(body) : base;
    return request.expect((response: Response) => {
      if (id !== facilitator.id) othersSaw.push({ office: id === office.person.id, text: response.text });
    });
  }

  const share = (person: Person, body: object) => call(person, 'put', '/me/contact-sharing', body);
  const contactsOf = async (person: Person) => (await call(person, 'get', '/me/contacts').expect(200)).body;
  const NOTHING = { shareWorkPhone: false, shareMobile: false, shareWhatsapp: false, shareEmail: false };

  const digits = (value: string) => value.replace(/\D/g, '');
  function expectNone(text: string, values: string[]) {
    for (const value of values) {
      expect(text).not.toContain(value);
      if (/\d/.test(value)) expect(text.replace(/\D/g, '')).not.toContain(digits(value));
    }
  }

  const auditOf = (person: Person) =>
    t.dataSource.query(
      `SELECT action, actor_id AS "actorId", details FROM audit_entry
        WHERE subject_type = 'person' AND subject_id = $1 AND action LIKE 'contact.%' ORDER BY id`,
      [person.id],
    );

  describe('choosing what I share', () => {
    it('shares nothing until the person chooses', async () => {
      const response = await call(facilitator, 'get', '/me/contact-sharing').expect(200);
      expect(response.body).toEqual({
        workPhone: F_WORK_PHONE,
        email: 'marisol.herrera@salud.example',
        mobile: null,
        whatsapp: null,
        ...NOTHING,
      });
    });

    it('refuses a number that is not one, beside its field, and changes nothing', async () => {
      const response = await share(facilitator, { ...NOTHING, shareWhatsapp: true, whatsapp: '52 228 123' }).expect(
        400,
      );
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors).toEqual([
        { field: 'whatsapp', message: expect.stringContaining('+52 228 123 4567') },
      ]);
      expect((await call(facilitator, 'get', '/me/contact-sharing').expect(200)).body).toMatchObject({
        whatsapp: null,
        shareWhatsapp: false,
      });
      expect(await auditOf(facilitator)).toEqual([]);
    });

    it('refuses to share a channel that has no value, and changes nothing', async () => {
      const noNumber = await share(facilitator, { ...NOTHING, shareMobile: true, shareEmail: true }).expect(422);
      expect(noNumber.body.code).toBe('contact_channel_without_value');
      expect(noNumber.body.errors).toEqual([{ field: 'mobile', message: expect.any(String) }]);
      // The attendee's profile has no work phone.
      const noPhone = await share(attendee, { ...NOTHING, shareWorkPhone: true }).expect(422);
      expect(noPhone.body.errors).toEqual([{ field: 'shareWorkPhone', message: expect.any(String) }]);
      expect((await call(facilitator, 'get', '/me/contact-sharing').expect(200)).body).toMatchObject(NOTHING);
      expect(await auditOf(facilitator)).toEqual([]);
      expect(await auditOf(attendee)).toEqual([]);
    });

    it('keeps the numbers in international form and shares only the channels chosen', async () => {
      const response = await share(facilitator, {
        ...NOTHING,
        shareWhatsapp: true,
        whatsapp: F_WHATSAPP,
        mobile: `(${F_MOBILE.slice(0, 3)}) ${F_MOBILE.slice(4)}`,
      }).expect(200);
      expect(response.body).toEqual({
        workPhone: F_WORK_PHONE,
        email: 'marisol.herrera@salud.example',
        mobile: '+522287654321',
        whatsapp: '+522281234567',
        ...NOTHING,
        shareWhatsapp: true,
      });
      await share(attendee, { ...NOTHING, shareEmail: true }).expect(200);
      await share(referral, { ...NOTHING, shareMobile: true, mobile: '+52 228 555 0101' }).expect(200);
      await share(stranger, { ...NOTHING, shareEmail: true }).expect(200);
      await share(unmet, { ...NOTHING, shareEmail: true }).expect(200);
      await share(outsider, { ...NOTHING, shareWhatsapp: true, whatsapp: '229 444 5566' }).expect(200);
    });
  });

  describe(`seeing the contacts (${ContactsService.name})`, () => {
    it('shows an attendee nothing before their seminar starts', async () => {
      expect(await contactsOf(attendee)).toEqual({ specialists: [], participants: [] });
      expect(await contactsOf(facilitator)).toEqual({ specialists: [], participants: [] });
    });

    it('from its first day, shows the attendee the specialists with only the channels each shares', async () => {
      setToday(t, START);
      const contacts = await contactsOf(attendee);
      expect(contacts).toEqual({
        participants: [],
        specialists: [
          {
            personId: referral.id,
            fullName: 'Dr. Iván Landa Ruiz',
            specialty: expect.objectContaining({ code: 'internal_medicine' }),
            unitName: 'Hospital Regional de Coatepec',
            referralHospital: true,
            seminars: [{ id: seminar.id, title: seminar.title, startDate: START }],
            channels: [{ channel: 'mobile', value: '+522285550101', href: 'tel:+522285550101' }],
          },
          {
            personId: facilitator.id,
            fullName: 'Dra. Marisol Herrera Cruz',
            specialty: expect.objectContaining({ code: 'gynecology_obstetrics' }),
            unitName: 'Hospital General de Xalapa',
            referralHospital: false,
            seminars: [{ id: seminar.id, title: seminar.title, startDate: START }],
            channels: [{ channel: 'whatsapp', value: '+522281234567', href: 'https://wa.me/522281234567' }],
          },
        ],
      });
      // A specialist of the referral hospital whom she never met in a seminar is not hers to call.
      expectNone(JSON.stringify(contacts), [F_MOBILE, F_WORK_PHONE, 'marisol.herrera', 'Ortega', unmet.email]);
    });

    it('shows the facilitator the confirmed attendees of her seminar, with their unit', async () => {
      expect(await contactsOf(facilitator)).toEqual({
        specialists: [],
        participants: [
          {
            personId: attendee.id,
            fullName: 'Rosa Elena Domínguez Xolo',
            specialty: null,
            unitName: 'Centro de Salud Xalapa Norte',
            referralHospital: false,
            seminars: [{ id: seminar.id, title: seminar.title, startDate: START }],
            channels: [{ channel: 'email', value: attendee.email, href: `mailto:${attendee.email}` }],
          },
        ],
      });
    });

    it('gives the people of another seminar nothing of hers, only their own seminar’s', async () => {
      const contacts = await contactsOf(outsider);
      expect(contacts.specialists.map((c: { fullName: string }) => c.fullName)).toEqual(['Dra. Julia Báez Solís']);
      expect(contacts.specialists[0].seminars).toEqual([{ id: other.id, title: other.title, startDate: '2031-02-03' }]);
      expectNone(JSON.stringify(contacts), [F_WHATSAPP, F_MOBILE, 'Herrera', attendee.email]);
      const stranger_ = await contactsOf(stranger);
      expect(stranger_.participants.map((c: { fullName: string }) => c.fullName)).toEqual(['Alan Ruiz Méndez']);
      expectNone(JSON.stringify(stranger_), [F_WHATSAPP, attendee.email]);
    });

    it('gives the office nothing: no route, and no number in the directory', async () => {
      for (const path of ['/me/contacts', '/me/contact-sharing'])
        expect((await call(office, 'get', path).expect(403)).body.code).toBe('forbidden');
      await call(office, 'put', '/me/contact-sharing', { ...NOTHING, shareEmail: true }).expect(403);
      const person = await call(office, 'get', `/people/${facilitator.id}`).expect(200);
      expect(person.body.fullName).toBe('Dra. Marisol Herrera Cruz');
      expectNone(person.text, [F_WHATSAPP, F_MOBILE]);
    });

    it('hides a withdrawn channel at once', async () => {
      await share(facilitator, { ...NOTHING, shareWhatsapp: false }).expect(200);
      const contacts = await contactsOf(attendee);
      expect(contacts.specialists.map((c: { personId: string }) => c.personId)).toEqual([referral.id]);
      expectNone(JSON.stringify(contacts), [F_WHATSAPP]);
      // The number stays hers, ready to share again.
      expect((await call(facilitator, 'get', '/me/contact-sharing').expect(200)).body).toMatchObject({
        whatsapp: '+522281234567',
        ...NOTHING,
      });
    });
  });

  describe('what is kept', () => {
    it('audits every channel shared or withdrawn, by whom, without its value', async () => {
      expect(await auditOf(facilitator)).toEqual([
        { action: 'contact.shared', actorId: facilitator.id, details: { channel: 'whatsapp' } },
        { action: 'contact.withdrawn', actorId: facilitator.id, details: { channel: 'whatsapp' } },
      ]);
      expect(await auditOf(referral)).toEqual([
        { action: 'contact.shared', actorId: referral.id, details: { channel: 'mobile' } },
      ]);
      await share(referral, { ...NOTHING, shareMobile: true, mobile: '228 555 0102' }).expect(200);
      expect((await auditOf(referral)).map((entry: { action: string }) => entry.action)).toEqual([
        'contact.shared',
        'contact.number_changed',
      ]);
    });

    it('never let her unshared numbers reach anyone else, in any answer', () => {
      expect(othersSaw.length).toBeGreaterThan(10);
      // The office keeps the directory, work phone included; the numbers she adds to share are hers alone.
      for (const { office: toOffice, text } of othersSaw)
        expectNone(text, toOffice ? [F_MOBILE] : [F_MOBILE, F_WORK_PHONE]);
    });
  });
});
