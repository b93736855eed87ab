/**
 * People's names. Text is read as words; a run of words is a name when cues and knowledge agree:
 * a title, a relative or a label before it, or name lists that know its parts (in any case, as
 * people type on a phone). Contexts where a name is not a person (an institution, a saint, an
 * eponym, a hero of history) rule it out.
 */

import { type Candidate, PRIORITY } from './candidates';
import {
  AMBIGUOUS_GIVEN,
  EPONYM_AFTER,
  EPONYM_BEFORE,
  EPONYMS,
  GIVEN,
  HISTORIC_NAMES,
  INSTITUTION_WORDS,
  LOWERCASE_WORD_GIVEN,
  LOWERCASE_WORD_SURNAME,
  NAME_LABEL_RE,
  PATIENT_WORDS,
  RELATIVES,
  SAINT_WORDS,
  SURNAME,
  TITLES,
  nameKey,
} from './name-cues';
import { NAME_STOPWORDS } from './name-stopwords';

interface Word {
  start: number;
  end: number;
  key: string;
  /** "Pérez" */
  capitalised: boolean;
  /** "PÉREZ" */
  upper: boolean;
  /** The first word of a sentence or a line. */
  first: boolean;
  /** Only spaces between this word and the previous one. */
  joined: boolean;
  /** Ends with a period ("Dr.", "Vda."). */
  dotted: boolean;
  /** Written into a code or a number ("CURB-65", "SatO2"). */
  coded: boolean;
  /** "A." in "John A. Smith". */
  initial: boolean;
  /** "Bell's", "Graves’s". */
  possessive: boolean;
  /** What stands between the previous word and this one. */
  gapBefore: string;
}

const WORD_RE = /\p{L}(?:[\p{L}'’-]*\p{L})?\.?/gu;
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'van',
  'von',
  'da',
  'dos',
  'di',
  'mc',
  'vda',
  'viuda',
]);
const MAX_NAME_WORDS = 6;

