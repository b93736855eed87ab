import { fileMissing } from '../../../common/errors/common.errors';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { translate, message, type Text } from '../../../common/i18n/messages';
import { type Language } from '../../../common/i18n/text';
import type { ImportOutcome } from '../import.dto';
import { importConflict, importFileInvalid, importHasErrors, importNotCsv } from '../directory.errors';
import type { ConstraintErrors } from '../../../database/transaction';
import type { CsvProblem } from './csv-table';

export interface ImportRowResult {
  line: number;
  outcome: ImportOutcome;
  key?: string;
  errors?: FieldError[];
}

export interface ImportResult {
  committed: boolean;
  rows: ImportRowResult[];
}

/** A people import's result: also how many people it invites (or, in a dry run, would invite). */
export interface PeopleImportResult extends ImportResult {
  invited: number;
}

export function summarize(rows: ImportRowResult[]): Record<ImportOutcome, number> {
  const summary = { created: 0, updated: 0, unchanged: 0, error: 0 };
  for (const row of rows) summary[row.outcome] += 1;
  return summary;
}

/** The report in the caller's language. */
export function localizeReport(result: ImportResult, language: Language) {
  return {
    committed: result.committed,
    summary: summarize(result.rows),
    rows: result.rows.map((row) => ({
      line: row.line,
      outcome: row.outcome,
      ...(row.key ? { key: row.key } : {}),
      ...(row.errors
        ? { errors: row.errors.map((error) => ({ field: error.field, message: translate(error.message, language) })) }
        : {}),
    })),
  };
}

/** A people import's report in the caller's language, with how many people it invites. */
export function localizePeopleReport(result: PeopleImportResult, language: Language) {
  return { ...localizeReport(result, language), invited: result.invited };
}

/** A committed import with bad rows changes nothing; the error lists every bad field by line. */
/** The import refused because some rows have errors, each listed by its line and column. */
export function rowsRefused(rows: ImportRowResult[]): DomainError {
  const bad = rows.filter((row) => row.outcome === 'error');
  return importHasErrors(
    bad.length,
    bad.flatMap((row) =>
      (row.errors ?? []).map((error) => ({ field: `line ${row.line}: ${error.field}`, message: error.message })),
    ),
  );
}

export function csvProblemError(problem: CsvProblem): DomainError {
  switch (problem.kind) {
    case 'spreadsheet':
      return importNotCsv();
    case 'not_utf8':
      return invalid(message('directory.importReport.fileNotUtf8'));
    case 'empty':
      return invalid(message('directory.importReport.fileEmpty'));
    case 'malformed':
      return invalid(message('directory.importReport.fileNotValidCsv', { line: problem.line }));
    case 'missing_columns':
      return invalid(
        message('directory.importReport.missingColumns', { columns: problem.columns.join(', ') }),
        problem.columns.map((column) => ({
          field: column,
          message: message('directory.importReport.columnMissing'),
        })),
      );
    case 'unknown_columns':
      return invalid(
        message('directory.importReport.unknownColumns', { columns: problem.columns.join(', ') }),
        problem.columns.map((column) => ({
          field: column,
          message: message('directory.importReport.unknownColumn'),
        })),
      );
  }
}

function invalid(detail: Text, fields: FieldError[] = []): DomainError {
  return importFileInvalid(detail, fields);
}

/** An import sent without its CSV file. */
export function csvFileMissing(): DomainError {
  return fileMissing(message('directory.importReport.attachCsvFileFile'));
}

/**
 * A write made by someone else while the import ran collided with it (the same email created
 * meanwhile, a network deleted). Nothing was applied; running the import again sees the change.
 */
export const IMPORT_CONSTRAINTS: ConstraintErrors = {
  unique: Object.fromEntries(
    ['person_email_unique', 'person_licence_number_unique', 'unit_code_unique'].map((name) => [name, importConflict]),
  ),
  foreignKey: importConflict,
};
