import type { Role } from '../common/auth/principal';
import type { UnitLevel } from '../modules/directory/unit.entity';

/**
 * The demo network: a small copy of the Xalapa network in which the seminars were first run. Pure
 * data and pure functions, so that the same lists always produce the same people (the seed matches
 * on email, and a changing generator would create a second set instead of finding the first).
 */

export const DEMO_NETWORK_NAME = 'Xalapa';
export const DEMO_EMAIL_DOMAIN = 'salud-xalapa.example';

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

// Each given name starts with a different word, so "first word + first surname" is enough for a
// unique email (see demoPeople). 40 names and 37 surnames: coprime lengths, see below.
const GIVEN_NAMES = [
  'María Fernanda',
  'José Ángel',
  'Guadalupe',
  'Raúl',
  'Verónica',
  'Andrés',
  'Lucía',
  'Héctor',
  'Mónica',
  'Rubén',
  'Itzel',
  'Efraín',
  'Xóchitl',
  'Germán',
  'Rocío',
  'Joaquín',
  'Beatriz',
  'Ramón',
  'Inés',
  'Óscar',
  'Noemí',
  'Iván',
  'Araceli',
  'Tomás',
  'Citlali',
  'Julián',
  'Ana Sofía',
  'Sebastián',
  'Leticia',
  'Nicolás',
  'Yesenia',
  'Emilio',
  'Maricruz',
  'Saúl',
  'Dolores',
  'Adrián',
  'Martha Elena',
  'Juan Pablo',
  'Begoña',
  'Jesús',
];

