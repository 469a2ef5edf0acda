/**
 * Replanning when a staff member or a whole shift team falls out (journey 6).
 *
 * A pure function of data: given the directory, the new absence(s), the appointment book and the
 * holds, it proposes one action per affected appointment, in this order of preference:
 *   1. convert  — home office only: an in-person appointment becomes video (or phone) with the same
 *                 staff member at the same time;
 *   2. reassign — the same time with a colleague (the other shift team first) who offers the service
 *                 and is free; in person only if that colleague is on site then, otherwise by video/phone;
 *   3. reschedule — the earliest free slot (same channel) with any qualified staff member, never
 *                 earlier than the original time;
 *   4. unplaced — listed for a decision (call the citizen).
 * A working set of blocks is kept while assigning, so two items never land on overlapping blocks of
 * one person, and in-person work is only ever placed in its staff member's on-site shift, so the two
 * shift teams never meet.
 */
import { onSiteIntervals } from './shifts';
import { addDays, localDateOf, localDateTime, weekdayOf, MINUTE } from './time';
import type { Absence, AbsenceMode, Appointment, Channel, Directory, LocalDate, Service, Staff } from './types';

/** A working interval of one staff member, and whether they are on site during it. */
export interface WorkWindow {
  start: number;
  end: number;
  onSite: boolean;
}

/**
 * What replanning needs to know about working time: weekly hours, holidays and the shift rotation
 * (absences are applied here, not there). `workCalendarFor` builds it from the scheduling core.
 */
export interface WorkCalendar {
  windows(staff: Staff, day: LocalDate): readonly WorkWindow[];
}

/** A block someone holds right now while filling in a booking. */
export interface HoldBlock {
  staffId: string;
  blockStart: number;
  blockEnd: number;
}

export interface ReplanInput {
  directory: Directory;
  /** The absences to replan for (one per staff member; a team absence is one per member). */
  absences: readonly Absence[];
  /** Absences already on record; those staff members are not available as colleagues then. */
  otherAbsences?: readonly Absence[];
  /** Appointments in the window returned by `replanWindow` (any status; only 'booked' counts). */
  appointments: readonly Appointment[];
  holds?: readonly HoldBlock[];
  now: number;
  calendar: WorkCalendar;
  /** How many days after the original start a reschedule may land (default 14, capped by the service's horizon). */
  searchDays?: number;
}

export type PlanAction = 'convert' | 'reassign' | 'reschedule' | 'unplaced';
export type UnplacedReason = 'no-qualified-colleague' | 'no-free-slot';

export interface Placement {
  staffId: string;
  channel: Channel;
  start: number;
  end: number;
  blockStart: number;
  blockEnd: number;
}

export interface PlanItem {
  appointmentId: string;
  /** The appointment's SEQUENCE the proposal was computed on; applying checks it is still current. */
  expectedSequence: number;
  serviceId: string;
  action: PlanAction;
  from: Placement;
  /** Where it goes; absent for 'unplaced'. */
  to?: Placement;
  reason?: UnplacedReason;
}

export interface PlanCounts {
  converted: number;
  reassigned: number;
  rescheduled: number;
  unplaced: number;
}

export interface Plan {
  computedAt: number;
  absenceIds: string[];
  /** Ordered by the original start time. */
  items: PlanItem[];
  counts: PlanCounts;
}

const DEFAULT_SEARCH_DAYS = 14;
/** Candidate starts lie on a 5-minute grid (Berlin's offset is whole hours, so UTC alignment is local alignment). */
const GRID_MS = 5 * 60_000;
const MIN_MS = MINUTE;

/** The local dates whose appointments `proposeReplan` needs: the absence range plus the reschedule search. */
export function replanWindow(absences: readonly Absence[], searchDays = DEFAULT_SEARCH_DAYS): { from: LocalDate; to: LocalDate } {
  if (absences.length === 0) throw new Error('replanWindow needs at least one absence');
  const from = absences.map((a) => a.from).reduce((a, b) => (a < b ? a : b));
  const to = absences.map((a) => a.to).reduce((a, b) => (a > b ? a : b));
  return { from, to: addDays(to, searchDays + 1) };
}

