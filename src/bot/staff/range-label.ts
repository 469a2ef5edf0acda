/** How an agenda's range reads in a card's title ("Heute", "Diese Woche (30.11. – 6.12.)", a date). */
import type { AgendaRangeInput } from '../../app/my-appointments';
import type { Language, LocalDate } from '../../domain/types';
import { formatLocalDate } from '../../i18n/dates';
import { staffTexts } from './texts';

export function rangeLabel(range: AgendaRangeInput, from: LocalDate, to: LocalDate, lang: Language): string {
  const T = staffTexts[lang];
  switch (range.kind) {
    case 'today':
      return T.today;
    case 'tomorrow':
      return T.tomorrow;
    case 'week':
      return `${range.offsetWeeks === 0 ? T.thisWeek : range.offsetWeeks === 1 ? T.nextWeek : T.week} (${formatLocalDate(from, lang)} – ${formatLocalDate(to, lang)})`;
    case 'date':
      return formatLocalDate(range.date, lang);
  }
}
