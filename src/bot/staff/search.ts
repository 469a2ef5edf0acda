/**
 * "Suchen": `suchen <text>` / `suche` / `find`, a reference alone, or a sentence such as
 * "Termin von Frau Brandt" → the appointments found (src/app/search-appointments.ts), one hit opens
 * its details directly. Personal chat only: in a group the bot asks to be written to personally.
 * The search text is never logged (only its kind and the number of hits).
 */
import { maySee, searchAppointments, type SearchResult } from '../../app/search-appointments';
import { parseBookingSentence } from '../../domain/booking-sentence';
import { DomainError } from '../../domain/errors';
import { parseSearch, type SearchKey } from '../../domain/search-keys';
import type { AgendaRange, Language } from '../../domain/types';
import { formatLocalDate } from '../../i18n/dates';
import type { BotRouter, Command } from '../commands';
import type { BotTurn } from '../command-router';
import { appointmentDetailsCard, searchCard, searchFormCard } from '../cards/search-cards';
import { searchTexts } from '../cards/search-texts';
import { hitOf } from './appointment-view';
import { cardHandler, sendCard, type CardLike, type StaffServices } from './common';
import type { Clock } from '../../domain/clock';

type Deps = { clock: Clock; staff: StaffServices };

/** What was searched, in words for the card ("Name „Brandt“"): the reader's own text, never logged. */
function describe(key: SearchKey, q: string, lang: Language): string {
  const T = searchTexts[lang];
  switch (key.kind) {
    case 'reference':
      return T.searched('reference', key.code);
    case 'date':
      return T.searched('date', formatLocalDate(key.date, lang));
    default:
      return T.searched(key.kind, q.trim());
  }
}

/** The day a search text names when it names nothing else ("03.12.", "morgen", "Freitag"). */
function dayOnly(turn: BotTurn, q: string): string | undefined {
  const s = parseBookingSentence(q, turn.directory, { now: turn.now });
  return s.day && s.unknownWords.length === 0 && s.services.length === 0 && !s.time ? s.day : undefined;
}

/** The search's answer: the form (nothing typed, or too short), the details of a single hit, or the list. */
export async function searchAnswer(turn: BotTurn, deps: Deps, q: string, page = 0): Promise<CardLike> {
  const T = searchTexts[turn.lang];
  const parsed = parseSearch(q, dayOnly(turn, q));
  if (!parsed.ok) return searchFormCard(turn.lang, parsed.reason === 'too-short' ? T.tooShort : undefined, q);
  const result: SearchResult = await searchAppointments(
    {
      directory: turn.directory,
      clock: deps.clock,
      index: deps.staff.search.index,
      appointments: deps.staff.search.appointments,
      audit: deps.staff.search.index,
    },
    { actorId: turn.staff.id, key: parsed.key },
  );
  // Who searched (the turn logger carries the staff id), which kind of key, how many hits — never the text.
  turn.log.info({ search: parsed.key.kind, hits: result.total }, 'appointments searched');
  const now = deps.clock.now();
  if (result.appointments.length === 1 && page === 0)
    return appointmentDetailsCard({
      lang: turn.lang,
      hit: hitOf(turn.directory, turn.staff.id, result.appointments[0]!, turn.lang),
      now,
      q,
    });
  return searchCard({
    lang: turn.lang,
    q,
    what: describe(parsed.key, q, turn.lang),
    hits: result.appointments.map((a) => hitOf(turn.directory, turn.staff.id, a, turn.lang)),
    total: result.total,
    truncated: result.truncated,
    page,
    now,
  });
}

export async function startSearch(
  turn: BotTurn,
  command: Extract<Command, { kind: 'search' }>,
  deps: Deps,
): Promise<void> {
  if (turn.shared) {
    await turn.context.sendActivity(searchTexts[turn.lang].personalOnly);
    return;
  }
  await sendCard(turn, await searchAnswer(turn, deps, command.text));
}

/**
 * The details card of one appointment, if the reader may see it (rights are checked again on every
 * press: a card is old by the time it is pressed). `notice`: what just happened to it.
 */
export async function detailsCardFor(
  turn: BotTurn,
  deps: Deps,
  appointmentId: string,
  opts: { q?: string | undefined; team?: AgendaRange | undefined; notice?: string } = {},
): Promise<CardLike> {
  const [a] = await deps.staff.search.appointments.getMany([appointmentId]);
  if (!a || !maySee(turn.directory, turn.staff, a)) throw new DomainError('appointment-not-found', appointmentId);
  return appointmentDetailsCard({
    lang: turn.lang,
    hit: hitOf(turn.directory, turn.staff.id, a, turn.lang),
    now: deps.clock.now(),
    ...(opts.q ? { q: opts.q } : {}),
    ...(opts.team ? { team: opts.team } : {}),
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
}

export function registerSearchHandlers(router: BotRouter, deps: Deps): void {
  router.action(
    'search.*',
    cardHandler(['search.run', 'search.page'], (turn, a) =>
      searchAnswer(turn, deps, a.q ?? '', a.verb === 'search.page' ? a.page : 0),
    ),
  );
  router.action(
    'appt.details',
    cardHandler(['appt.details'], (turn, a) => detailsCardFor(turn, deps, a.appointmentId, { q: a.q, team: a.team })),
  );
}
