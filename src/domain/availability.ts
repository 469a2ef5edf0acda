/**
 * When may a staff member take a consultation on a channel? Weekly hours (local wall-clock times,
 * so DST-correct), holidays, the shift rotation and absences, combined into intervals per day.
 *
 * The channel rules (see docs/scheduling.md):
 * - in person: only while the staff member is on site (teams without `shift` always are when they
 *   work; shift teams only in their on-site shift) and not "home office only";
 * - phone/video: whenever they work on site, and off site (off-shift, or "home office only") only
 *   if they have a home-office place (`homeOffice`, default true);
 * - an `absent` absence blocks the whole day, every channel.
 */
import type { Absence, AbsenceMode, Channel, Directory, LocalDate, Staff } from './types';
import { indexDirectory } from './directory-index';
import { onSiteIntervals, type Interval } from './shifts';
import { addDays, localDateTime, weekdayOf } from './time';

export type { Interval };

/** A working interval of one staff member, and whether they are on site during it. */
export interface WorkWindow {
  start: number;
  end: number;
  onSite: boolean;
}

/**
 * Working windows of a day from the directory alone (hours, holidays, rotation; no absences).
 * Cached per directory object: the slot search asks for the same staff-days again and again, and
 * the directory is immutable once loaded. Callers must not mutate the returned windows.
 */
export function workWindows(directory: Directory, staff: Staff, date: LocalDate): readonly WorkWindow[] {
  let perDirectory = windowCache.get(directory);
  if (!perDirectory) windowCache.set(directory, (perDirectory = new Map<string, readonly WorkWindow[]>()));
  const key = `${staff.id}|${date}`;
  const hit = perDirectory.get(key);
  if (hit) return hit;
  const windows = computeWorkWindows(directory, staff, date);
  if (perDirectory.size >= 100_000) perDirectory.clear();
  perDirectory.set(key, windows);
  return windows;
}

const windowCache = new WeakMap<Directory, Map<string, readonly WorkWindow[]>>();

/**
 * Intervals in time order, those that overlap or touch joined into one: a block may lie across the
 * place where two of them meet.
 */
function joined(intervals: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const iv of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ start: iv.start, end: iv.end });
  }
  return out;
}

function computeWorkWindows(directory: Directory, staff: Staff, date: LocalDate): WorkWindow[] {
  if (indexDirectory(directory).isHoliday(date)) return [];
  const hours = staff.hours[weekdayOf(date)];
  if (hours.length === 0) return [];
  const onSite = onSiteIntervals(directory, staff.team, date);
  const out: WorkWindow[] = [];
  // The directory may list a day's hours in any order and overlapping ("08:00-12:00", "11:00-14:00"):
  // the windows are disjoint and in time order, so no minute counts twice.
  const working = joined(
    hours
      .map(([from, to]) => ({ start: localDateTime(date, from), end: localDateTime(date, to) }))
      .filter((iv) => iv.end > iv.start), // 02:00-03:00 on the spring Sunday does not exist
  );
  for (const { start, end } of working) {
    // split the working interval at the on-site boundaries
    let cursor = start;
    for (const site of onSite) {
      const s = Math.max(site.start, start);
      const e = Math.min(site.end, end);
      if (e <= s) continue;
      if (s > cursor) out.push({ start: cursor, end: s, onSite: false });
      out.push({ start: s, end: e, onSite: true });
      cursor = e;
    }
    if (cursor < end) out.push({ start: cursor, end, onSite: false });
  }
  return out;
}

/**
 * The absence that rules a staff member's date: an 'absent' one beats 'home-office-only' whichever was
 * reported first; of several of the same mode the first.
 */
export function absenceOn(absences: readonly Absence[], staffId: string, date: LocalDate): Absence | undefined {
  let found: Absence | undefined;
  for (const a of absences) {
    if (a.staffId !== staffId || date < a.from || date > a.to) continue;
    if (a.mode === 'absent') return a;
    found ??= a;
  }
  return found;
}

