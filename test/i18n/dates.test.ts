import {
  formatDateTime,
  formatDay,
  formatDayHeading,
  formatDayLong,
  formatLocalDate,
  formatRange,
  formatShortDay,
  formatSubjectDateTime,
} from '../../src/i18n/dates';

const tuesday0930 = Date.parse('2026-12-01T08:30:00Z');

describe('dates as the town hall writes them', () => {
  it('follows the Duden abbreviations in German, including "Sept." and "März"', () => {
    expect(formatDay(tuesday0930, 'de')).toBe('Di., 1. Dez. 2026');
    expect(formatLocalDate('2026-09-01', 'de')).toBe('Di., 1. Sept. 2026');
    expect(formatLocalDate('2026-03-29', 'de')).toBe('So., 29. März 2026');
  });

  it('writes English days in British order without a comma after the weekday', () => {
    expect(formatDay(tuesday0930, 'en')).toBe('Tue 1 Dec 2026');
    expect(formatDayHeading('2026-12-01', 'en')).toBe('Tuesday 1 Dec');
    expect(formatShortDay('2026-12-01', 'en')).toBe('Tue 1 Dec');
  });

  it('uses the Berlin wall clock across the daylight-saving change', () => {
    expect(formatDateTime(Date.parse('2026-03-29T00:30:00Z'), 'de')).toBe('So., 29. März 2026, 01:30 Uhr');
    expect(formatDateTime(Date.parse('2026-03-29T01:30:00Z'), 'de')).toBe('So., 29. März 2026, 03:30 Uhr');
  });

  it('writes headings, long days, short days and ranges', () => {
    expect(formatDayHeading('2026-12-01', 'de')).toBe('Dienstag, 1. Dez.');
    expect(formatDayLong(tuesday0930, 'de')).toBe('Dienstag, 1. Dezember 2026');
    expect(formatShortDay('2026-12-01', 'de')).toBe('Di., 01.12.');
    expect(formatRange(tuesday0930, tuesday0930 + 30 * 60_000, 'de')).toBe('09:30–10:00 Uhr');
    expect(formatRange(tuesday0930, tuesday0930 + 30 * 60_000, 'en')).toBe('09:30–10:00');
  });

  it('writes the long day of mails, invitations and pages alike: British order, no comma after the English weekday', () => {
    expect(formatDayLong(tuesday0930, 'de')).toBe('Dienstag, 1. Dezember 2026');
    expect(formatDayLong(tuesday0930, 'en')).toBe('Tuesday 1 December 2026');
  });

  it('writes mail subjects with a numeric German date', () => {
    expect(formatSubjectDateTime(tuesday0930, 'de')).toBe('Di 01.12.2026, 09:30 Uhr');
    expect(formatSubjectDateTime(tuesday0930, 'en')).toBe('Tue 1 Dec 2026, 09:30');
  });
});
