/**
 * "Termine Team": the appointments of everyone the reader may book, per day, grouped by colleague,
 * each line the search's (time, channel, citizen, service; tap for Verschieben / Absagen / Details).
 *
 * Kept under Teams' limit as Teams measures it: a week that does not fit shows its latest days as a
 * count with a button for that day (as "Meine Termine" does); a single day that does not fit is
 * paged ("Seite 1 von 3", Weitere / Vorherige) — nothing is left out.
 */
import type { AgendaRange, Language, LocalDate } from '../../domain/types';
import {
  CARD_ACTIVITY_BUDGET,
  activityBytes,
  card,
  container,
  execute,
  subtle,
  text,
  title,
  type AdaptiveCard,
  type Element,
} from './ac';
import { collapsedDay, dayHeading, rangeActions } from './agenda-cards';
import type { ActionData } from './actions';
import { agendaTexts } from './agenda-texts';
import { hitBlock, type HitLineView, type SearchHit } from './search-cards';

export interface TeamGroupView {
  staffId: string;
  staffName: string;
  /** The reader's own appointments. */
  self: boolean;
  hits: SearchHit[];
}

export interface TeamAgendaView {
  lang: Language;
  /** "Heute", "Diese Woche (…)", a date. */
  rangeLabel: string;
  range: AgendaRange;
  /** Colleagues without appointments on a day are not listed on it. */
  days: { date: LocalDate; groups: TeamGroupView[] }[];
  /** How many people the reader sees (themselves included). */
  people: number;
  now: number;
  today: LocalDate;
  /** The page of a single day too long for one card (from 0). */
  page?: number;
  /** What just happened ("… abgesagt."). */
  notice?: string;
}

type Day = TeamAgendaView['days'][number] & { collapsed?: boolean };

const hitsOf = (d: { groups: TeamGroupView[] }): SearchHit[] => d.groups.flatMap((g) => g.hits);
const fits = (c: AdaptiveCard): boolean => activityBytes(c) <= CARD_ACTIVITY_BUDGET;

/** Each line is built once per card, however often the card is measured. */
type LineOf = (h: SearchHit) => Element[];

export function teamAgendaCard(v: TeamAgendaView): AdaptiveCard {
  const built = new Map<string, Element[]>();
  const view = lineViewOf(v);
  const lineOf: LineOf = (h) => {
    let line = built.get(h.id);
    if (!line) built.set(h.id, (line = hitBlock(view, h)));
    return line;
  };
  if (v.days.length <= 1) return pagedDay(v, lineOf);
  let c = render(v, lineOf, v.days);
  let size = activityBytes(c);
  if (size <= CARD_ACTIVITY_BUDGET) return c;
  // A week: the latest days become a count and a button, until it fits (as the personal agenda). What
  // collapsing a day saves is counted from its lines, so the card is measured twice, not once per day.
  const days: Day[] = v.days.map((d) => ({ ...d }));
  for (let i = days.length - 1; i >= 0 && size > CARD_ACTIVITY_BUDGET; i--) {
    const d = days[i]!;
    if (hitsOf(d).length === 0) continue;
    const open = bytesOf(d.groups.flatMap((g) => [groupHeading(v.lang, g), ...g.hits.flatMap(lineOf)]));
    d.collapsed = true;
    size -= open - bytesOf(collapsedDay(v.lang, hitsOf(d), showDay(d.date)));
  }
  c = render(v, lineOf, days);
  // Should the count have been short, one more day at a time.
  for (let i = days.length - 1; i >= 0 && !fits(c); i--) {
    if (days[i]!.collapsed || hitsOf(days[i]!).length === 0) continue;
    days[i]!.collapsed = true;
    c = render(v, lineOf, days);
  }
  return c;
}

/** The button data that opens one day of the team agenda. */
const showDay = (date: LocalDate): ActionData => ({ verb: 'team.show', range: { kind: 'date', date } });

/**
 * A single day in pages of whole lines, each page under the budget (a colleague's heading repeats on
 * the next page). The pages are cut the same way whichever page is asked for, so paging shows each
 * appointment exactly once.
 */
