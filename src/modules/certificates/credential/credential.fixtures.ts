import type { OpenBadgeInput } from './open-badge';

export const BASE = 'https://puente.example';
export const STATUS_LIST_URL = `${BASE}/api/v1/public/credentials/status/1`;

/** An attendance certificate's credential input, pointing at index 42 of the status list. */
export function input(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    certificateId: '6f1c2a4e-0b7d-4c39-9a51-2d8e3f4a5b6c',
    registryNumber: 'PUENTE-2025-000042',
    revision: 1,
    kind: 'attendance',
    holder: { name: 'María José Hernández Ruiz', licence: '12345678' },
    topic: 'Insuficiencia cardiaca',
    seminarTitle: 'Insuficiencia cardiaca en atención primaria',
    startDate: '2025-03-10',
    endDate: '2025-03-12',
    hours: 20,
    issuedAt: new Date('2025-03-14T17:00:00Z'),
    issuer: { id: BASE, name: 'Oficina de Formación' },
    achievementId: `${BASE}/api/v1/public/seminars/0c9f/achievements/attendance`,
    pdfUrl: `${BASE}/api/v1/certificates/6f1c2a4e-0b7d-4c39-9a51-2d8e3f4a5b6c/pdf`,
    pdfSha256: 'a'.repeat(64),
    statusListUrl: STATUS_LIST_URL,
    statusIndex: 42,
    ...overrides,
  };
}

/** The same JWT with one character changed to another valid base64url character. */
export function flip(jwt: string, position: number): string {
  const replacement = jwt[position] === 'A' ? 'B' : 'A';
  return jwt.slice(0, position) + replacement + jwt.slice(position + 1);
}
