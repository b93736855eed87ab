import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** Line of the file where the record starts; the header is line 1. */
  line: number;
  values: Record<string, string>;
}

export type CsvProblem =
  | { kind: 'not_utf8' }
  | { kind: 'spreadsheet' }
  | { kind: 'empty' }
  | { kind: 'malformed'; line: number; reason: string }
  | { kind: 'missing_columns'; columns: string[] }
  | { kind: 'unknown_columns'; columns: string[] };

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; problem: CsvProblem };

/** Lower case, no accents, words joined by underscores: "Cédula Profesional" → "cedula_profesional". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Reads a CSV file as people produce it: UTF-8 with or without BOM, comma or semicolon separated
 * (spreadsheets in Spanish locales export semicolons), headers in English or Spanish. `aliases`
 * maps each normalised header to its column key.
 */
export function readCsvTable(file: Buffer, aliases: Record<string, string>, required: string[]): CsvResult {
  if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { ok: false, problem: { kind: 'spreadsheet' } };
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return { ok: false, problem: { kind: 'not_utf8' } };
  }
  // One kind of line break: csv-parse counts "\r\n" inside a quoted cell (and in files that mix
  // endings) as two lines, which would shift every later line number in the report.
  content = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = content.slice(0, content.search(/\n|$/));
  if (firstLine.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const { lines } = error as { lines?: number };
    return {
      ok: false,
      problem: { kind: 'malformed', line: lines ?? 0, reason: (error as Error).message.split('\n')[0] },
    };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: { kind: 'empty' } };
  const keys = header.record.map((name) => ownValue(aliases, normalizeHeader(name)));
  const unknown = header.record.filter((_, index) => keys[index] === undefined && header.record[index] !== '');
  if (unknown.length > 0) return { ok: false, problem: { kind: 'unknown_columns', columns: unknown } };
  const missing = required.filter((key) => !keys.includes(key));
  if (missing.length > 0) return { ok: false, problem: { kind: 'missing_columns', columns: missing } };
  const rows = body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    keys.forEach((key, index) => {
      if (key) values[key] = record[index] ?? '';
    });
    // csv-parse reports the line where a record ends; a quoted field may span several lines.
    return { line: info.lines - countNewlines(record), values };
  });
  return { ok: true, rows };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

function countNewlines(record: string[]): number {
  return record.reduce((total, field) => total + (field.match(/\n/g)?.length ?? 0), 0);
}

/** A lookup in a table of aliases that never reaches inherited properties such as "constructor". */
export function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
