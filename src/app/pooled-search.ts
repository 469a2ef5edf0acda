/**
 * Pooled slot search (journey 1, "Termin buchen"): the earliest free slots with ANYONE the booker may
 * book who offers the service(s) on the channel — both shift teams; in person only in a colleague's
 * on-site shift, phone/video also from home — fairly spread (least load that day, ties rotate; see
 * src/domain/slots.ts). Or only "bei mir" (`'me'`) or a named colleague (`{ staffId }`).
 *
 * Bad input changes nothing and is answered with what is possible instead: a channel the service
 * does not offer is replaced by one it does, an impossible day, a day in the past or past the horizon
 * by the earliest free slots, a time outside working hours or already taken by the nearest free
 * times; each such change is listed in `notices`, so the card can say it in plain words.
 * Unknown service ids throw DomainError('unknown-service'); a colleague one may not book throws
 * 'not-allowed'.
 */
import { firstDayWorkedAfter, workWindows, absenceModeOn } from '../domain/availability';
import { bookingPool, mayBookInto } from '../domain/booking-rights';
import type { Clock } from '../domain/clock';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { offersAll, serviceFor } from '../domain/services';
import {
  blockFor,
  earliestStart,
  findEarliestSlots,
  findSlotsOnDay,
  horizonEnd,
  lastBookableDate,
  type BusyIndex,
  type NoSlotReason,
  type Slot,
  type SlotSearchData,
  type SlotSearchResult,
} from '../domain/slots';
import { startsInPartOfDay, type PartOfDay } from '../domain/part-of-day';
import {
  addDays,
  isLocalDate,
  localDateOf,
  localDateTime,
  localDayBounds,
  localTimeOf,
  startOfLocalDay,
} from '../domain/time';
import type { Absence, Channel, Directory, LocalDate, Staff } from '../domain/types';
import type { AbsenceReader } from './ports';

/** Whose calendars to search: everyone the booker may book ('pool'), the booker ('me'), or one colleague. */
export type StaffChoice = 'pool' | 'me' | { staffId: string };

/** Morning, midday, afternoon, evening: the windows of the domain (part-of-day.ts), one place. */
export type { PartOfDay };

export interface PooledSearchRequest {
  /** Staff id of the clerk who books. */
  bookedBy: string;
  /** One service, or several for one appointment (the first is the primary one). */
  serviceIds: readonly string[];
  channel: Channel;
  staffChoice: StaffChoice;
  /** Only this local day (YYYY-MM-DD); an impossible or unbookable day is noticed and dropped. */
  day?: string;
  partOfDay?: PartOfDay;
  /** A wished start time HH:MM (with `day`): that time first if free, else the nearest free ones. */
  time?: string;
  /** Page on: only slots starting after this instant. */
  after?: number;
  /** How many slots; default 6. */
  count?: number;
  /** The appointment being rescheduled: its own block is free. */
  ignoreAppointmentId?: string;
}

export interface PooledSlot {
  staffId: string;
  staffName: string;
  teamId: string;
  teamName: string;
  /** Whether the colleague is in the town hall then (always for in person; phone/video may be from home). */
  onSite: boolean;
  serviceIds: string[];
  channel: Channel;
  start: number;
  end: number;
}

/** What the search changed or could not do, for the card to say (never personal data). */
export type SearchNotice =
  | { code: 'channel-not-offered'; requested: Channel; channels: Channel[] }
  | { code: 'invalid-date'; requested: string }
  | { code: 'day-in-past'; requested: LocalDate }
  | { code: 'outside-horizon'; requested: LocalDate; lastBookableDate: LocalDate }
  | { code: 'day-not-working'; requested: LocalDate }
  | { code: 'day-fully-booked'; requested: LocalDate }
  | { code: 'part-of-day-full'; requested: LocalDate; partOfDay: PartOfDay }
  | { code: 'time-outside-hours'; requested: string }
  | { code: 'time-taken'; requested: string }
  | { code: 'invalid-time'; requested: string }
  /** Colleagues of the pool whose own calendar has not been read yet: none of their times is offered. */
  | { code: 'calendars-not-read'; staffNames: string[] };

export interface PooledSearchResult {
  slots: PooledSlot[];
  serviceIds: string[];
  /** The channel searched (the requested one unless a `channel-not-offered` notice says otherwise). */
  channel: Channel;
  /** All channels the service (combination) allows. */
  channels: Channel[];
  durationMin: number;
  /** The staff searched (pool members in directory order). */
  staffIds: string[];
  /** The day searched, when the search was for one day. */
  day?: LocalDate;
  notices: SearchNotice[];
  /** Set when `slots` is empty. */
  reason?: NoSlotReason;
  lastBookableDate: LocalDate;
}

