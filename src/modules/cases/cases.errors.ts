import { DomainError } from '../../common/errors/domain-error';
import { text, type Language } from '../../common/i18n/text';

export enum CasesErrorCode {
  CaseNotFound = 'case_not_found',
  AttachmentNotFound = 'attachment_not_found',
  CaseNotEditable = 'case_not_editable',
  CaseStatusConflict = 'case_status_conflict',
  IdentifiersFound = 'case_identifiers_found',
  FindingNotFound = 'finding_not_found',
  NotAReviewer = 'not_a_reviewer',
  OwnCaseReview = 'own_case_review',
  SpecialtyNotFound = 'specialty_not_found',
  AgendaBlockNotFound = 'agenda_block_not_found',
  ReuseNotAllowed = 'case_reuse_not_allowed',
  TooManyAttachments = 'too_many_attachments',
  UnsupportedMediaType = 'unsupported_media_type',
  AttachmentTooLarge = 'attachment_too_large',
  FileMissing = 'file_missing',
}

export class CasesError extends DomainError {}

export const caseNotFound = () =>
  CasesError.notFound(
    CasesErrorCode.CaseNotFound,
    text('No existe ese caso clínico.', 'There is no such clinical case.'),
  );
export const attachmentNotFound = () =>
  CasesError.notFound(
    CasesErrorCode.AttachmentNotFound,
    text('No existe ese archivo del caso.', 'There is no such file of the case.'),
  );

export const caseNotEditable = () =>
  CasesError.conflict(
    CasesErrorCode.CaseNotEditable,
    text(
      'El caso está en revisión; espere la decisión para editarlo.',
      'The case is under review; wait for the decision to edit it.',
    ),
  );

export const caseStatusConflict = (action: ReturnType<typeof text>) =>
  CasesError.conflict(CasesErrorCode.CaseStatusConflict, action);

export const notAReviewer = () =>
  CasesError.notFound(
    CasesErrorCode.NotAReviewer,
    text(
      'Solo la Oficina o quien coordina el seminario revisan sus casos.',
      'Only the office or the seminar’s lead facilitator review its cases.',
    ),
  );

export const ownCaseReview = () =>
  CasesError.rule(
    CasesErrorCode.OwnCaseReview,
    text('Nadie revisa su propio caso; lo revisa la Oficina.', 'Nobody reviews their own case; the office reviews it.'),
  );

export const findingNotFound = () =>
  CasesError.rule(
    CasesErrorCode.FindingNotFound,
    text(
      'Ese hallazgo no está en el texto actual; vuelva a enviar el caso para ver los hallazgos vigentes.',
      'That finding is not in the current text; submit the case again to see the current findings.',
    ),
  );

export const specialtyNotFound = () =>
  CasesError.rule(
    CasesErrorCode.SpecialtyNotFound,
    text('No existe esa especialidad.', 'There is no such specialty.'),
    [{ field: 'specialtyId', message: text('No existe.', 'Does not exist.') }],
  );
export const agendaBlockNotFound = () =>
  CasesError.rule(
    CasesErrorCode.AgendaBlockNotFound,
    text('Ese bloque no está en la agenda de este seminario.', 'That block is not in this seminar’s agenda.'),
    [{ field: 'agendaBlockId', message: text('No existe en este seminario.', 'Not in this seminar.') }],
  );

export const reuseNotAllowed = () =>
  CasesError.rule(
    CasesErrorCode.ReuseNotAllowed,
    text(
      'Solo se reutilizan casos aprobados de seminarios del mismo tema.',
      'Only approved cases of seminars of the same topic can be reused.',
    ),
  );

export const tooManyAttachments = (limit: number) =>
  CasesError.conflict(
    CasesErrorCode.TooManyAttachments,
    text(`Un caso admite a lo más ${limit} archivos.`, `A case takes at most ${limit} files.`),
  );

export const unsupportedMediaType = () =>
  new CasesError(
    CasesErrorCode.UnsupportedMediaType,
    415,
    text(
      'Solo se aceptan archivos PDF, PNG, JPEG y DOCX, sin contenido oculto; el tipo se reconoce por el contenido, no por el nombre.',
      'Only PDF, PNG, JPEG and DOCX files without hidden content are accepted; the type is read from the content, not the name.',
    ),
  );

export const attachmentTooLarge = (limitMb: number) =>
  new CasesError(
    CasesErrorCode.AttachmentTooLarge,
    413,
    text(
      `El archivo pasa de ${limitMb} MB (o se expande más allá del límite).`,
      `The file is over ${limitMb} MB (or expands beyond the limit).`,
    ),
  );

export const fileMissing = () =>
  CasesError.rule(
    CasesErrorCode.FileMissing,
    text('Adjunte un archivo en el campo «file».', 'Attach a file in the “file” field.'),
    [{ field: 'file', message: text('Falta el archivo.', 'The file is missing.') }],
  );

/** One identifier the scan found, without the matched text. */
export interface CaseFinding {
  field: string;
  kind: string;
  start: number;
  end: number;
}

/** Submitting a case whose text carries what looks like patient identifiers. */
export class IdentifiersFoundError extends CasesError {
  constructor(readonly findings: CaseFinding[]) {
    super(
      CasesErrorCode.IdentifiersFound,
      422,
      text(
        'El caso parece contener datos que identifican a una persona. Corríjalos, o confirme cada hallazgo que no lo sea, con un motivo.',
        'The case seems to contain data that identify a person. Fix them, or confirm each finding that is not one, with a reason.',
      ),
    );
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { findings: this.findings };
  }
}
