import { text, type Text } from '../../common/i18n/text';
import type {
  AttendeeAssignment,
  AttendeeExclusion,
  FacilitatorAssignment,
  FacilitatorShortfall,
} from './engine/instance';

/** Why someone who wanted a seminar did not get one, in words for the office. */
export const EXCLUSION_TEXT: Record<AttendeeExclusion, Text> = {
  not_willing: text('No está dispuesto a asistir en este ciclo.', 'Not willing to attend this cycle.'),
  no_interest: text(
    'No declaró interés en ningún tema de estos seminarios.',
    'Stated no interest in any topic of these seminars.',
  ),
  no_seminar: text(
    'No hay seminario de sus temas de interés en su red.',
    'No seminar of the topics they want in their network.',
  ),
  already_has_topic: text(
    'Ya tiene (o espera) un seminario de ese tema.',
    'Already has (or is waiting for) a seminar of that topic.',
  ),
  unavailable: text(
    'No está disponible en las fechas de los seminarios de su interés.',
    'Not available on the dates of the seminars they want.',
  ),
  pinned_out: text(
    'Excluido de esos seminarios: por la oficina, o porque declinó la invitación.',
    'Excluded from those seminars: by the office, or because they declined the invitation.',
  ),
  capacity: text('Cupo lleno: otras personas tenían más prioridad.', 'Full: other people had a higher priority.'),
  unit_cap: text(
    'Ya van otros de su unidad al mismo seminario (límite por unidad).',
    'Others from their unit already go to that seminar (per-unit limit).',
  ),
  unit_daily_share: text(
    'Su unidad ya tiene a su parte máxima del personal fuera esos días.',
    'Their unit already has its largest share of staff away on those days.',
  ),
  search_limit: text(
    'Quedaba un lugar, pero la búsqueda terminó antes de asignarlo.',
    'A place was free, but the search stopped before assigning it.',
  ),
};

export const SHORTFALL_TEXT: Record<FacilitatorShortfall, Text> = {
  no_specialist: text(
    'No hay especialistas de esa especialidad que puedan facilitar en esta red.',
    'No specialist of that specialty can facilitate in this network.',
  ),
  unavailable: text(
    'Los especialistas de esa especialidad no están disponibles en esas fechas.',
    'The specialists of that specialty are not available on those dates.',
  ),
  monthly_limit: text(
    'Los especialistas de esa especialidad ya llegaron a su límite mensual.',
    'The specialists of that specialty have reached their monthly limit.',
  ),
  taken_elsewhere: text(
    'Los especialistas disponibles quedaron asignados a otros seminarios.',
    'The available specialists were assigned to other seminars.',
  ),
};

/** Why a pinned pair could not be honoured; for a specialist, `capacity` means a clash with another seminar of theirs. */
export function pinReasonText(reason: string | undefined, specialist: boolean): Text | null {
  if (!reason) return null;
  if (reason === 'not_in_run')
    return text(
      'La persona o el seminario no forman parte de la corrida.',
      'The person or the seminar is not part of the run.',
    );
  if (reason === 'already_seated')
    return text(
      'Ya tiene lugar en otro seminario de la corrida (uno por persona).',
      'Already has a place in another seminar of the run (one per person).',
    );
  if (reason === 'already_facilitates') return text('Ya facilita este seminario.', 'Already facilitates this seminar.');
  if (specialist && reason === 'capacity')
    return text(
      'Facilita otro seminario de la corrida en esas fechas.',
      'Facilitates another seminar of the run on those dates.',
    );
  if (specialist && reason === 'pinned_out')
    return text(
      'Otra fijación de la oficina lo excluye de este seminario.',
      'Another pin of the office excludes them from this seminar.',
    );
  if (reason in EXCLUSION_TEXT) return EXCLUSION_TEXT[reason as AttendeeExclusion];
  if (reason in SHORTFALL_TEXT) return SHORTFALL_TEXT[reason as FacilitatorShortfall];
  return text(`No se pudo respetar (${reason}).`, `Could not be honoured (${reason}).`);
}

const INTEREST_WORDS: Record<number, Text> = {
  1: text('Interés bajo en el tema', 'Low interest in the topic'),
  2: text('Interés medio en el tema', 'Medium interest in the topic'),
  3: text('Interés alto en el tema', 'High interest in the topic'),
};

/** The reasons behind an attendee's proposal. */
export function attendeeReasons(a: AttendeeAssignment, names: (personId: string) => string): Text[] {
  const reasons: Text[] = [];
  if (a.pinned) reasons.push(text('Fijado por la oficina', 'Pinned by the office'));
  if (a.interest > 0) reasons.push(INTEREST_WORDS[a.interest]);
  if (a.pairedFacilitatorIds.length > 0) {
    const who = a.pairedFacilitatorIds.map(names).join(', ');
    reasons.push(
      text(
        `Facilitan especialistas del hospital al que refiere su unidad: ${who}`,
        `Facilitated by specialists from the hospital their unit refers to: ${who}`,
      ),
    );
  }
  if (a.neverTrained)
    reasons.push(text('Prioridad: nunca se ha capacitado en el tema', 'Priority: never trained on the topic'));
  return reasons;
}

/** The reasons behind a facilitator's proposal. */
export function facilitatorReasons(f: FacilitatorAssignment): Text[] {
  const reasons: Text[] = [
    text('Cubre una especialidad que el tema requiere', 'Covers a specialty the topic requires'),
  ];
  if (f.pinned) reasons.push(text('Fijado por la oficina', 'Pinned by the office'));
  if (f.referralHospital)
    reasons.push(
      text(
        'Trabaja en un hospital al que refieren las unidades de la red',
        'Works at a hospital the network’s units refer to',
      ),
    );
  reasons.push(text(`Carga: ${f.load} seminario(s) contando este`, `Load: ${f.load} seminar(s) counting this one`));
  return reasons;
}
