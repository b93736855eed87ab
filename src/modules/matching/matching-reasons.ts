import { listParam, longDateListParam, message, monthParam } from '../../common/i18n/messages';
import { type Text } from '../../common/i18n/messages';
import type {
  AttendeeAssignment,
  AttendeeExclusion,
  FacilitatorAssignment,
  FacilitatorBlocker,
  FacilitatorShortfall,
} from './engine/instance';

/** Why someone who wanted a seminar did not get one, in words for the office. */
export const EXCLUSION_TEXT: Record<AttendeeExclusion, Text> = {
  not_willing: message('matching.matchingReasons.exclusionText.notWilling'),
  no_interest: message('matching.matchingReasons.exclusionText.noInterest'),
  no_seminar: message('matching.matchingReasons.exclusionText.noSeminar'),
  already_has_topic: message('matching.matchingReasons.exclusionText.alreadyHasTopic'),
  unavailable: message('matching.matchingReasons.exclusionText.unavailable'),
  pinned_out: message('matching.matchingReasons.exclusionText.pinnedOut'),
  capacity: message('matching.matchingReasons.exclusionText.capacity'),
  unit_cap: message('matching.matchingReasons.exclusionText.unitCap'),
  unit_daily_share: message('matching.matchingReasons.exclusionText.unitDailyShare'),
  search_limit: message('matching.matchingReasons.exclusionText.searchLimit'),
};

export const SHORTFALL_TEXT: Record<FacilitatorShortfall, Text> = {
  no_specialist: message('matching.matchingReasons.shortfallText.noSpecialist'),
  unavailable: message('matching.matchingReasons.shortfallText.unavailable'),
  monthly_limit: message('matching.matchingReasons.shortfallText.monthlyLimit'),
  taken_elsewhere: message('matching.matchingReasons.shortfallText.takenElsewhere'),
};

/** What keeps one specialist from an open place, in words for the office. */
export function blockerText(b: FacilitatorBlocker, title: (seminarId: string) => string): Text {
  const seminars = listParam(b.seminarIds.map((id) => message('matching.errors.quotedTitle', { title: title(id) })));
  switch (b.rule) {
    case 'unavailable':
      return message('matching.matchingReasons.blocker.unavailable', { dates: longDateListParam(b.dates) });
    case 'same_day':
      return message('matching.matchingReasons.blocker.sameDay', { seminars, dates: longDateListParam(b.dates) });
    case 'monthly_limit':
      return message('matching.matchingReasons.blocker.monthlyLimit', {
        month: monthParam(b.month ?? ''),
        seminars,
        run: b.seminarIds.length,
        outside: b.outside,
      });
    case 'network':
      return message('matching.matchingReasons.blocker.network');
    case 'pinned_out':
      return message('matching.matchingReasons.blocker.pinnedOut');
  }
}

/** Why a pinned pair could not be honoured; for a specialist, `capacity` means a clash with another seminar of theirs. */
export function pinReasonText(reason: string | undefined, specialist: boolean): Text | null {
  if (!reason) return null;
  if (reason === 'not_in_run') return message('matching.matchingReasons.personSeminarNotPart');
  if (reason === 'already_seated') return message('matching.matchingReasons.alreadyHasPlaceAnother');
  if (reason === 'already_facilitates') return message('matching.matchingReasons.alreadyFacilitatesSeminar');
  if (specialist && reason === 'capacity') return message('matching.matchingReasons.facilitatesAnotherSeminarRun');
  if (specialist && reason === 'pinned_out') return message('matching.matchingReasons.anotherPinOfficeExcludes');
  if (reason in EXCLUSION_TEXT) return EXCLUSION_TEXT[reason as AttendeeExclusion];
  if (reason in SHORTFALL_TEXT) return SHORTFALL_TEXT[reason as FacilitatorShortfall];
  return message('matching.matchingReasons.couldNotBeHonoured', { reason });
}

const INTEREST_WORDS: Record<number, Text> = {
  1: message('matching.matchingReasons.interestWords.1'),
  2: message('matching.matchingReasons.interestWords.2'),
  3: message('matching.matchingReasons.interestWords.3'),
};

/** The reasons behind an attendee's proposal. */
export function attendeeReasons(a: AttendeeAssignment, names: (personId: string) => string): Text[] {
  const reasons: Text[] = [];
  if (a.pinned) reasons.push(message('matching.matchingReasons.pinnedByOffice'));
  if (a.interest > 0) reasons.push(INTEREST_WORDS[a.interest]);
  if (a.pairedFacilitatorIds.length > 0) {
    const who = a.pairedFacilitatorIds.map(names).join(', ');
    reasons.push(message('matching.matchingReasons.facilitatedBySpecialistsFrom', { who }));
  }
  if (a.neverTrained) reasons.push(message('matching.matchingReasons.priorityNeverTrainedTopic'));
  return reasons;
}

/** The reasons behind a facilitator's proposal. */
export function facilitatorReasons(f: FacilitatorAssignment): Text[] {
  const reasons: Text[] = [message('matching.matchingReasons.coversSpecialtyTopicRequires')];
  if (f.pinned) reasons.push(message('matching.matchingReasons.pinnedByOffice'));
  if (f.referralHospital) reasons.push(message('matching.matchingReasons.worksAtHospitalNetwork'));
  reasons.push(message('matching.matchingReasons.loadSeminarSCounting', { load: f.load }));
  return reasons;
}
