/**
 * The staff side of the bot (journeys 1–3, 8): registers the commands `book`, `my-appointments`,
 * `team-agenda`, `absent`, `calendar-link`, `search` and the card verbs `book.*`, `agenda.show`,
 * `team.show`, `appt.*`, `absence.*`, `reply.decide`, `calendar.renew`, `search.*`.
 * Called from src/bot/handlers.ts → registerHandlers.
 */
import type { Clock } from '../../domain/clock';
import type { BotRouter } from '../commands';
import type { SupervisorServices } from '../supervisor';
import { registerAbsenceHandlers, showAbsenceForm } from './absence';
import { registerAgendaHandlers, showAgenda } from './agenda';
import { registerCalendarLinkHandlers, showCalendarLink } from './calendar-link';
import { registerBookingHandlers, startBooking } from './booking';
import { registerReplyHandlers } from './replies';
import type { StaffServices } from './common';
import { startQuickBooking } from './quick';
import { registerHistoryHandlers } from './history';
import { registerSearchHandlers, startSearch } from './search';
import { registerTeamAgendaHandlers, showTeamAgenda } from './team-agenda';

export type { StaffServices } from './common';

export function registerStaffHandlers(
  router: BotRouter,
  services: {
    clock: Clock;
    staff: StaffServices;
    supervisor: SupervisorServices;
    conversationRefs?: { get(aadObjectId: string): Promise<unknown> };
  },
): void {
  router.command('book', (turn, command) =>
    command.sentence ? startQuickBooking(turn, services, command.sentence) : startBooking(turn, command),
  );
  router.command('my-appointments', (turn, command) => showAgenda(turn, command, services));
  router.command('team-agenda', (turn, command) => showTeamAgenda(turn, command, services));
  router.command('absent', (turn, command) => showAbsenceForm(turn, services, command.absence));
  router.command('calendar-link', (turn) => showCalendarLink(turn, services.staff.calendarFeed));
  router.command('search', (turn, command) => startSearch(turn, command, services));
  registerSearchHandlers(router, services);
  registerHistoryHandlers(router, services);
  registerCalendarLinkHandlers(router, services.staff.calendarFeed);
  registerBookingHandlers(router, services);
  registerAgendaHandlers(router, services);
  registerTeamAgendaHandlers(router, services);
  registerAbsenceHandlers(router, services);
  const replies = services.staff.replies;
  if (replies)
    registerReplyHandlers(router, {
      clock: services.clock,
      replies,
      moves: services.staff.appointments,
      absences: services.staff.absences,
      ...(services.staff.calendars ? { calendars: services.staff.calendars } : {}),
    });
}
