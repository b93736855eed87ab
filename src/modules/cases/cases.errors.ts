import { defineError } from '../../common/errors/define-error';
import { DomainError } from '../../common/errors/domain-error';
import { message, type Text } from '../../common/i18n/messages';
import type { Language } from '../../common/i18n/text';

export enum CasesErrorCode {
  CaseNotFound = 'case_not_found',
  AttachmentNotFound = 'attachment_not_found',
  CaseNotEditable = 'case_not_editable',
  CaseStatusConflict = 'case_status_conflict',
  IdentifiersFound = 'case_identifiers_found',
  FindingNotFound = 'finding_not_found',
  FindingNotRedactable = 'finding_not_redactable',
  NotAReviewer = 'not_a_reviewer',
  OwnCaseReview = 'own_case_review',
  SpecialtyNotFound = 'specialty_not_found',
  AgendaBlockNotFound = 'agenda_block_not_found',
  ReuseNotAllowed = 'case_reuse_not_allowed',
  TooManyAttachments = 'too_many_attachments',
  UnsupportedMediaType = 'unsupported_media_type',
  AttachmentTooLarge = 'attachment_too_large',
}

export class CasesError extends DomainError {}

export const caseNotFound = defineError(
  CasesErrorCode.CaseNotFound,
  404,
  () => message('cases.errors.caseNotFound'),
  CasesError,
);

export const attachmentNotFound = defineError(
  CasesErrorCode.AttachmentNotFound,
  404,
  () => message('cases.errors.attachmentNotFound'),
  CasesError,
);

export const caseNotEditable = defineError(
  CasesErrorCode.CaseNotEditable,
  409,
  () => message('cases.errors.caseNotEditable'),
  CasesError,
);

const STATUS_CONFLICTS = {
  submit: message('cases.errors.onlyDraftsSubmitted'),
  review: message('cases.errors.onlySubmittedReviewed'),
  publish: message('cases.errors.onlyApprovedPublished'),
  seminarOver: message('cases.errors.seminarOver'),
} satisfies Record<string, Text>;

/** A step the case's status (or its seminar's) does not allow now. */
export const caseStatusConflict = defineError(
  CasesErrorCode.CaseStatusConflict,
  409,
  (step: keyof typeof STATUS_CONFLICTS) => STATUS_CONFLICTS[step],
  CasesError,
);

export const notAReviewer = defineError(
  CasesErrorCode.NotAReviewer,
  404,
  () => message('cases.errors.notAReviewer'),
  CasesError,
);

export const ownCaseReview = defineError(
  CasesErrorCode.OwnCaseReview,
  422,
  () => message('cases.errors.ownCaseReview'),
  CasesError,
);

export const findingNotFound = defineError(
  CasesErrorCode.FindingNotFound,
  422,
  () => message('cases.errors.findingNotFound'),
  CasesError,
);

export const findingNotRedactable = defineError(
  CasesErrorCode.FindingNotRedactable,
  422,
  () => message('cases.errors.findingNotRedactable'),
  CasesError,
);

export const specialtyNotFound = defineError(
  CasesErrorCode.SpecialtyNotFound,
  422,
  () => ({
    detail: message('cases.errors.specialtyNotFound'),
    fields: [{ field: 'specialtyId', message: message('cases.errors.specialtyNotFoundField') }],
  }),
  CasesError,
);

export const agendaBlockNotFound = defineError(
  CasesErrorCode.AgendaBlockNotFound,
  422,
  () => ({
    detail: message('cases.errors.agendaBlockNotFound'),
    fields: [{ field: 'agendaBlockId', message: message('cases.errors.agendaBlockNotFoundField') }],
  }),
  CasesError,
);

export const reuseNotAllowed = defineError(
  CasesErrorCode.ReuseNotAllowed,
  422,
  () => message('cases.errors.reuseNotAllowed'),
  CasesError,
);

export const tooManyAttachments = defineError(
  CasesErrorCode.TooManyAttachments,
  409,
  (limit: number) => message('cases.errors.tooManyAttachments', { limit }),
  CasesError,
);

export const unsupportedMediaType = defineError(
  CasesErrorCode.UnsupportedMediaType,
  415,
  () => message('cases.errors.unsupportedMediaType'),
  CasesError,
);

export const attachmentTooLarge = defineError(
  CasesErrorCode.AttachmentTooLarge,
  413,
  (limitMb: number) => message('cases.errors.attachmentTooLarge', { limitMb }),
  CasesError,
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
    super(CasesErrorCode.IdentifiersFound, 422, message('cases.errors.identifiersFound'));
  }

  override extensions(_language: Language): Record<string, unknown> {
    return { findings: this.findings };
  }
}

/** For `@ApiProblems`: a submission refused for identifiers in its text. */
export const identifiersFound = { code: CasesErrorCode.IdentifiersFound, status: 422 } as const;
