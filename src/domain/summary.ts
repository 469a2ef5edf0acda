/**
 * The supervisors' daily summary (journey 5): a pure function of one day's data.
 *
 * The caller (app/build-summary) reads the appointments, absences and open problems and asks the
 * slot engine for the next free slot per service; everything here is counting. It runs in a few
 * milliseconds for a big city's day (see bench/summary.ts), so it is computed on every request.
 * Its input and output types are in summary-types.ts, the working-day helpers in working-days.ts.
 */
import { factsOf, teamOfStaff } from './appointment-facts';
import { indexDirectory } from './directory-index';
import { CHANNELS, computeFigures, staffDay, type FigureRow } from './figures';
import { rotationOn } from './shifts';
import { absenceOn, workWindows } from './availability';
import type {
  AbsenceLine,
  OnSite,
  OpenProblems,
  PreviousDaySummary,
  ReplanLine,
  ServiceLoad,
  StaffLoad,
  StaleCalendar,
  Summary,
  SummaryInput,
  TeamLoad,
  UnmarkedSummary,
} from './summary-types';
import { addDays, localDateOf } from './time';
import type { Absence, Appointment, Channel, Directory, LocalDate, Staff } from './types';
import { isHoliday, previousWorkingDay } from './working-days';

export { CHANNELS };

/** Days of appointments the card's lead-time figures look back on (the days before the summary's day). */
export const LEAD_TIME_DAYS = 7;

function onSiteOf(directory: Directory, teamId: string, day: LocalDate): OnSite | undefined {
  const team = indexDirectory(directory).teamById(teamId);
  const rotation = directory.rotation;
  if (!team?.shift || !rotation) return undefined;
  const halves = rotationOn(rotation, day);
  if (halves.morning === teamId && halves.afternoon === teamId) return 'all-day';
  if (halves.morning === teamId) return 'morning';
  if (halves.afternoon === teamId) return 'afternoon';
  return 'off-site';
}

type FiguresResult = ReturnType<typeof computeFigures>;

/**
 * Figures kept with the list of appointments they were counted from. A summary asked again while the
 * book is unchanged gets the same lists (src/app/summary-reads.ts: sixteen asks in a second share one
 * read), so it does not count the day, the day before and the week before again on every ask. The
 * figures depend on the list, the directory, the absences and calendar blocks (read with the list),
 * the period and teams, and on "now" only through which appointments have ended: that number is part
 * of the key, so an appointment ending still shows as unmarked at once.
 */
const keptFigures = new WeakMap<
  readonly Appointment[],
  { directory: Directory; absences: readonly Absence[]; calendarBusy: unknown; key: string; figures: FiguresResult }
>();
/** What figures depend on besides the list: kept figures are used only while these are the same objects. */
interface FiguresBasis {
  directory: Directory;
  absences: readonly Absence[];
  calendarBusy: unknown;
  now: number;
}
function figuresOf(
  list: readonly Appointment[],
  basis: FiguresBasis,
  key: string,
  compute: () => FiguresResult,
): FiguresResult {
  let ended = 0;
  for (const a of list) if (a.end <= basis.now) ended++;
  const fullKey = `${key}|${ended}`;
  const kept = keptFigures.get(list);
  if (
    kept &&
    kept.directory === basis.directory &&
    kept.absences === basis.absences &&
    kept.calendarBusy === basis.calendarBusy &&
    kept.key === fullKey
  )
    return kept.figures;
  const figures = compute();
  keptFigures.set(list, {
    directory: basis.directory,
    absences: basis.absences,
    calendarBusy: basis.calendarBusy,
    key: fullKey,
    figures,
  });
  return figures;
}

/**
 * The lead-time figures need no capacity, so no absences or calendar blocks: without them they stay
 * kept for as long as the week's list does (src/app/build-summary.ts keeps a past week's list across
 * changes of the book), instead of being counted again after every booking. NO_CALENDAR_BUSY also
 * stands for a summary without synced calendars, always the same object.
 */
const NO_ABSENCES: readonly Absence[] = [];
const NO_CALENDAR_BUSY: readonly { staffId: string; start: number; end: number }[] = [];

