/**
 * The slot engine: pure functions of (directory, busy blocks, absences, now).
 *
 * A slot is a consultation [start, end) with its block [start - bufferBefore, end + bufferAfter).
 * A slot is free for a staff member when the whole block lies in one bookable interval of the
 * channel (src/domain/availability.ts) and overlaps none of their busy blocks (booked appointments
 * and other people's unexpired holds, buffers included).
 *
 * Grid: inside every free gap the first slot starts as early as the gap allows (rounded up to
 * 5 minutes), further slots follow every `slotStepMinutes(service)` minutes (15, or the duration when
 * shorter). So the first working slot is at the start of the hours, and a slot right after an
 * existing appointment is offered (no gaps wasted), while a day view stays readable.
 *
 * Speed: busy blocks are kept per staff member in arrays sorted by start; each day of each staff
 * member is one binary search and a linear sweep over that day's blocks.
 */
import { splitByDay } from './calendar-busy';
import { DomainError } from './errors';
import { absenceModeOn, bookableIntervals } from './availability';
import { indexDirectory, type DirectoryIndex } from './directory-index';
import { offersAll, serviceFor } from './services';
import type { Interval } from './shifts';
import { addDays, localDateOf, localDayBounds, MINUTE } from './time';
import type { Absence, Appointment, Channel, Directory, LocalDate, Service, Staff } from './types';

export interface BusyBlock {
  start: number;
  end: number;
  /** Appointment id (or hold token), so a reschedule can ignore its own block. */
  id?: string;
}

/** Busy blocks per staff member, sorted by start. Build it with `buildBusyIndex`. */
export interface BusyIndex {
  blocks(staffId: string): readonly BusyBlock[];
  /** Longest block of that staff member: how far back a block can reach into an interval. */
  maxLength(staffId: string): number;
  /** Staff whose own calendar has not been read yet: busy all the time (see `buildBusyIndex`). */
  readonly unread?: ReadonlySet<string>;
}

export interface HoldBlock {
  staffId: string;
  blockStart: number;
  blockEnd: number;
  expiresAt: number;
  token?: string;
}

/** A busy block synced from a staff member's own calendar (src/calendars); it has no id. */
export interface CalendarBusyBlock {
  staffId: string;
  start: number;
  end: number;
}

/**
 * Busy blocks from appointments (cancelled ones are free again), unexpired holds and the staff
 * members' own calendars (Outlook/CalDAV meetings, split into pieces of at most a day so the
 * look-back stays short; they count as load like appointments do).
 * Completed and no-show appointments keep their block (the time was used).
 * A staff member whose own calendar has not been read yet (`unreadCalendars`) is busy all the time:
 * what is in that calendar is unknown, so none of their times is offered.
 */
export function buildBusyIndex(
  appointments: Iterable<Pick<Appointment, 'id' | 'staffId' | 'blockStart' | 'blockEnd' | 'status'>>,
  holds: Iterable<HoldBlock> = [],
  now = Number.NEGATIVE_INFINITY,
  calendarBusy: Iterable<CalendarBusyBlock> = [],
  unreadCalendars: Iterable<string> = [],
): BusyIndex {
  const byStaff = new Map<string, BusyBlock[]>();
  const push = (staffId: string, b: BusyBlock) => {
    const list = byStaff.get(staffId);
    if (list) list.push(b);
    else byStaff.set(staffId, [b]);
  };
  for (const a of appointments)
    if (a.status !== 'cancelled') push(a.staffId, { start: a.blockStart, end: a.blockEnd, id: a.id });
  for (const h of holds) if (h.expiresAt > now) push(h.staffId, { start: h.blockStart, end: h.blockEnd, id: h.token });
  for (const c of calendarBusy) for (const piece of splitByDay(c)) push(c.staffId, piece);
  const unread = new Set(unreadCalendars);
  for (const staffId of unread)
    byStaff.set(staffId, [{ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }]);
  const maxLen = new Map<string, number>();
  for (const [staffId, list] of byStaff) {
    list.sort((x, y) => x.start - y.start);
    maxLen.set(
      staffId,
      list.reduce((m, b) => Math.max(m, b.end - b.start), 0),
    );
  }
  return {
    blocks: (id) => byStaff.get(id) ?? [],
    maxLength: (id) => maxLen.get(id) ?? 0,
    ...(unread.size ? { unread } : {}),
  };
}