function pagedDay(v: TeamAgendaView, lineOf: LineOf): AdaptiveCard {
  const day = v.days[0] ?? { date: v.today, groups: [] };
  const lines = day.groups.flatMap((g, gi) => g.hits.map((h) => ({ gi, h, cost: bytesOf(lineOf(h)) })));
  const heading = Math.max(0, ...day.groups.map((g) => bytesOf([groupHeading(v.lang, g)])));
  // The card around the lines, with both paging buttons.
  const frame = activityBytes(render(v, lineOf, [{ date: day.date, groups: [] }], { page: 1, pages: 99 }));
  const pageCard = (pages: (typeof lines)[], page: number) => {
    const shown = pages[page]!;
    const groups = day.groups
      .map((g, gi) => ({ ...g, hits: shown.filter((l) => l.gi === gi).map((l) => l.h) }))
      .filter((g) => g.hits.length > 0);
    return render(v, lineOf, [{ date: day.date, groups }], { page, pages: pages.length });
  };
  // Lines, headings and the frame are each counted at least at what they take in the card, so every
  // page of this cut fits; the loop only guards against that estimate ever being wrong.
  for (let budget = CARD_ACTIVITY_BUDGET - frame - 200; ; budget = Math.floor(budget * 0.9)) {
    const pages = cut(lines, heading, budget);
    const c = pageCard(pages, Math.min(Math.max(0, v.page ?? 0), pages.length - 1));
    if (fits(c) || budget < 2_000) return c;
  }
}

/** Greedy: as many whole lines per page as fit `budget`, a heading counted wherever a colleague's lines start. */
function cut<L extends { gi: number; cost: number }>(lines: readonly L[], heading: number, budget: number): L[][] {
  const pages: L[][] = [[]];
  let used = 0;
  let lastGroup = -1;
  for (const line of lines) {
    const cost = line.cost + (line.gi !== lastGroup ? heading : 0);
    const current = pages[pages.length - 1]!;
    if (current.length > 0 && used + cost > budget) {
      pages.push([line]);
      used = heading + line.cost;
    } else {
      current.push(line);
      used += cost;
    }
    lastGroup = line.gi;
  }
  return pages;
}

const bytesOf = (elements: Element[]): number => 2 * (JSON.stringify(elements).length + 1);

function lineViewOf(v: TeamAgendaView): HitLineView {
  return { lang: v.lang, now: v.now, from: { view: 'team', range: v.range }, grouped: true };
}

function groupHeading(lang: Language, g: TeamGroupView): Element {
  return text(g.self ? agendaTexts[lang].teamSelf(g.staffName) : g.staffName, {
    weight: 'Bolder',
    spacing: 'Medium',
  });
}

/** `days`: what this card lists of `v.days` (days collapsed, or one page of a day: `paging`); the count is of all. */
function render(
  v: TeamAgendaView,
  lineOf: LineOf,
  days: readonly Day[],
  paging?: { page: number; pages: number },
): AdaptiveCard {
  const { lang } = v;
  const T = agendaTexts[lang];
  const none = { associatedInputs: 'none' as const };
  // Cancelled appointments stay listed (struck out) but do not count as appointments.
  const all = v.days.flatMap(hitsOf);
  const cancelled = all.filter((h) => h.status === 'cancelled').length;
  const total = all.length - cancelled;
  const people = new Set(v.days.flatMap((d) => d.groups.map((g) => g.staffId))).size;
  return card(
    [
      title(T.teamTitle(v.rangeLabel)),
      subtle(
        total === 0 && cancelled > 0
          ? T.noOpen(cancelled)
          : total === 0
            ? T.teamNone(v.people)
            : T.teamTotal(total, people),
      ),
      v.notice ? container([text(v.notice, { weight: 'Bolder' })], { style: 'good' }) : undefined,
      paging && paging.pages > 1 ? subtle(T.teamPage(paging.page + 1, paging.pages)) : undefined,
      ...days.flatMap((d) => [
        days.length > 1 || d.date !== v.today ? dayHeading(lang, d.date, v.today) : undefined,
        ...(d.groups.length === 0 && days.length > 1 ? [subtle(T.dayEmpty)] : []),
        ...(d.collapsed
          ? collapsedDay(lang, hitsOf(d), showDay(d.date))
          : d.groups.flatMap((g) => [groupHeading(lang, g), ...g.hits.flatMap(lineOf)])),
      ]),
    ],
    [
      paging && paging.page > 0
        ? execute(T.teamPrevious, { verb: 'team.show', range: v.range, page: paging.page - 1 }, none)
        : undefined,
      paging && paging.page < paging.pages - 1
        ? execute(T.teamMore, { verb: 'team.show', range: v.range, page: paging.page + 1 }, none)
        : undefined,
      ...(paging && paging.pages > 1
        ? []
        : [
            ...rangeActions(lang, v.range, (range) => ({ verb: 'team.show', range })),
            execute(T.book, { verb: 'book.start' }, none),
          ]),
    ],
  );
}