const SURNAMES = [
  'Núñez',
  'Ávila',
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Cruz',
  'Gómez',
  'Díaz',
  'Vázquez',
  'Jiménez',
  'Domínguez',
  'Morales',
  'Peña',
  'Muñoz',
  'Ibáñez',
  'Castañeda',
  'Saldaña',
  'Zúñiga',
  'Ordóñez',
  'Ochoa',
  'Montiel',
  'Lagunes',
  'Contreras',
  'Bermúdez',
  'Galván',
  'Utrera',
  'Cházaro',
  'Meléndez',
  'Viveros',
  'Rebolledo',
  'De la Cruz',
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

/**
 * The given name cycles through 40 entries and the first surname steps through 37 (a prime), so by
 * the Chinese remainder theorem the pair, and with it the email, repeats only after 1,480 people.
 */
function nameAt(index: number): { fullName: string; email: string } {
  const given = GIVEN_NAMES[index % GIVEN_NAMES.length];
  const first = SURNAMES[(index * 7) % SURNAMES.length];
  let secondIndex = (index * 11 + 5) % SURNAMES.length;
  if (SURNAMES[secondIndex] === first) secondIndex = (secondIndex + 1) % SURNAMES.length;
  const second = SURNAMES[secondIndex];
  return {
    fullName: `${given} ${first} ${second}`,
    email: `${asciiWord(given.split(' ')[0])}.${asciiWord(first)}@${DEMO_EMAIL_DOMAIN}`,
  };
}

/**
 * A 7- or 8-digit number that looks arbitrary but never repeats: i ↦ a·i + b (mod 99,000,000) is a
 * bijection because a is coprime to the modulus (which is 2⁶·3²·5⁶·11).
 */
function licenceNumberAt(index: number): string {
  return String(1_000_000 + ((index * 7_654_321 + 3_141_593) % 99_000_000));
}

/** "Núñez" → "nunez", "De la Cruz" → "delacruz": emails stay plain ASCII. */
function asciiWord(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function repeat<T>(count: number, value: T): T[] {
  return Array.from({ length: count }, () => value);
}

export interface DemoTopic {
  title: string;
  description: string;
  learningObjectives: string[];
  requirements: { specialtyCode: string; count: number }[];
  /** The diagnostic test taken before the first day and after the last: single-choice questions, the first option right. */
  diagnosticTest: { question: [string, string]; options: [string, string][] }[];
}

/** The two series of the programme Puente comes from: maternal health and chronic disease. */
export const DEMO_TOPICS: readonly DemoTopic[] = [
  {
    title: 'Salud materna y perinatal',
    description:
      'Análisis conjunto de casos clínicos de control prenatal, emergencias obstétricas y nutrición en el embarazo, entre médicos de primer nivel y especialistas de su hospital de referencia.',
    learningObjectives: [
      'Identificar oportunamente los signos de alarma obstétrica en el primer nivel.',
      'Acordar criterios de referencia y contrarreferencia con el hospital.',
      'Orientar la nutrición de la embarazada y de la puérpera.',
    ],
    requirements: [
      { specialtyCode: 'gynecology_obstetrics', count: 2 },
      { specialtyCode: 'clinical_nutrition', count: 1 },
    ],
    diagnosticTest: [
      {
        question: [
          '¿Qué cifra de tensión arterial en una embarazada de 34 semanas indica preeclampsia con datos de severidad?',
          'Which blood pressure in a woman 34 weeks pregnant indicates preeclampsia with severe features?',
        ],
        options: [
          ['160/110 mmHg o más', '160/110 mmHg or more'],
          ['130/85 mmHg', '130/85 mmHg'],
          ['140/80 mmHg', '140/80 mmHg'],
        ],
      },
      {
        question: [
          '¿Qué suplemento se indica antes de la concepción para prevenir defectos del tubo neural?',
          'Which supplement is given before conception to prevent neural tube defects?',
        ],
        options: [
          ['Ácido fólico', 'Folic acid'],
          ['Hierro', 'Iron'],
          ['Vitamina C', 'Vitamin C'],
        ],
      },
      {
        question: [
          'Ante una hemorragia obstétrica en el primer nivel, ¿qué se hace primero?',
          'Faced with obstetric haemorrhage in primary care, what comes first?',
        ],
        options: [
          ['Estabilizar y referir de inmediato', 'Stabilise and refer at once'],
          ['Citar a control en una semana', 'Book a check-up in a week'],
          ['Pedir un ultrasonido de rutina', 'Order a routine ultrasound'],
        ],
      },
      {
        question: [
          '¿Cuántas consultas prenatales recomienda como mínimo la OMS?',
          'How many antenatal contacts does the WHO recommend at least?',
        ],
        options: [
          ['Ocho', 'Eight'],
          ['Cuatro', 'Four'],
          ['Dos', 'Two'],
        ],
      },
    ],
  },
  {
    title: 'Enfermedades crónicas',
    description:
      'Diabetes, hipertensión, enfermedad pulmonar obstructiva y sus complicaciones, vistas desde la consulta de primer nivel y desde el hospital, con el apoyo de psicología clínica.',
    learningObjectives: [
      'Ajustar el tratamiento de diabetes e hipertensión según las guías vigentes.',
      'Reconocer las complicaciones que requieren referencia urgente.',
      'Acompañar la adherencia y el automanejo de los pacientes.',
    ],
    requirements: [
      { specialtyCode: 'internal_medicine', count: 2 },
      { specialtyCode: 'clinical_psychology', count: 1 },
      { specialtyCode: 'pneumology', count: 1 },
      { specialtyCode: 'ophthalmology', count: 1 },
      { specialtyCode: 'emergency_medicine', count: 1 },
    ],
    diagnosticTest: [
      {
        question: [
          '¿Cuál es la meta de HbA1c para la mayoría de los adultos con diabetes tipo 2?',
          'What is the HbA1c target for most adults with type 2 diabetes?',
        ],
        options: [
          ['Menos de 7 %', 'Below 7%'],
          ['Menos de 9 %', 'Below 9%'],
          ['Menos de 5 %', 'Below 5%'],
        ],
      },
      {
        question: [
          '¿Qué fármaco es de primera línea en la diabetes tipo 2 sin contraindicaciones?',
          'Which drug is first line in type 2 diabetes without contraindications?',
        ],
        options: [
          ['Metformina', 'Metformin'],
          ['Glibenclamida', 'Glibenclamide'],
          ['Insulina NPH', 'NPH insulin'],
        ],
      },
      {
        question: [
          '¿Con qué frecuencia se revisa el fondo de ojo en una persona con diabetes?',
          'How often should a person with diabetes have a retinal examination?',
        ],
        options: [
          ['Cada año', 'Every year'],
          ['Cada cinco años', 'Every five years'],
          ['Solo si pierde la vista', 'Only if their sight fails'],
        ],
      },
      {
        question: ['¿Qué prueba confirma el diagnóstico de EPOC?', 'Which test confirms a diagnosis of COPD?'],
        options: [
          ['Espirometría tras broncodilatador', 'Post-bronchodilator spirometry'],
          ['Radiografía de tórax', 'Chest X-ray'],
          ['Biometría hemática', 'Full blood count'],
        ],
      },
    ],
  },
];
