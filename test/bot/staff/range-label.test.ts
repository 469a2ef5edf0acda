import { rangeDates } from '../../../src/app/my-appointments';
import type { AgendaRange } from '../../../src/domain/types';
import { rangeLabel } from '../../../src/bot/staff/range-label';
import { localDateTime } from '../../../src/domain/time';
import type { Language } from '../../../src/domain/types';

/** The title of "meine termine woche" / "nächste woche" as the agenda card shows it at `now`. */
function weekTitle(offsetWeeks: number, now: number, lang: Language = 'de'): string {
  const range: AgendaRange = { kind: 'week', offsetWeeks };
  const { from, to } = rangeDates(range, now);
  return rangeLabel(range, from, to, lang, now);
}

describe('the title of an agenda week', () => {
  const wednesday = localDateTime('2026-12-02', '10:00');
  const sunday = localDateTime('2026-12-06', '18:00');

  it('is "Diese Woche" and "Nächste Woche" on a working day', () => {
    expect(weekTitle(0, wednesday)).toBe('Diese Woche (Mo., 30. Nov. 2026 – So., 6. Dez. 2026)');
    expect(weekTitle(1, wednesday)).toBe('Nächste Woche (Mo., 7. Dez. 2026 – So., 13. Dez. 2026)');
  });

  it('calls the coming week "Nächste Woche" on a Sunday, whether "woche" or "nächste woche" was typed', () => {
    expect(weekTitle(0, sunday)).toBe('Nächste Woche (Mo., 7. Dez. 2026 – So., 13. Dez. 2026)');
    expect(weekTitle(1, sunday)).toBe('Nächste Woche (Mo., 7. Dez. 2026 – So., 13. Dez. 2026)');
    expect(weekTitle(0, sunday, 'en')).toMatch(/^Next week \(/);
  });
});
