/**
 * "Suchen": the search form, the result list (one line per appointment: day, time, channel, citizen,
 * service, serving colleague; tap for Verschieben / Absagen / Details; 10 per page) and the details
 * card of one appointment with its actions.
 */
import type { AgendaRange, Language } from '../../domain/types';
import {
  actionRows,
  card,
  columns,
  container,
  details,
  execute,
  input,
  openUrl,
  subtle,
  text,
  title,
  type Action,
  type AdaptiveCard,
  type Element,
} from './ac';
import type { AgendaItem } from './agenda-cards';
import { agendaTexts } from './agenda-texts';
import { cardTexts } from './card-texts';
import { CHANNEL_ICON, channelWithIcon, formatShortDayTime, formatSpan, formatTime } from './format';
import { historyTexts } from './history-texts';
import { searchTexts } from './search-texts';

export const SEARCH_PAGE_SIZE = 10;

/** One appointment found: the agenda's item plus who serves it. */
export interface SearchHit extends AgendaItem {
  staffName: string;
  /** The reader serves it themselves. */
  self: boolean;
}

export function searchFormCard(lang: Language, notice?: string, q?: string): AdaptiveCard {
  const T = searchTexts[lang];
  return card(
    [
      title(T.formTitle),
      notice ? container([text(notice, { weight: 'Bolder' })], { style: 'attention' }) : undefined,
      subtle(T.formIntro),
      input('Text', 'q', { placeholder: T.placeholder, maxLength: 200, ...(q ? { value: q } : {}) }),
    ],
    [execute(T.search, { verb: 'search.run' })],
  );
}

export interface SearchCardView {
  lang: Language;
  /** What was typed (the paging buttons carry it). */
  q: string;
  /** What was searched, in words: „Name „Brandt““. */
  what: string;
  hits: SearchHit[];
  total: number;
  truncated: boolean;
  page: number;
  now: number;
}

/**
 * Where the actions of a line (and of the details card it opens) come back to: the search that found
 * it, or the team agenda ("Termine Team") that listed it.
 */
export type HitOrigin = { view: 'details'; q: string } | { view: 'team'; range: AgendaRange };

export interface HitLineView {
  lang: Language;
  now: number;
  from: HitOrigin;
  /** Listed under its day and colleague (team agenda): the time alone, no "bei …". */
  grouped?: boolean;
}

/** The buttons of one hit: move and cancel while it is ahead, and its details (outcome, video, history). */
function hitActions(v: HitLineView, h: SearchHit): Action[] {
  const A = agendaTexts[v.lang];
  const T = searchTexts[v.lang];
  const none = { associatedInputs: 'none' as const };
  const base = { appointmentId: h.id, sequence: h.sequence };
  const ahead = h.status === 'booked' && h.start > v.now;
  const back = v.from.view === 'details' ? { q: v.from.q } : { team: v.from.range };
  return [
    ahead ? execute(A.reschedule, { verb: 'appt.reschedule', ...base }, none) : undefined,
    ahead
      ? execute(A.cancel, { verb: 'appt.cancelAsk', ...base, ...v.from }, { ...none, style: 'destructive' })
      : undefined,
    execute(T.details, { verb: 'appt.details', appointmentId: h.id, ...back }, none),
  ].filter((a): a is Action => !!a);
}

/** One appointment as a line (day and time, channel, citizen, service, who serves it); tap it for its buttons. */
export function hitBlock(v: HitLineView, h: SearchHit): Element[] {
  const A = agendaTexts[v.lang];
  const C = cardTexts[v.lang];
  const inactive = h.status === 'cancelled';
  const status = A.status(h.status);
  const id = `s-${h.id}`;
  const who = v.grouped ? '' : ` · ${C.with} ${h.self ? C.you : h.staffName}`;
  return [
    columns(
      [
        {
          width: v.grouped ? '52px' : '92px',
          items: [
            text(v.grouped ? formatTime(h.start) : formatShortDayTime(h.start, v.lang), {
              weight: 'Bolder',
              ...(inactive ? { isSubtle: true } : {}),
            }),
          ],
        },
        { width: '28px', items: [text(CHANNEL_ICON[h.channel])] },
        {
          items: [
            text(h.citizenName, { weight: inactive ? 'Default' : 'Bolder', ...(inactive ? { isSubtle: true } : {}) }),
            subtle(`${h.serviceName}${who}${status ? ` · ${status}` : ''}`),
          ],
        },
      ],
      { spacing: 'Medium', separator: true, selectAction: { type: 'Action.ToggleVisibility', targetElements: [id] } },
    ),
    container(actionRows(hitActions(v, h), { spacing: 'Small' }), { id, isVisible: false, spacing: 'Small' }),
  ];
}

