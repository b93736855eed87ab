import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { VerificationCard, type Verification } from './VerificationCard';

const verification: Verification = {
  match: true,
  registryNumber: 'PUENTE-2031-000042',
  revision: 1,
  status: 'valid',
  revokedAt: null,
  supersededByRevision: null,
  kind: 'attendance',
  holderName: 'Rosa Elena Domínguez Xolo',
  topic: 'Diabetes tipo 2 en el primer nivel',
  seminarTitle: 'Seminario de diabetes, Xalapa',
  startDate: '2031-03-17',
  endDate: '2031-03-19',
  hours: 24,
  issuedOn: '2031-03-25',
  issuer: 'Servicios de Salud',
  pdfSha256: 'a'.repeat(64),
};

function show(v: Verification) {
  render(
    <I18nextProvider i18n={i18n}>
      <VerificationCard verification={v} />
    </I18nextProvider>,
  );
}

describe('VerificationCard', () => {
  beforeEach(() => i18n.changeLanguage('es-MX'));

  it('says valid and what the certificate certifies, with its dates in words', () => {
    show(verification);
    expect(screen.getByText('Constancia válida')).toBeTruthy();
    expect(screen.getByText('Del 17 de marzo de 2031 al 19 de marzo de 2031')).toBeTruthy();
    expect(screen.getByText('24 horas')).toBeTruthy();
  });

  it('gives the date of a revocation in the service’s time zone', () => {
    // 02:00 UTC on the 27th is still the 26th in Mexico City.
    show({ ...verification, status: 'revoked', revokedAt: '2031-03-27T02:00:00Z' });
    expect(screen.getByText('Constancia revocada')).toBeTruthy();
    expect(screen.getByText('Revocada el 26 de marzo de 2031.')).toBeTruthy();
  });

  it('names the revision that superseded it, in English too', async () => {
    await i18n.changeLanguage('en');
    show({ ...verification, status: 'superseded', supersededByRevision: 2 });
    expect(screen.getByText('Superseded certificate')).toBeTruthy();
    expect(screen.getByText(/Superseded by revision 2/)).toBeTruthy();
    expect(screen.getByText('24 hours')).toBeTruthy();
  });
});
