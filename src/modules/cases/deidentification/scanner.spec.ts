import { curpCheckDigit, fingerprintOf, isLuhnValid, isValidCurpCheckDigit, scanText } from './scanner';

/** The scanner's validators and the properties integrators rely on (sorted, non-overlapping, exact offsets, linear time on adversarial input). */

describe('CURP check digit', () => {
  it.each([
    ['MAHE980718MQTRRL29', true],
    ['FOTM671121HJCLRG78', true],
    ['DOLO040417HVZMPSA4', true],
    ['MAHE980718MQTRRL28', false],
    ['GOCM850312MVZNRR05', false],
    ['HEGJ900101HDFRRN03', false],
    ['MAHE980718MQTRRL2', false],
  ])('%s -> %s', (curp, valid) => {
    expect(isValidCurpCheckDigit(curp)).toBe(valid);
  });

  it('is computed case-insensitively and rejects characters outside the dictionary', () => {
    expect(curpCheckDigit('gogy900103mnlntl8')).toBe(5);
    expect(curpCheckDigit('GOGY900103MNLNTL*')).toBeNull();
  });

  it('reports a CURP in any case, also with a mistyped check digit: a mistyped CURP still identifies', () => {
    expect(scanText('CURP MAHE980718MQTRRL29.')).toEqual([{ kind: 'curp', start: 5, end: 23 }]);
    expect(scanText('curp mahe980718mqtrrl29')).toEqual([{ kind: 'curp', start: 5, end: 23 }]);
    expect(scanText('CURP MAHE980718MQTRRL28 con error')).toEqual([{ kind: 'curp', start: 5, end: 23 }]);
  });
});

