/** Person names after honorifics and patient labels. */

import { type Candidate, PRIORITY, UPPER, LOWER } from './candidates';
import { NAME_STOPWORDS } from './name-stopwords';

// Names
// ---------------------------------------------------------------------------------------------

// "Pérez", "Martínez-López", "O'Brien", "McDonald": every part is bounded, so no backtracking blow-up.
const CAP_WORD = `(?:[${UPPER}]')?[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:['-][${UPPER}]?[${LOWER}]+)?`;
const INITIAL = `[${UPPER}]\\.`;
const PARTICLE = '(?:de[ \\t]+la|de[ \\t]+los|de[ \\t]+las|del|de|la|y|van|von|da|dos|di)';
const NAME_BODY = `${CAP_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?(?:${CAP_WORD}|${INITIAL})){0,3}`;
// An upper-case name ("PÉREZ LÓPEZ JUAN") is common on forms, so it is accepted after "Nombre:" /
// "Name:" only; elsewhere an all-caps word is far more often an acronym.
const CAPS_WORD = `[${UPPER}]{2,}`;
const CAPS_NAME_BODY = `${CAPS_WORD}(?:[ \\t]+(?:(?:DE[ \\t]+LA|DEL|DE|Y)[ \\t]+)?${CAPS_WORD}){0,3}`;

const NAME_TRIGGERS =
  '(?:[Pp]aciente|PACIENTE|[Pp]atient|Sr\\.|Sra\\.|Srita\\.|Srta\\.|Dr\\.|Dra\\.|Dr|Dra|Lic\\.|Mr\\.|Mrs\\.|Ms\\.|Mr|Mrs|Ms|Miss|Don|Doña|[Ll]lamad[oa]|[Nn]amed|[Nn]ombre(?:[ \\t]+(?:del|de[ \\t]+la)[ \\t]+paciente)?:|[Nn]ame:|[Pp]atient[ \\t]+name:)';
const NAME_RE = new RegExp(
  `(?<![\\p{L}])${NAME_TRIGGERS}(?![\\p{L}])[ \\t,:]{0,3}[ \\t]*(${NAME_BODY})(?![\\p{L}])`,
  'gdu',
);
const CAPS_NAME_RE = new RegExp(
  `(?<![\\p{L}])(?:NOMBRE|[Nn]ombre|NAME|[Nn]ame)(?:[ \\t]+(?:DEL|del)[ \\t]+(?:PACIENTE|paciente))?:[ \\t]*(${CAPS_NAME_BODY})(?![\\p{L}])`,
  'gdu',
);

/**
 * Trims a matched name: drops it when its first word is a stop-word, cuts it before the first
 * stop-word otherwise, and drops trailing particles ("Juan y" -> "Juan").
 */
function trimName(text: string, start: number, end: number): [number, number] | null {
  const value = text.slice(start, end);
  const tokens = [...value.matchAll(/[^\s]+/g)];
  let keep = 0;
  for (const token of tokens) {
    const word = token[0].toLowerCase().replace(/\.$/, '');
    const isParticle = /^(de|del|la|los|las|y|van|von|da|dos|di)$/.test(token[0]);
    const isInitial = /^.\.$/u.test(token[0]);
    if (!isParticle && !isInitial && NAME_STOPWORDS.has(word)) break;
    keep++;
  }
  // Drop trailing particles and initials: a name ends in a real word.
  while (
    keep > 0 &&
    (/^(de|del|la|los|las|y|van|von|da|dos|di|DE|DEL|Y)$/.test(tokens[keep - 1][0]) ||
      /^.\.$/u.test(tokens[keep - 1][0]))
  )
    keep--;
  if (keep === 0) return null;
  const last = tokens[keep - 1];
  return [start, start + last.index + last[0].length];
}

// Institutions and streets are often named after people ("Hospital General Dr. Manuel Gea
// González", "Calle Dr. Lucio"): a trigger right after such a place name introduces the place,
// not a patient or clinician.
const PLACE_BEFORE_TRIGGER_RE = new RegExp(
  `(?:Hospital|HOSPITAL|Centro|Instituto|Cl[ií]nica|Unidad|Sanatorio|Escuela|Facultad|Fundaci[oó]n|Calle|Avenida|Av\\.|Colonia|Col\\.|Street|Avenue|Clinic|Center|Institute|School)(?:[ \\t]+(?:[${UPPER}][\\p{L}.]*|de|del|la|las|los|y|No\\.|\\d{1,4})){0,6}[ \\t]+$`,
  'u',
);

export function findNames(text: string, out: Candidate[]): void {
  for (const source of [NAME_RE, CAPS_NAME_RE]) {
    // A private copy: lastIndex is moved by hand below and the module-level regex must stay clean.
    const re = new RegExp(source.source, source.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const [start, end] = m.indices![1]!;
      // Bounded look-back window keeps this check O(1) per match.
      const span = PLACE_BEFORE_TRIGGER_RE.test(text.slice(Math.max(0, m.index - 80), m.index))
        ? null
        : trimName(text, start, end);
      if (span) out.push({ kind: 'name', start: span[0], end: span[1], priority: PRIORITY.name });
      // Resume right after what was kept, not after the whole match: in "Sr. Juan y Sra. María" the
      // raw match swallows "Sra", whose own trigger must still be seen. Always move forward.
      re.lastIndex = Math.max(m.index + 1, span ? span[1] : start);
    }
  }
}
