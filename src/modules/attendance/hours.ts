/**
 * Hours of attendance: what one day's record credits and what a person's records add up to in a
 * seminar. The one place these numbers are computed; rosters, summaries and certificates use it.
 * Plain TypeScript, no framework.
 */

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Late arrivals are credited in half hours. */
export const HOURS_STEP = 0.5;

export type HoursCredited =
  | { ok: true; hours: number }
  | { ok: false; problem: 'hours_required' | 'hours_not_allowed' | 'hours_out_of_range' | 'hours_not_half_step' };

/**
 * The hours one day's record credits: a present person gets the whole day, a late one the hours
 * given (required; half-hour steps, more than 0 and less than the day), an absent or excused one
 * nothing. Excused justifies the absence but earns no hours; summaries count it apart.
 * Returns the problem instead of throwing, so callers can report every record at once.
 */
export function hoursCredited(
  status: AttendanceStatus,
  hoursAttended: number | undefined | null,
  dayHours: number,
): HoursCredited {
  const given = hoursAttended !== undefined && hoursAttended !== null;
  if (status !== 'late')
    return given
      ? { ok: false, problem: 'hours_not_allowed' }
      : { ok: true, hours: status === 'present' ? dayHours : 0 };
  if (!given) return { ok: false, problem: 'hours_required' };
  if (!Number.isFinite(hoursAttended) || hoursAttended <= 0 || hoursAttended >= dayHours)
    return { ok: false, problem: 'hours_out_of_range' };
  if (!Number.isInteger(hoursAttended / HOURS_STEP)) return { ok: false, problem: 'hours_not_half_step' };
  return { ok: true, hours: hoursAttended };
}

/** One day's record as the summary needs it. */
export interface DayRecord {
  status: AttendanceStatus;
  hoursCredited: number;
}

export interface AttendanceSummary {
  /** Hours credited over the seminar's days. */
  hoursAttended: number;
  /** The topic's hours in this seminar: its days times the hours of a day. */
  topicHours: number;
  /** hoursAttended / topicHours, 0 to 1, to four decimals; 0 for a seminar without days. */
  share: number;
  presentDays: number;
  lateDays: number;
  absentDays: number;
  excusedDays: number;
  /** Days without any record yet. */
  unrecordedDays: number;
}

/**
 * What a person's day records add up to in a seminar of `dayCount` days of `hoursPerDay` hours.
 * Hours are summed in hundredths so that 5.5 + 7.5 + … stays exact.
 */
export function attendanceSummary(
  records: readonly DayRecord[],
  dayCount: number,
  hoursPerDay: number,
): AttendanceSummary {
  const counts: Record<AttendanceStatus, number> = { present: 0, late: 0, absent: 0, excused: 0 };
  let hundredths = 0;
  for (const record of records) {
    counts[record.status] += 1;
    hundredths += Math.round(record.hoursCredited * 100);
  }
  const topicHours = dayCount * hoursPerDay;
  const hoursAttended = hundredths / 100;
  return {
    hoursAttended,
    topicHours,
    share: topicHours > 0 ? Math.min(1, Math.round((hoursAttended / topicHours) * 10_000) / 10_000) : 0,
    presentDays: counts.present,
    lateDays: counts.late,
    absentDays: counts.absent,
    excusedDays: counts.excused,
    unrecordedDays: Math.max(0, dayCount - records.length),
  };
}
