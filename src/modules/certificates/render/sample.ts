import type { CertificateData, RegistryBookData, TranscriptData } from './certificate-data';

/**
 * Data for previewing a template: every field filled, with the accents and signs Spanish names and
 * titles carry, so that a preview shows what real certificates will look like.
 */
export function sampleCertificateData(): CertificateData {
  return {
    kind: 'attendance',
    registryNumber: 'PUENTE-2031-000042',
    revision: 1,
    checkCode: 'K7Q-M2P',
    verificationUrl: 'https://puente.example.org/verificar/PUENTE-2031-000042?c=K7Q-M2P',
    holder: { name: 'María Fernanda Ávila Íñiguez', licence: '12345678' },
    topic: 'Control prenatal y emergencias obstétricas',
    seminarTitle: 'Atención compartida del embarazo de alto riesgo',
    startDate: '2031-03-17',
    endDate: '2031-03-19',
    place: 'Hospital General de Xalapa, Xalapa, Veracruz',
    hours: 24,
    issuedOn: '2031-03-21',
    issuer: 'Oficina de Formación, Secretaría de Salud',
    signatories: [
      { name: 'Dra. Lucía Ramírez Ochoa', role: 'Jefa de la Oficina de Formación' },
      { name: 'Dr. José Ñúñez Güémez', role: 'Facilitador principal' },
    ],
  };
}

/** A transcript over two years, for previews and tests. */
export function sampleTranscriptData(): TranscriptData {
  return {
    holder: { name: 'María Fernanda Ávila Íñiguez', licence: '12345678' },
    generatedOn: '2032-01-15',
    issuer: 'Oficina de Formación, Secretaría de Salud',
    rows: [
      {
        year: 2030,
        registryNumber: 'PUENTE-2030-000318',
        topic: 'Enfermedades crónicas',
        seminarTitle: 'Diabetes e hipertensión en el primer nivel',
        endDate: '2030-10-09',
        hours: 24,
        kind: 'attendance',
        status: 'valid',
      },
      {
        year: 2031,
        registryNumber: 'PUENTE-2031-000042',
        topic: 'Control prenatal y emergencias obstétricas',
        seminarTitle: 'Atención compartida del embarazo de alto riesgo',
        endDate: '2031-03-19',
        hours: 24,
        kind: 'attendance',
        status: 'valid',
      },
      {
        year: 2031,
        registryNumber: 'PUENTE-2031-000977',
        topic: 'Nutrición clínica',
        seminarTitle: 'Obesidad y síndrome metabólico',
        endDate: '2031-11-05',
        hours: 22.5,
        kind: 'facilitation',
        status: 'valid',
      },
    ],
    totals: [
      { year: 2030, hours: 24 },
      { year: 2031, hours: 46.5 },
    ],
  };
}

/** A registry book of `count` certificates (every tenth one revoked, every fifteenth a revision), for previews, tests and the bench. */
export function sampleRegistryBookData(count = 40, year = 2031): RegistryBookData {
  const names = [
    'José Ñúñez Güémez',
    'María Fernanda Ávila Íñiguez',
    'Óscar Peña Ibáñez',
    'Úrsula Muñoz Calderón',
    'Ángel Éibar Oñate',
  ];
  const seminars = [
    'Atención compartida del embarazo de alto riesgo',
    'Diabetes e hipertensión en el primer nivel',
    'Obesidad y síndrome metabólico',
  ];
  return {
    year,
    generatedOn: `${year + 1}-01-10`,
    issuer: 'Oficina de Formación, Secretaría de Salud',
    rows: Array.from({ length: count }, (_, index) => ({
      registryNumber: `PUENTE-${year}-${String(index + 1).padStart(6, '0')}`,
      revision: index % 15 === 14 ? 2 : 1,
      holder: `${names[index % names.length]} ${index + 1}`,
      licence: index % 7 === 6 ? null : String(10_000_000 + index * 7919),
      seminarTitle: seminars[index % seminars.length],
      hours: index % 4 === 3 ? 22.5 : 24,
      issuedOn: `${year}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
      status: index % 10 === 9 ? 'revoked' : 'valid',
    })),
  };
}
