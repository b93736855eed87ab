import type { Page } from 'playwright-core';
import type { Person } from '../../src/modules/identity/person.entity';
import { buildPdf, buildPng } from '../fixtures/attachments/builders';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  PASSWORD,
  sessionFor,
  signedInAs,
  type PlannedSeminar,
  type SignedIn,
} from '../support/factories';
import { createWebApp, expectAccessible, newPhone, pageErrors, type WebApp } from '../support/browser';
import { setToday } from '../support/test-app';

const START = '2031-03-17';
const TODAY = '2031-03-12';
const REQUIREMENTS = [
  { specialtyCode: 'gynecology_obstetrics', count: 1 },
  { specialtyCode: 'pediatrics', count: 1 },
];
const PATIENT = 'María Guadalupe Hernández López';
const TITLE = 'Preeclampsia con datos de severidad a las 35 semanas';
const SUMMARY =
  `Paciente: ${PATIENT}, de 34 años, gesta 2, con 35 semanas de embarazo.\n\n` +
  '**Cefalea** intensa y tensión arterial de 160/110 mmHg el 15/03/2031.\n\nProteinuria en tira reactiva.';

/**
 * A facilitator's clinical case from the first line to its readers: written in Markdown with a
 * preview, a file refused for its active content, the submission refused by the de-identification
 * guard with the finding marked in its field, fixed and waived, sent to review; approved and
 * published by the lead facilitator; read by a confirmed attendee on a phone. And the library:
 * searched, read, a case reused in another seminar of the topic, edited and compared with the
 * version approved.
 */
