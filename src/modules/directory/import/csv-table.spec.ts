import { normalizeHeader, readCsvTable, type CsvResult } from './csv-table';

const ALIASES = {
  name: 'name',
  nombre: 'name',
  email: 'email',
  correo: 'email',
  address: 'address',
  domicilio: 'address',
};
const REQUIRED = ['name', 'email'];

const read = (content: string | Buffer): CsvResult =>
  readCsvTable(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, ALIASES, REQUIRED);

/** The rows as `line: values`, or the problem, so that each case reads as one expectation. */
function outcome(result: CsvResult): unknown {
  return result.ok ? result.rows.map((row) => ({ line: row.line, ...row.values })) : result.problem;
}

describe(readCsvTable.name, () => {
  it.each<[string, string | Buffer, unknown]>([
    [
      'comma separated, English headers',
      'name,email\nAna Núñez,ana@salud.example\nLuis Peña,luis@salud.example\n',
      [
        { line: 2, name: 'Ana Núñez', email: 'ana@salud.example' },
        { line: 3, name: 'Luis Peña', email: 'luis@salud.example' },
      ],
    ],
    [
      'semicolon separated, Spanish headers with accents and capitals, commas inside cells',
      'Nombre;Correo;Domicilio\nAna Núñez;ana@salud.example;Av. Ávila Camacho 10, Centro\n',
      [{ line: 2, name: 'Ana Núñez', email: 'ana@salud.example', address: 'Av. Ávila Camacho 10, Centro' }],
    ],
    [
      'a UTF-8 byte order mark before the header',
      '\uFEFFnombre;correo\nBegoña Íñiguez;begona@salud.example\n',
      [{ line: 2, name: 'Begoña Íñiguez', email: 'begona@salud.example' }],
    ],
    [
      'no newline after the last row, spaces around cells',
      'name , email\n  Ana  ,  ana@salud.example  ',
      [{ line: 2, name: 'Ana', email: 'ana@salud.example' }],
    ],
    [
      'a quoted cell spanning lines: later rows keep their line numbers',
      'name,email,address\nAna,ana@salud.example,"Calle 1\nColonia Centro\nXalapa"\nLuis,luis@salud.example,\n',
      [
        { line: 2, name: 'Ana', email: 'ana@salud.example', address: 'Calle 1\nColonia Centro\nXalapa' },
        { line: 5, name: 'Luis', email: 'luis@salud.example', address: '' },
      ],
    ],
    [
      'the same with Windows line endings (as Excel saves it)',
      'name,email,address\r\nAna,ana@salud.example,"Calle 1\r\nColonia Centro\r\nXalapa"\r\nLuis,luis@salud.example,\r\n',
      [
        {
          line: 2,
          name: 'Ana',
          email: 'ana@salud.example',
          address: expect.stringMatching(/^Calle 1\r?\nColonia Centro\r?\nXalapa$/),
        },
        { line: 5, name: 'Luis', email: 'luis@salud.example', address: '' },
      ],
    ],
    [
      'blank lines are skipped but still counted',
      'name,email\n\nAna,ana@salud.example\r\n\r\nLuis,luis@salud.example\n',
      [
        { line: 3, name: 'Ana', email: 'ana@salud.example' },
        { line: 5, name: 'Luis', email: 'luis@salud.example' },
      ],
    ],
    ['a header and no rows', 'name,email\n', []],
    [
      'columns the caller does not know',
      'name,email,fax,cargo\nAna,a@b.mx,1,x\n',
      { kind: 'unknown_columns', columns: ['fax', 'cargo'] },
    ],
    ['a required column missing', 'name,address\nAna,Calle 1\n', { kind: 'missing_columns', columns: ['email'] }],
    ['an empty file', '', { kind: 'empty' }],
    ['only a byte order mark', '\uFEFF', { kind: 'empty' }],
    [
      'a row with more cells than the header',
      'name,email\nAna,a@b.mx\nLuis,l@b.mx,extra\n',
      { kind: 'malformed', line: 3, reason: expect.any(String) },
    ],
    [
      'a row with too many cells after a quoted cell with Windows line endings',
      'name,email,address\r\nAna,a@b.mx,"Calle 1\r\nCentro"\r\nLuis,l@b.mx,x,extra\r\n',
      { kind: 'malformed', line: 4, reason: expect.any(String) },
    ],
    [
      'a quote never closed',
      'name,email\n"Ana,a@b.mx\n',
      { kind: 'malformed', line: expect.any(Number), reason: expect.any(String) },
    ],
    [
      'Latin-1 bytes (not UTF-8)',
      Buffer.from('nombre;correo\nBegoña;b@salud.example\n', 'latin1'),
      { kind: 'not_utf8' },
    ],
    [
      'an Excel workbook (a zip file)',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      { kind: 'spreadsheet' },
    ],
  ])('%s', (_case, content, expected) => {
    expect(outcome(read(content))).toEqual(expected);
  });

  it.each([
    ['Cédula Profesional', 'cedula_profesional'],
    ['  E-mail ', 'e_mail'],
    ['Teléfono', 'telefono'],
    ['unit_code', 'unit_code'],
    ['Hospitales de referencia', 'hospitales_de_referencia'],
  ])('normalises the header %j to %j', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});
