import {
  createNetwork,
  createPerson,
  createSeminar,
  createUnit,
  createVenue,
  PASSWORD,
  signedInAs,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { recipientsOf, startSmtp, type TestSmtp } from '../support/smtp';
import { setToday } from '../support/test-app';

/**
 * The invitation mail's link, opened on a phone where the physician is not signed in: the page
 * shows the seminar, one tap answers, and opening the link never answered anything by itself.
 */
describe('Web: answering an invitation and a release request from the mail', () => {
  let web: WebApp;
  let smtp: TestSmtp;
  let office: SignedIn;
  let networkId: string;
  let unitId: string;
  let manager: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtp();
    web = await createWebApp({ SMTP_URL: smtp.url });
    office = await signedInAs(web, ['office']);
    networkId = (await createNetwork(web)).id;
    unitId = (await createUnit(web, networkId)).id;
    manager = await signedInAs(web, ['manager'], { unitId, fullName: 'Dra. Rosa Méndez' });
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await smtp?.close();
  });

  beforeEach(() => setToday(web, '2031-03-03'));

  async function invitationMail(locale: 'es' | 'en') {
    const { id: seminarId, title } = await createSeminar(web, {
      office,
      networkId,
      topic: { minimumAttendees: 1 },
      venueId: (await createVenue(web, networkId, 100)).id,
      startDate: '2031-03-17',
      capacity: 20,
      status: 'open',
    });
    const person = await createPerson(web, { roles: ['attendee'], unitId, locale });
    const [enrolment] = (
      await web.http
        .post(`/api/v1/seminars/${seminarId}/enrolments`)
        .set(office.auth)
        .send({ personIds: [person.id] })
        .expect(201)
    ).body;
    const [mail] = await smtp.waitFor((m) => recipientsOf(m).includes(person.email));
    const links = [...(mail.text ?? '').matchAll(/https?:\/\/\S+\/inscripciones\/\S+/g)].map((m) => m[0]);
    return { enrolmentId: enrolment.id as string, links, person: person.fullName, email: person.email, title };
  }

  const statusOf = async (enrolmentId: string) =>
    (await web.dataSource.query(`SELECT status FROM enrolment WHERE id = $1`, [enrolmentId]))[0].status;

  it('accepts with one tap on a phone where the physician is not signed in, and her manager releases her from their own mail', async () => {
    const { enrolmentId, links, person, email, title } = await invitationMail('es');
    const accept = links.find((l) => l.includes('accion=aceptar'))!;
    expect(accept.startsWith(web.baseUrl)).toBe(true);
    const context = await newPhone(web);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(accept);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('lunes, 17 de marzo de 2031, de 08:00 a 16:00').waitFor();
    await expectAccessible(page);
    // Opening the link answered nothing.
    expect(await statusOf(enrolmentId)).toBe('invited');

    const button = page.getByRole('button', { name: 'Acepto' });
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await button.tap();
    await page.getByText('Aceptó. Le pediremos a su jefe o jefa que lo libere esos días').waitFor();
    expect(await statusOf(enrolmentId)).toBe('accepted');
    await page.getByRole('link', { name: 'Elegir mi contraseña' }).waitFor();
    await expectAccessible(page);

    // The link has done its work: opened again it says so, and offers to sign in.
    await page.reload();
    await page.getByRole('alert').getByText('Este enlace ya no funciona').waitFor();
    await page.getByRole('link', { name: 'Entrar' }).first().waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();

    // Her manager releases her from the link of their own mail, on their own phone.
    const [mail] = await smtp.waitFor(
      (m) =>
        recipientsOf(m).includes(manager.person.email) &&
        /liberaciones/.test(m.text ?? '') &&
        (m.text ?? '').includes(person),
    );
    const releaseLink = /https?:\/\/\S+\/liberaciones\/\S+/.exec(mail.text ?? '')![0];
    const managerPhone = await newPhone(web);
    const managerPage = await managerPhone.newPage();
    await managerPage.goto(releaseLink);
    await managerPage.getByRole('heading', { level: 1, name: person }).waitFor();
    await managerPage.getByText('lunes, 17 de marzo de 2031: 0 personas de la unidad ya ausentes').waitFor();
    await expectAccessible(managerPage);
    await managerPage.getByRole('button', { name: 'No puedo liberarlo' }).tap();
    await managerPage.getByRole('button', { name: 'Rechazar la liberación' }).tap();
    await managerPage.locator('textarea[aria-invalid="true"]').waitFor();
    await expectAccessible(managerPage);
    await managerPage.getByRole('button', { name: 'Volver' }).tap();
    await managerPage.getByRole('button', { name: 'Lo libero' }).tap();
    await managerPage.getByText('Lo liberó: su lugar está confirmado.').waitFor();
    expect(await statusOf(enrolmentId)).toBe('confirmed');
    await managerPhone.close();

    // Signed in on her phone, her home shows the seminar confirmed among the coming ones.
    const own = await newPhone(web);
    const home = await own.newPage();
    await home.goto('/entrar');
    await home.getByLabel('Correo electrónico').fill(email);
    await home.getByLabel(/^Contraseña/).fill(PASSWORD);
    await home.getByRole('button', { name: 'Entrar' }).last().tap();
    await home.getByRole('heading', { name: 'Próximos seminarios' }).waitFor();
    const coming = home
      .getByRole('paragraph')
      .filter({ hasText: title })
      .or(home.getByRole('link', { name: title }));
    await coming.first().waitFor();
    await home.getByText('Confirmada', { exact: true }).waitFor();
    await expectAccessible(home);
    await own.close();
  }, 120_000);

  it('declines with a reason, in English', async () => {
    const { enrolmentId, links } = await invitationMail('en');
    const decline = links.find((l) => l.includes('accion=rechazar'))!;
    const context = await newPhone(web, 'en');
    const page = await context.newPage();
    await page.goto(decline);
    await page.getByLabel('Reason (optional)').fill('On call at the health centre that week');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Decline the invitation' }).tap();
    await page.getByText('You declined this invitation.').waitFor();
    const [row] = await web.dataSource.query(`SELECT status, reason FROM enrolment WHERE id = $1`, [enrolmentId]);
    expect(row).toEqual({ status: 'declined', reason: 'On call at the health centre that week' });
    await expectAccessible(page);
    await context.close();
  }, 90_000);

  it('sends whoever opens the page without the link’s token to sign in, and back', async () => {
    const { links } = await invitationMail('es');
    const bare = links[0].split('#')[0];
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto(bare);
    await page.waitForURL(/\/entrar\?next=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('next')!)).toBe(
      new URL(bare).pathname + new URL(bare).search,
    );
    await context.close();
  }, 60_000);
  it('lists a signed-in manager’s pending releases, and decides one from the list', async () => {
    const { enrolmentId, links, person } = await invitationMail('es');
    const token = links[0].split('#')[1];
    await web.http.post(`/api/v1/enrolments/${enrolmentId}/accept`).set({ 'X-Puente-Link': token }).expect(200);
    const context = await newPhone(web);
    const page = await context.newPage();
    await page.goto('/liberaciones');
    await page.waitForURL(/\/entrar\?next=%2Fliberaciones/);
    await page.getByLabel('Correo electrónico').fill(manager.person.email);
    await page.getByLabel(/^Contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).last().tap();
    await page.getByRole('heading', { level: 1, name: 'Liberaciones por decidir' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: person }).tap();
    await page.getByRole('button', { name: 'Lo libero' }).tap();
    await page.getByText('Lo liberó: su lugar está confirmado.').waitFor();
    expect(await statusOf(enrolmentId)).toBe('confirmed');
    await context.close();
  }, 90_000);
});
