import {
  addDays,
  daysBetween,
  localDateOf,
  localDateTime,
  localDayBounds,
  localTimeOf,
  mondayOf,
  weekdayOf,
  weeksBetween,
  HOUR,
} from '../../src/domain/time';

describe('Europe/Berlin time helpers', () => {
  it('puts 09:00 local one hour later in UTC in winter than in summer (spring switch 2026-03-29)', () => {
    expect(new Date(localDateTime('2026-03-27', '09:00')).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(localDateTime('2026-03-30', '09:00')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 local across the autumn switch 2026-10-25', () => {
    expect(new Date(localDateTime('2026-10-23', '09:00')).toISOString()).toBe('2026-10-23T07:00:00.000Z');
    expect(new Date(localDateTime('2026-10-26', '09:00')).toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(localTimeOf(localDateTime('2026-10-26', '09:00'))).toBe('09:00');
  });

  it('has a 23-hour spring Sunday and a 25-hour autumn Sunday', () => {
    const spring = localDayBounds('2026-03-29');
    const autumn = localDayBounds('2026-10-25');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
  });

  it('moves a wall-clock time that does not exist forward by the gap', () => {
    expect(localTimeOf(localDateTime('2026-03-29', '02:30'))).toBe('03:30');
  });

  it('maps 24:00 to the next midnight', () => {
    expect(localDateTime('2026-03-28', '24:00')).toBe(localDateTime('2026-03-29', '00:00'));
  });

  it('derives local dates, weekdays and week distances without being thrown off by DST', () => {
    expect(localDateOf(Date.parse('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
    expect(localDateOf(Date.parse('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-26', -1)).toBe('2026-10-25');
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-03-30')).toBe('mon');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(weeksBetween('2026-03-23', '2026-10-25')).toBe(30);
    expect(weeksBetween('2026-03-23', '2026-03-16')).toBe(-1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('rejects malformed input', () => {
    expect(() => localDateTime('2026-3-1', '09:00')).toThrow(RangeError);
    expect(() => localDateTime('2026-03-01', '9:00')).toThrow(RangeError);
  });
});
