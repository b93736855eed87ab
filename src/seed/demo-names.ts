/** The demo people's names, emails and licence numbers, made up and unique. */

/** The made-up domain of the demo people's emails. */
export const DEMO_EMAIL_DOMAIN = 'salud-xalapa.example';

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
 * The given name cycles through 40 entries and the first surname steps through 37 (a prime), so by
 * the Chinese remainder theorem the pair, and with it the email, repeats only after 1,480 people.
 */
export function nameAt(index: number): { fullName: string; email: string } {
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
export function licenceNumberAt(index: number): string {
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
