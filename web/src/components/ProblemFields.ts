import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * Field errors of a failed request, for the fields of a form: `errors[].field` of the problem+json
 * beside the field it names (Mantine ties it to the input with aria-describedby and marks it
 * invalid), and the problem's detail for the form when no field is named.
 */
export function useProblem(error: unknown) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error : undefined;
  return {
    field: (name: string) => problem?.fieldError(name),
    /** The sentence for the whole form: the API's detail, or what went wrong on the way. */
    form:
      error === null || error === undefined
        ? undefined
        : problem
          ? problem.status >= 500
            ? t('errors.server')
            : problem.status === 429
              ? t('errors.tooMany')
              : (problem.problem.detail ?? t('errors.server'))
          : t('errors.network'),
  };
}
