/** Street addresses, colonias and postal codes, in Spanish and English order. */

import { type Candidate, PRIORITY, UPPER, LOWER } from './candidates';
import { GIVEN, INSTITUTION_WORDS, SAINT_WORDS, SURNAME, TITLES, nameKey } from './name-cues';
import { LARGE_SETTLEMENTS, SMALL_SETTLEMENTS } from './place-gazetteer-data';
import { LARGE_PLACES } from './place-lexicon-data';

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
  'agencia(?:[ \\t]+municipal)?[ \\t]+de|junta[ \\t]+auxiliar(?:[ \\t]+de)?|domicilio[ \\t]+conocido(?:[ \\t]*,?[ \\t]*s/n)?[ \\t]*,?|(?:village|locality|hamlet|community|ejido|ranch)[ \\t]+of|congregaci[oó]n|rancher[ií]a|localidad|ejido|colonia|col\\.|fracc\\.|fraccionamiento|unidad[ \\t]+habitacional|u\\.[ \\t]?h\\.|infonavit|callej[oó]n|esquina[ \\t]+con|esq\\.|entre[ \\t]+(?:las[ \\t]+)?calles|barrio(?:[ \\t]+de)?';
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

// Where a person comes from or lives, when no word says what kind of place it is. A place a list
// knows to be large (a state, a city, most municipalities of Veracruz, a region, a country) names
// no one; any other capitalised place after such words is read as a locality, small enough to
// identify someone in a network of clinics ("originaria de Ameyaltepec", "vive en Tahdziú").
const TITLE_WORD = `[${UPPER}](?:-[${UPPER}])?[${LOWER}]+`;
const LOCALITY_NAME = `(?:(?:El|La|Los|Las)[ \\t]+)?${TITLE_WORD}(?:[ \\t]+(?:(?:de|del|la|las|los|el|y)[ \\t]+)*${TITLE_WORD}){0,3}`;
const ORIGIN_ES =
  '(?:originari[oa]s?|residentes?|vecin[oa]s?|procedentes?|provenientes?|oriund[oa]s?|nativ[oa]s?)(?:[ \\t]+y[ \\t]+(?:residentes?|originari[oa]s?|vecin[oa]s?))?[ \\t]+(?:de|en)' +
  '|(?:vive|viven|vivir|viv[ií]a|habita|radica|reside|resid[ií]a|residen)(?:[ \\t]+[\\p{Ll}]+){0,4}?[ \\t]+en';
const ORIGIN_EN =
  '(?:man|woman|boy|girl|patient|farmer|farmworker|worker|mother|father|infant|child|baby|family|native|resident)[ \\t]+from|(?:lives|living|lived|resides|residing)[ \\t]+in';
const ORIGIN_LOCALITY_RE = new RegExp(
  `(?<![\\p{L}])(?:${ORIGIN_ES}|${ORIGIN_EN})[ \\t]+(${LOCALITY_NAME})(?![\\p{L}])`,
  'gdu',
);
// With a weaker word before it, a place is a locality when the municipality it belongs to follows:
// "de Nunkiní, Calkiní", "from Tres Reyes, Lázaro Cárdenas", "Ameyaltepec, mpio. de Tepecoacuilco".
const WITHIN_LOCALITY_RE = new RegExp(
  `(?<![\\p{L}])(?:de|desde|from|en|in)[ \\t]+(${LOCALITY_NAME})[ \\t]*,[ \\t]*(?:(mpio\\.?[ \\t]+de|municipio[ \\t]+de)[ \\t]+)?(${LOCALITY_NAME}|SLP|S\\.L\\.P|N\\.[ \\t]?L|B\\.[ \\t]?C|Q\\.[ \\t]?Roo|CDMX)(?![\\p{L}])(,[ \\t]*(?:${LOCALITY_NAME}|SLP|S\\.L\\.P|N\\.[ \\t]?L|B\\.[ \\t]?C|Q\\.[ \\t]?Roo))?`,
  'gdu',
);
// After a mere "de", "en" or "desde", a place is a locality when the gazetteer knows it as small, or
// when it is a town named after a saint ("de San Jerónimo Coatlán", "en Santa María Tlahuitoltepec").
const AT_PLACE_RE = new RegExp(`(?<![\\p{L}])(?:de|en|desde|from|in|at)[ \\t]+(${LOCALITY_NAME})(?![\\p{L}])`, 'gdu');
const SAINT_TOWN_RE = /^(?:San|Santa|Santo|Santiago)[ \t]+\p{Lu}/u;
const LARGE = new Set([...LARGE_PLACES.split('|').map(nameKey), ...LARGE_SETTLEMENTS.split('|')]);
const SMALL = new Set(SMALL_SETTLEMENTS.split('|'));
const STATE_OR_COUNTRY_RE =
  /^(?:Aguascalientes|Ags|Baja California(?: Sur)?|BC|BCS|NL|SLP|QRoo|Campeche|Camp|Chiapas|Chis|Chihuahua|Chih|Coahuila|Coah|Colima|Col|Ciudad de M[eé]xico|CDMX|Durango|Dgo|Guanajuato|Gto|Guerrero|Gro|Hidalgo|Hgo|Jalisco|Jal|Estado de M[eé]xico|Edomex|M[eé]xico|M[eé]x|Michoac[aá]n|Mich|Morelos|Mor|Nayarit|Nay|Nuevo Le[oó]n|Oaxaca|Oax|Puebla|Pue|Quer[eé]taro|Qro|Quintana Roo|San Luis Potos[ií]|Sinaloa|Sin|Sonora|Son|Tabasco|Tab|Tamaulipas|Tamps|Tlaxcala|Tlax|Veracruz|Ver|Yucat[aá]n|Yuc|Zacatecas|Zac|Guatemala|Honduras|El Salvador|Nicaragua|Cuba|Venezuela|Colombia|Estados Unidos|Texas|California|Centroam[eé]rica)$/u;
