import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { Principal } from '../../../common/auth/principal';
import type { FieldError } from '../../../common/errors/domain-error';
import { message } from '../../../common/i18n/messages';
import { inTransaction } from '../../../database/transaction';
import { NetworkRepository } from '../network.repository';
import { referralProblems } from '../referrals';
import { Unit, UNIT_LEVELS, type UnitLevel } from '../unit.entity';
import { UnitRepository } from '../unit.repository';
import { ownValue, readCsvTable } from './csv-table';
import {
  csvProblemError,
  IMPORT_CONSTRAINTS,
  rowsRefused,
  type ImportResult,
  type ImportRowResult,
} from './import-report';

const ALIASES: Record<string, string> = {
  code: 'code',
  clave: 'code',
  clues: 'code',
  name: 'name',
  nombre: 'name',
  level: 'level',
  nivel: 'level',
  network: 'network',
  red: 'network',
  address: 'address',
  direccion: 'address',
  domicilio: 'address',
  referral_hospitals: 'referrals',
  referrals: 'referrals',
  hospitales_de_referencia: 'referrals',
  referencia: 'referrals',
};

const LEVEL_ALIASES: Record<string, UnitLevel> = {
  primary: 'primary',
  primer: 'primary',
  primer_nivel: 'primary',
  '1': 'primary',
  secondary: 'secondary',
  segundo: 'secondary',
  segundo_nivel: 'secondary',
  '2': 'secondary',
  tertiary: 'tertiary',
  tercer: 'tertiary',
  tercer_nivel: 'tertiary',
  '3': 'tertiary',
};

interface UnitFields {
  code: string;
  name: string;
  level: UnitLevel;
  networkId: string;
  address: string | null;
  referralCodes: string[] | null;
}

/**
 * Imports units from CSV, matched on their code. Referral hospitals are listed by code separated
 * by `|` and may be units of the same file. Dry run by default; a commit applies all or nothing.
 */
