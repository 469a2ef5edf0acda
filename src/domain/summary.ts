/**
 * The supervisors' daily summary (journey 5): a pure function of one day's data.
 *
 * The caller (app/build-summary) reads the appointments, absences and open problems and asks the
 * slot engine for the next free slot per service; everything here is counting. It runs in a few
 * milliseconds for a big city's day (see bench/summary.ts), so it is computed on every request.
 */
import { indexDirectory } from './directory-index';
import { rotationOn } from './shifts';
import { addDays, localDateOf, localDateTime, MINUTE, weekdayOf } from './time';
import type { Absence, AbsenceMode, AbsenceReason, Appointment, Channel, Directory, LocalDate, Staff } from './types';

export const CHANNELS: readonly Channel[] = ['video', 'phone', 'in-person'];

/** What lead times are measured on: when a booking was made and when it takes place. */
export interface LeadTimeSample {
  staffId: string;
  createdAt: number;
  start: number;
  status?: Appointment['status'];
}

export interface OpenProblems {
  /** Outbox entries (mails, Teams messages) that failed for good. */
  deadLetters: number;
  /** Appointments a replanning could not place; they wait for a decision. */
  unplaced: number;
  /** Supervisor alerts no addressed supervisor received in Teams, until one marks them done (absent when none). */
  undeliveredAlerts?: { id: string; text: string; at: number }[];
  /** Staff calendars (Outlook / CalDAV) not read successfully for too long, of the summarised teams (absent when none). */
  staleCalendars?: StaleCalendar[];
}

/** A staff member's own calendar that could not be read for too long: booking goes on with the last good state. */
export interface StaleCalendar {
  staffId: string;
  name: string;
  /** Last successful read (epoch ms); absent when it never worked. */
  lastSuccess?: number;
  /** Why the last read failed (not-found, forbidden, unauthorized, …). */
  lastError?: string;
}

/**
 * A recorded replanning (the store's ReplanOutcome has this shape): whose absence, the range and
 * what the confirmed items did. Counts only, no citizen data.
 */
export interface ReplanRecord {
  id: string;
  staffIds: readonly string[];
  from: LocalDate;
  to: LocalDate;
  mode: AbsenceMode;
  converted: number;
  reassigned: number;
  rescheduled: number;
  /** Unplaced appointments confirmed as cancellations with a call-back note. */
  cancelled: number;
}

export interface SummaryInput {
  directory: Directory;
  day: LocalDate;
  /** Any status; only appointments whose start lies on `day`. */
  appointmentsOfDay: readonly Appointment[];
  /** Any status; only appointments of `previousWorkingDay(directory, day)`. */
  appointmentsOfPreviousWorkingDay: readonly Appointment[];
  /** Appointments that took place in the 7 days before `day` (cancelled ones are ignored). */
  recentBookings: readonly LeadTimeSample[];
  /** Absences overlapping `day` (others are ignored). */
  absences: readonly Absence[];
  /** serviceId → start of the earliest free slot (epoch ms), or null when none in the horizon. */
  nextFreeSlotPerService: Readonly<Record<string, number | null>>;
  /**
   * `unplaced` when the caller knows it; otherwise it is derived from the day: appointments still
   * booked with someone absent, or in person with someone who works from home only — what a
   * replanning left for a decision, or what nobody has replanned yet.
   */
  openProblems: {
    deadLetters: number;
    unplaced?: number;
    undeliveredAlerts?: OpenProblems['undeliveredAlerts'];
    staleCalendars?: readonly { staffId: string; lastSuccess?: number; lastError?: string }[];
  };
  /** The teams to summarise (a supervisor's teams); all teams when absent. */
  teamIds?: readonly string[];
  /** Replannings whose absence range overlaps `day` (others are ignored). */
  replans?: readonly ReplanRecord[];
  /**
   * Appointments of the replanned staff within the replannings' ranges (any status), to count what
   * is still unplaced; `appointmentsOfDay` when absent (then only the day's are counted).
   */
  appointmentsOfReplans?: readonly Appointment[];
  now: number;
}

/** Where a shift team works on the day: on site all day, one half, or from home all day. */
export type OnSite = 'all-day' | 'morning' | 'afternoon' | 'off-site';

export interface TeamLoad {
  teamId: string;
  name: string;
  /** Shift teams only: the rotation's verdict for the day. */
  onSite?: OnSite;
  appointments: number;
  cancelled: number;
  /** Minutes blocked by appointments (buffers included: that is what capacity they use). */
  bookedMin: number;
  /** Working minutes of the team's staff, minus absences; zero on holidays. */
  availableMin: number;
  /** bookedMin / availableMin, 0..1 (may exceed 1 when someone works beyond their hours); null without capacity. */
  utilisation: number | null;
  staffWorking: number;
  staffAbsent: number;
}