/** The strongest absence mode on a date ('absent' beats 'home-office-only'). */
export function absenceModeOn(absences: readonly Absence[], staffId: string, date: LocalDate): AbsenceMode | undefined {
  return absenceOn(absences, staffId, date)?.mode;
}

/** Whether a window may be used for a channel, given the absence mode of the day. */
export function windowAllows(
  window: WorkWindow,
  channel: Channel,
  staff: Pick<Staff, 'homeOffice'>,
  mode: AbsenceMode | undefined,
): boolean {
  if (mode === 'absent') return false;
  const onSite = window.onSite && mode !== 'home-office-only';
  if (channel === 'in-person') return onSite;
  return onSite || staff.homeOffice;
}

/**
 * The intervals of a day in which the staff member works, on site or not: a block outside them is
 * outside working hours (validateBooking tells that apart from "not on site for this channel").
 */
export function workingIntervals(directory: Directory, staff: Staff, date: LocalDate): readonly Interval[] {
  return joined(workWindows(directory, staff, date));
}

/**
 * The intervals of a day in which a whole block (consultation and buffers) of the channel may lie,
 * adjacent windows joined (a block may span the hand-over from on-site to home office when the
 * channel is allowed on both sides).
 */
export function bookableIntervals(
  directory: Directory,
  staff: Staff,
  date: LocalDate,
  channel: Channel,
  mode: AbsenceMode | undefined,
): readonly Interval[] {
  if (mode === 'absent') return [];
  // Cached like workWindows: date → channel/mode → staff id (nested maps, no key strings to build).
  let perDirectory = bookableCache.get(directory);
  if (!perDirectory)
    bookableCache.set(directory, (perDirectory = new Map<LocalDate, Map<string, Map<string, readonly Interval[]>>>()));
  let perDate = perDirectory.get(date);
  if (!perDate) {
    if (perDirectory.size >= 1000) perDirectory.clear();
    perDirectory.set(date, (perDate = new Map<string, Map<string, readonly Interval[]>>()));
  }
  const variant = mode === undefined ? channel : `${channel}|${mode}`;
  let perStaff = perDate.get(variant);
  if (!perStaff) perDate.set(variant, (perStaff = new Map<string, readonly Interval[]>()));
  const hit = perStaff.get(staff.id);
  if (hit) return hit;
  const intervals = computeBookableIntervals(directory, staff, date, channel, mode);
  perStaff.set(staff.id, intervals);
  return intervals;
}

const bookableCache = new WeakMap<Directory, Map<LocalDate, Map<string, Map<string, readonly Interval[]>>>>();

function computeBookableIntervals(
  directory: Directory,
  staff: Staff,
  date: LocalDate,
  channel: Channel,
  mode: AbsenceMode | undefined,
): Interval[] {
  return joined(workWindows(directory, staff, date).filter((w) => windowAllows(w, channel, staff, mode)));
}

/**
 * The first day from `date` (before `until`; else `until`) on which any of these staff members still
 * works after `instant`. The days before it hold no slot from `instant` on, whatever is booked
 * (bookable intervals lie inside the work windows), so a search need not read their bookings: in the
 * evening it reads the coming day, not today's full book as well.
 */
export function firstDayWorkedAfter(
  directory: Directory,
  staff: readonly Staff[],
  date: LocalDate,
  until: LocalDate,
  instant: number,
): LocalDate {
  let day = date;
  while (day < until && !staff.some((s) => workWindows(directory, s, day).some((w) => w.end > instant)))
    day = addDays(day, 1);
  return day;
}

/** The working calendar shape replanning (src/domain/replan.ts) consumes. */
export function workCalendarFor(directory: Directory): {
  windows(staff: Staff, day: LocalDate): readonly WorkWindow[];
} {
  return { windows: (staff, day) => workWindows(directory, staff, day) };
}
