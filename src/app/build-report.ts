/**
 * Use case: the period report of a supervisor (journey 10) — the figures of the teams they lead
 * over a period, computed by the same `computeFigures` as the daily card. Reads the appointments'
 * non-personal facts (live and compacted by retention), the absences and the staff's own calendar
 * busy times of the period; nothing else, and nothing that names a citizen.
 */
import type { AppointmentFacts, TeamOf } from '../domain/appointment-facts';
import { teamOfStaff } from '../domain/appointment-facts';
import type { Clock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { computeFigures, type PeriodFigures } from '../domain/figures';
import type { ReportRange } from '../domain/report-range';
import { isSupervisor, supervisedTeams } from '../domain/supervision';
import { localDayBounds } from '../domain/time';
import type { Directory, LocalDate, Staff } from '../domain/types';
import type { AbsenceReader } from './ports';

/** What the facts reader is asked (the store's `readAppointmentFacts`, see docs/reports.md). */
export interface FactsQuery {
  from: LocalDate;
  to: LocalDate;
  /** Only these staff members' appointments; all when absent. */
  staffIds?: readonly string[];
  /** The team of a live appointment's staff member (compacted facts keep the team they had). */
  teamOf: TeamOf;
}

/** The facts of every appointment starting in the period, live and compacted. */
export type FactsReader = (query: FactsQuery) => Promise<AppointmentFacts[]>;

export interface ReportDeps {
  directory: Directory;
  clock: Clock;
  facts: FactsReader;
  absences: AbsenceReader;
  /** Busy blocks synced from the staff's own calendars (none without a calendar provider). */
  calendarBusy?: (
    staffIds: readonly string[],
    from: number,
    to: number,
  ) => Promise<readonly { staffId: string; start: number; end: number }[]>;
}

export interface Report {
  range: ReportRange;
  /** The teams it covers, directory order. */
  teamIds: string[];
  figures: PeriodFigures;
  /** Epoch ms when it was computed. */
  generatedAt: number;
  /** Who asked for it (the link is bound to them). */
  requester: Pick<Staff, 'id' | 'name'>;
}

/**
 * The report of `range` for the teams `requester` leads (an admin: all). Throws 'not-allowed' for
 * anyone who leads no team. Staff rows are those of the teams the requester leads — the only teams
 * a report covers.
 */
export async function buildReport(deps: ReportDeps, requester: Staff, range: ReportRange): Promise<Report> {
  const { directory } = deps;
  if (!isSupervisor(requester)) throw new DomainError('not-allowed', 'reports are for supervisors');
  const known = new Set(directory.teams.map((t) => t.id));
  const teamIds = supervisedTeams(requester, directory).filter((t) => known.has(t));
  if (teamIds.length === 0) throw new DomainError('not-allowed', 'the supervisor leads no known team');
  const teams = new Set(teamIds);
  const staffIds = directory.staff.filter((s) => teams.has(s.team)).map((s) => s.id);
  const from = localDayBounds(range.from).start;
  const to = localDayBounds(range.to).end;
  // All staff: appointments of people who left (or changed team) still count for the team in their facts.
  const [facts, absences, calendarBusy] = await Promise.all([
    deps.facts({ from: range.from, to: range.to, teamOf: teamOfStaff(directory.staff) }),
    deps.absences.listOverlapping(range.from, range.to),
    deps.calendarBusy ? deps.calendarBusy(staffIds, from, to) : Promise.resolve([]),
  ]);
  const figures = computeFigures({
    directory,
    from: range.from,
    to: range.to,
    teamIds,
    facts,
    absences,
    calendarBusy,
    now: deps.clock.now(),
  });
  return {
    range,
    teamIds: figures.teamIds,
    figures,
    generatedAt: deps.clock.now(),
    requester: { id: requester.id, name: requester.name },
  };
}
