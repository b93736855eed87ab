import { defineError } from '../../common/errors/define-error';
import { DomainError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';

export enum JobsErrorCode {
  JobNotFound = 'job_not_found',
}

export class JobsError extends DomainError {}

/** Also the answer to a job the caller may not see. */
export const jobNotFound = defineError(
  JobsErrorCode.JobNotFound,
  404,
  () => message('jobs.errors.jobNotFound'),
  JobsError,
);
