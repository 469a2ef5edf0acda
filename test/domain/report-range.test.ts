/** The report period from what a supervisor types after `auswertung` (src/domain/report-range.ts). */
import { lastFullMonth, parseReportRange, rangeKey, rangeOf, rangeSlug } from '../../src/domain/report-range';

const today = '2026-12-07'; // a Monday
const range = (text: string, on = today) => {
  const r = parseReportRange(text, on);
  if (!r.ok) throw new Error(`not a range: ${JSON.stringify(r.error)}`);
  return r.range;
};
const error = (text: string, on = today) => {
  const r = parseReportRange(text, on);
  if (r.ok) throw new Error(`unexpectedly a range: ${JSON.stringify(r.range)}`);
  return r.error;
};

describe('parseReportRange', () => {
  it('defaults to the last full month', () => {
    expect(range('')).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(range('', '2027-01-01')).toEqual({ kind: 'month', from: '2026-12-01', to: '2026-12-31' });
    expect(lastFullMonth('2026-03-31')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
  });

  it('reads a month by name, the latest one that has begun, in German and English', () => {
    expect(range('november')).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(range('November')).toEqual(range('nov'));
    expect(range('Dezember')).toEqual({ kind: 'month', from: '2026-12-01', to: '2026-12-31' });
    expect(range('März', '2026-02-10')).toEqual({ kind: 'month', from: '2025-03-01', to: '2025-03-31' });
    expect(range('february 2024')).toEqual({ kind: 'month', from: '2024-02-01', to: '2024-02-29' });
    expect(range('für den Oktober')).toEqual({ kind: 'month', from: '2026-10-01', to: '2026-10-31' });
    expect(range('11.2026')).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
  });

  it('reads a range of dates with "–", "-", "bis" and ISO dates', () => {
    const nov = { kind: 'days', from: '2026-11-01', to: '2026-11-30' };
    expect(range('01.11.2026–30.11.2026')).toEqual(nov);
    expect(range('01.11.2026 – 30.11.2026')).toEqual(nov);
    expect(range('01.11.2026-30.11.2026')).toEqual(nov);
    expect(range('1.11.2026 bis 30.11.2026')).toEqual(nov);
    expect(range('vom 1.11. bis 30.11.2026')).toEqual(nov);
    expect(range('2026-11-01 - 2026-11-30')).toEqual(nov);
    expect(range('2026-11-01 to 2026-11-30')).toEqual(nov);
    expect(range('1.11.26-30.11.26')).toEqual(nov);
    expect(range('01.12.–31.01.2027', '2027-02-03')).toEqual({ kind: 'days', from: '2026-12-01', to: '2027-01-31' });
    expect(range('05.11.2026')).toEqual({ kind: 'days', from: '2026-11-05', to: '2026-11-05' });
    expect(range('september bis november')).toEqual({ kind: 'days', from: '2026-09-01', to: '2026-11-30' });
    expect(range('2025 bis 2026')).toEqual({ kind: 'days', from: '2025-01-01', to: '2026-12-31' });
  });

  it('reads weeks: last, this, and by ISO week number', () => {
    expect(range('letzte Woche')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-06' });
    expect(range('last week')).toEqual(range('letzte woche'));
    expect(range('Vorwoche')).toEqual(range('letzte woche'));
    expect(range('diese Woche')).toEqual({ kind: 'week', from: '2026-12-07', to: '2026-12-13' });
    expect(range('KW 45')).toEqual({ kind: 'week', from: '2026-11-02', to: '2026-11-08' });
    expect(range('kw1 2027', '2027-02-01')).toEqual({ kind: 'week', from: '2027-01-04', to: '2027-01-10' });
    expect(range('KW 53 2026', '2027-01-02')).toEqual({ kind: 'week', from: '2026-12-28', to: '2027-01-03' });
  });

  it('reads years and relative months and years', () => {
    expect(range('2026')).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(range('letztes Jahr')).toEqual({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(range('dieses Jahr')).toEqual(range('2026'));
    expect(range('letzten Monat')).toEqual(range('november'));
    expect(range('this month')).toEqual(range('dezember'));
  });

  it('refuses a reversed range', () => {
    expect(error('30.11.2026 bis 01.11.2026')).toEqual({ code: 'reversed', from: '2026-11-30', to: '2026-11-01' });
  });

  it('refuses more than 24 months, and takes exactly 24', () => {
    expect(range('01.01.2025–31.12.2026').to).toBe('2026-12-31');
    expect(error('01.01.2024–01.01.2026')).toEqual({ code: 'too-long', from: '2024-01-01', to: '2026-01-01' });
  });

  it('refuses a range entirely in the future, but takes one that has begun', () => {
    expect(error('2027')).toEqual({ code: 'future', from: '2027-01-01' });
    expect(error('KW 52 2026')).toEqual({ code: 'future', from: '2026-12-21' });
    expect(range('01.12.2026 bis 31.01.2027').to).toBe('2027-01-31');
  });

  it('refuses a date that does not exist, naming it', () => {
    expect(error('31.02.2026')).toEqual({ code: 'impossible-date', text: '31.02.2026' });
    expect(error('01.02.2026 bis 31.02.2026')).toEqual({ code: 'impossible-date', text: '31.02.2026' });
    expect(error('29.02.2026')).toEqual({ code: 'impossible-date', text: '29.02.2026' });
    expect(error('2026-13-01')).toEqual({ code: 'impossible-date', text: '2026-13-01' });
    expect(error('KW 54')).toEqual({ code: 'not-understood', text: 'KW 54' });
  });

  it('says what it did not understand', () => {
    expect(error('gestern irgendwann')).toEqual({ code: 'not-understood', text: 'gestern irgendwann' });
    expect(error('bis')).toEqual({ code: 'not-understood', text: 'bis' });
  });
});

describe('rangeSlug and rangeKey', () => {
  it('names the file part by the period', () => {
    expect(rangeSlug(range('november'))).toBe('2026-11');
    expect(rangeSlug(range('2026'))).toBe('2026');
    expect(rangeSlug(range('kw 45'))).toBe('2026-W45');
    expect(rangeSlug(range('kw 53 2026', '2027-01-02'))).toBe('2026-W53');
    expect(rangeSlug(range('1.11.2026-15.11.2026'))).toBe('2026-11-01_2026-11-15');
  });

  it('round-trips a range through its key and refuses malformed keys', () => {
    const r = range('september bis november');
    expect(rangeOf(rangeKey(r))).toEqual(r);
    expect(rangeOf('days:2026-11-30:2026-11-01')).toBeUndefined();
    expect(rangeOf('days:2020-01-01:2026-11-01')).toBeUndefined();
    expect(rangeOf('days:2026-02-31:2026-03-01')).toBeUndefined();
    expect(rangeOf('nonsense')).toBeUndefined();
  });
});
