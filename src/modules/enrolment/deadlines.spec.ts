import { addWorkingDays, responseDeadline, workingDaysAfter } from './deadlines';

describe('enrolment deadlines', () => {
  const holidays = new Set(['2031-03-17']);

  it.each([
    ['2031-03-12', 3, '2031-03-18', 'Wednesday + 3 skips the weekend and Monday 17th (a holiday)'],
    ['2031-03-14', 1, '2031-03-18', 'Friday + 1 lands after the weekend and the holiday'],
    ['2031-03-15', 0, '2031-03-15', 'zero days is the day itself'],
    ['2031-03-10', 2, '2031-03-12', 'plain weekdays'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (date, count, expected) => {
    expect(addWorkingDays(date, count, holidays)).toBe(expected);
  });

  it.each([
    ['2031-03-12', '2031-03-12', 0],
    ['2031-03-12', '2031-03-14', 2],
    ['2031-03-13', '2031-03-18', 2],
    ['2031-03-14', '2031-03-16', 0],
    ['2031-03-18', '2031-03-12', 0],
  ])('workingDaysAfter(%s, %s) = %i', (from, to, expected) => {
    expect(workingDaysAfter(from, to, holidays)).toBe(expected);
  });

  it('gives three working days unless the seminar starts sooner', () => {
    expect(responseDeadline('2031-03-10', 3, '2031-04-07', holidays)).toBe('2031-03-13');
    expect(responseDeadline('2031-03-10', 3, '2031-03-12', holidays)).toBe('2031-03-11');
    expect(responseDeadline('2031-03-10', 3, '2031-03-10', holidays)).toBe('2031-03-10');
  });
});
