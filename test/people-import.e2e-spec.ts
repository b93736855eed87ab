import { randomBytes, randomInt } from 'node:crypto';
import { PeopleImportService } from '../src/modules/directory/import/people-import.service';
import type { Unit } from '../src/modules/directory/unit.entity';
import { createNetwork, createPerson, createUnit, signedInAs, type SignedIn } from './support/factories';
import type { ReportRow } from './support/imports';
import { createTestApp, type TestApp } from './support/test-app';

const HEADER = 'full_name,email,licence_number,phone,unit_code,specialty_code,roles';

describe(PeopleImportService.name, () => {
  let t: TestApp;
  let office: SignedIn;
  let unit: Unit;
  let familyMedicineId: string;
  // Nine-digit licence numbers, unlike the factory's eight, so that no two tests collide.
  let nextLicence = randomInt(100_000_000, 900_000_000);
  const licence = () => String(nextLicence++);
  const tag = () => randomBytes(3).toString('hex');

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    unit = await createUnit(t, (await createNetwork(t)).id, 'primary');
    const specialties = await t.http
      .get('/api/v1/specialties')
      .query({ q: 'family_medicine' })
      .set(office.auth)
      .expect(200);
    familyMedicineId = specialties.body.items[0].id;
  });
  afterAll(() => t.close());

  function importPeople(
    file: string | Buffer,
    options: { commit?: boolean; auth?: SignedIn['auth']; language?: string } = {},
  ) {
    const request = t.http
      .post('/api/v1/people/import')
      .query(options.commit ? { commit: 'true' } : {})
      .set(options.auth ?? office.auth);
    if (options.language) request.set('Accept-Language', options.language);
    return request.attach('file', typeof file === 'string' ? Buffer.from(file, 'utf8') : file, 'personas.csv');
  }

  /** Every directory column of every person, updated_at included: "nothing changed" means equal snapshots. */
  function snapshot(): Promise<unknown[]> {
    return t.dataSource.query(
      `SELECT id, full_name, email, phone, licence_number, unit_id, specialty_id, roles, locale, active, updated_at FROM person ORDER BY id`,
    );
  }

  async function peopleMatching(q: string) {
    const response = await t.http
      .get('/api/v1/people')
      .query({ q, pageSize: 100, sort: 'email' })
      .set(office.auth)
      .expect(200);
    return response.body.items as Record<string, unknown>[];
  }

  /** A file with one good row and five bad ones, one per kind of mistake. */
  function fileWithErrors(suffix: string) {
    const repeated = licence();
    return [
      HEADER,
      `Ana Núñez Peña,ana.${suffix}@salud.example,${repeated},228 123 4567,${unit.code},family_medicine,attendee`,
      `Bruno Díaz,bruno.${suffix}(at)salud.example,${licence()},,${unit.code},,attendee`,
      `,carmen.${suffix}@salud.example,${licence()},,${unit.code},,attendee`,
      `Diego Ortiz,diego.${suffix}@salud.example,${licence()},,NO-EXISTE,,attendee`,
      `Elena Soto,elena.${suffix}@salud.example,${repeated},,${unit.code},,attendee`,
      `Fabiola Ruiz,fabiola.${suffix}@salud.example,${licence()},,${unit.code},,cirujana`,
    ].join('\n');
  }

  it('reports each row of a dry run with its field errors, and changes nothing', async () => {
    const suffix = tag();
    const before = await snapshot();
    const report = await importPeople(fileWithErrors(suffix)).expect(200);

    expect(report.body.committed).toBe(false);
    expect(report.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, error: 5 });
    const rows = report.body.rows as ReportRow[];
    expect(rows.map((row) => [row.line, row.outcome, row.errors?.map((error) => error.field)])).toEqual([
      [2, 'created', undefined],
      [3, 'error', ['email']],
      [4, 'error', ['fullName']],
      [5, 'error', ['unitCode']],
      [6, 'error', ['licenceNumber']],
      [7, 'error', ['roles']],
    ]);
    expect(rows[2].errors![0].message).toBe('Es obligatorio.');
    expect(rows[4].errors![0].message).toBe('Se repite: ya aparece en la línea 2.');
    expect(rows[3].errors![0].message).toContain('NO-EXISTE');
    expect(await snapshot()).toEqual(before);
    expect(await peopleMatching(suffix)).toEqual([]);
  });

  it('refuses to commit a file with bad rows, naming each field by line, and applies none of it', async () => {
    const suffix = tag();
    const before = await snapshot();
    const refused = await importPeople(fileWithErrors(suffix), { commit: true }).expect(422);

    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('import_has_errors');
    expect(refused.body.detail).toContain('5 fila(s)');
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'line 3: email',
      'line 4: fullName',
      'line 5: unitCode',
      'line 6: licenceNumber',
      'line 7: roles',
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await peopleMatching(suffix)).toEqual([]);
  });

  it('creates the people of a clean file on commit, and a second import of it changes nothing', async () => {
    const suffix = tag();
    const [first, second, third] = [licence(), licence(), licence()];
    const csv = [
      HEADER,
      `Alma Ruiz ${suffix},alma.${suffix}@salud.example,${first},228 100 0001,${unit.code},family_medicine,attendee`,
      `Bruno Díaz ${suffix},BRUNO.${suffix}@Salud.Example,${second},,${unit.code},,manager|attendee`,
      `Carmen Ávila ${suffix},carmen.${suffix}@salud.example,${third},,,,facilitator`,
      '',
    ].join('\r\n');
    const before = await snapshot();

    const dryRun = await importPeople(csv).expect(200);
    expect(dryRun.body).toMatchObject({
      committed: false,
      summary: { created: 3, updated: 0, unchanged: 0, error: 0 },
      invited: 3,
    });
    expect(await snapshot()).toEqual(before);

    const committed = await importPeople(csv, { commit: true }).expect(200);
    expect(committed.body).toEqual({
      committed: true,
      summary: { created: 3, updated: 0, unchanged: 0, error: 0 },
      invited: 3,
      rows: [
        { line: 2, outcome: 'created', key: first },
        { line: 3, outcome: 'created', key: second },
        { line: 4, outcome: 'created', key: third },
      ],
    });
    const people = await peopleMatching(suffix);
    expect(people).toEqual([
      expect.objectContaining({
        fullName: `Alma Ruiz ${suffix}`,
        email: `alma.${suffix}@salud.example`,
        licenceNumber: first,
        phone: '228 100 0001',
        unitId: unit.id,
        specialtyId: familyMedicineId,
        roles: ['attendee'],
        locale: 'es',
        active: true,
      }),
      expect.objectContaining({
        email: `bruno.${suffix}@salud.example`,
        licenceNumber: second,
        roles: ['attendee', 'manager'],
        phone: null,
      }),
      expect.objectContaining({
        email: `carmen.${suffix}@salud.example`,
        licenceNumber: third,
        roles: ['facilitator'],
        unitId: null,
      }),
    ]);

    const afterFirst = await snapshot();
    for (const commit of [false, true]) {
      const again = await importPeople(csv, { commit }).expect(200);
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, error: 0 });
      expect(again.body.invited).toBe(0);
      expect(again.body.rows.map((row: ReportRow) => row.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    }
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('updates a person matched by licence number, or by email when the row has none; empty cells keep values', async () => {
    const suffix = tag();
    const byLicence = await createPerson(t, {
      fullName: `Diego Ortiz ${suffix}`,
      email: `diego.${suffix}@salud.example`,
      licenceNumber: licence(),
      unitId: unit.id,
    });
    const byEmail = await createPerson(t, {
      fullName: `Elena Soto ${suffix}`,
      email: `elena.${suffix}@salud.example`,
      licenceNumber: licence(),
    });
    const untouched = await createPerson(t, {
      fullName: `Flor Mena ${suffix}`,
      email: `flor.${suffix}@salud.example`,
      licenceNumber: licence(),
    });
    const csv = [
      HEADER,
      // The email changed too: the licence number is what identifies Diego.
      `Diego Ortiz ${suffix},dortiz.${suffix}@salud.example,${byLicence.licenceNumber},228 555 0101,,,`,
      `Elena Soto ${suffix},elena.${suffix}@salud.example,,228 555 0202,${unit.code},,facilitator`,
      `Flor Mena ${suffix},flor.${suffix}@salud.example,${untouched.licenceNumber},,,,`,
    ].join('\n');

    const report = await importPeople(csv, { commit: true }).expect(200);
    expect(report.body.invited).toBe(0);
    expect(report.body.rows).toEqual([
      { line: 2, outcome: 'updated', key: byLicence.licenceNumber },
      { line: 3, outcome: 'updated', key: `elena.${suffix}@salud.example` },
      { line: 4, outcome: 'unchanged', key: untouched.licenceNumber },
    ]);

    const diego = await t.http.get(`/api/v1/people/${byLicence.id}`).set(office.auth).expect(200);
    expect(diego.body).toMatchObject({
      email: `dortiz.${suffix}@salud.example`,
      phone: '228 555 0101',
      unitId: unit.id,
      roles: ['attendee'],
    });
    const elena = await t.http.get(`/api/v1/people/${byEmail.id}`).set(office.auth).expect(200);
    expect(elena.body).toMatchObject({
      licenceNumber: byEmail.licenceNumber,
      phone: '228 555 0202',
      unitId: unit.id,
      roles: ['facilitator'],
    });
    expect(await peopleMatching(suffix)).toHaveLength(3);
  });

  it('refuses two rows that both match the same person, one by licence number and one by email', async () => {
    const suffix = tag();
    const person = await createPerson(t, {
      fullName: `Gema Luna ${suffix}`,
      email: `gema.${suffix}@salud.example`,
      licenceNumber: licence(),
    });
    const csv = [
      HEADER,
      `Gema Luna ${suffix},gluna.${suffix}@salud.example,${person.licenceNumber},,,,`,
      `Gema Luna ${suffix},gema.${suffix}@salud.example,,228 555 0303,,,`,
    ].join('\n');
    const before = await snapshot();

    const report = await importPeople(csv).expect(200);
    expect(report.body.rows).toEqual([
      { line: 2, outcome: 'updated', key: person.licenceNumber },
      {
        line: 3,
        outcome: 'error',
        key: `gema.${suffix}@salud.example`,
        errors: [{ field: 'email', message: 'Es la misma persona de la línea 2.' }],
      },
    ]);
    await importPeople(csv, { commit: true }).expect(422);
    expect(await snapshot()).toEqual(before);
  });

  it('reads a semicolon file with a byte order mark and Spanish headers, keeping accents and ñ exactly', async () => {
    const suffix = tag();
    const [first, second] = [licence(), licence()];
    const csv =
      '\uFEFFNombre;Correo;Cédula;Unidad;Especialidad;Roles\n' +
      `Begoña Íñiguez Muñoz;begona.${suffix}@salud.example;${first};${unit.code.toLowerCase()};family_medicine;facilitadora\n` +
      `"Ramón Peña, hijo";ramon.${suffix}@salud.example;${second};;;asistente|director\n`;

    const report = await importPeople(csv, { commit: true }).expect(200);
    expect(report.body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, error: 0 });

    const [begona] = await peopleMatching(`begona.${suffix}`);
    expect(begona).toMatchObject({
      fullName: 'Begoña Íñiguez Muñoz',
      licenceNumber: first,
      unitId: unit.id,
      specialtyId: familyMedicineId,
      roles: ['facilitator'],
    });
    const fetched = await t.http.get(`/api/v1/people/${begona.id}`).set(office.auth).expect(200);
    expect(fetched.body.fullName).toBe('Begoña Íñiguez Muñoz');
    expect(Buffer.from(fetched.body.fullName, 'utf8')).toEqual(Buffer.from('Begoña Íñiguez Muñoz', 'utf8'));
    expect((await peopleMatching('begona iniguez munoz')).map((person) => person.id)).toContain(begona.id);
    const [ramon] = await peopleMatching(`ramon.${suffix}`);
    expect(ramon).toMatchObject({ fullName: 'Ramón Peña, hijo', roles: ['attendee', 'manager'] });
  });

  it('refuses files it cannot read: not UTF-8, no file, a spreadsheet, unknown columns', async () => {
    const before = await snapshot();
    const latin1 = Buffer.from(`nombre;correo\nBegoña Íñiguez;begona.${tag()}@salud.example\n`, 'latin1');
    const notUtf8 = await importPeople(latin1, { commit: true }).expect(422);
    expect(notUtf8.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notUtf8.body).toMatchObject({ code: 'import_file_invalid', detail: expect.stringContaining('UTF-8') });

    const missing = await t.http.post('/api/v1/people/import').set(office.auth).field('commit', 'true').expect(400);
    expect(missing.body).toMatchObject({ code: 'file_missing', errors: [{ field: 'file' }] });

    const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
    const xlsx = await t.http
      .post('/api/v1/people/import')
      .set(office.auth)
      .attach('file', workbook, 'personas.xlsx')
      .expect(415);
    expect(xlsx.headers['content-type']).toMatch(/^application\/problem\+json/);

    const unknown = await importPeople(`nombre,correo,puesto\nAna,ana.${tag()}@salud.example,jefa\n`).expect(422);
    expect(unknown.body).toMatchObject({ code: 'import_file_invalid', errors: [{ field: 'puesto' }] });
    const noEmail = await importPeople('nombre,cedula\nAna,12345678\n').expect(422);
    expect(noEmail.body).toMatchObject({ code: 'import_file_invalid', errors: [{ field: 'email' }] });
    expect(await snapshot()).toEqual(before);
  });

  it('treats words like "constructor" as the unknown values they are', async () => {
    const suffix = tag();
    const csv = [HEADER, `Gael Ruiz,gael.${suffix}@salud.example,${licence()},,${unit.code},,constructor`].join('\n');
    const report = await importPeople(csv).expect(200);
    expect(report.body.rows).toEqual([
      expect.objectContaining({ line: 2, outcome: 'error', errors: [expect.objectContaining({ field: 'roles' })] }),
    ]);
    const withOddHeader = await importPeople(
      `full_name,email,constructor\nGael Ruiz,gael.${suffix}@salud.example,x`,
    ).expect(422);
    expect(withOddHeader.body.code).toBe('import_file_invalid');
  });

  it('is for the office only', async () => {
    const suffix = tag();
    const csv = `${HEADER}\nIntrusa ${suffix},intrusa.${suffix}@salud.example,${licence()},,,,office\n`;
    for (const roles of [['manager'], ['facilitator'], ['attendee']] as const) {
      const caller = await signedInAs(t, [...roles]);
      const refused = await importPeople(csv, { commit: true, auth: caller.auth }).expect(403);
      expect(refused.body.code).toBe('forbidden');
    }
    await t.http.post('/api/v1/people/import').attach('file', Buffer.from(csv, 'utf8'), 'personas.csv').expect(401);
    expect(await peopleMatching(suffix)).toEqual([]);
  });

  it('answers in English with Accept-Language: en', async () => {
    const suffix = tag();
    const report = await importPeople(fileWithErrors(suffix), { language: 'en' }).expect(200);
    const messages = (report.body.rows as ReportRow[]).flatMap((row) => row.errors ?? []).map((error) => error.message);
    expect(messages).toEqual([
      'Must be a valid email address.',
      'Is required.',
      'No unit has the code NO-EXISTE.',
      'Repeated: it already appears on line 2.',
      'Use roles from this list: office, facilitator, attendee, manager.',
    ]);
    const refused = await importPeople(fileWithErrors(tag()), { commit: true, language: 'en-US,en;q=0.9' }).expect(422);
    expect(refused.body.detail).toBe(
      'The file has 5 row(s) with errors; nothing was applied. Fix them and send it again.',
    );
    expect(refused.body.errors[0]).toEqual({ field: 'line 3: email', message: 'Must be a valid email address.' });
    const latin1 = await importPeople(Buffer.from('nombre;correo\nÑoño;n@salud.example\n', 'latin1'), {
      language: 'en',
    }).expect(422);
    expect(latin1.body.detail).toBe('The file is not UTF-8. Save it as "CSV UTF-8".');
  });
});
