import fc from 'fast-check';
import { addDays, daysBetween, type IsoDate } from '../../../common/time/calendar-date';
import { firstWorkingDayFrom, isWorkingDay, layOutWorkingDays, nextWorkingDay } from './working-days';

/**
 * Mexican public holidays of 2027 (New Year on a Friday; Constitution Day and Benito Juárez's birthday
 * on Mondays), Holy Thursday and Good Friday, and two days an institution might close.
 */
const HOLIDAYS: ReadonlySet<IsoDate> = new Set([
  '2027-01-01', // Friday
  '2027-02-01', // Monday
  '2027-03-15', // Monday
  '2027-03-25', // Holy Thursday
  '2027-03-26', // Good Friday
  '2027-12-31', // Friday
  '2028-02-29', // Tuesday, leap day
]);
const NONE: ReadonlySet<IsoDate> = new Set();

describe(isWorkingDay.name, () => {
  it.each<[string, IsoDate, boolean, ReadonlySet<IsoDate>]>([
    ['a Monday', '2027-03-22', true, HOLIDAYS],
    ['a Friday', '2027-03-19', true, HOLIDAYS],
    ['a Saturday', '2027-03-20', false, HOLIDAYS],
    ['a Sunday', '2027-03-21', false, HOLIDAYS],
    ['a Monday holiday', '2027-02-01', false, HOLIDAYS],
    ['a Friday holiday', '2027-01-01', false, HOLIDAYS],
    ['the leap day, a Tuesday', '2028-02-29', true, NONE],
    ['the leap day as a holiday', '2028-02-29', false, HOLIDAYS],
    ['a holiday on a weekend (still not working)', '2027-12-25', false, new Set(['2027-12-25'])],
  ])('%s (%s) → %s', (_, date, expected, holidays) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  it('rejects an invalid date with a RangeError', () => {
    expect(() => isWorkingDay('2027-02-29', NONE)).toThrow(RangeError);
  });
});

describe(nextWorkingDay.name, () => {
  it.each<[string, IsoDate, IsoDate]>([
    ['a Monday → Tuesday (strictly after)', '2027-03-22', '2027-03-23'],
    ['a Friday → Monday', '2027-03-19', '2027-03-22'],
    ['a Saturday → Monday', '2027-03-20', '2027-03-22'],
    ['a Sunday → Monday', '2027-03-21', '2027-03-22'],
    ['Thursday before a Friday holiday → Monday', '2026-12-31', '2027-01-04'],
    ['Friday before a Monday holiday → Tuesday', '2027-01-29', '2027-02-02'],
    ['Wednesday before Holy Thursday and Good Friday → Monday', '2027-03-24', '2027-03-29'],
    ['Thursday 2027-12-30 before a Friday holiday → Monday of the new year', '2027-12-30', '2028-01-03'],
    ['Monday 2028-02-28 before a holiday on the leap day → 1 March', '2028-02-28', '2028-03-01'],
  ])('%s', (_, date, expected) => {
    expect(nextWorkingDay(date, HOLIDAYS)).toBe(expected);
  });

  it('searches up to 366 days ahead and no further', () => {
    const monday = '2027-01-04';
    const closedFor = (days: number): ReadonlySet<IsoDate> =>
      new Set(Array.from({ length: days }, (_, offset) => addDays(monday, offset + 1)));
    // 2028-01-05, 366 days after, is a Wednesday.
    expect(nextWorkingDay(monday, closedFor(365))).toBe('2028-01-05');
    expect(() => nextWorkingDay(monday, closedFor(366))).toThrow(RangeError);
  });

  it('is after the date, a working day, with no working day in between', () => {
    fc.assert(
      fc.property(datesWithHolidays, ({ date, holidays }) => {
        const next = nextWorkingDay(date, holidays);
        expect(daysBetween(date, next)).toBeGreaterThan(0);
        expect(isWorkingDay(next, holidays)).toBe(true);
        expect(workingDaysStrictlyBetween(date, next, holidays)).toEqual([]);
      }),
    );
  });
});

describe(firstWorkingDayFrom.name, () => {
  it.each<[string, IsoDate, IsoDate]>([
    ['a working day is itself', '2027-03-22', '2027-03-22'],
    ['a Saturday → Monday', '2027-03-20', '2027-03-22'],
    ['a Monday holiday → Tuesday', '2027-03-15', '2027-03-16'],
    ['a Friday holiday → Monday', '2027-12-31', '2028-01-03'],
    ['Holy Thursday → Monday', '2027-03-25', '2027-03-29'],
  ])('%s', (_, date, expected) => {
    expect(firstWorkingDayFrom(date, HOLIDAYS)).toBe(expected);
  });
});

describe(layOutWorkingDays.name, () => {
  it.each<[string, IsoDate, number, ReadonlySet<IsoDate>, IsoDate[]]>([
    ['one day', '2027-03-22', 1, HOLIDAYS, ['2027-03-22']],
    [
      'a week from Monday',
      '2027-03-22',
      5,
      NONE,
      ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26'],
    ],
    ['from Thursday across a weekend', '2027-03-18', 3, HOLIDAYS, ['2027-03-18', '2027-03-19', '2027-03-22']],
    ['across a weekend and a Monday holiday', '2027-03-11', 3, HOLIDAYS, ['2027-03-11', '2027-03-12', '2027-03-16']],
    ['across Holy Thursday, Good Friday and the weekend', '2027-03-24', 2, HOLIDAYS, ['2027-03-24', '2027-03-29']],
    ['from Thursday 2027-12-30 into the new year', '2027-12-30', 3, NONE, ['2027-12-30', '2027-12-31', '2028-01-03']],
    ['the same with 2027-12-31 a holiday', '2027-12-30', 3, HOLIDAYS, ['2027-12-30', '2028-01-03', '2028-01-04']],
    ['across the end of January', '2027-01-28', 3, NONE, ['2027-01-28', '2027-01-29', '2027-02-01']],
    ['through the leap day', '2028-02-28', 3, NONE, ['2028-02-28', '2028-02-29', '2028-03-01']],
    ['over the leap day when it is a holiday', '2028-02-28', 3, HOLIDAYS, ['2028-02-28', '2028-03-01', '2028-03-02']],
    ['from a Saturday: starts on Monday', '2027-03-20', 2, HOLIDAYS, ['2027-03-22', '2027-03-23']],
    ['from a Monday holiday: starts on Tuesday', '2027-02-01', 2, HOLIDAYS, ['2027-02-02', '2027-02-03']],
  ])('%s', (_, start, count, holidays, expected) => {
    expect(layOutWorkingDays(start, count, holidays)).toEqual(expected);
  });

  it.each<[string, IsoDate, number, ReadonlySet<IsoDate>]>([
    ['no days', '2027-03-22', 0, NONE],
    ['a negative count', '2027-03-22', -1, NONE],
    ['a fractional count', '2027-03-22', 1.5, NONE],
    ['an invalid start', '2027-02-30', 1, NONE],
    [
      'holidays closing every day for more than a year',
      '2027-03-22',
      2,
      new Set(Array.from({ length: 400 }, (_, offset) => addDays('2027-03-23', offset))),
    ],
  ])('rejects %s with a RangeError', (_, start, count, holidays) => {
    expect(() => layOutWorkingDays(start, count, holidays)).toThrow(RangeError);
  });

  it('gives count increasing working days, skipping none', () => {
    fc.assert(
      fc.property(datesWithHolidays, fc.integer({ min: 1, max: 40 }), ({ date: start, holidays }, count) => {
        const days = layOutWorkingDays(start, count, holidays);
        expect(days).toHaveLength(count);
        expect(days.every((day) => isWorkingDay(day, holidays))).toBe(true);
        expect(daysBetween(start, days[0])).toBeGreaterThanOrEqual(0);
        expect(workingDaysStrictlyBetween(addDays(start, -1), days[0], holidays)).toEqual([]);
        for (let position = 1; position < days.length; position++) {
          expect(daysBetween(days[position - 1], days[position])).toBeGreaterThan(0);
          expect(workingDaysStrictlyBetween(days[position - 1], days[position], holidays)).toEqual([]);
        }
      }),
    );
  });
});

/** A date from 2020 to 2035 and holidays scattered over the 90 days after it, sometimes in runs. */
const datesWithHolidays = fc
  .record({
    date: fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    offsets: fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { maxLength: 60 }),
  })
  .map(({ date, offsets }) => {
    const iso = date.toISOString().slice(0, 10);
    return { date: iso, holidays: new Set(offsets.map((offset) => addDays(iso, offset))) as ReadonlySet<IsoDate> };
  });

function workingDaysStrictlyBetween(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate[] {
  const between: IsoDate[] = [];
  for (let day = addDays(from, 1); daysBetween(day, to) > 0; day = addDays(day, 1)) {
    if (isWorkingDay(day, holidays)) between.push(day);
  }
  return between;
}
