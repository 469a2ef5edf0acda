/**
 * Use case: the supervisor's summary of a day. Reads through the ports, asks the slot engine for the
 * next free slot per service, and leaves the counting to the pure `computeSummary`.
 */
import type { Clock } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { firstDayWorkedAfter } from '../domain/availability';
import {
  blockFor,
  buildBusyIndex,
  earliestStart,
  findEarliestSlots,
  horizonEnd,
  type BusyIndex,
  type SlotSearchData,
} from '../domain/slots';
import { computeSummary, LEAD_TIME_DAYS } from '../domain/summary';
import type { ReplanRecord, Summary } from '../domain/summary-types';
import { previousWorkingDay } from '../domain/working-days';
import { addDays, DAY, isLocalDate, localDateOf, localDayBounds, startOfLocalDay } from '../domain/time';
import type { Absence, Appointment, Directory, Language, LocalDate } from '../domain/types';
import type { AbsenceReader, AppointmentReader } from './ports';
import type { SummaryReadCache } from './summary-reads';

export interface OpenProblemsReader {
  /** Outbox entries that failed for good (mails and Teams messages nobody received). */
  countDeadLetters(): Promise<number>;
  /** Supervisor alerts nobody addressed received in Teams, until a supervisor marks them done. */
  listUndeliveredAlerts?(): Promise<{ id: string; text: Readonly<Record<Language, string>>; at: number }[]>;
  /** Staff calendars not read successfully for longer than CALENDAR_STALE_MINUTES (none without a calendar provider). */
  listStaleCalendars?(): Promise<{ staffId: string; lastSuccess?: number; lastError?: string }[]>;
  /**
   * Teams notices waiting for these colleagues (the summarised teams' staff), who the bot cannot reach
   * in Teams (mailed to them): per staff id, only those with any.
   */
  waitingNoticesByStaff?(staffIds: readonly string[]): Promise<Record<string, number>>;
  /**
   * Open calls of the call list (citizens a change reaches only by their call) of these colleagues (the
   * summarised teams' staff): per staff id, only those with any.
   */
  openCallsByStaff?(staffIds: readonly string[]): Promise<Record<string, number>>;
  /** Calendar answers the organisation mailbox ignored in the last 7 days (left there for a person). */
  countIgnoredReplies?(): Promise<number>;
}

export interface ReplanRecordReader {
  /** Replannings whose absence range overlaps the inclusive local date range (ReplanOutcomeStore). */
  listOverlapping(from: LocalDate, to: LocalDate): Promise<ReplanRecord[]>;
}

export interface BuildSummaryDeps {
  directory: Directory;
  clock: Clock;
  appointments: AppointmentReader;
  absences: AbsenceReader;
  problems: OpenProblemsReader;
  /** The recorded replanning outcomes (what was converted, moved, cancelled). */
  replans: ReplanRecordReader;
  /**
   * What booking sees as busy (appointments, live holds, the staff's own calendars): the store's
   * busy index. Without it only appointments count.
   */
  busy?: { busyIndex(staffIds: readonly string[], from: number, to: number): Promise<BusyIndex> };
  /** Busy blocks synced from the staff members' own calendars (none without a calendar provider). */
  calendarBusy?: (
    staffIds: readonly string[],
    from: number,
    to: number,
  ) => Promise<readonly { staffId: string; start: number; end: number }[]>;
  /**
   * Overrides the slot engine: earliest free slot of a service for the given teams, or null.
   * By default the engine runs on the staff calendars read through `appointments`.
   */
  nextFreeSlot?: (serviceId: string, teamIds: readonly string[]) => Promise<number | null>;
  /** Keeps the reads while the book is unchanged (src/app/summary-reads.ts); every request reads afresh without. */
  reads?: SummaryReadCache<SummaryReads>;
  /**
   * Keeps the lead-time week's appointments once that week has passed, across changes of the book (a
   * cache whose version never changes, and a short age: see `PAST_WEEK_KEPT_MS`). Nothing can be booked
   * into the past, so in a busy town that week (7 of a summary's 9 days of reading) is not read and
   * counted again after every booking. Without it the week is read with the rest.
   */
  pastReads?: SummaryReadCache<Appointment[]>;
}

/**
 * How long a passed lead-time week is kept: a cancellation after the fact (a correction) shows in the
 * lead-time median at the latest after this; every other figure is read afresh.
 */
export const PAST_WEEK_KEPT_MS = 15 * 60_000;

/** What a summary reads from the store (kept by `SummaryReadCache` while the book is unchanged). */
export interface SummaryReads {
  appointmentsOfDay: Appointment[];
  appointmentsOfPrev: Appointment[];
  recent: Appointment[];
  absences: Absence[];
  nextFree: Record<string, number | null>;
  replans: { replans: ReplanRecord[]; appointments: Appointment[] };
  busy: readonly { staffId: string; start: number; end: number }[];
}

