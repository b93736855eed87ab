import { randomBytes } from 'node:crypto';
import { UnitsImportService } from '../src/modules/directory/import/units-import.service';
import type { Network } from '../src/modules/directory/network.entity';
import { createNetwork, createUnit, signedInAs, type SignedIn } from './support/factories';
import type { ReportRow } from './support/imports';
import { createTestApp, type TestApp } from './support/test-app';

const HEADER = 'code,name,level,network,address,referral_hospitals';

describe(UnitsImportService.name, () => {
  let t: TestApp;
  let office: SignedIn;
  let network: Network;
  const code = (prefix: string) => `${prefix}${randomBytes(3).toString('hex').toUpperCase()}`;

  beforeAll(async () => {
    t = await createTestApp();
    office = await signedInAs(t, ['office']);
    network = await createNetwork(t, 'Red Xalapa');
  });
  afterAll(() => t.close());

  function importUnits(csv: string, commit = false) {
    return t.http
      .post('/api/v1/units/import')
      .query(commit ? { commit: 'true' } : {})
      .set(office.auth)
      .attach('file', Buffer.from(csv, 'utf8'), 'unidades.csv');
  }

  /** Units and referrals as stored, updated_at included. */
  async function snapshot() {
    return {
      units: await t.dataSource.query(
        `SELECT id, code, name, level, network_id, address, updated_at FROM unit ORDER BY code`,
      ),
      referrals: await t.dataSource.query(
        `SELECT u.code AS unit, h.code AS hospital FROM unit_referral r JOIN unit u ON u.id = r.unit_id JOIN unit h ON h.id = r.hospital_id ORDER BY 1, 2`,
      ),
    };
  }

  async function unitByCode(unitCode: string) {
    const response = await t.http
      .get('/api/v1/units')
      .query({ q: unitCode, pageSize: 100 })
      .set(office.auth)
      .expect(200);
    return response.body.items.find((unit: { code: string }) => unit.code === unitCode) as
      Record<string, unknown> | undefined;
  }

  it('creates units whose referral hospitals come later in the same file, and a second import changes nothing', async () => {
    const [clinic, general, specialty] = [code('CS'), code('HG'), code('HAE')];
    const csv = [
      HEADER,
      `${clinic},Centro de Salud Xalapa Centro,primary,Red Xalapa,"Av. Xalapa 10, Centro",${general}|${specialty}`,
      `${general},Hospital General de Xalapa,secondary,Red Xalapa,,`,
      `${specialty},Centro de Alta Especialidad Dr. Rafael Lucio,tertiary,Red Xalapa,,`,
    ].join('\n');
    const before = await snapshot();

    const dryRun = await importUnits(csv).expect(200);
    expect(dryRun.body).toEqual({
      committed: false,
      summary: { created: 3, updated: 0, unchanged: 0, error: 0 },
      rows: [
        { line: 2, outcome: 'created', key: clinic },
        { line: 3, outcome: 'created', key: general },
        { line: 4, outcome: 'created', key: specialty },
      ],
    });
    expect(await snapshot()).toEqual(before);

    const committed = await importUnits(csv, true).expect(200);
    expect(committed.body).toMatchObject({
      committed: true,
      summary: { created: 3, updated: 0, unchanged: 0, error: 0 },
    });
    const hospitals = [await unitByCode(general), await unitByCode(specialty)];
    expect(hospitals).toEqual([
      expect.objectContaining({ level: 'secondary' }),
      expect.objectContaining({ level: 'tertiary' }),
    ]);
    expect(await unitByCode(clinic)).toMatchObject({
      name: 'Centro de Salud Xalapa Centro',
      level: 'primary',
      networkId: network.id,
      address: 'Av. Xalapa 10, Centro',
      referralHospitalIds: hospitals.map((hospital) => hospital!.id).sort(),
    });

    const afterFirst = await snapshot();
    for (const commit of [false, true]) {
      const again = await importUnits(csv, commit).expect(200);
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, error: 0 });
    }
    expect(await snapshot()).toEqual(afterFirst);

    // A renamed unit and a shorter referral list are updates; an empty referral cell keeps the list.
    const changed = [
      'clave;nombre;nivel;red;domicilio;hospitales_de_referencia',
      `${clinic};Centro de Salud Xalapa Centro;primer nivel;Red Xalapa;;${general}`,
      `${general};Hospital General Xalapa;segundo nivel;Red Xalapa;;`,
      `${specialty};Centro de Alta Especialidad Dr. Rafael Lucio;tercer nivel;Red Xalapa;;`,
    ].join('\n');
    const update = await importUnits(changed, true).expect(200);
    expect(update.body.rows.map((row: ReportRow) => row.outcome)).toEqual(['updated', 'updated', 'unchanged']);
    expect(await unitByCode(clinic)).toMatchObject({
      address: 'Av. Xalapa 10, Centro',
      referralHospitalIds: [hospitals[0]!.id],
    });
    expect(await unitByCode(general)).toMatchObject({ name: 'Hospital General Xalapa' });
  });

  it('reports an invalid level, an unknown network and bad referrals per row, and a commit applies none of the file', async () => {
    const otherNetwork = await createNetwork(t, 'Red Veracruz');
    const otherHospital = await createUnit(t, otherNetwork.id, 'secondary');
    const [good, badLevel, badNetwork, refersToClinic, refersElsewhere, refersToNothing] = [
      code('CS'),
      code('CS'),
      code('CS'),
      code('CS'),
      code('CS'),
      code('CS'),
    ];
    const csv = [
      HEADER,
      `${good},Centro de Salud Coatepec,primary,Red Xalapa,,`,
      `${badLevel},Centro de Salud Xico,cuarto,Red Xalapa,,`,
      `${badNetwork},Centro de Salud Perote,primary,Red Inexistente,,`,
      `${refersToClinic},Centro de Salud Teocelo,primary,Red Xalapa,,${good}`,
      `${refersElsewhere},Centro de Salud Banderilla,primary,Red Xalapa,,${otherHospital.code}`,
      `${refersToNothing},Centro de Salud Naolinco,primary,Red Xalapa,,NOEXISTE`,
    ].join('\n');
    const before = await snapshot();

    const report = await importUnits(csv).expect(200);
    expect(report.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, error: 5 });
    expect(
      (report.body.rows as ReportRow[]).map((row) => [
        row.line,
        row.outcome,
        row.key,
        row.errors?.map((error) => error.field),
      ]),
    ).toEqual([
      [2, 'created', good, undefined],
      [3, 'error', badLevel, ['level']],
      [4, 'error', badNetwork, ['network']],
      [5, 'error', refersToClinic, ['referralHospitals.0']],
      [6, 'error', refersElsewhere, ['referralHospitals.0']],
      [7, 'error', refersToNothing, ['referralHospitals.0']],
    ]);
    const messages = (report.body.rows as ReportRow[]).slice(1).map((row) => row.errors![0].message);
    expect(messages).toEqual([
      'Use primary, secondary, tertiary.',
      'No existe la red "Red Inexistente".',
      'Debe ser un hospital (segundo o tercer nivel).',
      'Debe pertenecer a la misma red.',
      'La unidad no existe.',
    ]);

    const refused = await importUnits(csv, true).expect(422);
    expect(refused.body.code).toBe('import_has_errors');
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'line 3: level',
      'line 4: network',
      'line 5: referralHospitals.0',
      'line 6: referralHospitals.0',
      'line 7: referralHospitals.0',
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await unitByCode(good)).toBeUndefined();
  });

  it('does not let a file turn a hospital that other units refer to into a primary unit or move it to another network', async () => {
    const hospital = await createUnit(t, network.id, 'secondary', { name: 'Hospital de Coatepec' });
    const clinic = await createUnit(t, network.id, 'primary', { referralHospitals: [hospital] });
    await createNetwork(t, 'Red Córdoba');
    const before = await snapshot();

    for (const [row, field] of [
      [`${hospital.code},Hospital de Coatepec,primary,Red Xalapa,,`, 'level'],
      [`${hospital.code},Hospital de Coatepec,secondary,Red Córdoba,,`, 'network'],
    ]) {
      const report = await importUnits(`${HEADER}\n${row}\n`).expect(200);
      expect(report.body.rows).toEqual([
        {
          line: 2,
          outcome: 'error',
          key: hospital.code,
          errors: [{ field, message: expect.stringContaining(clinic.code) }],
        },
      ]);
      await importUnits(`${HEADER}\n${row}\n`, true).expect(422);
    }
    expect(await snapshot()).toEqual(before);
  });
});
