import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import { type Principal } from '../../../common/auth/principal';
import type { FieldError } from '../../../common/errors/domain-error';
import { message } from '../../../common/i18n/messages';
import { inTransaction } from '../../../database/transaction';
import { Person } from '../../identity/person.entity';
import { PeopleInvitationsService } from '../people-invitations.service';
import { PeopleRepository } from '../people.repository';
import { SpecialtyRepository } from '../specialty.repository';
import { UnitRepository } from '../unit.repository';
import { readCsvTable, type CsvRow } from './csv-table';
import {
  csvProblemError,
  IMPORT_CONSTRAINTS,
  rowsRefused,
  type ImportRowResult,
  type PeopleImportResult,
} from './import-report';
import { ALIASES, changes, parseRow, repeated, type PersonFields } from './people-csv';

/**
 * Imports people from CSV. Rows match existing people on licence number, else on email, so the
 * same file imported twice changes nothing. A dry run reports; a commit applies all or nothing.
 * Empty optional cells leave an existing value as it is. New people get no password: unless told
 * not to, the commit invites each by mail to choose one (the account-created mail), noted in the
 * same transaction and mailed by background jobs, so a large file commits as fast as before and a
 * crash after the commit loses no invitation. People already in the directory are not invited again.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly units: UnitRepository,
    private readonly specialties: SpecialtyRepository,
    private readonly audit: AuditService,
    private readonly invitations: PeopleInvitationsService,
  ) {}

  async import(actor: Principal, file: Buffer, commit: boolean, invite = true): Promise<PeopleImportResult> {
    const table = readCsvTable(file, ALIASES, ['fullName', 'email']);
    if (!table.ok) throw csvProblemError(table.problem);
    const outcome = await inTransaction(
      this.dataSource,
      async (manager) => {
        // One import at a time, so that two files cannot both create the same person.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:people-import'))`);
        const rows = await this.plan(manager, actor, table.rows);
        const hasErrors = rows.some((row) => row.result.outcome === 'error');
        if (!commit || hasErrors) return { rows: rows.map((row) => row.result), committed: false, hasErrors };
        await this.apply(manager, actor, rows, invite);
        return { rows: rows.map((row) => row.result), committed: true, hasErrors };
      },
      IMPORT_CONSTRAINTS,
    );
    if (commit && outcome.hasErrors) throw rowsRefused(outcome.rows);
    // Everyone the file creates is active and has no password: each is (or, in a dry run, would be) invited.
    const invited = invite ? outcome.rows.filter((row) => row.outcome === 'created').length : 0;
    return { committed: outcome.committed, rows: outcome.rows, invited };
  }

  private async plan(manager: EntityManager, actor: Principal, rows: CsvRow[]) {
    const unitIds = await this.units.idsByCode(manager);
    const specialtyIds = new Map(
      (await this.specialties.findAll(manager)).map((specialty) => [specialty.code, specialty.id]),
    );
    const parsed = rows.map((row) => ({ row, ...parseRow(row.values, unitIds, specialtyIds) }));
    const licences = parsed.flatMap((entry) => (entry.fields?.licenceNumber ? [entry.fields.licenceNumber] : []));
    const emails = parsed.flatMap((entry) => (entry.fields ? [entry.fields.email] : []));
    const existing = await this.people.findByLicencesOrEmails(licences, emails, manager);
    const byLicence = new Map(
      existing.filter((person) => person.licenceNumber).map((person) => [person.licenceNumber!, person]),
    );
    const byEmail = new Map(existing.map((person) => [person.email, person]));
    const seenLicence = new Map<string, number>();
    const seenEmail = new Map<string, number>();
    const seenPerson = new Map<string, number>();

    return parsed.map(({ row, fields, errors }) => {
      const result: ImportRowResult = { line: row.line, outcome: 'error' };
      if (!fields) return { result: { ...result, errors }, fields, person: undefined };
      const problems: FieldError[] = [];
      const repeatedLicence = fields.licenceNumber ? seenLicence.get(fields.licenceNumber) : undefined;
      const repeatedEmail = seenEmail.get(fields.email);
      if (repeatedLicence) problems.push(repeated('licenceNumber', repeatedLicence));
      if (repeatedEmail) problems.push(repeated('email', repeatedEmail));
      if (fields.licenceNumber) seenLicence.set(fields.licenceNumber, row.line);
      seenEmail.set(fields.email, row.line);
      const matchedByLicence = fields.licenceNumber ? byLicence.get(fields.licenceNumber) : undefined;
      const person = matchedByLicence ?? byEmail.get(fields.email);
      // One row may match a person by licence and another by email: applying both would update the
      // same person twice, the later row silently undoing the earlier one.
      const samePersonLine = person ? seenPerson.get(person.id) : undefined;
      if (samePersonLine && !repeatedLicence && !repeatedEmail) {
        problems.push({
          field: matchedByLicence ? 'licenceNumber' : 'email',
          message: message('directory.peopleImport.samePersonAsLine', { samePersonLine }),
        });
      }
      if (person && !samePersonLine) seenPerson.set(person.id, row.line);
      const emailOwner = byEmail.get(fields.email);
      if (emailOwner && person && emailOwner.id !== person.id) {
        problems.push({
          field: 'email',
          message: message('directory.peopleImport.alreadyBelongsSomeoneElse'),
        });
      }
      if (person?.licenceNumber && fields.licenceNumber && person.licenceNumber !== fields.licenceNumber) {
        problems.push({
          field: 'licenceNumber',
          message: message('directory.peopleImport.emailBelongsPersonWith'),
        });
      }
      if (person && person.id === actor.personId && fields.roles && !fields.roles.includes('office')) {
        problems.push({
          field: 'roles',
          message: message('directory.peopleImport.youCannotRemoveYour'),
        });
      }
      const key = fields.licenceNumber ?? fields.email;
      if (problems.length > 0) return { result: { ...result, key, errors: problems }, fields, person };
      const outcome = !person ? 'created' : changes(person, fields).length > 0 ? 'updated' : 'unchanged';
      return { result: { line: row.line, outcome, key } as ImportRowResult, fields, person };
    });
  }

  private async apply(
    manager: EntityManager,
    actor: Principal,
    rows: { result: ImportRowResult; fields?: PersonFields; person?: Person }[],
    invite: boolean,
  ): Promise<void> {
    const created = rows.filter((row) => row.result.outcome === 'created');
    const createdIds = await this.people.insertMany(
      created.map(({ fields }) => ({
        fullName: fields!.fullName,
        email: fields!.email,
        licenceNumber: fields!.licenceNumber,
        phone: fields!.phone,
        unitId: fields!.unitId,
        specialtyId: fields!.specialtyId,
        roles: fields!.roles ?? ['attendee'],
        locale: fields!.locale ?? 'es',
        active: true,
        // Noted as invited in this very statement; the jobs queued below send the mail.
        ...(invite ? { invitedAt: () => 'now()' } : {}),
      })),
      manager,
    );
    if (invite) await this.invitations.queue(manager, createdIds);
    const updated = rows.filter((row) => row.result.outcome === 'updated');
    for (const { person, fields } of updated) {
      for (const field of changes(person!, fields!)) Object.assign(person!, { [field]: fields![field] });
      await this.people.save(person!, manager);
    }
    await this.audit.record(manager, {
      actorId: actor.personId,
      action: 'people.imported',
      subjectType: 'person',
      details: {
        created: created.length,
        invited: invite ? createdIds.length : 0,
        updated: updated.map((row) => row.person!.id),
      },
    });
  }
}
