/**
 * The supervisors' daily summary (journey 5): a pure function of one day's data.
 *
 * The caller (app/build-summary) reads the appointments, absences and open problems and asks the
 * slot engine for the next free slot per service; everything here is counting. It runs in a few
 * milliseconds for a big city's day (see bench/summary.ts), so it is computed on every request.
 * Its input and output types are in summary-types.ts, the working-day helpers in working-days.ts.
 */
import { indexDirectory } from './directory-index';
import { rotationOn } from './shifts';
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
import { localDateOf, localDateTime, MINUTE, weekdayOf } from './time';
import type { Absence, Appointment, Channel, Directory, LocalDate, Staff } from './types';
import { isHoliday, previousWorkingDay } from './working-days';

export const CHANNELS: readonly Channel[] = ['video', 'phone', 'in-person'];

/** Median (mean of the middle two) and nearest-rank percentile of sorted values. */
function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(sorted: Float64Array, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Working minutes of one staff member on a day. Intervals are measured between real instants,
 * so an interval across the DST switch at night counts its true length; identical intervals are
 * computed once per day (most staff share a handful of patterns).
 */
function workingMinutes(
  staff: Staff,
  day: LocalDate,
  weekday: ReturnType<typeof weekdayOf>,
  cache: Map<string, number>,
): number {
  let total = 0;
  for (const [from, to] of staff.hours[weekday]) {
    const key = `${from}-${to}`;
    let min = cache.get(key);
    if (min === undefined) {
      min = Math.round((localDateTime(day, to) - localDateTime(day, from)) / MINUTE);
      cache.set(key, min);
    }
    total += min;
  }
  return total;
}

/** Minutes of the staff member's working hours on `day` covered by their own calendar's busy blocks. */
function calendarBlockedMinutes(
  staff: Staff,
  day: LocalDate,
  weekday: ReturnType<typeof weekdayOf>,
  busy: readonly { start: number; end: number }[],
): number {
  let total = 0;
  for (const [from, to] of staff.hours[weekday]) {
    const start = localDateTime(day, from);
    const end = localDateTime(day, to);
    // Busy blocks are merged per staff member (store/calendar-busy), so overlaps do not count twice.
    for (const b of busy) total += Math.max(0, Math.min(end, b.end) - Math.max(start, b.start));
  }
  return Math.round(total / MINUTE);
}

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

export function computeSummary(input: SummaryInput): Summary {
  const { directory, day, now } = input;
  const wanted = input.teamIds ? new Set(input.teamIds) : undefined;
  const teams = directory.teams.filter((t) => !wanted || wanted.has(t.id));
  const teamIds = teams.map((t) => t.id);
  const teamSet = new Set(teamIds);
  const holiday = isHoliday(directory, day);
  const prevDay = previousWorkingDay(directory, day);
  const weekday = weekdayOf(day);

  // Absences of the day per staff member: 'absent' outranks 'home-office-only'.
  const absenceOf = new Map<string, Absence>();
  for (const a of input.absences) {
    if (a.from > day || a.to < day) continue;
    const known = absenceOf.get(a.staffId);
    if (!known || (known.mode === 'home-office-only' && a.mode === 'absent')) absenceOf.set(a.staffId, a);
  }

  const teamLoad = new Map<string, TeamLoad>();
  for (const t of teams) {
    const onSite = onSiteOf(directory, t.id, day);
    teamLoad.set(t.id, {
      teamId: t.id,
      name: t.name,
      ...(onSite ? { onSite } : {}),
      appointments: 0,
      cancelled: 0,
      bookedMin: 0,
      availableMin: 0,
      utilisation: null,
      staffWorking: 0,
      staffAbsent: 0,
    });
  }

  const busyOf = new Map<string, { start: number; end: number }[]>();
  for (const b of input.calendarBusy ?? []) busyOf.set(b.staffId, [...(busyOf.get(b.staffId) ?? []), b]);

  const staffLoad = new Map<string, StaffLoad>();
  const minutesCache = new Map<string, number>();
  const absences: AbsenceLine[] = [];
  const offeredServices = new Set<string>();
  for (const s of directory.staff) {
    if (!teamSet.has(s.team)) continue;
    for (const sv of s.services) offeredServices.add(sv);
    const hours = holiday ? 0 : workingMinutes(s, day, weekday, minutesCache);
    const blocked = hours > 0 && busyOf.has(s.id) ? calendarBlockedMinutes(s, day, weekday, busyOf.get(s.id)!) : 0;
    // A working day the staff member's own calendar blocks entirely (e.g. out of office in Outlook).
    const fromCalendar: Absence | undefined =
      hours > 0 && blocked >= hours
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
    const absence = absenceOf.get(s.id) ?? fromCalendar;
    const available = absence?.mode === 'absent' ? 0 : Math.max(0, hours - blocked);
    staffLoad.set(s.id, {
      staffId: s.id,
      name: s.name,
      teamId: s.team,
      appointments: 0,
      bookedMin: 0,
      availableMin: available,
      absence: absence?.mode ?? null,
      firstStart: null,
      lastEnd: null,
    });
    const team = teamLoad.get(s.team)!;
    team.availableMin += available;
    if (available > 0) team.staffWorking++;
    if (absence?.mode === 'absent') team.staffAbsent++;
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

  const services = directory.services.filter((sv) => offeredServices.has(sv.id));
  const serviceLoad = new Map<string, ServiceLoad>();
  for (const sv of services) {
    serviceLoad.set(sv.id, {
      serviceId: sv.id,
      name: sv.name,
      appointments: 0,
      nextFreeSlot: input.nextFreeSlotPerService[sv.id] ?? null,
    });
  }

  const channels: Record<Channel, number> = { video: 0, phone: 0, 'in-person': 0 };
  const unmarkedByStaff = new Map<string, number>();
  const countUnmarked = (a: Appointment) => {
    if (a.status === 'booked' && a.end <= now)
      unmarkedByStaff.set(a.staffId, (unmarkedByStaff.get(a.staffId) ?? 0) + 1);
  };

  let appointments = 0;
  let cancelled = 0;
  let bookedMs = 0;
  let stranded = 0;
  for (const a of input.appointmentsOfDay) {
    const staff = staffLoad.get(a.staffId);
    if (!staff) continue;
    const team = teamLoad.get(staff.teamId)!;
    if (a.status === 'cancelled') {
      cancelled++;
      team.cancelled++;
      continue;
    }
    const blockMs = a.blockEnd - a.blockStart;
    appointments++;
    bookedMs += blockMs;
    team.appointments++;
    team.bookedMin += blockMs;
    staff.appointments++;
    staff.bookedMin += blockMs;
    if (staff.firstStart === null || a.start < staff.firstStart) staff.firstStart = a.start;
    if (staff.lastEnd === null || a.end > staff.lastEnd) staff.lastEnd = a.end;
    channels[a.channel]++;
    const sv = serviceLoad.get(a.serviceId);
    if (sv) sv.appointments++;
    countUnmarked(a);
    if (
      a.status === 'booked' &&
      (staff.absence === 'absent' || (staff.absence === 'home-office-only' && a.channel === 'in-person'))
    )
      stranded++;
  }

  // Minutes were summed as milliseconds to round once.
  let availableMin = 0;
  for (const t of teamLoad.values()) {
    t.bookedMin = Math.round(t.bookedMin / MINUTE);
    t.utilisation = ratio(t.bookedMin, t.availableMin);
    availableMin += t.availableMin;
  }
  for (const s of staffLoad.values()) s.bookedMin = Math.round(s.bookedMin / MINUTE);
  const bookedMin = Math.round(bookedMs / MINUTE);

  const previousDay: PreviousDaySummary = {
    day: prevDay,
    appointments: 0,
    completed: 0,
    noShows: 0,
    cancelled: 0,
    cancelledBy: { citizen: 0, staff: 0, replan: 0 },
    noShowRate: null,
  };
  for (const a of input.appointmentsOfPreviousWorkingDay) {
    if (!staffLoad.has(a.staffId)) continue;
    if (a.status === 'cancelled') {
      previousDay.cancelled++;
      previousDay.cancelledBy[a.cancelledBy ?? 'staff']++;
      continue;
    }
    previousDay.appointments++;
    if (a.status === 'completed') previousDay.completed++;
    else if (a.status === 'no-show') previousDay.noShows++;
    countUnmarked(a);
  }
  previousDay.noShowRate = ratio(previousDay.noShows, previousDay.completed + previousDay.noShows);

  // One typed array, sorted numerically in place: no boxing for 35,000 samples.
  const leadTimes = new Float64Array(input.recentBookings.length);
  let samples = 0;
  for (const b of input.recentBookings) {
    if (b.status === 'cancelled' || !staffLoad.has(b.staffId)) continue;
    const lead = b.start - b.createdAt;
    if (lead >= 0) leadTimes[samples++] = lead / MINUTE;
  }
  const sorted = leadTimes.subarray(0, samples).sort();
  const round = (v: number | null) => (v === null ? null : Math.round(v));

  let unmarkedCount = 0;
  const unmarkedLines: UnmarkedSummary['byStaff'] = [];
  for (const [staffId, count] of unmarkedByStaff) {
    unmarkedCount += count;
    unmarkedLines.push({ staffId, name: staffLoad.get(staffId)!.name, count });
  }
  unmarkedLines.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'de'));

  return {
    day,
    previousWorkingDay: prevDay,
    generatedAt: now,
    holiday,
    teamIds,
    totals: { appointments, cancelled, bookedMin, availableMin, utilisation: ratio(bookedMin, availableMin) },
    teams: [...teamLoad.values()],
    staff: [...staffLoad.values()].filter((s) => s.appointments > 0 || s.availableMin > 0 || s.absence !== null),
    services: [...serviceLoad.values()],
    channels,
    previousDay,
    unmarked: { count: unmarkedCount, byStaff: unmarkedLines },
    leadTime: { samples: sorted.length, medianMin: round(median(sorted)), p90Min: round(percentile(sorted, 90)) },
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
    },
  };
}

/** Waiting Teams notices of the summarised teams' staff: how many, for how many colleagues. */
function waitingNoticesOf(input: SummaryInput, teamSet: ReadonlySet<string>): Pick<OpenProblems, 'waitingNotices'> {
  let notices = 0;
  let staff = 0;
  for (const s of input.directory.staff) {
    const n = input.openProblems.waitingNotices?.[s.id] ?? 0;
    if (n > 0 && teamSet.has(s.team)) {
      notices += n;
      staff += 1;
    }
  }
  return notices > 0 ? { waitingNotices: { notices, staff } } : {};
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