function readWords(text: string): Word[] {
  const out: Word[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const dotted = raw.endsWith('.');
    const value = dotted ? raw.slice(0, -1) : raw;
    const before = text.slice(previousEnd, m.index);
    out.push({
      start: m.index,
      end: m.index + value.length,
      key: nameKey(value),
      capitalised: /^\p{Lu}\p{Ll}/u.test(value) || /^\p{Lu}$/u.test(value),
      upper: value.length > 1 && value === value.toUpperCase() && value !== value.toLowerCase(),
      first:
        out.length === 0 ||
        /[!?:;\n•*#>]\s*["'“(¿¡]*$/.test(before) ||
        (out[out.length - 1].dotted && !TITLES.has(out[out.length - 1].key)),
      // HL7 writes names apart with carets: GARCIA^HERNANDEZ^YOLANDA.
      joined: out.length > 0 && /^(?:[ \t]+|\^)$/.test(before),
      dotted,
      coded: /^-?\d/.test(text.slice(m.index + value.length, m.index + value.length + 2)),
      initial: dotted && /^\p{Lu}$/u.test(value),
      possessive: /\p{L}['’]s$/u.test(value),
      gapBefore: before,
    });
    previousEnd = m.index + raw.length;
  }
  return out;
}

/** "A." in "John A. Smith". */
const isInitial = (w: Word) => w.initial;
const isStop = (w: Word) =>
  !isInitial(w) && (NAME_STOPWORDS.has(w.key) || TITLES.has(w.key) || INSTITUTION_WORDS.has(w.key));
const known = (w: Word) => GIVEN.has(w.key) || SURNAME.has(w.key);
const isParticle = (w: Word) => PARTICLES.has(w.key) && !w.upper;

/** How a word may continue a name already begun: styled like a name, or known to be one. */
function continuesName(w: Word, style: 'title' | 'upper' | 'lower'): boolean {
  if (isStop(w)) return false;
  if (style === 'upper') return w.upper;
  if (style === 'title') return w.capitalised || known(w);
  return known(w);
}

function styleOf(w: Word): 'title' | 'upper' | 'lower' {
  return w.upper ? 'upper' : w.capitalised ? 'title' : 'lower';
}

/** The name starting at word i: as many words as continue it, without trailing particles. */
function nameFrom(words: Word[], i: number, acceptUnknownFirst: boolean, opened = i): [number, number] | null {
  const first = words[i];
  if (!first || isParticle(first) || first.coded) return null;
  // An initial opens a name when a name follows it: "Dr. J. Cuecuecha".
  if (isInitial(first)) {
    const next = words[i + 1];
    return next?.joined && next.capitalised && !isStop(next) ? nameFrom(words, i + 1, acceptUnknownFirst, i) : null;
  }
  if (isStop(first) || first.end - first.start < 2) return null;
  if (!known(first) && !(acceptUnknownFirst && (first.capitalised || first.upper))) return null;
  // A lone unknown word in capitals after a label is an acronym ("paciente: EPOC"), not a name.
  if (!known(first) && first.upper && !(words[i + 1]?.upper && words[i + 1].joined)) return null;
  const style = styleOf(first);
  let last = i;
  for (let j = i + 1; j < words.length && j - i < MAX_NAME_WORDS; j++) {
    const w = words[j];
    if (!w.joined || endsSentence(words[j - 1])) break;
    if (isParticle(w)) continue;
    if (w.coded || !continuesName(w, style)) break;
    if (!isInitial(w)) last = j;
  }
  return [opened, last];
}

/** Looks back along the title-case words before a name for the institution or saint it belongs to. */
function inPlaceName(words: Word[], i: number): boolean {
  for (let j = i - 1, steps = 0; j >= 0 && steps < 10; j--, steps++) {
    const w = words[j];
    // Numbers and quotes sit inside an institution's name: Hospital General de Zona No. 11 "…"; a
    // comma or a sentence's end does not ("del hospital, don Mariano"; "Hospital de Tijuana. Pte. Juan").
    if (!/^\.?[ \t"“”'‘’«»#°º\d-]{1,14}$/.test(words[j + 1].gapBefore)) return false;
    if (endsSentence(w)) return false;
    if (INSTITUTION_WORDS.has(w.key) || SAINT_WORDS.has(w.key)) return true;
    if (!(w.capitalised || w.upper || isParticle(w) || TITLES.has(w.key) || /^(?:no|núm|num)$/.test(w.key)))
      return false;
  }
  return false;
}

// Abbreviations written with a period inside an institution's or a place's name.
const NAME_ABBREVIATIONS = new Set([
  'gral',
  'hosp',
  'mpio',
  'fracc',
  'blvd',
  'calz',
  'esp',
  'reg',
  'nal',
  'edo',
  'sto',
  'sta',
]);

/** A word ending with a period that is no abbreviation ends its sentence ("… Dorantes Mesa. Pte. Ofelia"). */
function endsSentence(w: Word): boolean {
  return (
    w.dotted &&
    !w.initial &&
    w.end - w.start >= 4 &&
    !TITLES.has(w.key) &&
    !INSTITUTION_WORDS.has(w.key) &&
    !NAME_ABBREVIATIONS.has(w.key)
  );
}

/** Where a person comes from or lives: what follows is a place ("originaria de Guadalupe"). */
const ORIGIN_BEFORE_RE =
  /(?<![\p{L}])(?:originari[oa]s?|residentes?|vecin[oa]s?|procedentes?|provenientes?|oriund[oa]s?|nativ[oa]s?|radica|vive|viven|habita|procede|proviene)(?:[ \t]+y[ \t]+(?:residentes?|originari[oa]s?|vecin[oa]s?))?[ \t]+(?:de|en)[ \t]+(?:la[ \t]+(?:localidad|comunidad|ranchería|congregación|agencia)[ \t]+de[ \t]+)?$/iu;
/** A state or a country after a comma says the words before it are a place: "Dolores Hidalgo, Gto.". */
const STATE_AFTER_RE =
  /^,[ \t]*(?:Ags|Aguascalientes|B\.?[ \t]?C\.?(?:[ \t]?S\.?)?|Baja[ \t]+California(?:[ \t]+Sur)?|Camp|Campeche|Chis|Chiapas|Chih|Chihuahua|Coah|Coahuila|Col|Colima|CDMX|Dgo|Durango|Edomex|Edo\.[ \t]?(?:de[ \t]+)?M[eé]x|Gto|Guanajuato|Gro|Guerrero|Hgo|Hidalgo|Jal|Jalisco|M[eé]x|M[eé]xico|Mich|Michoac[aá]n|Mor|Morelos|Nay|Nayarit|N\.[ \t]?L|NL|Nuevo[ \t]+Le[oó]n|Oax|Oaxaca|Pue|Puebla|Qro|Quer[eé]taro|Q\.?[ \t]?Roo|Quintana[ \t]+Roo|S\.?L\.?P|San[ \t]+Luis[ \t]+Potos[ií]|Sin|Sinaloa|Son|Sonora|Tab|Tabasco|Tamps|Tamaulipas|Tlax|Tlaxcala|Ver|Veracruz|Yuc|Yucat[aá]n|Zac|Zacatecas|Guatemala|Honduras|El[ \t]+Salvador|EUA|EE\.?[ \t]?UU|USA|Texas|TX|California|CA)(?![\p{L}])/u;
/** Words that make the name before or after them a place: "Nueva Rosita", "Villa Aldama". */
const PLACE_BEFORE = new Set(['nueva', 'nuevo', 'villa', 'ciudad', 'puerto', 'valle', 'real', 'heroica', 'cd', 'col']);
/** English institutions name their kind after the name: "Ronald Reagan UCLA Medical Center". */
const INSTITUTION_AFTER = new Set([
  'hospital',
  'medical',
  'center',
  'centre',
  'clinic',
  'university',
  'institute',
  'college',
  'school',
  'foundation',
  'memorial',
  'health',
  'library',
  'award',
]);

/** A run of title-case words that names a place or an institution by what stands around it. */
function placedByContext(textValue: string, words: Word[], from: number, to: number): boolean {
  const before = words[from - 1];
  if (before && words[from].joined && PLACE_BEFORE.has(before.key) && (before.capitalised || before.upper)) return true;
  if (ORIGIN_BEFORE_RE.test(textValue.slice(Math.max(0, words[from].start - 60), words[from].start))) return true;
  if (STATE_AFTER_RE.test(textValue.slice(words[to].end, words[to].end + 30))) return true;
  for (let j = to + 1; j < words.length && j <= to + 3; j++) {
    const w = words[j];
    if (!w.joined || !(w.capitalised || w.upper)) break;
    if (INSTITUTION_AFTER.has(w.key)) return true;
  }
  return false;
}

function isEponym(words: Word[], from: number, to: number): boolean {
  const before = words[from - 1];
  const beforeDe = before && (before.key === 'de' || before.key === 'of') ? words[from - 2] : before;
  if (beforeDe && EPONYM_BEFORE.has(beforeDe.key)) return true;
  const after = words[to + 1];
  if (after && EPONYM_AFTER.has(after.key)) return true;
  if (words[to].possessive) return true;
  return from === to && EPONYMS.has(words[from].key);
}

/** A hero's name inside the run ("Benito Juárez"); a one-word hero ("Moctezuma") only when alone, as it is a surname too. */
function isHistoric(words: Word[], from: number, to: number): boolean {
  const parts = words.slice(from, to + 1).map((w) => w.key);
  if (parts.length === 1) return HISTORIC_NAMES.has(parts[0]);
  for (let a = 0; a < parts.length; a++)
    for (let b = a + 2; b <= parts.length; b++) if (HISTORIC_NAMES.has(parts.slice(a, b).join(' '))) return true;
  return false;
}

/** What a run of words without a cue needs to be a name. */
function looksLikeName(words: Word[], from: number, to: number): boolean {
  const parts = words.slice(from, to + 1).filter((w) => !isParticle(w));
  const given = parts.filter((w) => GIVEN.has(w.key));
  const surnames = parts.filter((w) => SURNAME.has(w.key) && !GIVEN.has(w.key));
  const style = styleOf(words[from]);
  if (given.length === 0) return false;
  if (parts.some((w) => EPONYMS.has(w.key))) return false;
  if (style === 'lower') {
    // A name alone in lower case set apart as a list's item ("riesgo: marisol (tel …)"), and no word as well.
    if (parts.length === 1) {
      const apart =
        from === 0 ||
        /[:;,(\n][ \t]*$/.test(words[from].gapBefore) ||
        /^[ \t]*[,(]/.test(words[to + 1]?.gapBefore ?? '');
      return apart && !AMBIGUOUS_GIVEN.has(parts[0].key) && !LOWERCASE_WORD_GIVEN.has(parts[0].key);
    }
    return parts.every(known) && surnames.length > 0;
  }
  if (style === 'upper') return parts.length >= 2 && (surnames.length > 0 || given.length >= 2);
  // Title case: two known parts, or one given name that is no everyday word with the unknown ones.
  const knownParts = parts.filter(known).length;
  if (parts.length >= 2) return knownParts >= 2 || given.some((w) => !AMBIGUOUS_GIVEN.has(w.key));
  // A given name alone: not a word as well, and not the first of a sentence unless a verb in lower case follows.
  const w = parts[0];
  return !AMBIGUOUS_GIVEN.has(w.key);
}

type Cue = 'title' | 'relative' | 'patient' | 'label';

/** Words for the patient written short, with a period that does not end a sentence. */
const ABBREVIATED_PATIENT = new Set(['pte', 'px', 'pcte', 'pac', 'pt', 'rn', 'pts']);

function cueBefore(textValue: string, words: Word[], i: number): Cue | null {
  const previous = words[i - 1];
  // "… reported by the mother. Household contacts": a sentence ended after the relative.
  const ended =
    previous !== undefined && previous.dotted && !TITLES.has(previous.key) && !ABBREVIATED_PATIENT.has(previous.key);
  if (previous && words[i].joined && !ended) {
    // "MS Caribbean Star" is a ship and "MS" a disease: English titles are not written in capitals.
    const shouted =
      previous.upper && !previous.dotted && ['ms', 'mr', 'mrs', 'pa', 'np', 'rn', 'pt'].includes(previous.key);
    if (TITLES.has(previous.key) && !shouted && !(previous.key === 'padre' || previous.key === 'madre')) return 'title';
    if (RELATIVES.has(previous.key)) return 'relative';
    if (PATIENT_WORDS.has(previous.key)) return 'patient';
  }
  // "su hija, Mariana", "her daughter, Rosa"; a consent's "Yo, Margarita …", "I, John …"
  const signs =
    previous?.first === true &&
    (previous.key === 'yo' || (previous.key === 'i' && textValue.slice(previous.start, previous.end) === 'I'));
  if (
    previous &&
    !ended &&
    (RELATIVES.has(previous.key) || signs) &&
    /^,[ \t]*$/.test(textValue.slice(previous.end, words[i].start))
  )
    return 'relative';
  const lineStart = Math.max(0, words[i].start - 60);
  if (NAME_LABEL_RE.test(textValue.slice(lineStart, words[i].start))) return 'label';
  return null;
}

// Initials written together ("J.L.M.R."), said to be a person's by what stands before or after them:
// a word for the patient, a bed, a title or a relative; or the sex and age that follow.
const INITIALS_RE = /(?<![\p{L}\d.])(?:\p{Lu}\.){2,5}(?![\p{L}\d])/gu;
const INITIALS_BEFORE_RE =
  /(?<![\p{L}])(?:paciente|pte|px|pcte|patient|pt|iniciales|initials|menor|caso|case|nombre|name|sr|sra|srta|don|doña|mr|mrs|ms|bed[ \t]+\d+|cama[ \t]+\d+|esposo|esposa|hijo|hija|madre|padre|mother|father|son|daughter)\.?[ \t]*[:,-]?[ \t]*$/iu;
const INITIALS_AFTER_RE =
  /^,?[ \t]*(?:masc|fem|male|female|m\b|f\b|de[ \t]+\d{1,3}[ \t]+(?:años|meses)|\d{1,3}[ \t-]?(?:años|a\b|year|yo\b|y\/o|m\b|f\b|meses|months))/iu;

// States, countries and companies written with initials: "Tijuana, B.C. Masculino de 36 años".
const ABBREVIATED_PLACES = new Set([
  'B.C.',
  'B.C.S.',
  'N.L.',
  'S.L.P.',
  'Q.R.',
  'D.F.',
  'E.U.',
  'E.U.A.',
  'C.P.',
  'S.A.',
  'A.C.',
]);

function findInitials(value: string, out: Candidate[]): void {
  for (const m of value.matchAll(INITIALS_RE)) {
    const before = value.slice(Math.max(0, m.index - 30), m.index);
    const after = value.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (!INITIALS_BEFORE_RE.test(before) && !INITIALS_AFTER_RE.test(after)) continue;
    if (ABBREVIATED_PLACES.has(m[0])) continue;
    out.push({ kind: 'name', start: m.index, end: m.index + m[0].length, priority: PRIORITY.name });
  }
}

export function findNames(value: string, out: Candidate[]): void {
  findInitials(value, out);
  const words = readWords(value);
  const taken = new Uint8Array(words.length);
  const push = (from: number, to: number) => {
    for (let k = from; k <= to; k++) taken[k] = 1;
    out.push({ kind: 'name', start: words[from].start, end: words[to].end, priority: PRIORITY.name });
  };
  for (let i = 0; i < words.length; i++) {
    if (taken[i]) continue;
    const cue = cueBefore(value, words, i);
    if (cue) {
      // After a title or a relative anything styled as a name is one ("Dr. Nakamura"); after a label
      // or a word for the patient a list must know a part of it: an unknown word alone is more often
      // the next field or a heading.
      const span = nameFrom(words, i, true);
      if (span) {
        const [from, to] = span;
        const named = words.slice(from, to + 1).some(known);
        const placed =
          inPlaceName(words, cue === 'title' || cue === 'relative' ? i - 1 : i) ||
          (cue !== 'title' && cue !== 'relative' && placedByContext(value, words, from, to));
        // After a relative a word in lower case may be a word of the sentence: "el vecino tirado en el baño".
        const everyday =
          cue === 'relative' &&
          from === to &&
          styleOf(words[from]) === 'lower' &&
          (LOWERCASE_WORD_SURNAME.has(words[from].key) || LOWERCASE_WORD_GIVEN.has(words[from].key));
        if (!placed && !everyday && !isHistoric(words, from, to) && (cue === 'title' || cue === 'relative' || named)) {
          if (!(cue === 'patient' && isEponym(words, from, to))) {
            push(from, to);
            i = to;
            continue;
          }
        }
        // Ruled out as a whole (a hospital's name, a hero's): none of its words is a name either.
        i = to;
        continue;
      }
    }
    const span = nameFrom(words, i, false);
    if (!span) continue;
    const [from, to] = span;
    if (!looksLikeName(words, from, to)) continue;
    // A run that begins with a saint is a place: "Santa María Tlahuitoltepec", "Santiago Tuxtla" is not.
    const placed =
      SAINT_WORDS.has(words[from].key) || inPlaceName(words, from) || placedByContext(value, words, from, to);
    if (!placed && !isEponym(words, from, to) && !isHistoric(words, from, to)) push(from, to);
    i = to;
  }
}
