import { QueryFailedError } from 'typeorm';

/**
 * The constraint a statement violated, when it failed on a unique rule (23505) or on a foreign key:
 * a missing referenced row (23503) or a RESTRICT rule refusing a delete (23001).
 */
export function violatedConstraint(error: unknown): { kind: 'unique' | 'foreign_key'; constraint: string } | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  if (driverError.code === '23505') return { kind: 'unique', constraint: driverError.constraint ?? '' };
  if (driverError.code === '23503' || driverError.code === '23001')
    return { kind: 'foreign_key', constraint: driverError.constraint ?? '' };
  return undefined;
}
