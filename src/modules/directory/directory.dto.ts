/** What the directory's request DTOs share: the query-string boolean and the shape of codes. */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
export const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const SPECIALTY_CODE = /^[a-z][a-z0-9_]*$/;
