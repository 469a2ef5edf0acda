import { searchNoticeText } from '../../../src/bot/staff/booking';

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
});
