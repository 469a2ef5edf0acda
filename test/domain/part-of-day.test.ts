import { slotsMatchingWish, startsInPartOfDay } from '../../src/domain/part-of-day';
import { localDateTime, MINUTE } from '../../src/domain/time';

describe('slots near a wish', () => {
  const day = '2026-12-01';
  const slots = ['08:00', '08:30', '09:00', '10:30', '11:00', '13:00', '14:00', '15:30'].map((t) => ({
    start: localDateTime(day, t),
  }));
  const times = (list: { start: number }[]) =>
    list.map((s) => new Date(s.start + 60 * MINUTE).toISOString().slice(11, 16));

  it('takes the nearest to a wished time, in time order', () => {
    expect(times(slotsMatchingWish(slots, { day, time: '10:00' }, 3))).toEqual(['09:00', '10:30', '11:00']);
  });

  it('keeps to the part of the day', () => {
    expect(times(slotsMatchingWish(slots, { day, partOfDay: 'afternoon' }, 6))).toEqual(['13:00', '14:00', '15:30']);
    expect(times(slotsMatchingWish(slots, { day, partOfDay: 'morning' }, 2))).toEqual(['08:00', '08:30']);
    expect(slotsMatchingWish(slots, { day, partOfDay: 'evening' }, 6)).toEqual([]);
  });
});

describe('parts of the day', () => {
  it('places a start in the Berlin day’s windows, which overlap around noon and in the evening', () => {
    const at = (t: string) => localDateTime('2026-12-01', t);
    expect(startsInPartOfDay(at('11:30'), 'morning')).toBe(true);
    expect(startsInPartOfDay(at('11:30'), 'midday')).toBe(true);
    expect(startsInPartOfDay(at('12:00'), 'morning')).toBe(false);
    expect(startsInPartOfDay(at('17:30'), 'afternoon')).toBe(true);
    expect(startsInPartOfDay(at('17:30'), 'evening')).toBe(true);
    expect(startsInPartOfDay(at('18:00'), 'afternoon')).toBe(false);
  });
});
