import type { Principal } from '../../src/common/auth/principal';
import { DirectoryModule } from '../../src/modules/directory/directory.module';
import { PeopleService } from '../../src/modules/directory/people.service';
import { EnrolmentModule } from '../../src/modules/enrolment/enrolment.module';
import { EvaluationsService } from '../../src/modules/evaluations/evaluations.service';
import { Certificate } from '../../src/modules/certificates/certificate.entity';
import {
  CertificateEligibility,
  type EligibilityRow,
} from '../../src/modules/certificates/certificate-eligibility.service';
import { IssuanceRepository, type SeminarFacts } from '../../src/modules/certificates/certificate-issuance.repository';
import { CertificateIssuer } from '../../src/modules/certificates/certificate-issuer.service';
import { CertificateRevocation } from '../../src/modules/certificates/certificate-revocation.service';
import { CertificatesModule } from '../../src/modules/certificates/certificates.module';
import type { Person } from '../../src/modules/identity/person.entity';
import { createFacilitator, createNetwork, createPerson } from '../support/factories';
import { createMediumModule, principalOf, type MediumContext } from './medium-module';
import { planSeminar, type MediumSeminar } from './medium-seminars';

/**
 * The certificate issuer on the real database. A seminar of three days of eight hours (17–19 March
 * 2031) whose topic asks full attendance and the final evaluation; certificates are issued on
 * 25 March 2031, so their registry numbers are MED-2031-NNNNNN, counted from 1 in this database.
 */