export interface SlotSearchData {
  directory: Directory;
  busy: BusyIndex;
  /** Absences of anyone (only the ones overlapping the search matter). */
  absences: readonly Absence[];
  now: number;
}

export interface SlotQuery {
  /** The (primary) service. */
  serviceId: string;
  /**
   * Several services in one appointment (src/domain/services.ts), `serviceId` first; durations add
   * up and only staff who offer all of them are candidates. Absent: just `serviceId`.
   */
  serviceIds?: readonly string[];
  channel: Channel;
  /** Only this staff member. */
  staffId?: string;
  /** Only members of this team. */
  teamId?: string;
  /** Only these staff members (the pool the booker may book into); absent: everyone who offers it. */
  staffIds?: readonly string[];
  /** Search from this local date on (default: today). */
  fromDate?: LocalDate;
  /** How many slots (distinct start times); default 5. */
  count?: number;
  /** Busy blocks with these ids do not count (the appointment being rescheduled, one's own hold). */
  ignoreIds?: readonly string[];
}

export interface Slot {
  staffId: string;
  serviceId: string;
  /** Set when the slot is for several services (see SlotQuery.serviceIds). */
  serviceIds?: string[];
  channel: Channel;
  start: number;
  end: number;
  blockStart: number;
  blockEnd: number;
}

/**
 * Why no slot was found: nobody offers the service on that channel (with the filters given), the
 * requested day is outside [today, last bookable day], nobody qualified works that day, or all is
 * booked until the horizon.
 */
export type NoSlotReason = 'no-staff-offers' | 'outside-horizon' | 'not-working' | 'fully-booked';

export interface SlotSearchResult {
  slots: Slot[];
  /** Set when `slots` is empty. */
  reason?: NoSlotReason;
  /** The last local date that may be booked for this service (today + horizonDays). */
  lastBookableDate: LocalDate;
}

const FIVE_MIN = 5 * MINUTE;

/** Minutes between offered slots inside a free gap: 15, or the duration when shorter (min. 5). */
export function slotStepMinutes(service: Pick<Service, 'durationMin'>): number {
  return Math.max(5, Math.min(15, service.durationMin));
}

/**
 * Whether a start lies on the raster every start the search offers lies on: gap starts are rounded
 * up to 5 minutes and the step is 5, 10 or 15 minutes, so every 5 minutes (10:00, 10:20, 10:35; not
 * 10:27 or 10:21). A service whose step is no multiple of 5 (a 7-minute consultation) steps from a
 * 5-minute start by 7, so any whole minute. Berlin's offset is whole hours: UTC and local agree.
 *
 * Bookings and moves that name a start themselves (a card, the citizen's reschedule form) are held
 * to it in `validateBooking`. Which of these starts is free is the search's and the store's business.
 */
export function onSlotGrid(service: Pick<Service, 'durationMin'>, start: number): boolean {
  const unit = slotStepMinutes(service) % 5 === 0 ? FIVE_MIN : MINUTE;
  return start % unit === 0;
}

/** The consultation and its block for a start instant. */
export function blockFor(
  service: Pick<Service, 'durationMin' | 'bufferBeforeMin' | 'bufferAfterMin'>,
  start: number,
  end = start + service.durationMin * MINUTE,
) {
  return {
    start,
    end,
    blockStart: start - service.bufferBeforeMin * MINUTE,
    blockEnd: end + service.bufferAfterMin * MINUTE,
  };
}

/** The earliest start minimum notice allows. */
export function earliestStart(service: Pick<Service, 'minNoticeMin'>, now: number): number {
  return now + service.minNoticeMin * MINUTE;
}

/** The last local date on which the service may be booked: today + horizonDays (inclusive). */
export function lastBookableDate(service: Pick<Service, 'horizonDays'>, now: number): LocalDate {
  return addDays(localDateOf(now), service.horizonDays);
}

/** Consultation starts must lie before this instant (end of the last bookable day). */
export function horizonEnd(service: Pick<Service, 'horizonDays'>, now: number): number {
  return localDayBounds(lastBookableDate(service, now)).end;
}

interface Resolved {
  index: DirectoryIndex;
  /** The service, or the combination of several (src/domain/services.ts). */
  service: Service;
  candidates: Staff[];
  serviceIds: string[] | undefined;
}

/** The service ids a query is for: `serviceIds` when given, else `serviceId`. */
export const queryServiceIds = (query: Pick<SlotQuery, 'serviceId' | 'serviceIds'>): readonly string[] =>
  query.serviceIds && query.serviceIds.length > 0 ? query.serviceIds : [query.serviceId];