const HOUR_MS = 3_600_000;
const dayCache = new Map<number, LocalDate>();
/** localDateOf, memoised per UTC hour: Berlin's offsets are whole hours, so the date never changes within one. */
function dayOf(ms: number): LocalDate {
  const h = Math.floor(ms / HOUR_MS);
  let d = dayCache.get(h);
  if (d === undefined) {
    if (dayCache.size > 100_000) dayCache.clear();
    d = localDateOf(h * HOUR_MS);
    dayCache.set(h, d);
  }
  return d;
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/** The strongest absence mode of a staff member on a day, if any ('absent' beats 'home-office-only'). */
class AbsenceIndex {
  private readonly byStaff = new Map<string, Absence[]>();
  constructor(absences: readonly Absence[]) {
    for (const a of absences) {
      const list = this.byStaff.get(a.staffId) ?? [];
      list.push(a);
      this.byStaff.set(a.staffId, list);
    }
  }
  modeOn(staffId: string, day: LocalDate): AbsenceMode | undefined {
    let mode: AbsenceMode | undefined;
    for (const a of this.byStaff.get(staffId) ?? []) {
      if (a.from <= day && day <= a.to) {
        if (a.mode === 'absent') return 'absent';
        mode = 'home-office-only';
      }
    }
    return mode;
  }
}

/** Busy blocks per staff member, updated as the plan assigns appointments. */
class BlockSet {
  private readonly byStaff = new Map<string, { start: number; end: number }[]>();
  private readonly perDay = new Map<string, number>();
  add(staffId: string, start: number, end: number): void {
    const list = this.byStaff.get(staffId) ?? [];
    list.push({ start, end });
    this.byStaff.set(staffId, list);
    const key = `${staffId}|${dayOf(start)}`;
    this.perDay.set(key, (this.perDay.get(key) ?? 0) + 1);
  }
  /** Blocks starting on a local day: the load that spreads work fairly. */
  loadOn(staffId: string, day: LocalDate): number {
    return this.perDay.get(`${staffId}|${day}`) ?? 0;
  }
  isFree(staffId: string, start: number, end: number): boolean {
    return !(this.byStaff.get(staffId) ?? []).some((b) => overlaps(b.start, b.end, start, end));
  }
  /** The end of the latest block overlapping [start, end), or undefined when free. */
  blockingEnd(staffId: string, start: number, end: number): number | undefined {
    let latest: number | undefined;
    for (const b of this.byStaff.get(staffId) ?? []) if (overlaps(b.start, b.end, start, end) && (latest === undefined || b.end > latest)) latest = b.end;
    return latest;
  }
}

const REMOTE_PREFERENCE: readonly Channel[] = ['video', 'phone'];

/**
 * The remote channel an in-person appointment becomes. Video first: the citizen's email is always
 * known (the meeting link goes there), their phone number only for phone consultations. Phone when
 * the service allows no video; the invitation then gives the staff member's number.
 */
export function remoteChannelFor(service: Service): Channel | undefined {
  return REMOTE_PREFERENCE.find((c) => service.channels.includes(c));
}

interface Context {
  dir: Directory;
  services: Map<string, Service>;
  staff: Map<string, Staff>;
  calendar: WorkCalendar;
  absences: AbsenceIndex;
  blocks: BlockSet;
  now: number;
  windowsCache: Map<string, readonly WorkWindow[]>;
}

function windowsOf(ctx: Context, staff: Staff, day: LocalDate): readonly WorkWindow[] {
  const key = `${staff.id}|${day}`;
  let w = ctx.windowsCache.get(key);
  if (!w) {
    w = ctx.calendar.windows(staff, day);
    ctx.windowsCache.set(key, w);
  }
  return w;
}

/**
 * Whether `staff` may do [start, end) on `channel` as far as working time goes: inside one working
 * window, not absent, in person only on site and not home-office-only, remotely only on site or
 * when they can work from home. Busy blocks are checked separately.
 */
function canWork(ctx: Context, staff: Staff, channel: Channel, start: number, end: number): boolean {
  const day = dayOf(start);
  const w = windowsOf(ctx, staff, day).find((x) => x.start <= start && end <= x.end);
  return w !== undefined && channelPossible(staff, channel, w.onSite, ctx.absences.modeOn(staff.id, day));
}

/** The channel rule inside one working window, given the day's absence mode. */
function channelPossible(staff: Staff, channel: Channel, onSite: boolean, mode: AbsenceMode | undefined): boolean {
  if (mode === 'absent') return false;
  if (channel === 'in-person') return onSite && mode === undefined;
  return (onSite && mode === undefined) || staff.homeOffice;
}

function placement(staffId: string, channel: Channel, start: number, service: Service): Placement {
  const end = start + service.durationMin * MIN_MS;
  return { staffId, channel, start, end, blockStart: start - service.bufferBeforeMin * MIN_MS, blockEnd: end + service.bufferAfterMin * MIN_MS };
}

function fits(ctx: Context, staff: Staff, p: Placement): boolean {
  return p.start >= ctx.now && canWork(ctx, staff, p.channel, p.start, p.end) && ctx.blocks.isFree(staff.id, p.blockStart, p.blockEnd);
}

/** Colleagues who offer the service, the other shift team first, then by load on that day, then id. */
function colleagues(ctx: Context, original: Staff, service: Service, day: LocalDate, includeOriginal: boolean): Staff[] {
  const teamOf = (id: string) => ctx.dir.teams.find((t) => t.id === id);
  const originalTeam = teamOf(original.team);
  const rotation = ctx.dir.rotation;
  const otherShiftTeam = originalTeam?.shift && rotation ? rotation.teams.find((t) => t !== original.team) : undefined;
  const rank = (s: Staff) => (s.team === otherShiftTeam ? 0 : s.team === original.team ? 1 : 2);
  return [...ctx.staff.values()]
    .filter((s) => s.services.includes(service.id) && (includeOriginal || s.id !== original.id))
    .map((s) => ({ s, r: rank(s), load: ctx.blocks.loadOn(s.id, day) }))
    .sort((a, b) => a.r - b.r || a.load - b.load || a.s.id.localeCompare(b.s.id))
    .map((x) => x.s);
}

/** Step 2: the same time with a colleague; the original channel if they can, else a remote one. */
function reassignSameTime(ctx: Context, appt: Appointment, original: Staff, service: Service): Placement | undefined {
  const channels = [appt.channel, ...REMOTE_PREFERENCE.filter((c) => c !== appt.channel && service.channels.includes(c))];
  for (const colleague of colleagues(ctx, original, service, dayOf(appt.start), false)) {
    for (const channel of channels) {
      const p = placement(colleague.id, channel, appt.start, service);
      if (fits(ctx, colleague, p)) return p;
    }
  }
  return undefined;
}

/** The first fitting start of `staff` on `day` at or after `notBefore`, jumping over busy blocks. */
function firstFitOnDay(ctx: Context, staff: Staff, service: Service, channel: Channel, day: LocalDate, notBefore: number): Placement | undefined {
  const durMs = service.durationMin * MIN_MS;
  const before = service.bufferBeforeMin * MIN_MS;
  const mode = ctx.absences.modeOn(staff.id, day);
  for (const w of windowsOf(ctx, staff, day)) {
    if (w.end <= notBefore || !channelPossible(staff, channel, w.onSite, mode)) continue;
    let t = Math.ceil(Math.max(w.start, notBefore) / GRID_MS) * GRID_MS;
    while (t + durMs <= w.end) {
      const p = placement(staff.id, channel, t, service);
      const busyUntil = ctx.blocks.blockingEnd(staff.id, p.blockStart, p.blockEnd);
      if (busyUntil === undefined) return p;
      t = Math.max(t + GRID_MS, Math.ceil((busyUntil + before) / GRID_MS) * GRID_MS);
    }
  }
  return undefined;
}

/** Step 3: the earliest slot on the same channel with any qualified staff member (least loaded wins a tie). */
function earliestSlot(ctx: Context, appt: Appointment, original: Staff, service: Service, searchDays: number): Placement | undefined {
  const notBefore = Math.max(appt.start, ctx.now + service.minNoticeMin * MIN_MS);
  const horizonEnd = Math.max(ctx.now, appt.start) + service.horizonDays * 86_400_000;
  const firstDay = dayOf(notBefore);
  for (let i = 0; i <= searchDays; i++) {
    const day = addDays(firstDay, i);
    let best: Placement | undefined;
    for (const s of colleagues(ctx, original, service, day, true)) {
      const p = firstFitOnDay(ctx, s, service, appt.channel, day, notBefore);
      if (p && p.start < horizonEnd && (!best || p.start < best.start)) best = p;
    }
    if (best) return best;
  }
  return undefined;
}

function fromOf(a: Appointment): Placement {
  return { staffId: a.staffId, channel: a.channel, start: a.start, end: a.end, blockStart: a.blockStart, blockEnd: a.blockEnd };
}

/** Whether an appointment is hit by the new absences: fully absent, or in person while home office only. */
function isAffected(newAbsences: AbsenceIndex, a: Appointment, now: number): boolean {
  if (a.status !== 'booked' || a.start < now) return false;
  const mode = newAbsences.modeOn(a.staffId, dayOf(a.start));
  return mode === 'absent' || (mode === 'home-office-only' && a.channel === 'in-person');
}

export function proposeReplan(input: ReplanInput): Plan {
  const { directory, now } = input;
  const searchDays = input.searchDays ?? DEFAULT_SEARCH_DAYS;
  const newAbsences = new AbsenceIndex(input.absences);
  const ctx: Context = {
    dir: directory,
    services: new Map(directory.services.map((s) => [s.id, s])),
    staff: new Map(directory.staff.map((s) => [s.id, s])),
    calendar: input.calendar,
    absences: new AbsenceIndex([...input.absences, ...(input.otherAbsences ?? [])]),
    blocks: new BlockSet(),
    now,
    windowsCache: new Map(),
  };

  const affected: Appointment[] = [];
  for (const a of input.appointments) {
    if (isAffected(newAbsences, a, now)) affected.push(a);
    else if (a.status === 'booked') ctx.blocks.add(a.staffId, a.blockStart, a.blockEnd);
  }
  for (const h of input.holds ?? []) ctx.blocks.add(h.staffId, h.blockStart, h.blockEnd);
  affected.sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));

  const decided = new Map<string, PlanItem>();
  const item = (a: Appointment, action: PlanAction, to?: Placement, reason?: UnplacedReason): PlanItem => ({
    appointmentId: a.id,
    expectedSequence: a.sequence,
    serviceId: a.serviceId,
    action,
    from: fromOf(a),
    ...(to ? { to } : {}),
    ...(reason ? { reason } : {}),
  });
  const take = (a: Appointment, action: PlanAction, to: Placement) => {
    ctx.blocks.add(to.staffId, to.blockStart, to.blockEnd);
    decided.set(a.id, item(a, action, to));
  };

  // Pass 1: conversions keep their own person and time, so they go first and keep their blocks.
  for (const a of affected) {
    const staff = ctx.staff.get(a.staffId);
    const service = ctx.services.get(a.serviceId);
    if (!staff || !service || newAbsences.modeOn(a.staffId, dayOf(a.start)) !== 'home-office-only') continue;
    const channel = remoteChannelFor(service);
    if (!channel) continue;
    const p: Placement = { ...fromOf(a), channel };
    if (fits(ctx, staff, p)) take(a, 'convert', p);
  }

  // Pass 2: the rest, in time order: same time with a colleague, else the earliest slot, else unplaced.
  for (const a of affected) {
    if (decided.has(a.id)) continue;
    const staff = ctx.staff.get(a.staffId);
    const service = ctx.services.get(a.serviceId);
    if (!staff || !service) {
      decided.set(a.id, item(a, 'unplaced', undefined, 'no-qualified-colleague'));
      continue;
    }
    const same = reassignSameTime(ctx, a, staff, service);
    if (same) {
      take(a, 'reassign', same);
      continue;
    }
    const later = earliestSlot(ctx, a, staff, service, searchDays);
    if (later) {
      take(a, 'reschedule', later);
      continue;
    }
    const anyone = ctx.dir.staff.some((s) => s.id !== staff.id && s.services.includes(service.id));
    decided.set(a.id, item(a, 'unplaced', undefined, anyone ? 'no-free-slot' : 'no-qualified-colleague'));
  }

  const items = affected.map((a) => decided.get(a.id)!);
  const counts: PlanCounts = { converted: 0, reassigned: 0, rescheduled: 0, unplaced: 0 };
  for (const i of items) {
    if (i.action === 'convert') counts.converted++;
    else if (i.action === 'reassign') counts.reassigned++;
    else if (i.action === 'reschedule') counts.rescheduled++;
    else counts.unplaced++;
  }
  return { computedAt: now, absenceIds: input.absences.map((a) => a.id), items, counts };
}

/**
 * The working windows from the directory: weekly hours on non-holidays, split where the shift
 * rotation (shifts.ts) puts the staff member's team on or off site.
 */
export function directoryWorkCalendar(directory: Directory): WorkCalendar {
  const holidays = new Set(directory.holidays);
  return {
    windows(staff: Staff, day: LocalDate): WorkWindow[] {
      if (holidays.has(day)) return [];
      const onSite = onSiteIntervals(directory, staff.team, day);
      const out: WorkWindow[] = [];
      for (const [f, t] of staff.hours[weekdayOf(day)]) {
        const start = localDateTime(day, f);
        const end = localDateTime(day, t);
        // Cut the working interval at every on-site boundary inside it.
        const cuts = [start, end, ...onSite.flatMap((o) => [o.start, o.end]).filter((x) => x > start && x < end)].sort((a, b) => a - b);
        for (let k = 0; k + 1 < cuts.length; k++) {
          const a = cuts[k]!;
          const b = cuts[k + 1]!;
          if (a < b) out.push({ start: a, end: b, onSite: onSite.some((o) => o.start <= a && b <= o.end) });
        }
      }
      return out;
    },
  };
}