describe('Web: writing, reviewing and publishing a clinical case, and the case library', () => {
  let web: WebApp;
  let office: SignedIn;
  let seminar: PlannedSeminar;
  let later: PlannedSeminar;
  let author: Person;
  let lead: Person;
  let attendee: Person;
  let caseId: string;
  const libraryTitle = 'Hemorragia posparto en el centro de salud';

  beforeAll(async () => {
    web = await createWebApp();
    setToday(web, '2031-01-10');
    office = await signedInAs(web, ['office']);
    const networkId = (await createNetwork(web)).id;
    lead = await createFacilitator(web, 'gynecology_obstetrics', {
      fullName: 'Dra. Marisol Herrera Cruz',
      locale: 'en',
    });
    author = await createFacilitator(web, 'pediatrics', { fullName: 'Dr. Joaquín Ortega Lara' });
    attendee = await createPerson(web, { fullName: 'Rosa Elena Domínguez Xolo' });
    seminar = await createSeminar(web, {
      office,
      networkId,
      topic: { title: 'Urgencias obstétricas', minimumAttendees: 1, requirements: REQUIREMENTS },
      startDate: START,
      facilitators: [lead, author],
      confirmed: [attendee],
      status: 'confirmed',
    });
    later = await createSeminar(web, {
      office,
      networkId,
      topicId: seminar.topicId,
      startDate: '2031-05-12',
      facilitators: [lead, author],
      status: 'open',
    });
    // An approved case of the topic, in the library.
    const approved = (
      await web.http
        .post(`/api/v1/seminars/${seminar.id}/cases`)
        .set(office.auth)
        .send({
          title: libraryTitle,
          summary:
            'Puérpera de 28 años con sangrado abundante a los 40 minutos del parto.\n\n- Útero blando\n- Taquicardia',
          learningObjectives: ['Aplicar el código rojo obstétrico'],
        })
        .expect(201)
    ).body.id;
    await web.http.post(`/api/v1/cases/${approved}/submit`).set(office.auth).expect(200);
    await web.http.post(`/api/v1/cases/${approved}/review`).set(office.auth).send({ decision: 'approve' }).expect(200);
    setToday(web, TODAY);
  }, 120_000);

  afterAll(() => web?.close());

  async function phone(locale: 'es-MX' | 'en' = 'es-MX'): Promise<Page> {
    const context = await newPhone(web, locale);
    await context.clock.setFixedTime(new Date(`${TODAY}T18:00:00Z`));
    return context.newPage();
  }

  async function signIn(page: Page, email: string, button: string) {
    await page.getByLabel(/^(Correo electrónico|Email)/).fill(email);
    await page.getByLabel(/^(Contraseña|Password)/).fill(PASSWORD);
    await page.getByRole('button', { name: button }).last().tap();
  }

  /** axe in the page's language, then in the other one, and back. */
  async function accessibleInBoth(page: Page, now: 'es-MX' | 'en') {
    await expectAccessible(page);
    await page
      .getByText(now === 'es-MX' ? 'English' : 'Español', { exact: true })
      .first()
      .tap();
    await page.locator(`html[lang="${now === 'es-MX' ? 'en' : 'es-MX'}"]`).waitFor();
    await expectAccessible(page);
    await page
      .getByText(now === 'es-MX' ? 'Español' : 'English', { exact: true })
      .first()
      .tap();
    await page.locator(`html[lang="${now}"]`).waitFor();
  }

  const statusOf = async (id: string) =>
    (await web.dataSource.query(`SELECT status, summary FROM clinical_case WHERE id = $1`, [id]))[0];

  it('writes a case, is refused a file with active content, fixes and waives the findings, and sends it to review', async () => {
    const page = await phone();
    const errors = pageErrors(page);
    await page.goto(`/facilitar/${seminar.id}/casos`);
    await signIn(page, author.email, 'Entrar');
    await page.getByRole('heading', { level: 1, name: 'Casos clínicos' }).waitFor();
    const listed = page.getByRole('listitem').filter({ hasText: libraryTitle });
    await listed.getByText('falta que quien coordina lo publique', { exact: false }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Escribir un caso nuevo' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Caso nuevo' }).waitFor();
    await page.getByLabel(/^Título/).fill(TITLE);
    await page.getByLabel(/^Resumen clínico/).fill(SUMMARY);
    await page.getByRole('tab', { name: 'Vista previa' }).tap();
    await page.getByRole('tabpanel').locator('strong', { hasText: 'Cefalea' }).waitFor();
    await page.getByRole('tab', { name: 'Escribir' }).tap();
    await page.getByRole('button', { name: 'Guardar borrador' }).tap();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    caseId = /\/casos\/([0-9a-f-]{36})$/.exec(page.url())![1];
    expect((await statusOf(caseId)).status).toBe('draft');

    // A PDF that runs a script when opened: refused, in plain words, and nothing stored.
    const pdf = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Elegir archivos' }).tap();
    await (
      await pdf
    ).setFiles({
      name: 'laboratorios.pdf',
      mimeType: 'application/pdf',
      buffer: buildPdf({ extraCatalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }),
    });
    await page
      .getByRole('alert')
      .getByText('«laboratorios.pdf» no se subió: trae contenido activo u oculto', { exact: false })
      .waitFor();
    const png = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Elegir archivos' }).tap();
    await (await png).setFiles({ name: 'tira-reactiva.png', mimeType: 'image/png', buffer: buildPng() });
    await page.getByRole('link', { name: /^tira-reactiva\.png/ }).waitFor();
    const files = await web.dataSource.query(`SELECT display_name FROM case_attachment WHERE case_id = $1`, [caseId]);
    expect(files).toEqual([{ display_name: 'tira-reactiva.png' }]);
    await page.getByRole('button', { name: 'Entendido' }).tap();

    // The guard refuses it: each finding marked in its field, listed by kind and line only.
    await page.getByRole('button', { name: 'Enviar a revisión' }).tap();
    const findings = page.getByRole('alert').filter({ hasText: 'El caso parece tener datos que identifican' });
    await findings.getByText('Nombre de persona en el resumen, renglón 1').waitFor();
    await findings.getByText('Fecha en el resumen, renglón 3').waitFor();
    expect(await findings.textContent()).not.toContain('Hernández');
    const summary = page.getByRole('region', { name: 'Resumen clínico' });
    await summary.locator('mark', { hasText: PATIENT }).waitFor();
    await summary.locator('mark', { hasText: '15/03/2031' }).waitFor();
    await accessibleInBoth(page, 'es-MX');

    const name = findings.getByRole('listitem').filter({ hasText: 'Nombre de persona' });
    await name.getByRole('button', { name: 'Corregir' }).tap();
    await summary.getByText('Paciente: [NOMBRE], de 34 años', { exact: false }).waitFor();
    expect(await summary.locator('mark').count()).toBe(1);
    const date = findings.getByRole('listitem').filter({ hasText: 'Fecha en el resumen' });
    await date.getByRole('button', { name: 'No es un identificador' }).tap();
    await date.getByLabel(/^¿Por qué no identifica a nadie\?/).fill('Es la fecha de la consulta, no de nacimiento');
    await date.getByRole('button', { name: 'Confirmar' }).tap();
    await findings.getByText('Ya no quedan hallazgos. Envíe el caso a revisión.').waitFor();
    expect(await summary.count()).toBe(0);

    await page.getByRole('button', { name: 'Enviar a revisión' }).tap();
    await page.getByRole('status').getByText('En revisión', { exact: true }).waitFor();
    await page.getByText('Espera la revisión de quien coordina el seminario.').first().waitFor();
    const stored = await statusOf(caseId);
    expect(stored.status).toBe('submitted');
    expect(stored.summary).not.toContain(PATIENT);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('the lead asks for changes, then approves and publishes it, and a confirmed attendee reads it on a phone', async () => {
    const page = await phone('en');
    const errors = pageErrors(page);
    await page.goto(`/facilitar/${seminar.id}/casos`);
    await signIn(page, lead.email, 'Sign in');
    const mine = page.getByRole('listitem').filter({ hasText: TITLE });
    await mine.getByText('Yours to review: approve it or ask for changes.').waitFor();
    await mine.getByRole('link', { name: TITLE }).tap();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('region', { name: 'Review' }).waitFor();
    await page.getByText('Paciente: [NOMBRE], de 34 años', { exact: false }).waitFor();
    await page.locator('strong', { hasText: 'Cefalea' }).waitFor();
    await accessibleInBoth(page, 'en');

    await page.getByRole('button', { name: 'Ask for changes' }).tap();
    await page.getByLabel(/^What to change/).fill('Agregue la conducta ante la crisis hipertensiva.');
    await page.getByRole('button', { name: 'Send the comment' }).tap();
    await page.getByRole('status').getByText('Changes requested', { exact: true }).waitFor();
    await page.getByText('Agregue la conducta ante la crisis hipertensiva.').waitFor();
    expect((await statusOf(caseId)).status).toBe('changes_requested');
    // Its writer sends it again (the fix and the waiver stand), and it comes back to the lead.
    await web.http
      .post(`/api/v1/cases/${caseId}/submit`)
      .set(await sessionFor(web, author))
      .expect(200);
    await page.reload();
    await page.getByRole('region', { name: 'Review' }).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).tap();
    await page.getByRole('status').getByText('Approved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Publish for the attendees' }).tap();
    await page.getByRole('status').getByText('Published', { exact: true }).waitFor();
    expect((await statusOf(caseId)).status).toBe('published');
    expect(errors).toEqual([]);
    await page.context().close();

    const reader = await phone();
    const readerErrors = pageErrors(reader);
    await reader.goto(`/seminarios/${seminar.id}/casos/${caseId}`);
    await signIn(reader, attendee.email, 'Entrar');
    await reader.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await reader.getByText('Paciente: [NOMBRE], de 34 años', { exact: false }).waitFor();
    expect(await reader.getByText('Hernández').count()).toBe(0);
    await reader.getByRole('link', { name: /^Descargar tira-reactiva\.png/ }).waitFor();
    await expectAccessible(reader);
    expect(readerErrors).toEqual([]);
    await reader.context().close();
  }, 120_000);

  it('searches the library, reads a case, reuses it in another seminar of the topic and compares its versions', async () => {
    const page = await phone();
    const errors = pageErrors(page);
    await page.goto(`/facilitar/${later.id}/casos`);
    await signIn(page, author.email, 'Entrar');
    await page.getByRole('heading', { level: 1, name: 'Casos clínicos' }).waitFor();
    await page.getByText('Este seminario aún no tiene casos.').waitFor();
    await page.getByRole('link', { name: 'Reutilizar uno de la biblioteca' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Biblioteca de casos' }).waitFor();
    await page.getByRole('searchbox', { name: /^Buscar/ }).fill('hemorragia');
    await page.getByRole('button', { name: 'Buscar' }).tap();
    await page.getByRole('heading', { name: '1 caso', exact: true }).waitFor();
    const found = page.getByRole('article', { name: libraryTitle });
    await found.getByRole('button', { name: 'Leer el caso' }).tap();
    await found.getByRole('listitem').filter({ hasText: 'Útero blando' }).waitFor();
    await found.getByText('Aplicar el código rojo obstétrico').waitFor();
    await accessibleInBoth(page, 'es-MX');

    expect(await found.getByLabel('Usar en mi seminario').inputValue()).toBe(later.id);
    await found.getByRole('button', { name: 'Reutilizar' }).tap();
    await page.getByRole('heading', { level: 1, name: libraryTitle }).waitFor();
    await page.getByRole('status').getByText('Aprobado', { exact: true }).waitFor();
    const copies = await web.dataSource.query(`SELECT status FROM clinical_case WHERE seminar_id = $1`, [later.id]);
    expect(copies).toEqual([{ status: 'approved' }]);
    expect(page.url()).toContain(`/facilitar/${later.id}/casos/`);

    // Editing the approved copy keeps it as version 1, and shows it beside the text now, word by word.
    await page.getByText('la versión aprobada se conserva', { exact: false }).waitFor();
    await page
      .getByLabel(/^Resumen clínico/)
      .fill('Puérpera de 28 años con sangrado abundante a los 20 minutos del parto.\n\n- Útero blando\n- Hipotensión');
    await page.getByRole('button', { name: 'Guardar cambios' }).tap();
    await page.getByRole('status').getByText('Borrador', { exact: true }).waitFor();
    const versions = page.getByRole('region', { name: 'Versiones' });
    await versions.getByLabel('Comparar con').waitFor();
    const summary = versions.getByRole('region', { name: 'Resumen clínico' });
    await summary.getByText('Versión 1 (aprobada)').waitFor();
    await summary.getByText('Ahora (versión 2)').waitFor();
    expect(await summary.locator('del').allTextContents()).toEqual(['40', 'Taquicardia']);
    expect(await summary.locator('ins').allTextContents()).toEqual(['20', 'Hipotensión']);
    expect(await versions.getByRole('region', { name: 'Título' }).count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
