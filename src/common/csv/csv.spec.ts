import { csvCell, toCsv } from './csv';

describe('toCsv', () => {
  it('quotes separators, quotes and line breaks, and keeps accents', () => {
    expect(
      toCsv([
        ['Pregunta', 'Media'],
        ['Claridad, "ritmo"', 4.5],
        ['Línea\ncorta', null],
      ]),
    ).toBe('\uFEFFPregunta,Media\r\n"Claridad, ""ritmo""",4.5\r\n"Línea\ncorta",\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('keeps the spreadsheet from running %s as a formula', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes negative numbers as numbers', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
  });
});
