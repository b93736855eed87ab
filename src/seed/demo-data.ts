import type { Role } from '../common/auth/principal';
import type { UnitLevel } from '../modules/directory/unit.entity';
import { licenceNumberAt, nameAt } from './demo-names';

/**
 * The demo network: a small copy of the Xalapa network in which the seminars were first run. Pure
 * data and pure functions, so that the same lists always produce the same people (the seed matches
 * on email, and a changing generator would create a second set instead of finding the first).
 */

export const DEMO_NETWORK_NAME = 'Xalapa';

export interface DemoUnit {
  /** CLUES-style code: the natural key the seed matches on. */
  code: string;
  name: string;
  level: UnitLevel;
  address: string;
  /** Codes of the hospitals a primary unit refers to. */
  referralCodes: string[];
}

export interface DemoPerson {
  fullName: string;
  email: string;
  licenceNumber: string;
  roles: Role[];
  unitCode: string;
  specialtyCode: string | null;
}

const GENERAL_HOSPITAL = 'VZSSA000030';
const HIGH_SPECIALTY_CENTRE = 'VZSSA000042';

export const DEMO_HOSPITALS: readonly DemoUnit[] = [
  {
    code: GENERAL_HOSPITAL,
    name: 'Hospital General de Xalapa',
    level: 'secondary',
    address: 'Xalapa, Veracruz',
    referralCodes: [],
  },
  {
    code: HIGH_SPECIALTY_CENTRE,
    name: 'Centro de Alta Especialidad Dr. Rafael Lucio',
    level: 'tertiary',
    address: 'Xalapa, Veracruz',
    referralCodes: [],
  },
];

// Units in the city refer to both hospitals; those further out mostly to the nearer general hospital,
// which is what the referral preference in matching has to cope with.
export const DEMO_PRIMARY_UNITS: readonly DemoUnit[] = [
  {
    code: 'VZSSA000123',
    name: 'Centro de Salud Dr. Gastón Melo',
    level: 'primary',
    address: 'Xalapa, Veracruz',
    referralCodes: [GENERAL_HOSPITAL, HIGH_SPECIALTY_CENTRE],
  },
  {
    code: 'VZSSA000135',
    name: 'Centro de Salud Revolución',
    level: 'primary',
    address: 'Xalapa, Veracruz',
    referralCodes: [GENERAL_HOSPITAL],
  },
  {
    code: 'VZSSA000140',
    name: 'Centro de Salud Progreso Macuiltépetl',
    level: 'primary',
    address: 'Xalapa, Veracruz',
    referralCodes: [GENERAL_HOSPITAL, HIGH_SPECIALTY_CENTRE],
  },
  {
    code: 'VZSSA000652',
    name: 'Centro de Salud Coatepec',
    level: 'primary',
    address: 'Coatepec, Veracruz',
    referralCodes: [GENERAL_HOSPITAL],
  },
  {
    code: 'VZSSA000226',
    name: 'Centro de Salud Banderilla',
    level: 'primary',
    address: 'Banderilla, Veracruz',
    referralCodes: [GENERAL_HOSPITAL, HIGH_SPECIALTY_CENTRE],
  },
  {
    code: 'VZSSA001345',
    name: 'Centro de Salud Emiliano Zapata',
    level: 'primary',
    address: 'Dos Ríos, Emiliano Zapata, Veracruz',
    referralCodes: [HIGH_SPECIALTY_CENTRE],
  },
  {
    code: 'VZSSA002010',
    name: 'Centro de Salud Xico',
    level: 'primary',
    address: 'Xico, Veracruz',
    referralCodes: [GENERAL_HOSPITAL],
  },
];

/** Hospitals first: a primary unit's referrals can only point at units that already exist. */
export const DEMO_UNITS: readonly DemoUnit[] = [...DEMO_HOSPITALS, ...DEMO_PRIMARY_UNITS];

export const ATTENDEES_PER_PRIMARY_UNIT = 10;

/**
 * The specialists, by hospital, in proportions like those of the two original series: mostly
 * gynaecologists for maternal health, one of each other specialty for chronic disease.
 */
const FACILITATOR_SPECIALTIES: readonly { unitCode: string; specialtyCode: string }[] = [
  ...repeat(4, { unitCode: GENERAL_HOSPITAL, specialtyCode: 'gynecology_obstetrics' }),
  { unitCode: GENERAL_HOSPITAL, specialtyCode: 'clinical_nutrition' },
  ...repeat(2, { unitCode: GENERAL_HOSPITAL, specialtyCode: 'internal_medicine' }),
  { unitCode: GENERAL_HOSPITAL, specialtyCode: 'emergency_medicine' },
  ...repeat(2, { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'gynecology_obstetrics' }),
  { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'internal_medicine' },
  { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'clinical_psychology' },
  { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'pneumology' },
  { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'ophthalmology' },
  { unitCode: HIGH_SPECIALTY_CENTRE, specialtyCode: 'integral_medicine' },
];

/**
 * Everyone in the demo network, always in the same order with the same values: attendees (ten per
 * primary unit), then facilitators in the hospitals, then one manager per unit.
 */
export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [];
  const add = (roles: Role[], unitCode: string, specialtyCode: string | null) => {
    people.push({
      ...nameAt(people.length),
      licenceNumber: licenceNumberAt(people.length),
      roles,
      unitCode,
      specialtyCode,
    });
  };
  for (let i = 0; i < DEMO_PRIMARY_UNITS.length * ATTENDEES_PER_PRIMARY_UNIT; i += 1) {
    // Roughly two family physicians to one general practitioner, as in the state's health centres.
    add(
      ['attendee'],
      DEMO_PRIMARY_UNITS[i % DEMO_PRIMARY_UNITS.length].code,
      i % 3 === 2 ? 'general_medicine' : 'family_medicine',
    );
  }
  for (const { unitCode, specialtyCode } of FACILITATOR_SPECIALTIES) add(['facilitator'], unitCode, specialtyCode);
  // A manager runs the unit rather than practising in a specialty there, so none is recorded.
  for (const unit of DEMO_UNITS) add(['manager'], unit.code, null);
  return people;
}

function repeat<T>(count: number, value: T): T[] {
  return Array.from({ length: count }, () => value);
}