// Camps and settlements numbered rather than named: Chihuahua's Mennonite "Campo 22", Tabasco's
// "Poblado C-28"; and the farm workers' camps of Sinaloa and Sonora ("Campo Las Palmas").
const NUMBERED_PLACE_RE =
  /(?<![\p{L}])(?:(?:Campo|Poblado|Ejido)[ \t]+(?:[A-Z]-?)?\d{1,3}(?:[ \t]?1\/2)?(?![\p{L}\d])|Campo[ \t]+(?:El|La|Los|Las|San|Santa)[ \t]+\p{Lu}\p{Ll}+)/gu;

/** Services and departments of a hospital, named where a place could be: "Consulta de Hematología, Poza Rica". */
const SERVICE_WORDS = new Set(
  'urgencias medicina servicio servicios consulta modulo módulo clase residentes salud especialidad especialidades memorial medical center department departamento area área piso turno sesion sesión jurisdiccion jurisdicción sanitaria coordinacion coordinación direccion dirección mortalidad morbilidad cuidados paliativos vigilancia enseñanza calidad etica ética investigacion investigación nutricion nutrición rehabilitacion rehabilitación vacunacion vacunación planificacion planificación atencion atención prevencion prevención control programa comite comité residencia hospitalizacion hospitalización terapia intensiva intensivos quirofano quirófano tococirugia tococirugía admision admisión archivo trabajo enfermeria enfermería farmacia laboratorio imagen parroquia'
    .split(' ')
    .map(nameKey),
);

/** A place that names no one, or a word that opens something else than a place ("Hospital", "Juan"). */
function notALocality(place: string): boolean {
  const bare = place.replace(/^(?:El|La|Los|Las)[ \t]+/u, '');
  const first = nameKey(bare.split(/[ \t]/)[0]);
  const parts = bare.split(/[ \t]+/).map(nameKey);
  return (
    parts.some(
      (w) => INSTITUTION_WORDS.has(w) || SERVICE_WORDS.has(w) || /(?:logia|iatria|cirugia|pediatria)$/.test(w),
    ) ||
    LARGE.has(nameKey(place)) ||
    LARGE.has(nameKey(bare)) ||
    STATE_OR_COUNTRY_RE.test(place) ||
    INSTITUTION_WORDS.has(first) ||
    TITLES.has(first) ||
    (GIVEN.has(first) && !SAINT_WORDS.has(first) && !/^(?:Santiago|Santo|Santa|San)$/u.test(bare.split(/[ \t]/)[0]))
  );
}

function findLocalities(text: string, spans: [number, number][]): void {
  for (const m of text.matchAll(ORIGIN_LOCALITY_RE)) {
    if (!notALocality(m[1])) spans.push(m.indices![1]!);
  }
  for (const m of text.matchAll(WITHIN_LOCALITY_RE)) {
    const [place, municipalityCue, within, then] = [m[1], m[2], m[3], m[4]];
    if (notALocality(place)) continue;
    // What follows must be known as a municipality, named as one, or be a state: "en Pich, Campeche",
    // "de Coajomulco, Huitzilac, Mor.".
    const state = (value: string | undefined) =>
      value !== undefined && STATE_OR_COUNTRY_RE.test(value.replace(/^,[ \t]*/, '').replace(/[. \t]/g, ''));
    if (!municipalityCue && !LARGE.has(nameKey(within)) && !state(within) && !state(then)) continue;
    spans.push(m.indices![1]!);
  }
  for (const m of text.matchAll(AT_PLACE_RE)) {
    const place = m[1];
    const key = nameKey(place);
    // A small place that is also a name ("de Alfaro") is more often the name.
    const small = SMALL.has(key) && !(key.indexOf(' ') < 0 && (GIVEN.has(key) || SURNAME.has(key)));
    if ((small || SAINT_TOWN_RE.test(place)) && !notALocality(place)) spans.push(m.indices![1]!);
  }
  for (const m of text.matchAll(NUMBERED_PLACE_RE)) spans.push([m.index, m.index + m[0].length]);
}

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
  findLocalities(text, spans);
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
      // Typed in lower case, a street ends with its sentence: "en la carretera costera. Glasgow 9" is a score.
      if (re === STREET_LOWER_RE && /\.[ \t]+\p{Lu}/u.test(value)) continue;
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
