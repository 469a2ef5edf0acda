/**
 * "Termine Team": the appointments of the staff member's team — everyone whose calendar
 * they may book (booking-rights.ts teamOf: themselves, supervised teams, teams whose `bookableBy`
 * names theirs) — for today, tomorrow, a week or a date, per day, grouped by colleague. What whoever
 * covers the phone and the team lead look at. Each appointment also passes the search's check
 * (maySee), so the two never disagree on what a reader may see.
 *
 * Reads the day indexes of exactly those colleagues over the range (one pipelined round trip) and
 * then their records — never the whole town.
 */
import type { Clock } from '../domain/clock';
import { teamOf } from '../domain/booking-rights';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { localDayBounds } from '../domain/time';
import type { AgendaRange, Appointment, Directory, LocalDate, Staff } from '../domain/types';
import { agendaDays, rangeDates } from './my-appointments';
import type { AppointmentReader } from './ports';
import { maySee } from './search-appointments';

export interface TeamGroup {
  staff: Staff;
  /** By start. */
  appointments: Appointment[];
}

export interface TeamAgendaDay {
  date: LocalDate;
  /** Only colleagues with something that day: the reader first, then in directory order. */
  groups: TeamGroup[];
}

export interface TeamAgenda {
  from: LocalDate;
  to: LocalDate;
  days: TeamAgendaDay[];
  /** How many people the reader sees (themselves included). */
  people: number;
}

export async function teamAppointments(
  deps: { directory: Directory; clock: Clock; appointments: Pick<AppointmentReader, 'listForStaffMembers'> },
  req: { actorId: string; range: AgendaRange },
): Promise<TeamAgenda> {
  const actor = indexDirectory(deps.directory).staffById(req.actorId);
  if (!actor) throw new DomainError('unknown-staff', req.actorId);
  const people = teamOf(deps.directory, actor);
  const { from, to } = rangeDates(req.range, deps.clock.now());
  const list = (
    await deps.appointments.listForStaffMembers(
      people.map((s) => s.id),
      localDayBounds(from).start,
      localDayBounds(to).end,
    )
  ).filter((a) => maySee(deps.directory, actor, a));
  const days = agendaDays(list, from, to).map((d) => ({
    date: d.date,
    groups: people
      .map((staff) => ({ staff, appointments: d.appointments.filter((a) => a.staffId === staff.id) }))
      .filter((g) => g.appointments.length > 0),
  }));
  return { from, to, days, people: people.length };
}
