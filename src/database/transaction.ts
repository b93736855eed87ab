import type { DataSource, EntityManager } from 'typeorm';
import { violatedConstraint } from '../common/errors/database-errors';

/**
 * Domain errors for the database constraints a write may hit: by constraint name, and
 * `foreignKey` for any foreign key refusing a delete or naming a missing row.
 */
export interface ConstraintErrors {
  unique?: Record<string, () => Error>;
  foreignKey?: () => Error;
}

/**
 * Runs work in one transaction. When a concurrent writer wins a race the database constraint is
 * the last line of defence; its violation is turned into the matching domain error.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  constraints: ConstraintErrors = {},
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    const violation = violatedConstraint(error);
    const mapped =
      violation?.kind === 'unique'
        ? constraints.unique?.[violation.constraint]
        : violation?.kind === 'foreign_key'
          ? constraints.foreignKey
          : undefined;
    if (mapped) throw mapped();
    throw error;
  }
}
