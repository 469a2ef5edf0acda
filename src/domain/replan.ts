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
import { absenceModeOn, bookableIntervals } from './availability';
import { channelReaches } from './booking-rules';
import { indexDirectory } from './directory-index';
import {
  blockFor,
  findEarliestSlots,
  findSlotsOnDay,
  isBlockFree,
  lowerBound,
  type BusyBlock,
  type BusyIndex,
  type HoldBlock,
  type Slot,
} from './slots';
import { offersAll, serviceFor, serviceIdsOf } from './services';
import { addDays, localDateOf, localDayBounds } from './time';
import type { Absence, Appointment, Channel, Directory, LocalDate, Service, Staff } from './types';

export type { HoldBlock };

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
  /** Every service of a combined appointment (absent for one service). */
  serviceIds?: string[];
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

/** The local dates whose appointments `proposeReplan` needs: the absence range plus the reschedule search. */
export function replanWindow(
  absences: readonly Absence[],
  searchDays = DEFAULT_SEARCH_DAYS,
): { from: LocalDate; to: LocalDate } {
  if (absences.length === 0) throw new Error('replanWindow needs at least one absence');
  const from = absences.map((a) => a.from).reduce((a, b) => (a < b ? a : b));
  const to = absences.map((a) => a.to).reduce((a, b) => (a > b ? a : b));
  return { from, to: addDays(to, searchDays + 1) };
}

/**
 * The busy blocks of everyone, kept sorted per staff member, growing as the plan assigns
 * appointments: the slot engine's BusyIndex, so steps 2 and 3 see the plan's own choices.
 */
class WorkingSet implements BusyIndex {
  private readonly byStaff = new Map<string, BusyBlock[]>();
  private readonly maxLen = new Map<string, number>();
  add(staffId: string, start: number, end: number, id?: string): void {
    let list = this.byStaff.get(staffId);
    if (!list) this.byStaff.set(staffId, (list = []));
    list.splice(lowerBound(list, start), 0, id === undefined ? { start, end } : { start, end, id });
    this.maxLen.set(staffId, Math.max(this.maxLen.get(staffId) ?? 0, end - start));
  }
  blocks(staffId: string): readonly BusyBlock[] {
    return this.byStaff.get(staffId) ?? [];
  }
  maxLength(staffId: string): number {
    return this.maxLen.get(staffId) ?? 0;
  }
  /** Blocks starting on a local day: the load that spreads work fairly. */
  loadOn(staffId: string, day: { start: number; end: number }): number {
    return this.blocks(staffId).filter((b) => b.start >= day.start && b.start < day.end).length;
  }
}

const REMOTE_PREFERENCE: readonly Channel[] = ['video', 'phone'];

/**
 * The remote channel an in-person appointment becomes: video first, else phone, each only when it
 * reaches the citizen (channelReaches). None when neither does; then a colleague on site or another
 * time is looked for.
 */
export function remoteChannelFor(service: Service, citizen: Appointment['citizen']): Channel | undefined {
  return remoteChannelsFor(service, citizen)[0];
}

/** The remote channels of the service that reach the citizen, in order of preference. */
function remoteChannelsFor(service: Service, citizen: Appointment['citizen']): Channel[] {
  return REMOTE_PREFERENCE.filter((c) => service.channels.includes(c) && channelReaches(c, citizen));
}

/** The service of an appointment as the slot engine sees it (several combined); undefined when unknown. */
function serviceOf(dir: Directory, a: Appointment): Service | undefined {
  try {
    return serviceFor(dir, serviceIdsOf(a));
  } catch {
    return undefined;
  }
}

interface Context {
  dir: Directory;
  /** New and recorded absences: the availability rules see them all. */
  absences: readonly Absence[];
  busy: WorkingSet;
  now: number;
}

/**
 * Whether `staff` may take the placement: the whole block inside one bookable interval of the
 * channel (hours, holidays, on-site rule, absence mode: availability.ts) and free in the working set.
 */
