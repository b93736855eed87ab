/**
 * CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, quoted where needed, with a byte
 * order mark so that spreadsheet programs read accents as UTF-8. A text cell that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
export type CsvCell = string | number | boolean | null | undefined;

export function toCsv(rows: CsvCell[][]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
