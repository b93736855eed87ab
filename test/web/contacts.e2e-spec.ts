import type { Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  PASSWORD,
  sessionFor,
  signedInAs,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setToday } from '../support/test-app';

const START = '2031-03-17';

/**
 * Contacts that last after the seminar, on a phone: a facilitator shares her WhatsApp, her
 * attendee finds it as a WhatsApp link (and nothing she did not share), and once she withdraws it
 * it is gone on the next load.
 */
describe('Web: my contacts', () => {
  let web: WebApp;
  let facilitator: Person;
  let attendee: Person;
  let colleague: Person;

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-01-10');
    const office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    const hospital = await createUnit(web, networkId, 'secondary', { name: 'Hospital General de Xalapa' });
    facilitator = await createFacilitator(web, 'gynecology_obstetrics', {
      fullName: 'Dra. Marisol Herrera Cruz',
      unitId: hospital.id,
    });
    attendee = await createPerson(web, { fullName: 'Rosa Elena Domínguez Xolo' });
    colleague = await createPerson(web, { fullName: 'Alan Ruiz Méndez', locale: 'en' });
    await web.http
      .patch('/api/v1/me')
      .set(await sessionFor(web, facilitator))
      .send({ phone: '228 812 3400' })
      .expect(200);
    await createSeminar(web, {
      office,
      networkId,
      topic: { minimumAttendees: 1, requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }] },
      startDate: START,
      facilitators: [facilitator],
      confirmed: [attendee, colleague],
      status: 'confirmed',
    });
    // The seminar's first day.
    setToday(web, START);
  }, 120_000);

  afterAll(() => web?.close());

  async function phone(locale: 'es-MX' | 'en' = 'es-MX'): Promise<Page> {
    const context = await newPhone(web, locale);
    await context.clock.setFixedTime(new Date(`${START}T18:00:00Z`));
    return context.newPage();
  }

  async function signIn(page: Page, person: Person, button: string) {
    await page.goto('/contactos');
    await page.waitForURL(/\/entrar\?next=/);
    await page.getByLabel(/^(Correo electrónico|Email)/).fill(person.email);
    await page.getByLabel(/^(Contraseña|Password)/).fill(PASSWORD);
    await page.getByRole('button', { name: button }).last().tap();
  }

  it('shares a WhatsApp the attendee sees as a link, alone, until it is withdrawn', async () => {
    const specialist = await phone();
    const specialistErrors = pageErrors(specialist);
    await signIn(specialist, facilitator, 'Entrar');
    await specialist.getByRole('heading', { level: 1, name: 'Mis contactos' }).waitFor();
    const participants = specialist.getByRole('region', { name: 'Mis participantes' });
    await participants.getByText('Aquí aparecerán', { exact: false }).waitFor();
    await specialist.getByText('Lo ven solo las personas de sus seminarios', { exact: false }).waitFor();
    await expectAccessible(specialist);

    await specialist.getByRole('switch', { name: 'WhatsApp' }).check();
    await specialist.getByLabel(/^Número de WhatsApp/).fill('228 123 4567');
    await expectAccessible(specialist);
    await specialist.getByRole('button', { name: 'Guardar' }).tap();
    await specialist.getByRole('status').getByText('Guardado.', { exact: false }).waitFor();
    await expect(specialist.getByLabel(/^Número de WhatsApp/).inputValue()).resolves.toBe('+522281234567');

    const physician = await phone();
    const physicianErrors = pageErrors(physician);
    await signIn(physician, attendee, 'Entrar');
    const specialists = physician.getByRole('region', { name: 'Mis especialistas' });
    const card = specialists.getByRole('listitem').filter({ hasText: 'Dra. Marisol Herrera Cruz' });
    await card.getByText('Ginecología y obstetricia').waitFor();
    await card.getByText('Hospital General de Xalapa').waitFor();
    await card.getByText('Seminario:', { exact: false }).waitFor();
    const whatsapp = card.getByRole('link', { name: 'WhatsApp' });
    expect(await whatsapp.getAttribute('href')).toBe('https://wa.me/522281234567');
    // Her work phone and email are not shared: no link, and not on the page at all.
    expect(await card.getByRole('link').count()).toBe(1);
    const text = await physician.locator('body').innerText();
    expect(text).not.toContain('228 812 3400');
    expect(text).not.toContain(facilitator.email);
    await expectAccessible(physician);

    await specialist.getByRole('switch', { name: 'WhatsApp' }).uncheck();
    await specialist.getByRole('button', { name: 'Guardar' }).tap();
    await specialist.getByRole('status').getByText('Guardado.', { exact: false }).waitFor();

    await physician.reload();
    await physician
      .getByRole('region', { name: 'Mis especialistas' })
      .getByText('Aquí aparecerán', { exact: false })
      .waitFor();
    expect(await physician.getByRole('link', { name: 'WhatsApp' }).count()).toBe(0);
    await expectAccessible(physician);
    expect(specialistErrors).toEqual([]);
    expect(physicianErrors).toEqual([]);
    await specialist.context().close();
    await physician.context().close();
  }, 120_000);

  it('in English, explains who sees what and puts a wrong number beside its field', async () => {
    const page = await phone('en');
    const errors = pageErrors(page);
    await signIn(page, colleague, 'Sign in');
    await page.getByRole('heading', { level: 1, name: 'My contacts' }).waitFor();
    await page.getByText('Only the specialists of your seminars see it', { exact: false }).waitFor();
    await page
      .getByRole('region', { name: 'My specialists' })
      .getByText('will appear here', { exact: false })
      .waitFor();
    // A physician's profile without a phone: the work phone cannot be shared until it is added there.
    await expect(page.getByRole('switch', { name: 'Work phone' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Add it on my profile' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('switch', { name: 'Mobile' }).check();
    await page.getByLabel(/^Mobile number/).fill('12 34');
    await page.getByRole('button', { name: 'Save' }).tap();
    await page.getByText('Write 10 digits, or + and the country code', { exact: false }).waitFor();
    await expect(page.getByLabel(/^Mobile number/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);
    const stored = await web.dataSource.query('SELECT 1 FROM contact_sharing WHERE person_id = $1', [colleague.id]);
    expect(stored).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
