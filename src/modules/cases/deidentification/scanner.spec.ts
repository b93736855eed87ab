import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FINDING_KINDS,
  curpCheckDigit,
  fingerprintOf,
  isLuhnValid,
  isValidCurpCheckDigit,
  scanText,
  type Finding,
  type FindingKind,
} from './scanner';

/**
 * The scanner against a labelled synthetic corpus (test/fixtures/deidentification/corpus.json),
 * plus unit tests for the validators and the properties integrators rely on (sorted,
 * non-overlapping, exact offsets, linear time on adversarial input).
 *
 * Matching is by overlap: a label is recalled when a finding of the same kind overlaps it, and a
 * finding is a true positive when it overlaps a label of the same kind. Span boundaries differ
 * legitimately (e.g. a merged "street, colonia, C.P." address) and redaction only needs overlap.
 */

interface CorpusEntry {
  id: string;
  lang: 'es' | 'en';
  text: string;
  labels: Finding[];
}

const CORPUS: CorpusEntry[] = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/deidentification/corpus.json'), 'utf8'),
);

// Structured identifiers are validated or labelled, so near-perfect recall is expected; names are
// heuristic (they need a trigger word) and get a lower bar.
const MIN_RECALL: Partial<Record<FindingKind, number>> = {
  curp: 0.95,
  rfc: 0.95,
  nss: 0.95,
  phone: 0.95,
  email: 0.95,
  birth_date: 0.95,
  record_number: 0.95,
  name: 0.8,
};

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

describe('deidentification corpus', () => {
  it('is well-formed: enough snippets per language and labels per kind, offsets inside the text', () => {
    expect(CORPUS.filter((e) => e.lang === 'es').length).toBeGreaterThanOrEqual(120);
    expect(CORPUS.filter((e) => e.lang === 'en').length).toBeGreaterThanOrEqual(80);
    expect(new Set(CORPUS.map((e) => e.id)).size).toBe(CORPUS.length);
    const perKind = new Map<FindingKind, number>();
    for (const entry of CORPUS) {
      for (const label of entry.labels) {
        expect(FINDING_KINDS).toContain(label.kind);
        expect(label.start).toBeGreaterThanOrEqual(0);
        expect(label.end).toBeLessThanOrEqual(entry.text.length);
        expect(label.end).toBeGreaterThan(label.start);
        perKind.set(label.kind, (perKind.get(label.kind) ?? 0) + 1);
      }
    }
    for (const kind of ['curp', 'rfc', 'nss', 'phone', 'email', 'birth_date', 'record_number'] as const)
      expect(perKind.get(kind) ?? 0).toBeGreaterThanOrEqual(15);
    expect(perKind.get('name') ?? 0).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it('reaches the minimum recall per kind (prints recall and precision)', () => {
    const stats = new Map(
      FINDING_KINDS.map((kind) => [kind, { labels: 0, recalled: 0, findings: 0, truePositives: 0 }]),
    );
    const misses: string[] = [];
    for (const entry of CORPUS) {
      const findings = scanText(entry.text);
      for (const label of entry.labels) {
        const s = stats.get(label.kind)!;
        s.labels++;
        if (findings.some((f) => f.kind === label.kind && overlaps(f, label))) s.recalled++;
        else
          misses.push(
            `  missed ${label.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(label.start, label.end))}`,
          );
      }
      for (const finding of findings) {
        const s = stats.get(finding.kind)!;
        s.findings++;
        if (entry.labels.some((l) => l.kind === finding.kind && overlaps(finding, l))) s.truePositives++;
        else
          misses.push(
            `  false ${finding.kind} in ${entry.id}: ${JSON.stringify(entry.text.slice(finding.start, finding.end))}`,
          );
      }
    }

    const fmt = (n: number, d: number) => (d === 0 ? '   n/a' : (n / d).toFixed(3).padStart(6));
    const rows = [
      `\nde-identification scanner on ${CORPUS.length} snippets`,
      'kind            labels  recall  findings  precision',
    ];
    for (const [kind, s] of stats)
      rows.push(
        `${kind.padEnd(15)} ${String(s.labels).padStart(6)}  ${fmt(s.recalled, s.labels)}  ${String(s.findings).padStart(8)}  ${fmt(s.truePositives, s.findings).padStart(9)}`,
      );
    process.stdout.write(`${rows.join('\n')}\n${misses.join('\n')}\n`);

    const failures = Object.entries(MIN_RECALL)
      .map(([kind, min]) => ({ kind, min, s: stats.get(kind as FindingKind)! }))
      .filter(({ min, s }) => s.labels > 0 && s.recalled / s.labels < min!)
      .map(({ kind, min, s }) => `${kind}: recall ${(s.recalled / s.labels).toFixed(3)} < ${min}`);
    expect(failures).toEqual([]);
  });
});

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

  it('reports a CURP only when the check digit is valid, in any case', () => {
    expect(scanText('CURP MAHE980718MQTRRL29.')).toEqual([{ kind: 'curp', start: 5, end: 23 }]);
    expect(scanText('curp mahe980718mqtrrl29')).toEqual([{ kind: 'curp', start: 5, end: 23 }]);
    expect(scanText('CURP MAHE980718MQTRRL28 con error')).toEqual([]);
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
      ],
    ],
    [
      'ver https://example.org/x?id=3. o www.example.mx/caso',
      [
        ['url', 'https://example.org/x?id=3'],
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