function fits(ctx: Context, staff: Staff, p: Placement): boolean {
  if (p.start < ctx.now) return false;
  const day = localDateOf(p.start);
  const intervals = bookableIntervals(ctx.dir, staff, day, p.channel, absenceModeOn(ctx.absences, staff.id, day));
  return (
    intervals.some((i) => i.start <= p.blockStart && p.blockEnd <= i.end) &&
    isBlockFree(ctx.busy, staff.id, p.blockStart, p.blockEnd)
  );
}

function placement(staffId: string, channel: Channel, start: number, service: Service): Placement {
  return { staffId, channel, ...blockFor(service, start) };
}

/** Colleagues who offer the service, the other shift team first, then the same team, then others; by load, then directory order. */
function colleagues(ctx: Context, original: Staff, serviceIds: readonly string[], day: LocalDate): Staff[] {
  const index = indexDirectory(ctx.dir);
  const rotation = ctx.dir.rotation;
  const otherShiftTeam =
    index.teamById(original.team)?.shift && rotation ? rotation.teams.find((t) => t !== original.team) : undefined;
  const bounds = localDayBounds(day);
  const rank = (s: Staff) => (s.team === otherShiftTeam ? 0 : s.team === original.team ? 1 : 2);
  return ctx.dir.staff
    .filter((s) => s.id !== original.id && offersAll(s, serviceIds))
    .map((s, order) => ({ s, r: rank(s), load: ctx.busy.loadOn(s.id, bounds), order }))
    .sort((a, b) => a.r - b.r || a.load - b.load || a.order - b.order)
    .map((x) => x.s);
}

/** Step 2: the same time with a colleague; the original channel if they can, else a remote one. */
function reassignSameTime(ctx: Context, appt: Appointment, original: Staff, service: Service): Placement | undefined {
  const channels = [appt.channel, ...remoteChannelsFor(service, appt.citizen).filter((c) => c !== appt.channel)];
  for (const colleague of colleagues(ctx, original, serviceIdsOf(appt), localDateOf(appt.start))) {
    for (const channel of channels) {
      const p = placement(colleague.id, channel, appt.start, service);
      if (fits(ctx, colleague, p)) return p;
    }
  }
  return undefined;
}

/**
 * Step 3: the slot engine's earliest slot on the same channel with any qualified staff member
 * (minimum notice, horizon, least-loaded first), not before the original start and within `searchDays`.
 */
function earliestSlot(ctx: Context, appt: Appointment, service: Service, searchDays: number): Placement | undefined {
  const data = { directory: ctx.dir, busy: ctx.busy, absences: ctx.absences, now: ctx.now };
  const ids = serviceIdsOf(appt);
  const query = { serviceId: service.id, ...(ids.length > 1 ? { serviceIds: ids } : {}), channel: appt.channel };
  const firstDay = localDateOf(appt.start);
  const latest = localDayBounds(addDays(firstDay, searchDays)).end;
  const ok = (s: Slot) => s.start >= appt.start && s.start < latest;
  const sameDay =
    firstDay >= localDateOf(ctx.now) ? findSlotsOnDay(data, { ...query, date: firstDay }).slots.find(ok) : undefined;
  const slot =
    sameDay ?? findEarliestSlots(data, { ...query, fromDate: addDays(firstDay, 1), count: 1 }).slots.find(ok);
  return (
    slot && {
      staffId: slot.staffId,
      channel: slot.channel,
      start: slot.start,
      end: slot.end,
      blockStart: slot.blockStart,
      blockEnd: slot.blockEnd,
    }
  );
}

function fromOf(a: Appointment): Placement {
  return {
    staffId: a.staffId,
    channel: a.channel,
    start: a.start,
    end: a.end,
    blockStart: a.blockStart,
    blockEnd: a.blockEnd,
  };
}

/** Whether an appointment is hit by the new absences: fully absent, or in person while home office only. */
function isAffected(newAbsences: readonly Absence[], a: Appointment, now: number): boolean {
  if (a.status !== 'booked' || a.start < now) return false;
  const mode = absenceModeOn(newAbsences, a.staffId, localDateOf(a.start));
  return mode === 'absent' || (mode === 'home-office-only' && a.channel === 'in-person');
}

