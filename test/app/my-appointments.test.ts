import { rangeDates } from '../../src/app/my-appointments';
import { localDateTime } from '../../src/domain/time';

describe('the week of "meine termine woche"', () => {
  it('is the current Monday to Sunday on a working day', () => {
    expect(rangeDates({ kind: 'week', offsetWeeks: 0 }, localDateTime('2026-12-02', '10:00'))).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
    });
  });

  it('is the coming week on a Sunday, when the week has ended (also for "nächste woche")', () => {
    const sunday = localDateTime('2026-12-06', '18:00');
    expect(rangeDates({ kind: 'week', offsetWeeks: 0 }, sunday)).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(rangeDates({ kind: 'week', offsetWeeks: 1 }, sunday)).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });
});