export interface SummaryRequest {
  /** Local date; today by default. */
  day?: LocalDate;
  /** Teams to include; all teams when absent. */
  teamIds?: readonly string[];
}

/**
 * The earliest free slot per service (any channel it offers) among the staff of `teamIds`,
 * from the slot engine. Pure: `data` holds the busy blocks of everyone in those teams.
 */
export function nextFreeSlots(data: SlotSearchData, teamIds: readonly string[]): Record<string, number | null> {
  const teams = new Set(teamIds);
  const staff = data.directory.staff.filter((s) => teams.has(s.team));
  const out: Record<string, number | null> = {};
  for (const service of data.directory.services) {
    const offering = staff.filter((s) => s.services.includes(service.id)).map((s) => s.id);
    if (offering.length === 0) continue;
    // One search over everyone of those teams who offers it: its earliest slot is the earliest of any team.
    let best: number | null = null;
    for (const channel of service.channels) {
      const found = findEarliestSlots(data, { serviceId: service.id, channel, staffIds: offering, count: 1 }).slots[0];
      if (found && (best === null || found.start < best)) best = found.start;
    }
    out[service.id] = best;
  }
  return out;
}

/**
 * `nextFreeSlots` reading only the days it needs: the busy blocks of the first day, then twice as
 * many days, until every service has its slot within the days read (or the horizon is read).
 */
async function engineNextFreeSlots(
  deps: BuildSummaryDeps,
  teamIds: readonly string[],
  now: number,
): Promise<Record<string, number | null>> {
  const { directory } = deps;
  const teams = new Set(teamIds);
  const staff = directory.staff.filter((s) => teams.has(s.team));
  const offered = directory.services.filter((sv) => staff.some((s) => s.services.includes(sv.id)));
  if (offered.length === 0) return {};
  const to = Math.max(...offered.map((sv) => horizonEnd(sv, now)));
  // Today once nobody works after the earliest start any service allows is not read (the evening).
  const notBefore = Math.min(...offered.map((sv) => earliestStart(sv, now)));
  const today = firstDayWorkedAfter(directory, staff, localDateOf(now), addDays(localDateOf(now), 1), notBefore);
  const from = startOfLocalDay(today);
  // How far a slot's block reaches past its start: the blocks a slot before `until` can meet.
  const reach = Math.max(...offered.map((sv) => blockFor(sv, 0).blockEnd));
  const staffIds = staff.map((s) => s.id);
  const absencesRead = deps.absences.listOverlapping(today, localDateOf(to));
  const busyOf = (until: number): Promise<BusyIndex> =>
    deps.busy
      ? deps.busy.busyIndex(staffIds, from, until)
      : deps.appointments
          .listForStaffMembers(staffIds, from - DAY, until)
          .then((list) => buildBusyIndex(list, [], now));
  for (let days = 1; ; days *= 2) {
    const until = Math.min(startOfLocalDay(addDays(today, days)), to);
    const [busy, absences] = await Promise.all([busyOf(until + reach), absencesRead]);
    const found = nextFreeSlots({ directory, busy, absences, now }, teamIds);
    // A slot at or after `until` lies where no busy block was read: not settled yet.
    if (until >= to || Object.values(found).every((start) => start !== null && start < until)) return found;
  }
}

/**
 * The replanned staff's appointments from now to the end of each replanning's range, so the summary
 * can count what is still unplaced. One read per staff member over the union of their ranges.
 */
async function appointmentsOfReplans(
  deps: BuildSummaryDeps,
  replans: readonly ReplanRecord[],
  now: number,
): Promise<Appointment[]> {
  const windows = new Map<string, { from: number; to: number }>();
  for (const r of replans) {
    const from = Math.max(now, localDayBounds(r.from).start);
    const to = localDayBounds(r.to).end;
    if (from >= to) continue;
    for (const staffId of r.staffIds) {
      const w = windows.get(staffId);
      windows.set(staffId, w ? { from: Math.min(w.from, from), to: Math.max(w.to, to) } : { from, to });
    }
  }
  const lists = await Promise.all(
    [...windows].map(([staffId, w]) => deps.appointments.listForStaff(staffId, w.from, w.to)),
  );
  return lists.flat();
}

