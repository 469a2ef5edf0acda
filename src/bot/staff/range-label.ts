/** How an agenda's range reads in a card's title ("Heute", "Diese Woche (Mo., 30. Nov. 2026 – So., 6. Dez. 2026)", a date). */
import { localDateOf, weeksBetween } from '../../domain/time';
import type { AgendaRange, Language, LocalDate } from '../../domain/types';
import { formatLocalDate } from '../../i18n/dates';
import { staffTexts } from './texts';

/**
 * A week is named by where it lies from today, not by what was typed: on a Sunday "woche" shows the
 * coming week, which is "Nächste Woche".
 */
export function rangeLabel(range: AgendaRange, from: LocalDate, to: LocalDate, lang: Language, now: number): string {
  const T = staffTexts[lang];
  switch (range.kind) {
    case 'today':
      return T.today;
    case 'tomorrow':
      return T.tomorrow;
    case 'week': {
      const ahead = weeksBetween(localDateOf(now), from);
      return `${ahead === 0 ? T.thisWeek : ahead === 1 ? T.nextWeek : T.week} (${formatLocalDate(from, lang)} – ${formatLocalDate(to, lang)})`;
    }
    case 'date':
      return formatLocalDate(range.date, lang);
  }
}