export function computeSummary(input: SummaryInput): Summary {
  const { directory, day, now } = input;
  const wanted = input.teamIds ? new Set(input.teamIds) : undefined;
  const teams = directory.teams.filter((t) => !wanted || wanted.has(t.id));
  const teamIds = teams.map((t) => t.id);
  const teamSet = new Set(teamIds);
  const holiday = isHoliday(directory, day);
  const prevDay = previousWorkingDay(directory, day);

  // Every count, minute and capacity of the card comes from the figures function the period
  // report uses (figures.ts), on the same day: the card and the report cannot disagree.
  const teamOf = teamOfStaff(directory.staff);
  const facts = (list: readonly Appointment[]) => list.map((a) => factsOf(a, teamOf));
  // The same objects on every ask (no `?? []` made anew), so figuresOf finds its kept figures.
  const common = {
    directory,
    teamIds,
    absences: input.absences,
    calendarBusy: input.calendarBusy ?? NO_CALENDAR_BUSY,
    now,
  };
  const teamsKey = teamIds.join(',');
  const today = figuresOf(input.appointmentsOfDay, common, `${day}|${teamsKey}`, () =>
    computeFigures({ ...common, from: day, to: day, facts: facts(input.appointmentsOfDay) }),
  );
  const previous = figuresOf(input.appointmentsOfPreviousWorkingDay, common, `${prevDay}|${teamsKey}`, () =>
    computeFigures({ ...common, from: prevDay, to: prevDay, facts: facts(input.appointmentsOfPreviousWorkingDay) }),
  );
  const leadFrom = addDays(day, -LEAD_TIME_DAYS);
  const leadCommon = { ...common, absences: NO_ABSENCES, calendarBusy: NO_CALENDAR_BUSY };
  const lead = figuresOf(input.recentBookings, leadCommon, `${leadFrom}|${day}|${teamsKey}`, () =>
    computeFigures({ ...leadCommon, from: leadFrom, to: addDays(day, -1), facts: facts(input.recentBookings) }),
  ).total;
  const rowOf = (rows: FigureRow[]) => new Map(rows.map((r) => [r.key, r.figures]));
  const teamFigures = rowOf(today.rows.team);
  const staffFigures = rowOf(today.rows.staff);
  const serviceFigures = rowOf(today.rows.service);
  const channelFigures = rowOf(today.rows.channel);

  // Absences of the day; per staff member the one that rules it ('absent' beats 'home-office-only').
  const absencesOfDay = input.absences.filter((a) => a.from <= day && day <= a.to);

  const teamLoad = new Map<string, TeamLoad>();
  for (const t of teams) {
    const onSite = onSiteOf(directory, t.id, day);
    const f = teamFigures.get(t.id)!;
    teamLoad.set(t.id, {
      teamId: t.id,
      name: t.name,
      ...(onSite ? { onSite } : {}),
      appointments: f.booked,
      cancelled: f.cancelled,
      bookedMin: f.bookedMin,
      availableMin: f.capacityMin ?? 0,
      utilisation: f.utilisation,
      staffWorking: 0,
      staffAbsent: 0,
      staffHomeOfficeOnly: 0,
    });
  }

  const busyOf = new Map<string, { start: number; end: number }[]>();
  for (const b of input.calendarBusy ?? []) busyOf.set(b.staffId, [...(busyOf.get(b.staffId) ?? []), b]);
  for (const list of busyOf.values()) list.sort((a, b) => a.start - b.start);

  const staffLoad = new Map<string, StaffLoad>();
  // Per team: members who work that day, and how many of them are out; a team all out is not "on site".
  const outOf = new Map<string, { working: number; absent: number; homeOffice: number }>();
  const absences: AbsenceLine[] = [];
  const offeredServices = new Set<string>();
  for (const s of directory.staff) {
    if (!teamSet.has(s.team)) continue;
    for (const sv of s.services) offeredServices.add(sv);
    const reported = absenceOn(absencesOfDay, s.id, day);
    // A working day the staff member's own calendar blocks entirely (e.g. out of office in Outlook).
    const fromCalendar: Absence | undefined =
      !reported && staffDay(directory, s, day, undefined, busyOf.get(s.id)).calendarAbsent
        ? {
            id: `calendar:${s.id}:${day}`,
            staffId: s.id,
            from: day,
            to: day,
            mode: 'absent',
            reason: 'other',
            reportedBy: s.id,
            createdAt: now,
          }
        : undefined;
    const absence = reported ?? fromCalendar;
    const f = staffFigures.get(s.id)!;
    const available = f.capacityMin ?? 0;
    staffLoad.set(s.id, {
      staffId: s.id,
      name: s.name,
      teamId: s.team,
      appointments: f.booked,
      bookedMin: f.bookedMin,
      availableMin: available,
      absence: absence?.mode ?? null,
      firstStart: null,
      lastEnd: null,
    });
    const team = teamLoad.get(s.team)!;
    if (available > 0) team.staffWorking++;
    if (absence?.mode === 'absent') team.staffAbsent++;
    if (absence?.mode === 'home-office-only') team.staffHomeOfficeOnly++;
    if (workWindows(directory, s, day).length > 0) {
      const out = outOf.get(s.team) ?? { working: 0, absent: 0, homeOffice: 0 };
      out.working++;
      if (absence?.mode === 'absent') out.absent++;
      if (absence?.mode === 'home-office-only') out.homeOffice++;
      outOf.set(s.team, out);
    }
    if (absence) {
      absences.push({
        staffId: s.id,
        name: s.name,
        teamId: s.team,
        mode: absence.mode,
        reason: absence.reason,
        from: absence.from,
        to: absence.to,
        ...(absence === fromCalendar ? { source: 'calendar' as const } : {}),
      });
    }
  }

  for (const [teamId, out] of outOf) {
    const team = teamLoad.get(teamId)!;
    if (out.absent === out.working) team.outage = 'absent';
    else if (out.absent + out.homeOffice === out.working) team.outage = 'home-office-only';
  }

  const services: ServiceLoad[] = directory.services
    .filter((sv) => offeredServices.has(sv.id))
    .map((sv) => ({
      serviceId: sv.id,
      name: sv.name,
      appointments: serviceFigures.get(sv.id)?.booked ?? 0,
      nextFreeSlot: input.nextFreeSlotPerService[sv.id] ?? null,
    }));

  const channels = Object.fromEntries(CHANNELS.map((c) => [c, channelFigures.get(c)!.booked])) as Record<
    Channel,
    number
  >;

  // What only the card shows: first and last appointment per person, unmarked outcomes by person,
  // and appointments stranded with someone absent.
  const unmarkedByStaff = new Map<string, number>();
  const countUnmarked = (a: Appointment) => {
    if (a.status === 'booked' && a.end <= now)
      unmarkedByStaff.set(a.staffId, (unmarkedByStaff.get(a.staffId) ?? 0) + 1);
  };
  let stranded = 0;
  for (const a of input.appointmentsOfDay) {
    const staff = staffLoad.get(a.staffId);
    if (!staff || a.status === 'cancelled') continue;
    if (staff.firstStart === null || a.start < staff.firstStart) staff.firstStart = a.start;
    if (staff.lastEnd === null || a.end > staff.lastEnd) staff.lastEnd = a.end;
    countUnmarked(a);
    if (
      a.status === 'booked' &&
      (staff.absence === 'absent' || (staff.absence === 'home-office-only' && a.channel === 'in-person'))
    )
      stranded++;
  }
  for (const a of input.appointmentsOfPreviousWorkingDay) {
    if (staffLoad.has(a.staffId) && a.status !== 'cancelled') countUnmarked(a);
  }

  const p = previous.total;
  const previousDay: PreviousDaySummary = {
    day: prevDay,
    appointments: p.booked,
    completed: p.completed,
    noShows: p.noShow,
    cancelled: p.cancelled,
    cancelledBy: { citizen: p.cancelledByCitizen, staff: p.cancelledByStaff, replan: p.cancelledByReplan },
    noShowRate: p.noShowRate,
  };

  let unmarkedCount = 0;
  const unmarkedLines: UnmarkedSummary['byStaff'] = [];
  for (const [staffId, count] of unmarkedByStaff) {
    unmarkedCount += count;
    unmarkedLines.push({ staffId, name: staffLoad.get(staffId)!.name, count });
  }
  unmarkedLines.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'de'));

  const t = today.total;
  return {
    day,
    previousWorkingDay: prevDay,
    generatedAt: now,
    holiday,
    teamIds,
    totals: {
      appointments: t.booked,
      cancelled: t.cancelled,
      bookedMin: t.bookedMin,
      availableMin: t.capacityMin ?? 0,
      utilisation: t.utilisation,
    },
    teams: [...teamLoad.values()],
    staff: [...staffLoad.values()].filter((s) => s.appointments > 0 || s.availableMin > 0 || s.absence !== null),
    services,
    channels,
    previousDay,
    unmarked: { count: unmarkedCount, byStaff: unmarkedLines },
    leadTime: { samples: lead.leadTimeSamples, medianMin: lead.leadTimeMedianMin, p90Min: lead.leadTimeP90Min },
    absences,
    replans: replanLines(input, teamSet, now),
    problems: {
      deadLetters: input.openProblems.deadLetters,
      unplaced: input.openProblems.unplaced ?? stranded,
      ...(input.openProblems.undeliveredAlerts?.length
        ? { undeliveredAlerts: input.openProblems.undeliveredAlerts }
        : {}),
      ...staleCalendarsOf(input, teamSet),
      ...waitingNoticesOf(input, teamSet),
      ...openCallsOf(input, teamSet),
      ...(input.openProblems.ignoredReplies ? { ignoredReplies: input.openProblems.ignoredReplies } : {}),
    },
  };
}

