import fc from 'fast-check';
import { addDays, daysBetween, isIsoDate, type IsoDate, monthOf, todayIn, weekdayOf } from './calendar-date';

/** Any date from 1900 to 2100 as an IsoDate. */
const isoDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((instant) => instant.toISOString().slice(0, 10));

describe(isIsoDate.name, () => {
  it.each<[string, boolean]>([
    ['2027-03-22', true],
    ['2028-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['2027-02-29', false],
    ['2100-02-29', false], // divisible by 100, not by 400
    ['2027-02-30', false],
    ['2027-04-31', false],
    ['2027-12-31', true],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2027-01-00', false],
    ['0099-01-01', true], // not read as 1999
    ['2027-1-05', false],
    ['27-01-05', false],
    ['20270105', false],
    ['2027/01/05', false],
    ['2027-01-05T00:00', false],
    [' 2027-01-05', false],
    ['2027-01-05\n', false],
    ['２０２７-01-05', false], // full-width digits
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe(addDays.name, () => {
  it.each<[IsoDate, number, IsoDate]>([
    ['2027-03-22', 0, '2027-03-22'],
    ['2027-03-22', 1, '2027-03-23'],
    ['2027-03-13', 1, '2027-03-14'], // New York springs forward that night: no effect on dates
    ['2027-03-27', 2, '2027-03-29'], // nor does Madrid's change on the 28th
    ['2027-01-31', 1, '2027-02-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2027-12-30', 4, '2028-01-03'],
    ['2028-01-01', -1, '2027-12-31'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-03-22', 365, '2028-03-21'], // across 2028-02-29
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s plus %d days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each<[IsoDate, number]>([
    ['2027-02-30', 1],
    ['22/03/2027', 1],
    ['2027-03-22', 1.5],
    ['2027-03-22', Number.NaN],
    ['9999-12-31', 1],
  ])('rejects %j plus %p days with a RangeError', (date, days) => {
    expect(() => addDays(date, days)).toThrow(RangeError);
  });

  it('moves by exactly the days asked and back', () => {
    fc.assert(
      fc.property(isoDates, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        const moved = addDays(date, days);
        expect(isIsoDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(days);
        expect(addDays(moved, -days)).toBe(date);
      }),
    );
  });
});

describe(weekdayOf.name, () => {
  it.each<[IsoDate, number]>([
    ['2027-03-22', 1],
    ['2027-03-26', 5],
    ['2027-03-27', 6],
    ['2027-03-28', 7],
    ['2027-12-30', 4],
    ['2028-01-01', 6],
    ['2028-02-29', 2],
    ['2000-01-01', 6],
    ['1970-01-01', 4],
  ])('%s → %d', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });

  it('repeats every seven days', () => {
    fc.assert(
      fc.property(isoDates, fc.integer({ min: -500, max: 500 }), (date, weeks) => {
        expect(weekdayOf(addDays(date, 7 * weeks))).toBe(weekdayOf(date));
      }),
    );
  });

  it('rejects an invalid date with a RangeError', () => {
    expect(() => weekdayOf('2027-02-29')).toThrow(RangeError);
  });
});

describe(monthOf.name, () => {
  it.each<[IsoDate, string]>([
    ['2027-03-22', '2027-03'],
    ['2027-12-31', '2027-12'],
    ['2028-02-29', '2028-02'],
  ])('%s → %s', (date, expected) => {
    expect(monthOf(date)).toBe(expected);
  });

  it('rejects an invalid date with a RangeError', () => {
    expect(() => monthOf('2027-13-01')).toThrow(RangeError);
  });
});

describe(daysBetween.name, () => {
  it.each<[IsoDate, IsoDate, number]>([
    ['2027-03-22', '2027-03-22', 0],
    ['2027-03-22', '2027-03-29', 7],
    ['2027-03-29', '2027-03-22', -7],
    ['2027-02-28', '2027-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-12-30', '2028-01-03', 4],
    ['2027-01-01', '2028-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['1970-01-01', '2027-03-22', 20_899],
  ])('%s → %s is %d', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('rejects an invalid date with a RangeError', () => {
    expect(() => daysBetween('2027-03-22', '2027-02-29')).toThrow(RangeError);
  });
});

describe(todayIn.name, () => {
  it.each<[string, string, IsoDate]>([
    // Mexico City: UTC-6 all year since 2022.
    ['America/Mexico_City', '2027-03-22T05:59:59.999Z', '2027-03-21'],
    ['America/Mexico_City', '2027-03-22T06:00:00.000Z', '2027-03-22'],
    ['America/Mexico_City', '2027-07-15T05:30:00.000Z', '2027-07-14'],
    ['America/Mexico_City', '2021-07-15T05:30:00.000Z', '2021-07-15'], // UTC-5 while it still had summer time
    ['America/Mexico_City', '2028-01-01T05:59:59.000Z', '2027-12-31'],
    ['America/Mexico_City', '2028-01-01T06:00:00.000Z', '2028-01-01'],
    ['America/Mexico_City', '2028-03-01T05:59:59.000Z', '2028-02-29'],
    // Tokyo: UTC+9.
    ['Asia/Tokyo', '2027-03-21T14:59:59.999Z', '2027-03-21'],
    ['Asia/Tokyo', '2027-03-21T15:00:00.000Z', '2027-03-22'],
    ['Asia/Tokyo', '2027-12-31T15:00:00.000Z', '2028-01-01'],
    ['Asia/Tokyo', '2028-02-28T15:00:00.000Z', '2028-02-29'],
    ['Asia/Tokyo', '2028-02-29T15:00:00.000Z', '2028-03-01'],
    ['UTC', '2027-03-21T23:59:59.999Z', '2027-03-21'],
    ['UTC', '2027-03-22T00:00:00.000Z', '2027-03-22'],
    ['Pacific/Kiritimati', '2027-03-21T10:00:00.000Z', '2027-03-22'], // UTC+14
    ['Pacific/Pago_Pago', '2027-03-22T10:00:00.000Z', '2027-03-21'], // UTC-11
  ])('in %s at %s → %s', (timeZone, instant, expected) => {
    expect(todayIn(timeZone, new Date(instant))).toBe(expected);
  });

  it('agrees with Intl date formatting at any instant', () => {
    const zones = [
      'America/Mexico_City',
      'America/New_York',
      'Europe/Madrid',
      'Asia/Tokyo',
      'Australia/Lord_Howe',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (now, timeZone) => {
          // en-CA writes dates as YYYY-MM-DD.
          expect(todayIn(timeZone, now)).toBe(now.toLocaleDateString('en-CA', { timeZone }));
        },
      ),
    );
  });

  it.each<[string, string, Date]>([
    ['an unknown zone', 'Mars/Olympus_Mons', new Date('2027-03-22T12:00:00Z')],
    ['an empty zone', '', new Date('2027-03-22T12:00:00Z')],
    ['an invalid instant', 'UTC', new Date(Number.NaN)],
  ])('rejects %s with a RangeError', (_, timeZone, now) => {
    expect(() => todayIn(timeZone, now)).toThrow(RangeError);
  });
});