export interface PooledSearchDeps {
  directory: Directory;
  clock: Clock;
  store: { busyIndex(staffIds: readonly string[], from: number, to: number): Promise<BusyIndex> };
  absences: AbsenceReader;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The staff a search covers; throws 'unknown-staff', 'not-allowed', 'service-not-offered-by-staff'. */
export function poolFor(directory: Directory, bookedBy: string, ids: readonly string[], choice: StaffChoice): Staff[] {
  const index = indexDirectory(directory);
  const actor = index.staffById(bookedBy);
  if (!actor) throw new DomainError('unknown-staff', bookedBy);
  if (choice === 'pool') return bookingPool(directory, actor, ids);
  const target = choice === 'me' ? actor : index.staffById(choice.staffId);
  if (!target) throw new DomainError('unknown-staff', choice === 'me' ? bookedBy : choice.staffId);
  if (!mayBookInto(directory, actor, target, ids))
    throw new DomainError('not-allowed', 'booking into a colleague the directory does not allow');
  if (!offersAll(target, ids)) throw new DomainError('service-not-offered-by-staff', `${target.id}/${ids.join('+')}`);
  return [target];
}

/** Whether a staff member works on site at an instant (the "vor Ort" / "von zu Hause" of a slot). */
export function onSiteAt(directory: Directory, staff: Staff, absences: readonly Absence[], instant: number): boolean {
  const date = localDateOf(instant);
  if (absenceModeOn(absences, staff.id, date) === 'home-office-only') return false;
  return workWindows(directory, staff, date).some((w) => w.onSite && w.start <= instant && instant < w.end);
}

export async function findPooledSlots(deps: PooledSearchDeps, req: PooledSearchRequest): Promise<PooledSearchResult> {
  const { directory } = deps;
  const ids = [...new Set(req.serviceIds)];
  const service = serviceFor(directory, ids);
  if (service.channels.length === 0)
    throw new DomainError('channel-not-offered', `${ids.join('+')} share no channel`, { channel: req.channel });
  const notices: SearchNotice[] = [];
  let channel = req.channel;
  if (!service.channels.includes(channel)) {
    notices.push({ code: 'channel-not-offered', requested: channel, channels: [...service.channels] });
    channel = service.channels[0]!;
  }
  const pool = poolFor(directory, req.bookedBy, ids, req.staffChoice);
  const now = deps.clock.now();
  const today = localDateOf(now);
  const last = lastBookableDate(service, now);
  const base: PooledSearchResult = {
    slots: [],
    serviceIds: ids,
    channel,
    channels: [...service.channels],
    durationMin: service.durationMin,
    staffIds: pool.map((s) => s.id),
    notices,
    lastBookableDate: last,
  };
  if (pool.length === 0) return { ...base, reason: 'no-staff-offers' };

  let day: LocalDate | undefined;
  if (req.day !== undefined) {
    if (!isLocalDate(req.day)) notices.push({ code: 'invalid-date', requested: req.day });
    else if (req.day < today) notices.push({ code: 'day-in-past', requested: req.day });
    else if (req.day > last) notices.push({ code: 'outside-horizon', requested: req.day, lastBookableDate: last });
    else day = req.day;
  }
  let time: string | undefined;
  if (req.time !== undefined) {
    if (HHMM.test(req.time)) time = req.time;
    else notices.push({ code: 'invalid-time', requested: req.time });
  }

  const count = req.count ?? 6;
  const from =
    req.after !== undefined ? Math.max(now, req.after + 1) : day ? Math.max(now, localDayBounds(day).start) : now;
  const to = horizonEnd(service, now);
  // Read once, together with the first days' busy blocks.
  const absencesRead = deps.absences.listOverlapping(localDateOf(from), localDateOf(to));
  let absences: readonly Absence[] = [];
  let unreadNoticed = false;
  const query = {
    serviceId: ids[0]!,
    ...(ids.length > 1 ? { serviceIds: ids } : {}),
    channel,
    staffIds: base.staffIds,
    ...(req.ignoreAppointmentId ? { ignoreIds: [req.ignoreAppointmentId] } : {}),
  };
  // How far a slot's block reaches before its start and after it (buffers, duration).
  const reach = blockFor(service, 0);
  /**
   * The search data with the busy blocks that can touch a slot starting in the local days
   * [fromDate, untilDate): the blocks overlapping those days widened by the reach of a slot's block
   * (busyIndex finds blocks that start earlier and reach in). A slot starting before `untilDate` is
   * judged exactly as with the whole horizon read; a day either side was read before, for nothing.
   */
  const notBefore = earliestStart(service, now);
  const window = async (fromDate: LocalDate, untilDate: LocalDate) => {
    const until = Math.min(localDayBounds(untilDate).start, to);
    // Leading days on which nobody works after the earliest bookable start are not read.
    const first = firstDayWorkedAfter(directory, pool, fromDate, untilDate, notBefore);
    const start = first === fromDate ? Math.min(from, startOfLocalDay(fromDate)) : startOfLocalDay(first);
    const [busy, read] = await Promise.all([
      deps.store.busyIndex(base.staffIds, start + reach.blockStart, until + reach.blockEnd),
      absencesRead,
    ]);
    absences = read;
    if (!unreadNoticed) {
      unreadNoticed = true;
      const unread = pool.filter((s) => busy.unread?.has(s.id));
      if (unread.length) notices.push({ code: 'calendars-not-read', staffNames: unread.map((s) => s.name) });
    }
    return { data: { directory, busy, absences, now } satisfies SlotSearchData, until };
  };
  const inPart = (s: Slot) => !req.partOfDay || startsInPartOfDay(s.start, req.partOfDay);
  const later = (s: Slot) => s.start >= from && (req.after === undefined || s.start > req.after);
  const toPooled = (slots: readonly Slot[]) => slots.map((s) => pooledSlot(directory, absences, s, ids));

  if (day && req.after === undefined) {
    // A named day reads that day only (the nearest days after it only when it has nothing).
    const { data } = await window(day, addDays(day, 1));
    if (!time && !req.partOfDay) {
      // The common case, cheap: the earliest slots from that day on, kept if they are on that day.
      const r = findEarliestSlots(data, { ...query, fromDate: day, count });
      const onDay = r.slots.filter((s) => localDateOf(s.start) === day && later(s));
      if (onDay.length > 0) return { ...base, day, slots: toPooled(onDay) };
    }
    const onDay = findSlotsOnDay(data, { ...query, date: day });
    const free = onDay.slots.filter(later);
    const wanted = free.filter(inPart);
    if (time) {
      const t = localDateTime(day, time);
      if (!wanted.some((s) => s.start === t))
        notices.push(
          worksAt(directory, pool, absences, channel, t)
            ? { code: 'time-taken', requested: time }
            : { code: 'time-outside-hours', requested: time },
        );
      // The wished time first if free, then the nearest free times of that day, in time order.
      const nearest = [...wanted]
        .sort((a, b) => Math.abs(a.start - t) - Math.abs(b.start - t) || a.start - b.start)
        .slice(0, count)
        .sort((a, b) => a.start - b.start);
      if (nearest.length > 0) return { ...base, day, slots: toPooled(nearest) };
    } else if (wanted.length > 0) return { ...base, day, slots: toPooled(wanted.slice(0, count)) };
    notices.push(
      free.length > 0 && req.partOfDay
        ? { code: 'part-of-day-full', requested: day, partOfDay: req.partOfDay }
        : onDay.reason === 'not-working'
          ? { code: 'day-not-working', requested: day }
          : { code: 'day-fully-booked', requested: day },
    );
    // Nothing that day: the nearest days after it that have slots (in the part of the day, if asked).
    return earliest(addDays(day, 1));
  }
  return earliest(localDateOf(from));

  /**
   * The earliest slots from `fromDate` on. Reads one day first and widens (doubling) only until the
   * days read hold enough slots, or the horizon is reached: the cost follows the days the answer
   * needs, not the horizon.
   */
  async function earliest(fromDate: LocalDate): Promise<PooledSearchResult> {
    // A part of the day filters afterwards: ask for enough to fill `count` after filtering; a next
    // page drops the slots of its first day up to `after`. The first page takes the earliest as they come.
    const want = req.partOfDay ? count * 12 : req.after !== undefined ? count + 20 : count;
    let r: SlotSearchResult;
    // From the afternoon on, the rest of the day seldom holds a page of slots: reading the next day
    // with it saves a second read (which would read this day again).
    const afternoon = fromDate === localDateOf(from) && localTimeOf(from) >= '12:00';
    for (let days = afternoon ? 2 : 1; ; days *= 2) {
      const { data, until } = await window(fromDate, addDays(fromDate, days));
      r = findEarliestSlots(data, { ...query, fromDate, count: want });
      const settled = r.slots.filter((s) => s.start < until);
      // Enough found in the days read (the engine fills days in order, so these are the earliest), or all read.
      if (settled.length >= want || until >= to) break;
    }
    let slots = r.slots.filter(later);
    const partSlots = slots.filter(inPart);
    // Fall back to any time of day rather than to nothing.
    if (partSlots.length > 0) slots = partSlots;
    slots = slots.slice(0, count);
    return {
      ...base,
      slots: toPooled(slots),
      ...(slots.length === 0 ? { reason: r.reason ?? 'fully-booked' } : {}),
    };
  }
}

function worksAt(
  directory: Directory,
  pool: readonly Staff[],
  absences: readonly Absence[],
  channel: Channel,
  instant: number,
): boolean {
  const date = localDateOf(instant);
  return pool.some((s) => {
    const mode = absenceModeOn(absences, s.id, date);
    if (mode === 'absent') return false;
    return workWindows(directory, s, date).some(
      (w) =>
        w.start <= instant && instant < w.end && (channel !== 'in-person' || (w.onSite && mode !== 'home-office-only')),
    );
  });
}

function pooledSlot(directory: Directory, absences: readonly Absence[], s: Slot, ids: string[]): PooledSlot {
  const index = indexDirectory(directory);
  const staff = index.staffById(s.staffId)!;
  const team = index.teamById(staff.team);
  return {
    staffId: staff.id,
    staffName: staff.name,
    teamId: staff.team,
    teamName: team?.name ?? staff.team,
    onSite: s.channel === 'in-person' || onSiteAt(directory, staff, absences, s.start),
    serviceIds: ids,
    channel: s.channel,
    start: s.start,
    end: s.end,
  };
}
