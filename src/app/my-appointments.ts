/** "Meine Termine": the appointments of a staff member for today, tomorrow, a week or a date. */
import type { Clock } from '../domain/clock';
import { addDays, datesBetween, localDateOf, localDayBounds, mondayOf, weekdayOf } from '../domain/time';
import type { AgendaRange, Appointment, Directory, LocalDate } from '../domain/types';
import type { AppointmentReader } from './ports';
import { assertMayActFor } from './book';

/**
 * Inclusive local dates of a range (a week is Monday to Friday, plus weekend days with appointments).
 * On a Sunday the week has ended: "woche" and "nächste woche" are both the coming one (what a German
 * speaker means by "nächste Woche" on a Sunday); the card's title says which week it is.
 */
export function rangeDates(range: AgendaRange, now: number): { from: LocalDate; to: LocalDate } {
  const today = localDateOf(now);
  switch (range.kind) {
    case 'today':
      return { from: today, to: today };
    case 'tomorrow':
      return { from: addDays(today, 1), to: addDays(today, 1) };
    case 'date':
      return { from: range.date, to: range.date };
    case 'week': {
      const weeks = weekdayOf(today) === 'sun' ? Math.max(range.offsetWeeks, 1) : range.offsetWeeks;
      const monday = addDays(mondayOf(today), 7 * weeks);
      return { from: monday, to: addDays(monday, 6) };
    }
  }
}

export interface AgendaDay {
  date: LocalDate;
  appointments: Appointment[];
}

/**
 * The days of a range with their appointments (by start). Weekend days only when something is on
 * them, unless the range is a single day.
 */
export function agendaDays(list: readonly Appointment[], from: LocalDate, to: LocalDate): AgendaDay[] {
  return datesBetween(from, to)
    .map((date) => ({ date, appointments: list.filter((a) => localDateOf(a.start) === date) }))
    .filter((d) => d.appointments.length > 0 || from === to || !['sat', 'sun'].includes(weekdayOf(d.date)));
}

export async function myAppointments(
  deps: { directory: Directory; clock: Clock; appointments: AppointmentReader },
  req: { actorId: string; staffId: string; range: AgendaRange },
): Promise<{ from: LocalDate; to: LocalDate; days: AgendaDay[] }> {
  assertMayActFor(deps.directory, req.actorId, req.staffId);
  const { from, to } = rangeDates(req.range, deps.clock.now());
  const list = await deps.appointments.listForStaff(req.staffId, localDayBounds(from).start, localDayBounds(to).end);
  return { from, to, days: agendaDays(list, from, to) };
}
