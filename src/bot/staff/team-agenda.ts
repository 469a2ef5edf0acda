/**
 * "Termine Team" / "Team-Agenda": the appointments of everyone the staff member may book
 * (src/app/team-agenda.ts), per day and colleague, each line with the search's actions. Personal chat
 * only: in a group the bot asks to be written to personally, as the search does.
 */
import { teamAppointments, type TeamAgenda } from '../../app/team-agenda';
import type { Clock } from '../../domain/clock';
import type { AgendaRange, Directory, Language } from '../../domain/types';
import { localDateOf } from '../../domain/time';
import type { BotRouter, Command } from '../commands';
import type { BotTurn } from '../command-router';
import { searchTexts } from '../cards/search-texts';
import { teamAgendaCard, type TeamAgendaView } from '../cards/team-agenda-cards';
import { hitOf } from './appointment-view';
import { cardHandler, sendCard, type CardLike, type StaffServices } from './common';
import { rangeLabel } from './range-label';

type Deps = { clock: Clock; staff: StaffServices };

/** The card's view of a team agenda, for `readerId` (also what bench/search.ts renders). */
export function teamAgendaView(
  directory: Directory,
  readerId: string,
  lang: Language,
  range: AgendaRange,
  agenda: TeamAgenda,
  now: number,
): TeamAgendaView {
  return {
    lang,
    rangeLabel: rangeLabel(range, agenda.from, agenda.to, lang, now),
    range,
    days: agenda.days.map((d) => ({
      date: d.date,
      groups: d.groups.map((g) => ({
        staffId: g.staff.id,
        staffName: g.staff.name,
        self: g.staff.id === readerId,
        hits: g.appointments.map((a) => hitOf(directory, readerId, a, lang)),
      })),
    })),
    people: agenda.people,
    now,
    today: localDateOf(now),
  };
}

export async function teamAgendaCardFor(
  turn: BotTurn,
  deps: Deps,
  range: AgendaRange,
  opts: { page?: number | undefined; notice?: string } = {},
): Promise<CardLike> {
  const agenda = await teamAppointments(
    { directory: turn.directory, clock: deps.clock, appointments: deps.staff.appointments },
    { actorId: turn.staff.id, range },
  );
  return teamAgendaCard({
    ...teamAgendaView(turn.directory, turn.staff.id, turn.lang, range, agenda, deps.clock.now()),
    ...(opts.page ? { page: opts.page } : {}),
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
}

export async function showTeamAgenda(
  turn: BotTurn,
  command: Extract<Command, { kind: 'team-agenda' }>,
  deps: Deps,
): Promise<void> {
  if (turn.shared) {
    await turn.context.sendActivity(searchTexts[turn.lang].personalOnly);
    return;
  }
  await sendCard(turn, await teamAgendaCardFor(turn, deps, command.range));
}

export function registerTeamAgendaHandlers(router: BotRouter, deps: Deps): void {
  router.action(
    'team.show',
    cardHandler(['team.show'], (turn, a) => teamAgendaCardFor(turn, deps, a.range, { page: a.page })),
  );
}
