import { dayMonth, nextMonday, typedDate, validDate, weekdayDate } from '../../src/domain/day-words';

// Monday 30 Nov, Wednesday 2 Dec, Sunday 6 Dec 2026.
const MONDAY = '2026-11-30';
const WEDNESDAY = '2026-12-02';
const SUNDAY = '2026-12-06';

describe('day words resolve against today', () => {
  it('names this week’s weekday from today on, else next week’s, and next week’s after "nächste"', () => {
    expect(weekdayDate(MONDAY, 5, false)).toBe('2026-12-04');
    expect(weekdayDate(MONDAY, 1, false)).toBe(MONDAY);
    expect(weekdayDate(MONDAY, 5, true)).toBe('2026-12-11');
    expect(weekdayDate(WEDNESDAY, 1, false)).toBe('2026-12-07');
    expect(weekdayDate(SUNDAY, 7, false)).toBe(SUNDAY);
  });

  it('names the Monday of next week for "nächste Woche", the day after on a Sunday', () => {
    expect(nextMonday(MONDAY)).toBe('2026-12-07');
    expect(nextMonday(WEDNESDAY)).toBe('2026-12-07');
    expect(nextMonday(SUNDAY)).toBe('2026-12-07');
  });
});

describe('dates typed in digits', () => {
  it.each([
    ['2026-12-03', '2026-12-03'],
    ['2026-1-5', '2026-01-05'],
    ['03.12.2026', '2026-12-03'],
    ['3.12.26', '2026-12-03'],
    ['3/12/2026', '2026-12-03'],
    ['03.12.', '2026-12-03'],
    // A day and month that has passed this year is next year's.
    ['5.1.', '2027-01-05'],
  ])('reads "%s" as %s', (word, date) => {
    expect(typedDate(word, WEDNESDAY)).toEqual({ kind: 'date', date });
  });

  it('calls a date no calendar has impossible and leaves what may be a time alone', () => {
    expect(typedDate('31.02.', WEDNESDAY)).toEqual({ kind: 'bad-date' });
    expect(typedDate('2026-13-01', WEDNESDAY)).toEqual({ kind: 'bad-date' });
    expect(typedDate('31.11.2026', WEDNESDAY)).toEqual({ kind: 'bad-date' });
    expect(typedDate('10:30', WEDNESDAY)).toBeUndefined();
    expect(typedDate('3.12', WEDNESDAY)).toBeUndefined();
    expect(typedDate('Freitag', WEDNESDAY)).toBeUndefined();
  });

  it('takes 29 February without a year from the next year that has one', () => {
    expect(dayMonth(29, 2, '2027-03-01')).toBe('2028-02-29');
    expect(dayMonth(29, 2, '2028-01-10')).toBe('2028-02-29');
  });
});

describe('validDate', () => {
  it('knows which dates a calendar has: 29 February only in leap years, no 31 April, no month 13', () => {
    expect(validDate(2028, 2, 29)).toBe('2028-02-29');
    expect(validDate(2027, 2, 29)).toBeUndefined();
    expect(validDate(2100, 2, 29)).toBeUndefined();
    expect(validDate(2000, 2, 29)).toBe('2000-02-29');
    expect(validDate(2026, 4, 31)).toBeUndefined();
    expect(validDate(2026, 13, 1)).toBeUndefined();
    expect(validDate(2026, 0, 10)).toBeUndefined();
    expect(validDate(2026, 12, 0)).toBeUndefined();
    expect(validDate(2026, 3, 29)).toBe('2026-03-29');
    expect(validDate(2026, 10, 25)).toBe('2026-10-25');
  });
});