export function proposeReplan(input: ReplanInput): Plan {
  const { directory, now } = input;
  const searchDays = input.searchDays ?? DEFAULT_SEARCH_DAYS;
  const index = indexDirectory(directory);
  const newAbsences = input.absences;
  const ctx: Context = {
    dir: directory,
    absences: [...input.absences, ...(input.otherAbsences ?? [])],
    busy: new WorkingSet(),
    now,
  };

  const affected: Appointment[] = [];
  for (const a of input.appointments) {
    if (isAffected(newAbsences, a, now)) affected.push(a);
    // Completed and no-show appointments keep their block, as in the slot engine.
    else if (a.status !== 'cancelled') ctx.busy.add(a.staffId, a.blockStart, a.blockEnd, a.id);
  }
  for (const h of input.holds ?? []) if (h.expiresAt > now) ctx.busy.add(h.staffId, h.blockStart, h.blockEnd, h.token);
  affected.sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));

  const decided = new Map<string, PlanItem>();
  const item = (a: Appointment, action: PlanAction, to?: Placement, reason?: UnplacedReason): PlanItem => ({
    appointmentId: a.id,
    expectedSequence: a.sequence,
    serviceId: a.serviceId,
    ...(serviceIdsOf(a).length > 1 ? { serviceIds: serviceIdsOf(a) } : {}),
    action,
    from: fromOf(a),
    ...(to ? { to } : {}),
    ...(reason ? { reason } : {}),
  });
  const take = (a: Appointment, action: PlanAction, to: Placement) => {
    ctx.busy.add(to.staffId, to.blockStart, to.blockEnd, a.id);
    decided.set(a.id, item(a, action, to));
  };

  // Pass 1: conversions keep their own person and time, so they go first and keep their blocks.
  for (const a of affected) {
    const staff = index.staffById(a.staffId);
    const service = serviceOf(input.directory, a);
    if (!staff || !service || absenceModeOn(newAbsences, a.staffId, localDateOf(a.start)) !== 'home-office-only')
      continue;
    const channel = remoteChannelFor(service, a.citizen);
    if (!channel) continue;
    const p: Placement = { ...fromOf(a), channel };
    if (fits(ctx, staff, p)) take(a, 'convert', p);
  }

  // Pass 2: the rest, in time order: same time with a colleague, else the earliest slot, else unplaced.
  for (const a of affected) {
    if (decided.has(a.id)) continue;
    const staff = index.staffById(a.staffId);
    const service = serviceOf(input.directory, a);
    if (!staff || !service) {
      decided.set(a.id, item(a, 'unplaced', undefined, 'no-qualified-colleague'));
      continue;
    }
    const same = reassignSameTime(ctx, a, staff, service);
    if (same) {
      take(a, 'reassign', same);
      continue;
    }
    const later = earliestSlot(ctx, a, service, searchDays);
    if (later) {
      take(a, 'reschedule', later);
      continue;
    }
    const anyone = input.directory.staff.some((s) => s.id !== staff.id && offersAll(s, serviceIdsOf(a)));
    decided.set(a.id, item(a, 'unplaced', undefined, anyone ? 'no-free-slot' : 'no-qualified-colleague'));
  }

  const items = affected.map((a) => decided.get(a.id)!);
  return { computedAt: now, absenceIds: input.absences.map((a) => a.id), items, counts: countPlanItems(items) };
}

/** How many items of a plan take each action (also for a plan whose items were partly applied). */
export function countPlanItems(items: readonly PlanItem[]): PlanCounts {
  const counts: PlanCounts = { converted: 0, reassigned: 0, rescheduled: 0, unplaced: 0 };
  for (const i of items) {
    if (i.action === 'convert') counts.converted++;
    else if (i.action === 'reassign') counts.reassigned++;
    else if (i.action === 'reschedule') counts.rescheduled++;
    else counts.unplaced++;
  }
  return counts;
}
