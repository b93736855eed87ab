/** Street addresses, colonias and postal codes, in Spanish and English order. */

import { type Candidate, PRIORITY, UPPER, LOWER } from './candidates';

// ---------------------------------------------------------------------------------------------
// Address
// ---------------------------------------------------------------------------------------------

// A word of a street or neighbourhood name: capitalised, a number ("5 de Mayo"), or a particle.
const PLACE_WORD = `(?:[${UPPER}\\d][${UPPER}${LOWER}\\d'.-]{0,30}|de|del|la|las|los|el|y)`;
const STREET_TYPE_ES =
  '(?:[Cc]alle|CALLE|[Aa]v\\.|[Aa]v|AV\\.|[Aa]venida|AVENIDA|[Cc]alz\\.|[Cc]alzada|[Bb]lvd\\.|[Bb]lvr\\.|[Bb]oulevard|[Bb]ulevar|[Pp]rivada|[Pp]riv\\.|[Aa]ndador|[Cc]arretera|[Cc]ircuito|[Cc]errada|[Pp]rolongaci[oó]n|[Pp]rol\\.|[Cc]amino)';
// Street number, or a kilometre mark on highways ("Carretera Xalapa-Coatepec km 4.5").
const ADDRESS_NUMBER = `(?:(?:#[ \\t]?|[Nn]o\\.[ \\t]?|[Nn][uú]m\\.[ \\t]?|[Nn][uú]mero[ \\t])?\\d{1,5}(?:[ \\t]?[A-Za-z])?|[Kk]m\\.?[ \\t]?\\d{1,4}(?:\\.\\d{1,3})?)(?![\\p{L}\\d])`;
const ADDRESS_INTERIOR = `(?:,?[ \\t]+(?:[Ii]nt\\.?|[Ii]nterior|[Dd]epto\\.?|[Dd]pto\\.?|[Ll]ote|[Mm]z\\.?|[Mm]anzana|[Aa]pt\\.?|[Aa]pto\\.?)[ \\t]*#?[ \\t]?[A-Za-z0-9-]{1,6})?`;
const STREET_ES_RE = new RegExp(
  `(?<![\\p{L}])${STREET_TYPE_ES}[ \\t]+${PLACE_WORD}(?:[ \\t]+${PLACE_WORD}){0,5}?,?[ \\t]+${ADDRESS_NUMBER}${ADDRESS_INTERIOR}`,
  'gu',
);
// English order: number first, then name, then street type ("123 Main Street, Apt 4B").
const STREET_TYPE_EN =
  '(?:Street|St\\.|St|Avenue|Ave\\.|Ave|Road|Rd\\.|Rd|Boulevard|Blvd\\.|Lane|Ln\\.|Drive|Way|Court|Ct\\.|Place|Pl\\.|Terrace)';
const STREET_EN_RE = new RegExp(
  `(?<![\\p{L}\\d])\\d{1,5}[ \\t]+[${UPPER}][${UPPER}${LOWER}'.-]{0,30}(?:[ \\t]+[${UPPER}][${UPPER}${LOWER}'.-]{0,30}){0,3}?[ \\t]+${STREET_TYPE_EN}(?![\\p{L}])(?:,?[ \\t]+(?:Apt\\.?|Apartment|Suite|Unit|#)[ \\t]*#?[A-Za-z0-9-]{1,6})?`,
  'gu',
);
// The first word of a colonia must be a word or a "21 de Marzo" style date name: "Col. 245 mg/dL"
// is cholesterol, not a neighbourhood.
const COLONIA_RE = new RegExp(
  `(?<![\\p{L}])(?:Col\\.|COL\\.|[Cc]olonia|COLONIA|[Ff]racc\\.|[Ff]raccionamiento|[Bb]arrio)[ \\t]+(?:[${UPPER}][${UPPER}${LOWER}\\d'.-]{0,30}|\\d{1,2}[ \\t]+de[ \\t]+[${UPPER}][${LOWER}]+)(?:[ \\t]+(?:(?:de|del|la|las|los|el|y)[ \\t]+)?[${UPPER}\\d][${UPPER}${LOWER}\\d'.-]{0,30}){0,4}`,
  'gu',
);
const POSTAL_RE =
  /(?<![\p{L}])(?:C\.[ \t]?P\.?|CP|[Cc][oó]digo [Pp]ostal|ZIP(?: code)?|[Zz]ip(?: code)?)[ \t]*:?[ \t]*\d{5}(?!\d)/gu;

export function findAddresses(text: string, out: Candidate[]): void {
  const spans: [number, number][] = [];
  for (const re of [STREET_ES_RE, STREET_EN_RE, COLONIA_RE, POSTAL_RE]) {
    for (const m of text.matchAll(re)) {
      // Colonia words may contain periods ("Col. Sta. María"), so a sentence-final period gets
      // swallowed: trim it. Street matches end in a number or a street type ("Rd.") and are kept.
      const value = re === COLONIA_RE ? m[0].replace(/[.,]+$/, '') : m[0];
      spans.push([m.index, m.index + value.length]);
    }
  }
  // Street, colonia and postal code written one after the other are one address: merge pieces that
  // overlap or are separated only by commas/spaces so the whole address is redacted as a unit.
  spans.sort((a, b) => a[0] - b[0]);
  let current: [number, number] | null = null;
  for (const span of spans) {
    if (
      current &&
      span[0] <= current[1] + 3 &&
      /^[\s,]*$/.test(text.slice(current[1], Math.max(current[1], span[0])))
    ) {
      current[1] = Math.max(current[1], span[1]);
      continue;
    }
    if (current) out.push({ kind: 'address', start: current[0], end: current[1], priority: PRIORITY.address });
    current = [span[0], span[1]];
  }
  if (current) out.push({ kind: 'address', start: current[0], end: current[1], priority: PRIORITY.address });
}