describe('CertificateIssuer: who may hold a certificate, gap-free registry numbers, revocation and reissue', () => {
  let ctx: MediumContext;
  let issuer: CertificateIssuer;
  let eligibility: CertificateEligibility;
  let office: Principal;
  let networkId: string;
  let seminar: MediumSeminar;
  let facts: SeminarFacts;
  let facilitator: Person;
  /** Present every day and answered the final evaluation. */
  let ana: Person, diego: Person, eva: Person;
  /** Present every day, no final evaluation. */
  let beto: Person;
  /** Absent on the last day. */
  let carla: Person;

  beforeAll(async () => {
    ctx = await createMediumModule([CertificatesModule, EnrolmentModule, DirectoryModule], {
      CERTIFICATE_PREFIX: 'MED',
    });
    issuer = ctx.get(CertificateIssuer);
    eligibility = ctx.get(CertificateEligibility);
    office = principalOf(await createPerson(ctx.factories, { roles: ['office'] }));
    networkId = (await createNetwork(ctx.factories)).id;
    facilitator = await createFacilitator(ctx.factories, 'gynecology_obstetrics', { fullName: 'Dra. Fabiola Ruiz' });
    const person = (fullName: string) => createPerson(ctx.factories, { roles: ['attendee'], fullName });
    ana = await person('Ana Álvarez');
    beto = await person('Beto Barrios');
    carla = await person('Carla Cruz');
    diego = await person('Diego Díaz');
    eva = await person('Eva Estrada');
    seminar = await planSeminar(ctx, {
      office,
      networkId,
      startDate: '2031-03-17',
      topic: { minimumAttendees: 1, requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }] },
      facilitators: [facilitator],
      confirmed: [ana, beto, carla, diego, eva],
      attendance: (personId, day) => (personId === carla.id && day === 2 ? 'absent' : undefined),
      status: 'completed',
    });
    // The final evaluation opens at 16:00 of the last day.
    ctx.clock.set('2031-03-19T23:30:00Z');
    for (const attendee of [ana, carla, diego, eva]) {
      await ctx.get(EvaluationsService).submit(principalOf(attendee), seminar.id, 'final', {
        formVersion: 1,
        answers: {
          overall: 5,
          relevance: 5,
          openness: { [facilitator.id]: 5 },
          equality: 4,
          confidence_consult: 4,
          referral_change: 3,
        },
      });
    }
    facts = (await ctx.get(IssuanceRepository).seminarFacts(seminar.id, ctx.dataSource.manager))!;
  });

  afterAll(() => ctx?.close());

  beforeEach(() => ctx.clock.setToday('2031-03-25'));

  const rowOf = (rows: EligibilityRow[], person: Person) => rows.find((row) => row.personId === person.id)!;
  const numbersOf = (certificates: Certificate[]) => certificates.map((certificate) => certificate.registryNumber);
  const registry = () => ctx.dataSource.manager.find(Certificate, { order: { sequence: 'ASC', revision: 'ASC' } });

  it('lists each attendee and facilitator with the hours they earned, and why those who cannot may not hold one', async () => {
    const rows = await eligibility.eligibility(seminar.id);
    expect(rows).toHaveLength(6);
    expect(rowOf(rows, ana)).toMatchObject({
      kind: 'attendance',
      name: 'Ana Álvarez',
      eligible: true,
      reasons: [],
      hours: 24,
      attendanceShare: 1,
      certificate: null,
    });
    expect(rowOf(rows, beto)).toMatchObject({ eligible: false, reasons: ['final_evaluation_missing'], hours: 24 });
    expect(rowOf(rows, carla)).toMatchObject({ eligible: false, reasons: ['attendance_below_minimum'], hours: 16 });
    expect(rowOf(rows, carla).attendanceShare).toBeCloseTo(2 / 3);
    // Without agenda blocks assigned, the facilitator is credited the seminar's hours.
    expect(rowOf(rows, facilitator)).toMatchObject({ kind: 'facilitation', eligible: true, reasons: [], hours: 24 });
  });

  it('says a seminar not yet completed gives no certificate', async () => {
    const later = await planSeminar(ctx, {
      office,
      networkId,
      startDate: '2031-04-07',
      topicId: seminar.topicId,
      facilitators: [facilitator],
      confirmed: [await createPerson(ctx.factories, { roles: ['attendee'] })],
      status: 'confirmed',
    });
    const rows = await eligibility.eligibility(later.id);
    expect(rows.map((row) => [row.kind, row.eligible, row.reasons[0]])).toEqual([
      ['attendance', false, 'seminar_not_completed'],
      ['facilitation', false, 'seminar_not_completed'],
    ]);
  });

  it('issues a batch with consecutive registry numbers, and the next one missing right after it', async () => {
    const rows = await eligibility.eligibility(seminar.id);
    const batch = await ctx.dataSource.transaction((manager) =>
      issuer.issueBatch(manager, facts, [rowOf(rows, ana), rowOf(rows, diego)], office.personId),
    );
    expect(numbersOf(batch)).toEqual(['MED-2031-000001', 'MED-2031-000002']);
    expect(batch.map((certificate) => [certificate.revision, certificate.status, certificate.hours])).toEqual([
      [1, 'valid', 24],
      [1, 'valid', 24],
    ]);
    expect(await issuer.issueMissing(seminar.id, facilitator.id, 'facilitation', office.personId)).toBe('issued');
    expect(numbersOf(await registry())).toEqual(['MED-2031-000001', 'MED-2031-000002', 'MED-2031-000003']);
  });

  it('gives back the numbers of a batch that was rolled back, so the registry keeps no gap', async () => {
    const rows = await eligibility.eligibility(seminar.id);
    const rolledBack = ctx.dataSource.transaction(async (manager) => {
      await issuer.issueBatch(manager, facts, [rowOf(rows, eva)], office.personId);
      throw new Error('The office cancelled the issue');
    });
    await expect(rolledBack).rejects.toThrow('The office cancelled the issue');
    expect(await registry()).toHaveLength(3);

    expect(await issuer.issueMissing(seminar.id, eva.id, 'attendance', office.personId)).toBe('issued');
    expect(numbersOf(await registry())).toEqual([
      'MED-2031-000001',
      'MED-2031-000002',
      'MED-2031-000003',
      'MED-2031-000004',
    ]);
  });

  it('answers already_issued to a second issue for the same person, and takes no number for it', async () => {
    expect(await issuer.issueMissing(seminar.id, eva.id, 'attendance', office.personId)).toBe('already_issued');
    expect(await issuer.issueMissing(seminar.id, beto.id, 'attendance', office.personId)).toBe('not_eligible');
    expect(await registry()).toHaveLength(4);
    expect(rowOf(await eligibility.eligibility(seminar.id), eva).certificate).toMatchObject({
      registryNumber: 'MED-2031-000004',
      status: 'valid',
    });
  });

  it('reissues under the same registry number, one revision up, with the name as the directory has it now', async () => {
    const [first] = await ctx.dataSource.manager.findBy(Certificate, { personId: ana.id });
    await ctx.get(PeopleService).update(office, ana.id, { fullName: 'Ana Álvarez Soto' });
    const next = await ctx.get(CertificateRevocation).reissue(office, first.id, 'Apellido corregido');
    expect(next).toMatchObject({
      registryNumber: 'MED-2031-000001',
      revision: 2,
      status: 'valid',
      sequence: first.sequence,
    });
    expect(next.snapshot.holder.name).toBe('Ana Álvarez Soto');
    expect(next.checkCode).not.toBe(first.checkCode);
    const revisions = (await registry()).filter((certificate) => certificate.registryNumber === 'MED-2031-000001');
    expect(revisions.map((certificate) => [certificate.revision, certificate.status])).toEqual([
      [1, 'superseded'],
      [2, 'valid'],
    ]);
    expect(rowOf(await eligibility.eligibility(seminar.id), ana).certificate).toEqual({
      id: next.id,
      registryNumber: 'MED-2031-000001',
      status: 'valid',
    });
  });

  it('revokes a certificate keeping its number in the book, and issues no other in its place', async () => {
    const current = rowOf(await eligibility.eligibility(seminar.id), ana).certificate!;
    const revoked = await ctx.get(CertificateRevocation).revoke(office, current.id, 'Constancia emitida por error');
    expect(revoked).toMatchObject({ registryNumber: 'MED-2031-000001', revision: 2, status: 'revoked' });
    expect(revoked.revokedAt).toEqual(ctx.clock.now());

    const row = rowOf(await eligibility.eligibility(seminar.id), ana);
    expect(row).toMatchObject({ eligible: false, reasons: ['revoked'] });
    expect(await issuer.issueMissing(seminar.id, ana.id, 'attendance', office.personId)).toBe('not_eligible');
    await expect(ctx.get(CertificateRevocation).reissue(office, current.id, 'Otra vez')).rejects.toMatchObject({
      status: 409,
    });
    expect(await registry()).toHaveLength(5);
    expect((await registry()).map((certificate) => certificate.sequence)).toEqual([1, 1, 2, 3, 4]);
  });
});