export async function buildSummary(deps: BuildSummaryDeps, request: SummaryRequest = {}): Promise<Summary> {
  const { directory } = deps;
  const now = deps.clock.now();
  const day = request.day ?? localDateOf(now);
  if (!isLocalDate(day)) throw new DomainError('invalid-input', 'summary day is not a date');
  const known = new Set(directory.teams.map((t) => t.id));
  const teamIds = request.teamIds ? request.teamIds.filter((t) => known.has(t)) : directory.teams.map((t) => t.id);
  if (request.teamIds && teamIds.length === 0) throw new DomainError('invalid-input', 'no known team requested');

  const prev = previousWorkingDay(directory, day);
  const leadDays = Array.from({ length: LEAD_TIME_DAYS }, (_, i) => addDays(day, -(i + 1)));
  const slotsFor = deps.nextFreeSlot
    ? async () => {
        const out: Record<string, number | null> = {};
        const services = directory.services.filter((sv) =>
          directory.staff.some((s) => teamIds.includes(s.team) && s.services.includes(sv.id)),
        );
        for (const sv of services) out[sv.id] = await deps.nextFreeSlot!(sv.id, teamIds);
        return out;
      }
    : () => engineNextFreeSlots(deps, teamIds, now);

  const teamSet = new Set(teamIds);
  const staffTeam = new Map(directory.staff.map((s) => [s.id, s.team]));
  const replansOfTeams = async () => {
    const all = await deps.replans.listOverlapping(day, day);
    const replans = all.filter((r) => r.staffIds.some((id) => teamSet.has(staffTeam.get(id) ?? '')));
    return { replans, appointments: await appointmentsOfReplans(deps, replans, now) };
  };

  // Only the people the summary is about: the supervised teams' staff, from their own indexes.
  const bounds = localDayBounds(day);
  const staffIdsOfTeams = directory.staff.filter((s) => teamSet.has(s.team)).map((s) => s.id);
  const ofTeams = (from: LocalDate, to: LocalDate) =>
    deps.appointments.listForStaffMembers(staffIdsOfTeams, startOfLocalDay(from), localDayBounds(to).end);
  const teamsKey = teamIds.join(',');
  const recentOfTeams = () => {
    const [first, last] = [leadDays[leadDays.length - 1]!, leadDays[0]!];
    const readWeek = () => ofTeams(first, last);
    return deps.pastReads && last < localDateOf(now)
      ? deps.pastReads.get(`${first}|${teamsKey}`, directory, now, readWeek)
      : readWeek();
  };
  const read = async (): Promise<SummaryReads> => {
    const [appointmentsOfDay, appointmentsOfPrev, recent, absences, nextFree, replans, busy] = await Promise.all([
      ofTeams(day, day),
      ofTeams(prev, prev),
      recentOfTeams(),
      deps.absences.listOverlapping(day, day),
      slotsFor(),
      replansOfTeams(),
      deps.calendarBusy?.(staffIdsOfTeams, bounds.start, bounds.end) ?? Promise.resolve([]),
    ]);
    return { appointmentsOfDay, appointmentsOfPrev, recent, absences, nextFree, replans, busy };
  };
  // Everything at once: with Redis a millisecond away, each wait one after the other costs a round trip.
  const [reads, deadLetters, alerts, stale, waitingNotices, openCalls, ignoredReplies] = await Promise.all([
    deps.reads ? deps.reads.get(`${day}|${teamsKey}`, directory, now, read) : read(),
    deps.problems.countDeadLetters(),
    deps.problems.listUndeliveredAlerts?.() ?? Promise.resolve([]),
    deps.problems.listStaleCalendars?.() ?? Promise.resolve([]),
    deps.problems.waitingNoticesByStaff?.(staffIdsOfTeams) ?? Promise.resolve({}),
    deps.problems.openCallsByStaff?.(staffIdsOfTeams) ?? Promise.resolve({}),
    deps.problems.countIgnoredReplies?.() ?? Promise.resolve(0),
  ]);
  const { appointmentsOfDay, appointmentsOfPrev, recent, absences, nextFree, replans, busy } = reads;
  return computeSummary({
    directory,
    day,
    appointmentsOfDay,
    appointmentsOfPreviousWorkingDay: appointmentsOfPrev,
    recentBookings: recent,
    absences,
    ...(busy.length ? { calendarBusy: busy } : {}),
    nextFreeSlotPerService: nextFree,
    openProblems: {
      deadLetters,
      ...(alerts.length ? { undeliveredAlerts: alerts } : {}),
      ...(stale.length ? { staleCalendars: stale } : {}),
      ...(Object.keys(waitingNotices).length ? { waitingNotices } : {}),
      ...(Object.keys(openCalls).length ? { openCalls } : {}),
      ...(ignoredReplies > 0 ? { ignoredReplies } : {}),
    },
    teamIds,
    replans: replans.replans,
    appointmentsOfReplans: replans.appointments,
    now,
  });
}
