import type { FieldError } from '../../common/errors/domain-error';
import { text } from '../../common/i18n/text';
import type { UnitLevel } from './unit.entity';

export interface UnitFacts {
  id?: string;
  code?: string;
  level: UnitLevel;
  networkId: string;
}

/**
 * Checks the referral hospitals of a unit: only a primary unit refers, and only to secondary or
 * tertiary units of its own network. Returns the problems, empty when the list is valid.
 */
export function referralProblems(
  unit: UnitFacts,
  hospitals: (UnitFacts | undefined)[],
  field = 'referralHospitalIds',
): FieldError[] {
  if (hospitals.length === 0) return [];
  if (unit.level !== 'primary') {
    return [
      {
        field,
        message: text(
          'Sólo una unidad de primer nivel tiene hospitales de referencia.',
          'Only a primary unit has referral hospitals.',
        ),
      },
    ];
  }
  const problems: FieldError[] = [];
  hospitals.forEach((hospital, index) => {
    const at = `${field}.${index}`;
    if (!hospital) {
      problems.push({ field: at, message: text('La unidad no existe.', 'The unit does not exist.') });
    } else if (hospital.level === 'primary') {
      problems.push({
        field: at,
        message: text('Debe ser un hospital (segundo o tercer nivel).', 'Must be a hospital (secondary or tertiary).'),
      });
    } else if (hospital.networkId !== unit.networkId) {
      problems.push({
        field: at,
        message: text('Debe pertenecer a la misma red.', 'Must belong to the same network.'),
      });
    }
  });
  return problems;
}