/** Counts per staff id, of the summarised teams' staff only: the sum, and how many colleagues have any. */
function ofTeams(
  input: SummaryInput,
  teamSet: ReadonlySet<string>,
  counts: Readonly<Record<string, number>> | undefined,
): { total: number; staff: number } {
  let total = 0;
  let staff = 0;
  for (const s of input.directory.staff) {
    const n = counts?.[s.id] ?? 0;
    if (n > 0 && teamSet.has(s.team)) {
      total += n;
      staff += 1;
    }
  }
  return { total, staff };
}

/** Open calls of the summarised teams' staff: how many, with how many colleagues. */
function openCallsOf(input: SummaryInput, teamSet: ReadonlySet<string>): Pick<OpenProblems, 'openCalls'> {
  const { total, staff } = ofTeams(input, teamSet, input.openProblems.openCalls);
  return total > 0 ? { openCalls: { calls: total, staff } } : {};
}

/** Waiting Teams notices of the summarised teams' staff: how many, for how many colleagues. */
function waitingNoticesOf(input: SummaryInput, teamSet: ReadonlySet<string>): Pick<OpenProblems, 'waitingNotices'> {
  const { total, staff } = ofTeams(input, teamSet, input.openProblems.waitingNotices);
  return total > 0 ? { waitingNotices: { notices: total, staff } } : {};
}

