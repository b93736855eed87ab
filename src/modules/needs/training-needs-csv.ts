/** How a row of the training-needs CSV reads: its headers, its yes/no cells, and how rows of one person merge. */
import { message } from '../../common/i18n/messages';
import type { TrainingNeedProfile } from './training-need.entity';
import { ParsedRow } from './training-needs-import.service';

/** Accepted headers (normalised) and the column each one fills. */
export const ALIASES: Record<string, string> = {
  email: 'email',
  correo: 'email',
  correo_electronico: 'email',
  e_mail: 'email',
  licence_number: 'licenceNumber',
  license_number: 'licenceNumber',
  licence: 'licenceNumber',
  cedula: 'licenceNumber',
  cedula_profesional: 'licenceNumber',
  topic: 'topic',
  topic_id: 'topic',
  tema: 'topic',
  interest: 'interest',
  interes: 'interest',
  nivel_de_interes: 'interest',
  willing: 'willing',
  willing_to_attend: 'willing',
  dispuesto: 'willing',
  dispuesta: 'willing',
  asistiria: 'willing',
  trained_before: 'trainedBefore',
  capacitado_antes: 'trainedBefore',
  capacitacion_previa: 'trainedBefore',
  wish: 'wish',
  deseo: 'wish',
  comentarios: 'wish',
};

export const BOOLEANS: Record<string, boolean> = {
  si: true,
  sí: true,
  yes: true,
  true: true,
  '1': true,
  no: false,
  false: false,
  '0': false,
};

export const MAX_WISH_LENGTH = 1000;

/** Titles match whatever their capitals and spacing. */
export function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A profile field given on one of a person's rows: the first value given is kept, and a row that
 * gives another one gets an error.
 */
export function mergeCell<T>(
  earlier: { value: T; line: number } | undefined,
  value: T | undefined,
  row: ParsedRow,
  field: string,
): { value: T; line: number } | undefined {
  if (value === undefined) return earlier;
  if (!earlier) return { value, line: row.line };
  if (earlier.value !== value) {
    row.errors.push({
      field,
      message: message('needs.trainingNeedsImport.differsFromLineSame', { line: earlier.line }),
    });
  }
  return earlier;
}

export function pairKey(personId: string, topicId: string): string {
  return `${personId}:${topicId}`;
}

export function profileDiffers(
  profile: TrainingNeedProfile,
  willing: boolean | undefined,
  wish: string | undefined,
): boolean {
  return (
    (willing !== undefined && willing !== profile.willingToAttend) || (wish !== undefined && wish !== profile.wish)
  );
}
