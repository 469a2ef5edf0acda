/**
 * "Alle Termine dieser Person": the citizen's appointments (same email or phone) one line each — day and
 * time, channel, service, who serves it, the outcome (a no-show stands out) — 10 per page; tap a line for
 * its details card (and the actions there). Opened from an appointment's details card.
 */
import type { Language } from '../../domain/types';
import {
  actionRows,
  card,
  columns,
  container,
  execute,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Element,
} from './ac';
import { agendaTexts } from './agenda-texts';
import { cardTexts } from './card-texts';
import { CHANNEL_ICON, formatLocalDate, formatShortDayTime } from './format';
import { historyTexts } from './history-texts';
import type { SearchHit } from './search-cards';
import { localDateOf } from '../../domain/time';

export const HISTORY_PAGE_SIZE = 10;

export interface HistoryCardView {
  lang: Language;
  /** The appointment it was opened from (its citizen's name is the title; "Zurück zum Termin"). */
  anchorId: string;
  citizenName: string;
  hits: SearchHit[];
  total: number;
  truncated: boolean;
  page: number;
  /** The search the details card came from (carried back). */
  q?: string;
}

function line(v: HistoryCardView, h: SearchHit): Element {
  const A = agendaTexts[v.lang];
  const C = cardTexts[v.lang];
  const T = historyTexts[v.lang];
  const status = A.status(h.status);
  const quiet = h.status === 'cancelled' ? { isSubtle: true } : {};
  const here = h.id === v.anchorId ? ` · ${T.thisOne}` : '';
  return columns(
    [
      { width: '92px', items: [text(formatShortDayTime(h.start, v.lang), { weight: 'Bolder', ...quiet })] },
      { width: '28px', items: [text(CHANNEL_ICON[h.channel])] },
      {
        items: [
          text(`${h.serviceName}${here}`, { ...quiet }),
          subtle(`${C.with} ${h.self ? C.you : h.staffName}${status ? ` · ${status}` : ''}`, {
            ...(h.status === 'no-show' ? { color: 'Attention', isSubtle: false } : {}),
          }),
        ],
      },
    ],
    {
      spacing: 'Medium',
      separator: true,
      selectAction: {
        type: 'Action.Execute',
        verb: 'appt.details',
        data: { verb: 'appt.details', appointmentId: h.id, ...(v.q ? { q: v.q } : {}) },
        associatedInputs: 'none',
      },
    },
  );
}

export function historyCard(v: HistoryCardView): AdaptiveCard {
  const T = historyTexts[v.lang];
  const none = { associatedInputs: 'none' as const };
  const pages = Math.max(1, Math.ceil(v.hits.length / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(0, v.page), pages - 1);
  const from = page * HISTORY_PAGE_SIZE;
  const shown = v.hits.slice(from, from + HISTORY_PAGE_SIZE);
  const noShows = v.hits.filter((h) => h.status === 'no-show');
  const lastNoShow = noShows.reduce<SearchHit | undefined>((x, h) => (!x || h.start > x.start ? h : x), undefined);
  const carry = { appointmentId: v.anchorId, ...(v.q ? { q: v.q } : {}) };
  return card([
    title(T.title(v.citizenName)),
    subtle(`${T.count(v.total)} · ${T.basis}`),
    lastNoShow
      ? container([text(T.noShows(noShows.length, formatLocalDate(localDateOf(lastNoShow.start), v.lang)))], {
          style: 'attention',
        })
      : undefined,
    v.truncated ? container([text(T.truncated(v.hits.length))], { style: 'warning' }) : undefined,
    pages > 1 ? subtle(T.page(from + 1, from + shown.length, v.hits.length)) : undefined,
    ...shown.map((h) => line(v, h)),
    ...actionRows(
      [
        page > 0 ? execute(T.previous, { verb: 'appt.history', ...carry, page: page - 1 }, none) : undefined,
        page < pages - 1 ? execute(T.more, { verb: 'appt.history', ...carry, page: page + 1 }, none) : undefined,
        execute(T.back, { verb: 'appt.details', ...carry }, none),
      ],
      { spacing: 'Medium' },
    ),
  ]);
}
