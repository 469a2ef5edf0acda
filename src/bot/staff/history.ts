/**
 * "Alle Termine dieser Person": from an appointment's details card, the citizen's
 * appointments under the same email or phone number (src/app/citizen-history.ts), paged. Buttons in a
 * shared conversation are answered in the personal chat (teams-bot.ts), so citizen data stays there.
 * Rights are checked again on every press; only the number of hits is logged and audited.
 */
import { citizenHistory } from '../../app/citizen-history';
import type { Clock } from '../../domain/clock';
import type { BotRouter } from '../commands';
import { historyCard } from '../cards/history-cards';
import type { BotTurn } from '../command-router';
import { hitOf } from './appointment-view';
import { cardHandler, type CardLike, type StaffServices } from './common';

type Deps = { clock: Clock; staff: StaffServices };

/** The ports the history and the booking's duplicate check read (the search's index and records). */
export const historyDeps = (turn: BotTurn, deps: Deps) => ({
  directory: turn.directory,
  clock: deps.clock,
  index: deps.staff.search.index,
  appointments: deps.staff.search.appointments,
});

export async function historyAnswer(
  turn: BotTurn,
  deps: Deps,
  appointmentId: string,
  opts: { page?: number | undefined; q?: string | undefined } = {},
): Promise<CardLike> {
  const history = await citizenHistory(
    { ...historyDeps(turn, deps), audit: deps.staff.search.index },
    { actorId: turn.staff.id, appointmentId },
  );
  // Who looked (the turn logger carries the staff id) and how many — never whose appointments.
  turn.log.info({ history: true, hits: history.total }, 'citizen history shown');
  return historyCard({
    lang: turn.lang,
    anchorId: history.anchor.id,
    citizenName: history.anchor.citizen.name,
    hits: history.appointments.map((a) => hitOf(turn.directory, turn.staff.id, a, turn.lang)),
    total: history.total,
    truncated: history.truncated,
    page: opts.page ?? 0,
    ...(opts.q ? { q: opts.q } : {}),
  });
}

export function registerHistoryHandlers(router: BotRouter, deps: Deps): void {
  router.action(
    'appt.history',
    cardHandler(['appt.history'], (turn, a) => historyAnswer(turn, deps, a.appointmentId, { page: a.page, q: a.q })),
  );
}
