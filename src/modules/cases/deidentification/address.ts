/** Street addresses, colonias and postal codes, in Spanish and English order. */

import { type Candidate, PRIORITY, UPPER, LOWER } from './candidates';

// ---------------------------------------------------------------------------------------------
// Address
// ---------------------------------------------------------------------------------------------

// A word of a street or neighbourhood name: capitalised, a number ("5 de Mayo"), or a particle.
const PLACE_WORD = `(?:[${UPPER}\\d][${UPPER}${LOWER}\\d'.-]{0,30}|de|del|la|las|los|el|y)`;
const STREET_TYPE_ES =
  '(?:[Cc]alle|CALLE|[Aa]v\\.|[Aa]v|AV\\.|[Aa]venida|AVENIDA|[Cc]alz\\.|[Cc]alzada|[Bb]lvd\\.|[Bb]lvr\\.|[Bb]oulevard|[Bb]ulevar|[Pp]rivada|[Pp]riv\\.|[Aa]ndador|[Cc]arretera|[Cc]ircuito|[Cc]errada|[Pp]rolongaci[oó]n|[Pp]rol\\.|[Cc]amino)';
// Street number, "s/n" (no number), or a kilometre mark on highways ("Carretera Xalapa-Coatepec km 4.5").
const ADDRESS_NUMBER = `(?:[Ss]/[Nn]|S\\.N\\.|[Ss]in[ \\t]+n[uú]mero|(?:#[ \\t]?|[Nn]o\\.[ \\t]?|[Nn][uú]m\\.[ \\t]?|[Nn][uú]mero[ \\t])?\\d{1,5}(?:[ \\t]?[A-Za-z])?|[Kk]m\\.?[ \\t]?\\d{1,4}(?:\\.\\d{1,3})?)(?![\\p{L}\\d])`;
const ADDRESS_INTERIOR = `(?:,?[ \\t]+(?:[Ii]nt\\.?|[Ii]nterior|[Dd]epto\\.?|[Dd]pto\\.?|[Ll]ote|[Mm]z\\.?|[Mm]anzana|[Aa]pt\\.?|[Aa]pto\\.?)[ \\t]*#?[ \\t]?[A-Za-z0-9-]{1,6})?`;
const STREET_ES_RE = new RegExp(
  `(?<![\\p{L}])${STREET_TYPE_ES}[ \\t]+${PLACE_WORD}(?:[ \\t]+${PLACE_WORD}){0,5}?,?[ \\t]+${ADDRESS_NUMBER}${ADDRESS_INTERIOR}`,
  'gu',
);
// Typed in lower case on a phone ("calle reforma 22"): any words, but a number must follow soon.
const STREET_LOWER_RE = new RegExp(
  `(?<![\\p{L}])(?:calle|av\\.|avenida|calz\\.|calzada|blvd\\.|privada|priv\\.|andador|callej[oó]n|cerrada|prolongaci[oó]n|carretera|camino)[ \\t]+[\\p{Ll}\\d][\\p{L}\\d'.-]{0,30}(?:[ \\t]+[\\p{L}\\d][\\p{L}\\d'.-]{0,30}){0,3}?,?[ \\t]+${ADDRESS_NUMBER}${ADDRESS_INTERIOR}`,
  'giu',
);
// English order: number first, then name, then street type ("123 Main Street, Apt 4B").
const STREET_TYPE_EN =
  '(?:Street|St\\.|St|Avenue|Ave\\.|Ave|Road|Rd\\.|Rd|Boulevard|Blvd\\.|Lane|Ln\\.|Drive|Dr\\.|Way|Court|Ct\\.|Place|Pl\\.|Terrace|Highway|Hwy\\.?)';
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
// In the United States a house number may come before a Spanish street ("1418 Calle Morelos"), and
// a city, a state and a ZIP code follow ("Eagle Pass, TX 78852").
const STREET_NUMBER_FIRST_ES_RE = new RegExp(
  `(?<![\\p{L}\\d])\\d{1,5}[ \\t]+(?:Calle|Avenida|Camino|Paseo|Via|Vía)[ \\t]+[${UPPER}][${UPPER}${LOWER}'.-]{0,30}(?:[ \\t]+(?:de[ \\t]+)?[${UPPER}][${UPPER}${LOWER}'.-]{0,30}){0,3}`,
  'gu',
);
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const US_CITY_RE = new RegExp(
  `(?<![\\p{L}])[${UPPER}][${LOWER}]+(?:[ \\t]+[${UPPER}][${LOWER}]+){0,3},?[ \\t]+(?:${US_STATES})[ \\t]+\\d{5}(?:-\\d{4})?(?!\\d)`,
  'gu',
);
const POSTAL_RE =
  /(?<![\p{L}])(?:C\.[ \t]?P\.?|CP|[Cc][oó]digo [Pp]ostal|ZIP(?: code)?|[Zz]ip(?: code)?)[ \t]*:?[ \t]*\d{5}(?!\d)/gu;