/** The results of a search, a page of SEARCH_PAGE_SIZE; "Keine Treffer" says what was searched and what to try. */
export function searchCard(v: SearchCardView): AdaptiveCard {
  const T = searchTexts[v.lang];
  const none = { associatedInputs: 'none' as const };
  if (v.hits.length === 0)
    return card(
      [
        title(T.none(v.what)),
        text(T.tryName),
        subtle(T.rightsNote),
        input('Text', 'q', { placeholder: T.placeholder, maxLength: 200 }),
      ],
      [execute(T.search, { verb: 'search.run' })],
    );
  const pages = Math.ceil(v.hits.length / SEARCH_PAGE_SIZE);
  const page = Math.min(Math.max(0, v.page), pages - 1);
  const from = page * SEARCH_PAGE_SIZE;
  const shown = v.hits.slice(from, from + SEARCH_PAGE_SIZE);
  return card(
    [
      title(T.title(v.what)),
      subtle(T.hits(v.total)),
      v.truncated ? container([text(T.truncated(v.hits.length))], { style: 'warning' }) : undefined,
      pages > 1 ? subtle(T.page(from + 1, from + shown.length, v.hits.length)) : undefined,
      ...shown.flatMap((h) => hitBlock({ lang: v.lang, now: v.now, from: { view: 'details', q: v.q } }, h)),
    ],
    [
      page > 0 ? execute(T.previous, { verb: 'search.page', q: v.q, page: page - 1 }, none) : undefined,
      page < pages - 1 ? execute(T.more, { verb: 'search.page', q: v.q, page: page + 1 }, none) : undefined,
    ],
  );
}

export interface DetailsCardView {
  lang: Language;
  hit: SearchHit & { reference?: string };
  now: number;
  /** The search it was opened from ("Zurück zur Suche"). */
  q?: string;
  /** The team agenda it was opened from ("Zurück zu Termine Team"); its actions return there. */
  team?: AgendaRange;
  /** What just happened ("abgesagt", "als erledigt markiert"). */
  notice?: string;
}

/** One appointment in full, with what can be done with it now. */
export function appointmentDetailsCard(v: DetailsCardView): AdaptiveCard {
  const { lang, hit: h } = v;
  const T = searchTexts[lang];
  const A = agendaTexts[lang];
  const C = cardTexts[lang];
  const none = { associatedInputs: 'none' as const };
  const from = v.team
    ? { view: 'team' as const, range: v.team }
    : { view: 'details' as const, ...(v.q ? { q: v.q } : {}) };
  const base = { appointmentId: h.id, sequence: h.sequence, ...from };
  const booked = h.status === 'booked';
  const started = h.start <= v.now;
  const actions: (Action | undefined)[] = [
    booked && started
      ? execute(A.done, { verb: 'appt.outcome', ...base, outcome: 'completed' }, { ...none, style: 'positive' })
      : undefined,
    booked && started ? execute(A.noShow, { verb: 'appt.outcome', ...base, outcome: 'no-show' }, none) : undefined,
    booked && !started
      ? execute(A.reschedule, { verb: 'appt.reschedule', appointmentId: h.id, sequence: h.sequence }, none)
      : undefined,
    booked ? execute(A.cancel, { verb: 'appt.cancelAsk', ...base }, { ...none, style: 'destructive' }) : undefined,
    booked && h.meetingUrl ? openUrl(A.openVideo, h.meetingUrl) : undefined,
    execute(historyTexts[lang].open, { verb: 'appt.history', appointmentId: h.id, ...(v.q ? { q: v.q } : {}) }, none),
    v.team
      ? execute(A.backToTeam, { verb: 'team.show', range: v.team }, none)
      : v.q
        ? execute(T.backToSearch, { verb: 'search.run', q: v.q }, none)
        : undefined,
  ];
  return card([
    title(`${T.detailsTitle}${h.reference ? ` ${h.reference}` : ''}`),
    v.notice ? container([text(v.notice, { weight: 'Bolder' })], { style: 'good' }) : undefined,
    details([
      [C.when, formatSpan(h.start, h.end, lang)],
      [C.service, h.serviceName],
      [C.channel, channelWithIcon(h.channel, lang)],
      [C.with, h.self ? C.you : h.staffName],
      [C.citizen, h.citizenName],
      [C.phone, h.citizenPhone],
      [C.email, h.citizenEmail],
      [A.place, h.channel === 'in-person' ? h.location : undefined],
      [C.reference, h.reference],
      [T.status, A.status(h.status) || T.statusBooked],
      [A.bookedBy, h.bookedBy],
      [C.note, h.note],
    ]),
    ...actionRows(actions, { spacing: 'Medium' }),
  ]);
}
