import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
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
        message: message('directory.referrals.onlyPrimaryUnitHas'),
      },
    ];
  }
  const problems: FieldError[] = [];
  hospitals.forEach((hospital, index) => {
    const at = `${field}.${index}`;
    if (!hospital) {
      problems.push({ field: at, message: message('directory.people.unitDoesNotExist') });
    } else if (hospital.level === 'primary') {
      problems.push({
        field: at,
        message: message('directory.referrals.mustBeHospitalSecondary'),
      });
    } else if (hospital.networkId !== unit.networkId) {
      problems.push({
        field: at,
        message: message('directory.referrals.mustBelongSameNetwork'),
      });
    }
  });
  return problems;
}