@Injectable()
export class UnitsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly networks: NetworkRepository,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Principal, file: Buffer, commit: boolean): Promise<ImportResult> {
    const table = readCsvTable(file, ALIASES, ['code', 'name', 'level', 'network']);
    if (!table.ok) throw csvProblemError(table.problem);
    const outcome = await inTransaction(
      this.dataSource,
      async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('puente:units-import'))`);
        const existing = new Map((await this.units.findAllWithReferrals(manager)).map((unit) => [unit.code, unit]));
        const networkIds = new Map<string, string | null>();
        const planned: { result: ImportRowResult; fields?: UnitFields }[] = [];
        const seen = new Map<string, number>();
        for (const row of table.rows) {
          const errors: FieldError[] = [];
          const code = (row.values.code ?? '').trim().toUpperCase();
          if (!/^[A-Z0-9][A-Z0-9_.-]{0,31}$/.test(code))
            errors.push({ field: 'code', message: message('directory.unitsImport.invalidCode') });
          else if (seen.has(code))
            errors.push({
              field: 'code',
              message: message('directory.unitsImport.repeatedFromLine', { line: seen.get(code)! }),
            });
          seen.set(code, row.line);
          const name = (row.values.name ?? '').replace(/\s+/g, ' ').trim();
          if (name === '' || name.length > 200)
            errors.push({
              field: 'name',
              message: message('directory.unitsImport.requiredUp200Characters'),
            });
          const level = ownValue(LEVEL_ALIASES, (row.values.level ?? '').trim().toLowerCase().replace(/\s+/g, '_'));
          if (!level)
            errors.push({
              field: 'level',
              message: message('directory.unitsImport.use', { unitLevels: UNIT_LEVELS.join(', ') }),
            });
          const networkName = (row.values.network ?? '').replace(/\s+/g, ' ').trim();
          if (!networkIds.has(networkName))
            networkIds.set(networkName, (await this.networks.findByName(networkName, manager))?.id ?? null);
          const networkId = networkIds.get(networkName);
          if (!networkId)
            errors.push({
              field: 'network',
              message: message('directory.unitsImport.thereNoNetwork', { networkName }),
            });
          const address = (row.values.address ?? '').trim() || null;
          if (address && address.length > 300)
            errors.push({ field: 'address', message: message('directory.unitsImport.tooLong') });
          const referralText = (row.values.referrals ?? '').trim();
          const referralCodes = referralText
            ? referralText
                .split(/[|;,]/)
                .map((value) => value.trim().toUpperCase())
                .filter(Boolean)
            : null;
          if (errors.length > 0) {
            planned.push({ result: { line: row.line, outcome: 'error', key: code, errors } });
            continue;
          }
          planned.push({
            result: { line: row.line, outcome: 'unchanged', key: code },
            fields: { code, name, level: level!, networkId: networkId!, address, referralCodes },
          });
        }
        // Referrals are checked against the units as they will be after the import.
        const after = new Map(
          [...existing].map(([code, unit]) => [code, { level: unit.level, networkId: unit.networkId }]),
        );
        for (const { fields } of planned)
          if (fields) after.set(fields.code, { level: fields.level, networkId: fields.networkId });
        // Units the file leaves alone keep referring to their hospitals, which must stay valid ones.
        const inFile = new Set(planned.flatMap((entry) => (entry.fields ? [entry.fields.code] : [])));
        const referrers = new Map<string, Unit[]>();
        for (const unit of existing.values()) {
          if (inFile.has(unit.code)) continue;
          for (const hospital of unit.referralHospitals ?? [])
            referrers.set(hospital.code, [...(referrers.get(hospital.code) ?? []), unit]);
        }
        for (const entry of planned) {
          const { fields, result } = entry;
          if (!fields) continue;
          const current = existing.get(fields.code);
          const referralCodes =
            fields.referralCodes ?? (current?.referralHospitals ?? []).map((hospital) => hospital.code);
          const problems = referralProblems(
            fields,
            referralCodes.map((code) => after.get(code)),
            'referralHospitals',
          );
          for (const referrer of referrers.get(fields.code) ?? []) {
            if (referralProblems(referrer, [fields]).length === 0) continue;
            problems.push({
              field: fields.level === 'primary' ? 'level' : 'network',
              message: message('directory.unitsImport.unitHasAsReferral', { code: referrer.code }),
            });
          }
          if (problems.length > 0) {
            entry.result = { ...result, outcome: 'error', errors: problems };
            continue;
          }
          result.outcome = !current ? 'created' : unitChanged(current, fields, referralCodes) ? 'updated' : 'unchanged';
        }
        const hasErrors = planned.some((entry) => entry.result.outcome === 'error');
        if (!commit || hasErrors) return { rows: planned.map((entry) => entry.result), committed: false, hasErrors };
        await this.apply(manager, actor, planned, existing);
        return { rows: planned.map((entry) => entry.result), committed: true, hasErrors };
      },
      IMPORT_CONSTRAINTS,
    );
    if (commit && outcome.hasErrors) throw rowsRefused(outcome.rows);
    return { committed: outcome.committed, rows: outcome.rows };
  }

  private async apply(
    manager: EntityManager,
    actor: Principal,
    planned: { result: ImportRowResult; fields?: UnitFields }[],
    existing: Map<string, Unit>,
  ): Promise<void> {
    const changed = planned.filter((entry) => entry.result.outcome === 'created' || entry.result.outcome === 'updated');
    const saved = new Map(existing);
    // Units first, then referrals, which may point at units created by this same file.
    for (const { fields } of changed) {
      const unit = existing.get(fields!.code) ?? manager.create(Unit, { code: fields!.code });
      // An empty address cell keeps the current address, as unitChanged() assumes.
      Object.assign(unit, {
        name: fields!.name,
        level: fields!.level,
        networkId: fields!.networkId,
        address: fields!.address ?? unit.address ?? null,
      });
      const referrals = unit.referralHospitals;
      delete unit.referralHospitals;
      const stored = await this.units.save(unit, manager);
      stored.referralHospitals = referrals;
      saved.set(fields!.code, stored);
    }
    for (const { fields } of changed) {
      if (fields!.referralCodes === null) continue;
      const unit = saved.get(fields!.code)!;
      unit.referralHospitals = fields!.referralCodes.map((code) => saved.get(code)!);
      await this.units.save(unit, manager);
    }
    await this.audit.record(manager, {
      actorId: actor.personId,
      action: 'units.imported',
      subjectType: 'unit',
      details: { codes: changed.map((entry) => entry.fields!.code) },
    });
  }
}

function unitChanged(unit: Unit, fields: UnitFields, referralCodes: string[]): boolean {
  const currentReferrals = (unit.referralHospitals ?? [])
    .map((hospital) => hospital.code)
    .sort()
    .join('|');
  return (
    unit.name !== fields.name ||
    unit.level !== fields.level ||
    unit.networkId !== fields.networkId ||
    (fields.address !== null && unit.address !== fields.address) ||
    currentReferrals !== [...referralCodes].sort().join('|')
  );
}