export interface StaffLoad {
  staffId: string;
  name: string;
  teamId: string;
  appointments: number;
  bookedMin: number;
  availableMin: number;
  absence: AbsenceMode | null;
  /** Start of the first and end of the last appointment of the day. */
  firstStart: number | null;
  lastEnd: number | null;
}

export interface ServiceLoad {
  serviceId: string;
  name: { de: string; en: string };
  appointments: number;
  nextFreeSlot: number | null;
}

export interface PreviousDaySummary {
  day: LocalDate;
  appointments: number;
  completed: number;
  noShows: number;
  cancelled: number;
  cancelledBy: { citizen: number; staff: number; replan: number };
  /** noShows / (completed + noShows); null when nothing was marked. */
  noShowRate: number | null;
}

export interface UnmarkedSummary {
  /** Past appointments (ended before `now`) still 'booked': nobody marked them completed or no-show. */
  count: number;
  byStaff: { staffId: string; name: string; count: number }[];
}

export interface LeadTimeSummary {
  samples: number;
  medianMin: number | null;
  p90Min: number | null;
}

export interface AbsenceLine {
  staffId: string;
  name: string;
  teamId: string;
  mode: AbsenceMode;
  reason: AbsenceReason;
  from: LocalDate;
  to: LocalDate;
}

/** One replanning as the summary shows it. */
export interface ReplanLine {
  id: string;
  /** Set when the replanning covered every member of a team (a team out); otherwise null. */
  team: { teamId: string; name: string } | null;
  staff: { staffId: string; name: string }[];
  mode: AbsenceMode;
  from: LocalDate;
  to: LocalDate;
  /** In-person appointments turned into video or phone with the same person and time. */
  converted: number;
  /** Given to a colleague at the same time (reassigned) or put on a later slot (rescheduled). */
  moved: number;
  reassigned: number;
  rescheduled: number;
  /** Cancelled for a call-back: nobody could take them. */
  cancelled: number;
  /**
   * Still unplaced: appointments from now on in the range, still booked with the absent person
   * (in person for home-office-only) — not yet replanned, or left for a decision.
   */
  unplaced: number;
}

export interface Summary {
  day: LocalDate;
  previousWorkingDay: LocalDate;
  generatedAt: number;
  holiday: boolean;
  teamIds: string[];
  totals: {
    appointments: number;
    cancelled: number;
    bookedMin: number;
    availableMin: number;
    utilisation: number | null;
  };
  teams: TeamLoad[];
  staff: StaffLoad[];
  services: ServiceLoad[];
  channels: Record<Channel, number>;
  previousDay: PreviousDaySummary;
  unmarked: UnmarkedSummary;
  leadTime: LeadTimeSummary;
  absences: AbsenceLine[];
  /** Replannings overlapping the day that concern the summarised teams; empty when none. */
  replans: ReplanLine[];
  problems: OpenProblems;
}

export function isHoliday(directory: Pick<Directory, 'holidays'>, day: LocalDate): boolean {
  return directory.holidays.includes(day);
}

/** A working day: not a public holiday, and someone in the directory has working hours then. */
export function isWorkingDay(directory: Pick<Directory, 'holidays' | 'staff'>, day: LocalDate): boolean {
  if (isHoliday(directory, day)) return false;
  const wd = weekdayOf(day);
  return directory.staff.some((s) => s.hours[wd].length > 0);
}

/** The last working day before `day` (Friday for a Monday, skipping holidays); at most 14 days back. */
export function previousWorkingDay(directory: Pick<Directory, 'holidays' | 'staff'>, day: LocalDate): LocalDate {
  for (let i = 1; i <= 14; i++) {
    const d = addDays(day, -i);
    if (isWorkingDay(directory, d)) return d;
  }
  return addDays(day, -1);
}

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

  const staffLoad = new Map<string, StaffLoad>();
  const minutesCache = new Map<string, number>();
  const absences: AbsenceLine[] = [];
  const offeredServices = new Set<string>();
  for (const s of directory.staff) {
    if (!teamSet.has(s.team)) continue;
    for (const sv of s.services) offeredServices.add(sv);
    const absence = absenceOf.get(s.id);
    const hours = holiday ? 0 : workingMinutes(s, day, weekday, minutesCache);
    const available = absence?.mode === 'absent' ? 0 : hours;
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
    },
  };
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
