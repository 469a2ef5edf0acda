/**
 * "Termine Team" / "Team-Agenda" (issue 21): the appointments of everyone the staff member may book
 * (src/app/team-agenda.ts), per day and colleague, each line with the search's actions. Personal chat
 * only: in a group the bot asks to be written to personally, as the search does.
 */
import { teamAppointments } from '../../app/team-agenda';
import type { AgendaRangeInput } from '../../app/my-appointments';
import type { Clock } from '../../domain/clock';
import { localDateOf } from '../../domain/time';
import type { BotRouter } from '../bot-router';
import type { Command } from '../commands';
import type { BotTurn } from '../router';
import { searchTexts } from '../cards/search-texts';
import { teamAgendaCard } from '../cards/team-agenda-cards';
import { hitOf } from './appointment-view';
import { cardHandler, sendCard, type CardLike, type StaffServices } from './common';
import { rangeLabel } from './range-label';

type Deps = { clock: Clock; staff: StaffServices };

export async function teamAgendaCardFor(
  turn: BotTurn,
  deps: Deps,
  range: AgendaRangeInput,
  opts: { page?: number | undefined; notice?: string } = {},
): Promise<CardLike> {
  const result = await teamAppointments(
    { directory: turn.directory, clock: deps.clock, appointments: deps.staff.appointments },
    { actorId: turn.staff.id, range },
  );
  const now = deps.clock.now();
  return teamAgendaCard({
    lang: turn.lang,
    rangeLabel: rangeLabel(range, result.from, result.to, turn.lang),
    range,
    days: result.days.map((d) => ({
      date: d.date,
      groups: d.groups.map((g) => ({
        staffId: g.staff.id,
        staffName: g.staff.name,
        self: g.staff.id === turn.staff.id,
        hits: g.appointments.map((a) => hitOf(turn.directory, turn.staff.id, a, turn.lang)),
      })),
    })),
    people: result.people,
    now,
    today: localDateOf(now),
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
