import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { translate } from '../../../common/i18n/messages';
import { text, type Language } from '../../../common/i18n/text';
import type { ImportOutcome } from '../directory.dto';
import { DirectoryError, DirectoryErrorCode } from '../directory.errors';
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

/** A committed import with bad rows changes nothing; the error lists every bad field by line. */
export function importHasErrors(rows: ImportRowResult[]): DomainError {
  const bad = rows.filter((row) => row.outcome === 'error');
  return DirectoryError.rule(
    DirectoryErrorCode.ImportHasErrors,
    text(
      `El archivo tiene ${bad.length} fila(s) con errores; no se aplicó nada. Corríjalas y vuelva a enviarlo.`,
      `The file has ${bad.length} row(s) with errors; nothing was applied. Fix them and send it again.`,
    ),
    bad.flatMap((row) =>
      (row.errors ?? []).map((error) => ({ field: `line ${row.line}: ${error.field}`, message: error.message })),
    ),
  );
}

export function csvProblemError(problem: CsvProblem): DomainError {
  switch (problem.kind) {
    case 'spreadsheet':
      return new DomainError(
        'unsupported_media_type',
        415,
        text(
          'Envíe un archivo CSV, no una hoja de Excel. En Excel use "Guardar como" › CSV UTF-8.',
          'Send a CSV file, not an Excel workbook. In Excel use "Save as" › CSV UTF-8.',
        ),
      );
    case 'not_utf8':
      return invalid(
        text(
          'El archivo no está en UTF-8. Guárdelo como "CSV UTF-8".',
          'The file is not UTF-8. Save it as "CSV UTF-8".',
        ),
      );
    case 'empty':
      return invalid(text('El archivo está vacío.', 'The file is empty.'));
    case 'malformed':
      return invalid(
        text(
          `El archivo no es un CSV válido (línea ${problem.line}).`,
          `The file is not valid CSV (line ${problem.line}).`,
        ),
      );
    case 'missing_columns':
      return invalid(
        text(`Faltan columnas: ${problem.columns.join(', ')}.`, `Missing columns: ${problem.columns.join(', ')}.`),
        problem.columns.map((column) => ({
          field: column,
          message: text('Falta esta columna.', 'This column is missing.'),
        })),
      );
    case 'unknown_columns':
      return invalid(
        text(
          `Columnas no reconocidas: ${problem.columns.join(', ')}.`,
          `Unknown columns: ${problem.columns.join(', ')}.`,
        ),
        problem.columns.map((column) => ({
          field: column,
          message: text('Columna no reconocida.', 'Unknown column.'),
        })),
      );
  }
}

function invalid(detail: ReturnType<typeof text>, fields: FieldError[] = []): DomainError {
  return DirectoryError.rule(DirectoryErrorCode.ImportFileInvalid, detail, fields);
}

export function fileMissing(): DomainError {
  return new DomainError(
    DirectoryErrorCode.ImportFileMissing,
    400,
    text('Adjunte el archivo CSV en el campo "file".', 'Attach the CSV file in the "file" field.'),
    [{ field: 'file', message: text('Es obligatorio.', 'Is required.') }],
  );
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

function importConflict(): DomainError {
  return DirectoryError.conflictOn(
    DirectoryErrorCode.ImportConflict,
    text(
      'El directorio cambió mientras se importaba el archivo; no se aplicó nada. Vuelva a enviarlo.',
      'The directory changed while the file was being imported; nothing was applied. Send it again.',
    ),
  );
}
