import fc from 'fast-check';
import { attendanceSummary, hoursCredited, type AttendanceStatus, type DayRecord } from './hours';

describe('hoursCredited', () => {
  it.each([
    ['present', undefined, 8, { ok: true, hours: 8 }],
    ['present', null, 6, { ok: true, hours: 6 }],
    ['absent', undefined, 8, { ok: true, hours: 0 }],
    ['excused', undefined, 8, { ok: true, hours: 0 }],
    ['late', 5.5, 8, { ok: true, hours: 5.5 }],
    ['late', 0.5, 8, { ok: true, hours: 0.5 }],
    ['late', 7.5, 8, { ok: true, hours: 7.5 }],
    ['late', undefined, 8, { ok: false, problem: 'hours_required' }],
    ['late', 0, 8, { ok: false, problem: 'hours_out_of_range' }],
    ['late', -1, 8, { ok: false, problem: 'hours_out_of_range' }],
    ['late', 8, 8, { ok: false, problem: 'hours_out_of_range' }],
    ['late', 9, 8, { ok: false, problem: 'hours_out_of_range' }],
    ['late', 2.25, 8, { ok: false, problem: 'hours_not_half_step' }],
    ['present', 8, 8, { ok: false, problem: 'hours_not_allowed' }],
    ['absent', 2, 8, { ok: false, problem: 'hours_not_allowed' }],
    ['excused', 0, 8, { ok: false, problem: 'hours_not_allowed' }],
  ] as [AttendanceStatus, number | null | undefined, number, unknown][])(
    '%s with %p of a %p-hour day',
    (status, given, dayHours, expected) => {
      expect(hoursCredited(status, given, dayHours)).toEqual(expected);
    },
  );
});

describe('attendanceSummary', () => {
  it('adds present, late, absent and excused days of a three-day, eight-hour topic', () => {
    const records: DayRecord[] = [
      { status: 'present', hoursCredited: 8 },
      { status: 'late', hoursCredited: 5.5 },
      { status: 'excused', hoursCredited: 0 },
    ];
    expect(attendanceSummary(records, 3, 8)).toEqual({
      hoursAttended: 13.5,
      topicHours: 24,
      share: 0.5625,
      presentDays: 1,
      lateDays: 1,
      absentDays: 0,
      excusedDays: 1,
      unrecordedDays: 0,
    });
  });

  it('counts days without a record and rounds the share to four decimals', () => {
    expect(
      attendanceSummary(
        [
          { status: 'late', hoursCredited: 2.5 },
          { status: 'absent', hoursCredited: 0 },
        ],
        3,
        7,
      ),
    ).toEqual({
      hoursAttended: 2.5,
      topicHours: 21,
      share: 0.119,
      presentDays: 0,
      lateDays: 1,
      absentDays: 1,
      excusedDays: 0,
      unrecordedDays: 1,
    });
    expect(attendanceSummary([], 0, 8)).toMatchObject({ hoursAttended: 0, topicHours: 0, share: 0, unrecordedDays: 0 });
  });

  it('keeps half hours exact, the share within 0..1 and every day counted once', () => {
    const status = fc.constantFrom<AttendanceStatus>('present', 'late', 'absent', 'excused');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(status, fc.nat()), { maxLength: 10 }),
        (dayCount, hoursPerDay, raw) => {
          const records = raw.slice(0, dayCount).map(([s, n]): DayRecord => {
            const late = hoursPerDay > 0.5 ? 0.5 * (1 + (n % (hoursPerDay * 2 - 1))) : 0;
            return { status: s, hoursCredited: s === 'present' ? hoursPerDay : s === 'late' ? late : 0 };
          });
          const summary = attendanceSummary(records, dayCount, hoursPerDay);
          expect(summary.hoursAttended * 2).toBe(Math.round(summary.hoursAttended * 2));
          expect(summary.share).toBeGreaterThanOrEqual(0);
          expect(summary.share).toBeLessThanOrEqual(1);
          expect(
            summary.presentDays + summary.lateDays + summary.absentDays + summary.excusedDays + summary.unrecordedDays,
          ).toBe(dayCount);
        },
      ),
    );
  });
});