/** Checks the query against the directory; throws DomainError for unknown ids and channels. */
function resolve(directory: Directory, query: SlotQuery): Resolved {
  const index = indexDirectory(directory);
  const ids = queryServiceIds(query);
  const service = serviceFor(directory, ids);
  if (!service.channels.includes(query.channel))
    throw new DomainError('channel-not-offered', `${ids.join('+')} is not offered by ${query.channel}`, {
      channel: query.channel,
    });
  let candidates =
    ids.length === 1 ? [...index.staffOffering(service.id)] : directory.staff.filter((s) => offersAll(s, ids));
  if (query.staffId) {
    const staff = index.staffById(query.staffId);
    if (!staff) throw new DomainError('unknown-staff', `staff ${query.staffId}`);
    if (!offersAll(staff, ids))
      throw new DomainError('service-not-offered-by-staff', `${staff.id} does not offer ${ids.join('+')}`);
    candidates = [staff];
  }
  if (query.teamId) candidates = candidates.filter((s) => s.team === query.teamId);
  if (query.staffIds) {
    const allowed = new Set(query.staffIds);
    candidates = candidates.filter((s) => allowed.has(s.id));
  }
  return { index, service, candidates, serviceIds: ids.length > 1 ? [...ids] : undefined };
}

/** First index whose block start is >= t. */
export function lowerBound(blocks: readonly BusyBlock[], t: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const roundUp5 = (ms: number) => Math.ceil(ms / FIVE_MIN) * FIVE_MIN;

interface DayScan {
  service: Service;
  channel: Channel;
  notBefore: number;
  notAfter: number;
  stepMs: number;
  ignore: ReadonlySet<string>;
}

/**
 * Free slot starts of one staff member inside the given intervals, earliest first, at most `limit`.
 * A sweep over the sorted busy blocks: every gap between them yields grid starts.
 */
function freeStartsIn(
  intervals: readonly Interval[],
  blocks: readonly BusyBlock[],
  maxLen: number,
  scan: DayScan,
  limit: number,
): number[] {
  const out: number[] = [];
  const before = scan.service.bufferBeforeMin * MINUTE;
  const length = (scan.service.bufferBeforeMin + scan.service.durationMin + scan.service.bufferAfterMin) * MINUTE;
  const emitGap = (gapStart: number, gapEnd: number) => {
    let start = roundUp5(gapStart + before);
    if (start < scan.notBefore) start += Math.ceil((scan.notBefore - start) / scan.stepMs) * scan.stepMs;
    for (; start - before + length <= gapEnd && start < scan.notAfter && out.length < limit; start += scan.stepMs)
      out.push(start);
  };
  for (const iv of intervals) {
    if (out.length >= limit || iv.start >= scan.notAfter) break;
    let cursor = iv.start;
    for (let i = lowerBound(blocks, iv.start - maxLen); i < blocks.length && out.length < limit; i++) {
      const b = blocks[i]!;
      if (b.start >= iv.end) break;
      if (b.end <= cursor || (b.id !== undefined && scan.ignore.has(b.id))) continue;
      if (b.start > cursor) emitGap(cursor, b.start);
      cursor = Math.max(cursor, b.end);
    }
    if (cursor < iv.end) emitGap(cursor, iv.end);
  }
  return out;
}

/** Blocks of a staff member starting on a local day: the load that fairness compares. */
function loadOn(busy: BusyIndex, staffId: string, day: Interval): number {
  const blocks = busy.blocks(staffId);
  return lowerBound(blocks, day.end) - lowerBound(blocks, day.start);
}

/**
 * Tie-break among equally loaded candidates for one start time: a rotation seeded by the start
 * (in 5-minute units), so equally free colleagues take turns from one start time to the next and
 * from one search to the next, never always the first of the directory file. Deterministic
 * (a function of the start and the candidate's position), hence testable. Lower rank wins.
 */
export function rotationRank(order: number, candidates: number, start: number): number {
  const seed = Math.floor(start / FIVE_MIN) % candidates;
  return (order - seed + candidates) % candidates;
}

function scanFor(data: SlotSearchData, service: Service, query: SlotQuery): DayScan {
  return {
    service,
    channel: query.channel,
    notBefore: earliestStart(service, data.now),
    notAfter: horizonEnd(service, data.now),
    stepMs: slotStepMinutes(service) * MINUTE,
    ignore: new Set(query.ignoreIds ?? []),
  };
}

/**
 * All free slots of one local day, one per distinct start time, each given to the least-loaded
 * qualified staff member free then (load: their blocks that day; ties: `rotationRank`).
 * `limit` caps the number of times.
 */
function slotsOfDay(
  data: SlotSearchData,
  r: Resolved,
  scan: DayScan,
  date: LocalDate,
  limit: number,
): { slots: Slot[]; anyoneWorks: boolean } {
  const { service } = r;
  const day = localDayBounds(date);
  const best = new Map<number, { staff: Staff; load: number; rank: number }>();
  const n = r.candidates.length;
  let anyoneWorks = false;
  r.candidates.forEach((staff, order) => {
    const intervals = bookableIntervals(
      data.directory,
      staff,
      date,
      scan.channel,
      absenceModeOn(data.absences, staff.id, date),
    );
    if (intervals.length === 0) return;
    anyoneWorks = true;
    const starts = freeStartsIn(intervals, data.busy.blocks(staff.id), data.busy.maxLength(staff.id), scan, limit);
    if (starts.length === 0) return;
    const load = loadOn(data.busy, staff.id, day);
    for (const start of starts) {
      const current = best.get(start);
      if (current && load > current.load) continue;
      const rank = rotationRank(order, n, start);
      if (!current || load < current.load || rank < current.rank) best.set(start, { staff, load, rank });
    }
  });
  const slots = [...best.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, limit)
    .map(([start, { staff }]) => ({
      staffId: staff.id,
      serviceId: service.id,
      ...(r.serviceIds ? { serviceIds: r.serviceIds } : {}),
      channel: scan.channel,
      ...blockFor(service, start),
    }));
  return { slots, anyoneWorks };
}

/**
 * The earliest `count` free slots (distinct start times) for a service on a channel, from
 * `fromDate` (default today) up to the booking horizon. Throws DomainError for unknown
 * service/staff and for a channel the service does not offer.
 */
export function findEarliestSlots(data: SlotSearchData, query: SlotQuery): SlotSearchResult {
  const r = resolve(data.directory, query);
  const count = query.count ?? 5;
  const today = localDateOf(data.now);
  const last = lastBookableDate(r.service, data.now);
  if (r.candidates.length === 0) return { slots: [], reason: 'no-staff-offers', lastBookableDate: last };
  const from = query.fromDate && query.fromDate > today ? query.fromDate : today;
  if (from > last) return { slots: [], reason: 'outside-horizon', lastBookableDate: last };
  const scan = scanFor(data, r.service, query);
  const slots: Slot[] = [];
  let anyoneWorks = false;
  for (let date = from; date <= last && slots.length < count; date = addDays(date, 1)) {
    const day = slotsOfDay(data, r, scan, date, count - slots.length);
    anyoneWorks ||= day.anyoneWorks;
    slots.push(...day.slots);
  }
  if (slots.length > 0) return { slots, lastBookableDate: last };
  return { slots, reason: anyoneWorks ? 'fully-booked' : 'not-working', lastBookableDate: last };
}

/** All free slots of one local day (distinct start times, least-loaded staff member for each). */
export function findSlotsOnDay(data: SlotSearchData, query: SlotQuery & { date: LocalDate }): SlotSearchResult {
  const r = resolve(data.directory, query);
  const last = lastBookableDate(r.service, data.now);
  if (r.candidates.length === 0) return { slots: [], reason: 'no-staff-offers', lastBookableDate: last };
  if (query.date < localDateOf(data.now) || query.date > last)
    return { slots: [], reason: 'outside-horizon', lastBookableDate: last };
  const day = slotsOfDay(data, r, scanFor(data, r.service, query), query.date, Number.MAX_SAFE_INTEGER);
  if (day.slots.length > 0) return { slots: day.slots, lastBookableDate: last };
  return { slots: [], reason: day.anyoneWorks ? 'fully-booked' : 'not-working', lastBookableDate: last };
}

/** Whether one staff member has nothing in a block (replanning checks a colleague with it). */
export function isBlockFree(busy: BusyIndex, staffId: string, blockStart: number, blockEnd: number): boolean {
  const blocks = busy.blocks(staffId);
  for (let i = lowerBound(blocks, blockStart - busy.maxLength(staffId)); i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.start >= blockEnd) break;
    if (b.end > blockStart) return false;
  }
  return true;
}