describe('NSS (Luhn)', () => {
  it.each([
    ['39908239823', true],
    ['15894675030', true],
    ['39908239824', false],
    ['15894675031', false],
    ['1589467503a', false],
  ])('isLuhnValid(%s) -> %s', (digits, valid) => {
    expect(isLuhnValid(digits)).toBe(valid);
  });

  it.each([
    ['afiliado 39908239823 vigente', 'nss', '39908239823'],
    ['afiliado 45-87-80-9806-5 vigente', 'nss', '45-87-80-9806-5'],
    ['NSS: 39908239824 (sin validar)', 'nss', '39908239824'],
  ])('finds %j', (text, kind, match) => {
    const findings = scanText(text);
    expect(findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([[kind, match]]);
  });

  it('does not report an unlabelled 11-digit run with a wrong check digit', () => {
    expect(scanText('lote 39908239824 del reactivo')).toEqual([]);
  });
});

describe('scanText', () => {
  it.each([
    'Paciente femenina de 34 años con diabetes mellitus tipo 2, metformina 500 mg cada 8 h.',
    'Paciente masculino de 45 años, TA 120/80 mmHg, Hb 11.2 g/dL, E11.9, en 2019.',
    'Fue atendido en el Hospital General de Xalapa; Glasgow 14/15; 10:30 h.',
    'The patient presented with a 3-day history of fever; BP 120/80 mmHg; in March 2020.',
    'Hospital General Dr. Manuel Gea González',
    'Perfil de lípidos: Col. 245 mg/dL, TG 310 mg/dL; cabecera de la cama a 30°, head of bed 45 degrees.',
    '',
  ])('finds nothing in %j', (text) => {
    expect(scanText(text)).toEqual([]);
  });

  it('returns exact UTF-16 offsets, sorted and non-overlapping, on a known string', () => {
    const text =
      'La paciente María Fernández, nacida el 12 de marzo de 1985, tel. 228 123 4567, correo maria.f@example.mx, expediente EXP-2021-00345.';
    const findings = scanText(text);
    expect(findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['name', 'María Fernández'],
      ['birth_date', '12 de marzo de 1985'],
      ['phone', '228 123 4567'],
      ['email', 'maria.f@example.mx'],
      ['record_number', 'EXP-2021-00345'],
    ]);
    expect(findings[0]).toEqual({ kind: 'name', start: 12, end: 27 });
    for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
  });

  it('prefers the more specific kind when rules overlap', () => {
    // A labelled record number would also be a 10-digit phone number.
    const text = 'expediente 2281234567';
    expect(scanText(text)).toEqual([{ kind: 'record_number', start: 11, end: 21 }]);
  });

  it.each([
    [
      'Sr. Juan y Sra. María López',
      [
        ['name', 'Juan'],
        ['name', 'María López'],
      ],
    ],
    [
      'The patient, John A. Smith, was seen by Dr. Laura Gómez.',
      [
        ['name', 'John A. Smith'],
        ['name', 'Laura Gómez'],
      ],
    ],
    ['Nombre: PÉREZ LÓPEZ JUAN', [['name', 'PÉREZ LÓPEZ JUAN']]],
    [
      'RFC GARP050220NZ6 y ABC981018H45',
      [
        ['rfc', 'GARP050220NZ6'],
        ['rfc', 'ABC981018H45'],
      ],
    ],
    [
      'Cel. (55) 1234-5678 y +52 228 123 4567',
      [
        ['phone', '(55) 1234-5678'],
        ['phone', '+52 228 123 4567'],
      ],
    ],
    [
      'DOB 03/12/1985, seen March 12, 1985 and 12 March 1985',
      [
        ['birth_date', '03/12/1985'],
        ['birth_date', 'March 12, 1985'],
        ['birth_date', '12 March 1985'],
      ],
    ],
    [
      'Av. Xalapa 123, Col. Obrero Campesina, C.P. 91020.',
      [['address', 'Av. Xalapa 123, Col. Obrero Campesina, C.P. 91020']],
    ],
    [
      'Col. 21 de Marzo y colonia Rafael Lucio',
      [
        ['address', 'Col. 21 de Marzo'],
        ['address', 'colonia Rafael Lucio'],
      ],
    ],
    ['lives at 123 Main Street, Apt 4B.', [['address', '123 Main Street, Apt 4B']]],
    [
      'MRN 00123456, bed 14B, cama 3, record 12 days',
      [
        ['record_number', '00123456'],
        ['record_number', '14B'],
        ['record_number', '3'],
      ],
    ],
    [
      'ver https://example.com/x?id=3. o www.example.mx/caso',
      [
        ['url', 'https://example.com/x?id=3'],
        ['url', 'www.example.mx/caso'],
      ],
    ],
    [
      'IP 192.168.1.20, 999.1.1.1 y 2001:db8:85a3::8a2e:370:7334',
      [
        ['ip_address', '192.168.1.20'],
        ['ip_address', '2001:db8:85a3::8a2e:370:7334'],
      ],
    ],
  ])('finds the expected spans in %j', (text, expected) => {
    expect(scanText(text).map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual(expected);
  });

  it.each([
    ['"Sra. A" repeated', 'Sra. A'.repeat(3400)],
    ['digits', '7'.repeat(20000)],
    ['letters without @', 'a'.repeat(20000)],
    ['dotted digits', '1.'.repeat(10000)],
    ['colons', 'ab:'.repeat(7000)],
    ['street words without number', 'Calle Juárez '.repeat(1600)],
    ['name words', 'paciente Juan de la '.repeat(1000)],
    ['url', 'http://' + 'a'.repeat(20000)],
  ])('scans a 20,000-character adversarial string (%s) and returns sane results', (_label, text) => {
    const findings = scanText(text);
    for (const f of findings) {
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.end).toBeLessThanOrEqual(text.length);
    }
    for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
  });

  it('finds nothing in adversarial strings that contain no identifier', () => {
    expect(scanText('Sra. A'.repeat(3400))).toEqual([]);
    expect(scanText('7'.repeat(20000))).toEqual([]);
    expect(scanText('a'.repeat(20000))).toEqual([]);
    expect(scanText('Calle Juárez '.repeat(1600))).toEqual([]);
  });
});

describe('fingerprintOf', () => {
  const text = 'Tel. 228 123 4567';
  const [finding] = scanText(text);

  it('is a stable SHA-256 hex that does not contain the matched text', () => {
    expect(finding).toEqual({ kind: 'phone', start: 5, end: 17 });
    const fp = fingerprintOf(text, finding);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(text, finding)).toBe(fp);
    expect(fingerprintOf(`Cel. ${text.slice(5)}`, finding)).toBe(fp);
    expect(fp).not.toContain('2281234567');
    expect(fp).not.toContain('228123');
  });

  it('normalises case and whitespace, and depends on the kind', () => {
    const a = 'Sra. Ana  López\tRuiz';
    const b = 'la sra. ANA LÓPEZ RUIZ';
    expect(fingerprintOf(a, { kind: 'name', start: 5, end: a.length })).toBe(
      fingerprintOf(b, { kind: 'name', start: 8, end: b.length }),
    );
    expect(fingerprintOf(a, { kind: 'address', start: 5, end: a.length })).not.toBe(
      fingerprintOf(a, { kind: 'name', start: 5, end: a.length }),
    );
  });
});
