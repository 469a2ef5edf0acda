import { searchNoticeText } from '../../../src/bot/staff/booking-slots';

describe('search notices', () => {
  it.each([
    ['morning', 'vormittags'],
    ['midday', 'mittags'],
    ['afternoon', 'nachmittags'],
    ['evening', 'abends'],
  ] as const)('name the part of the day that is full (%s → %s)', (partOfDay, words) => {
    const text = searchNoticeText({ code: 'part-of-day-full', requested: '2026-12-09', partOfDay }, 'de', 'Kfz');
    expect(text).toBe(`Am Mi., 9. Dez. 2026 ist ${words} nichts mehr frei. Die nächsten freien Termine:`);
  });

  it.each([
    ['morning', 'in the morning'],
    ['midday', 'around midday'],
    ['afternoon', 'in the afternoon'],
    ['evening', 'in the evening'],
  ] as const)('say in English which part of the day is full (%s → %s)', (partOfDay, words) => {
    const text = searchNoticeText({ code: 'part-of-day-full', requested: '2026-12-09', partOfDay }, 'en', 'Kfz');
    expect(text).toBe(`Nothing is free ${words} on Wed 9 Dec 2026. The next free times:`);
  });
});