// Where a home is, named by its kind of settlement or by the streets around it. After a strong
// cue the place may be written in lower case; after a weak one ("comunidad", common in "adquirida
// en la comunidad") it must be capitalised.
const STRONG_PLACE_CUE =
  'congregaci[oó]n|rancher[ií]a|localidad|ejido|colonia|col\\.|fracc\\.|fraccionamiento|unidad[ \\t]+habitacional|u\\.[ \\t]?h\\.|infonavit|mpio\\.|municipio[ \\t]+de|callej[oó]n|esquina[ \\t]+con|esq\\.|entre[ \\t]+(?:las[ \\t]+)?calles|barrio(?:[ \\t]+de)?';
// Yucatán's comisarías, Sinaloa's sindicaturas and the camps of farm workers are localities too.
const WEAK_PLACE_CUE =
  'comunidad(?:[ \\t]+de)?|rancho|pueblo|poblado|paraje|caser[ií]o|cant[oó]n|comisar[ií]a(?:[ \\t]+de)?|sindicatura(?:[ \\t]+de)?|campo[ \\t]+agr[ií]cola|campamento';
const PLACE_CUE_RE = new RegExp(`(?<![\\p{L}])(?:(${STRONG_PLACE_CUE})|(${WEAK_PLACE_CUE}))(?![\\p{L}])`, 'giu');
const PLACE_CUE_START_RE = new RegExp(`^(?:${STRONG_PLACE_CUE}|${WEAK_PLACE_CUE})$`, 'iu');
const PLACE_TOKEN_RE = /[ \t]*([\p{L}\d][\p{L}\d'.-]*)/uy;
const PLACE_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'san', 'santa', 'santo', 'y']);
// Words that end a place name typed in lower case.
const PLACE_STOP = new Set(
  `con por que se en a al para o tel cel pero sin donde cerca hace desde refiere acude vive viven es no su sus the and in near está esta unidad hospital clínica clinica centro escuela casa familia paciente salud residente originario originaria vecino vecina radica actualmente`.split(
    ' ',
  ),
);
// Blocks and lots of a housing estate: "Mz. 12, Lt. 5"; buildings and flats: "edif 4 depto 302".
const LOT_RE =
  /(?<![\p{L}])(?:mz\.?|manzana|edif\.?|edificio)[ \t]*#?[ \t]*[A-Za-z0-9]{1,4},?[ \t]+(?:lt\.?|lote|depto\.?|dpto\.?|departamento|int\.?|interior)[ \t]*#?[ \t]*[A-Za-z0-9]{1,5}(?![\p{L}\d])/giu;

function findPlaces(text: string, spans: [number, number][]): void {
  for (const m of text.matchAll(PLACE_CUE_RE)) {
    const strong = m[1] !== undefined;
    let end = m.index + m[0].length;
    let named = 0;
    PLACE_TOKEN_RE.lastIndex = end;
    for (let words = 0; words < 6; words++) {
      const t = PLACE_TOKEN_RE.exec(text);
      if (!t) break;
      const word = t[1].replace(/[.,]+$/, '');
      const lower = word.toLowerCase();
      const capitalised = /^\p{Lu}/u.test(word);
      // Another place begins ("col. Centro y colonia Obrera"), or a code ("CURB-65"): this place ends here.
      if (PLACE_CUE_START_RE.test(word) || /\p{L}-?\d/u.test(word)) break;
      if (/^\d/.test(word)) {
        // A number names a place only in a date's name ("col. 21 de Marzo"); "col. 245 mg/dL" is cholesterol.
        if (!/^[ \t]+de[ \t]/.test(text.slice(t.index + t[0].length))) break;
      } else if (
        !strong &&
        named === 0 &&
        !PLACE_PARTICLES.has(lower) &&
        (!capitalised || word === word.toUpperCase())
      ) {
        // After a weak cue the place is capitalised, and not an acronym ("comunidad PSI").
        break;
      } else if (PLACE_PARTICLES.has(lower)) {
        if (!strong && named === 0 && !capitalised && lower !== 'de') break;
      } else if (capitalised) named++;
      else if (strong && !PLACE_STOP.has(lower) && words < 4) named++;
      else break;
      if (!PLACE_PARTICLES.has(lower)) end = t.index + t[0].length - (t[1].length - word.length);
      PLACE_TOKEN_RE.lastIndex = t.index + t[0].length;
      if (word !== t[1]) break;
    }
    if (named > 0) spans.push([m.index, end]);
  }
}

export function findAddresses(text: string, out: Candidate[]): void {
  const spans: [number, number][] = [];
  findPlaces(text, spans);
  for (const re of [
    STREET_ES_RE,
    STREET_LOWER_RE,
    STREET_EN_RE,
    STREET_NUMBER_FIRST_ES_RE,
    US_CITY_RE,
    COLONIA_RE,
    POSTAL_RE,
    LOT_RE,
  ]) {
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