/** The replannings of the day that touch the summarised teams, with what became of their appointments. */
function replanLines(input: SummaryInput, teamSet: ReadonlySet<string>, now: number): ReplanLine[] {
  const { directory, day } = input;
  const staffById = new Map(directory.staff.map((s) => [s.id, s]));
  const appointments = input.appointmentsOfReplans ?? input.appointmentsOfDay;
  const lines: ReplanLine[] = [];
  for (const r of input.replans ?? []) {
    if (r.from > day || r.to < day) continue;
    const staff = r.staffIds.map((id) => staffById.get(id)).filter((s): s is Staff => s !== undefined);
    if (!staff.some((s) => teamSet.has(s.team))) continue;
    const ids = new Set(r.staffIds);
    const teamId = staff[0]?.team;
    const members = directory.staff.filter((s) => s.team === teamId);
    const wholeTeam =
      teamId !== undefined &&
      staff.length > 1 &&
      members.every((m) => ids.has(m.id)) &&
      staff.every((s) => s.team === teamId);
    const team = wholeTeam ? indexDirectory(directory).teamById(teamId) : undefined;
    let unplaced = 0;
    for (const a of appointments) {
      if (a.status !== 'booked' || a.start < now || !ids.has(a.staffId)) continue;
      if (r.mode === 'home-office-only' && a.channel !== 'in-person') continue;
      const date = localDateOf(a.start);
      if (date >= r.from && date <= r.to) unplaced++;
    }
    lines.push({
      id: r.id,
      team: team ? { teamId: team.id, name: team.name } : null,
      staff: staff.map((s) => ({ staffId: s.id, name: s.name })),
      mode: r.mode,
      from: r.from,
      to: r.to,
      converted: r.converted,
      moved: r.reassigned + r.rescheduled,
      reassigned: r.reassigned,
      rescheduled: r.rescheduled,
      cancelled: r.cancelled,
      unplaced,
    });
  }
  return lines.sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}

/** The stale staff calendars of the summarised teams, with names, by name. */
function staleCalendarsOf(input: SummaryInput, teamSet: ReadonlySet<string>): { staleCalendars?: StaleCalendar[] } {
  const byId = new Map(input.directory.staff.map((s) => [s.id, s]));
  const out: StaleCalendar[] = [];
  for (const c of input.openProblems.staleCalendars ?? []) {
    const staff = byId.get(c.staffId);
    if (!staff || !teamSet.has(staff.team)) continue;
    out.push({
      staffId: c.staffId,
      name: staff.name,
      ...(c.lastSuccess !== undefined ? { lastSuccess: c.lastSuccess } : {}),
      ...(c.lastError ? { lastError: c.lastError } : {}),
    });
  }
  out.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return out.length ? { staleCalendars: out } : {};
}
