/**
 * Europe/Berlin local time <-> epoch milliseconds. Everything else in the domain works on epoch ms;
 * these helpers are the only place that knows about the zone, so DST is handled once, here.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from './types';
import { TIME_ZONE } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function parseDate(date: LocalDate): DateTime {
  const dt = DATE_RE.test(date) ? DateTime.fromISO(date, { zone: TIME_ZONE }) : DateTime.invalid('format');
  if (!dt.isValid) throw new RangeError(`not a local date YYYY-MM-DD: "${date}"`);
  return dt;
}

/** A YYYY-MM-DD that the calendar has (no 31 April); arithmetic, as luxon's zone lookup costs tens of µs. */
export function isLocalDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * The zone's UTC offset at an instant. Berlin's offset changes only on whole UTC hours, so it is
 * looked up once per hour with luxon and cached: the booking path converts instants constantly.
 */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR, { zone: TIME_ZONE }).offset * MINUTE;
    if (offsetCache.size >= 100_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}
const offsetCache = new Map<number, number>();

/**
 * Milliseconds between two instants as the Berlin clock on the wall reads them: five calendar days
 * at the same time of day are five days, also across a switch to or from summer time.
 */
export function wallClockMsBetween(from: number, to: number): number {
  return to + offsetAt(to) - (from + offsetAt(from));
}

/** The local (Europe/Berlin) calendar date of an instant; cached per UTC hour, as the offset is. */
export function localDateOf(ms: number): LocalDate {
  const hour = Math.floor(ms / HOUR);
  let date = dateCache.get(hour);
  if (date === undefined) {
    date = new Date(hour * HOUR + offsetAt(ms)).toISOString().slice(0, 10);
    if (dateCache.size >= 100_000) dateCache.clear();
    dateCache.set(hour, date);
  }
  return date;
}
const dateCache = new Map<number, LocalDate>();

/** The local wall-clock time HH:MM of an instant. */
export function localTimeOf(ms: number): string {
  return new Date(ms + offsetAt(ms)).toISOString().slice(11, 16);
}

/**
 * The instant of wall-clock `hhmm` on a local date. A time that does not exist (02:30 on the
 * spring-forward Sunday) moves forward by the gap (03:30); an ambiguous one (02:30 on the
 * autumn Sunday) is the first, summer-time, occurrence.
 */
export function localDateTime(date: LocalDate, hhmm: string): number {
  const cacheKey = `${date}T${hhmm}`;
  const cached = wallClockCache.get(cacheKey);
  if (cached !== undefined) return cached;
  if (!HHMM_RE.test(hhmm) && hhmm !== '24:00') throw new RangeError(`not a local time HH:MM: "${hhmm}"`);
  const ms =
    hhmm === '24:00'
      ? parseDate(date).plus({ days: 1 }).startOf('day').toMillis()
      : parseDate(date)
          .set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) })
          .toMillis();
  if (wallClockCache.size >= 50_000) wallClockCache.clear();
  wallClockCache.set(cacheKey, ms);
  return ms;
}

/** Slot search converts the same few "date + HH:MM" pairs again and again; luxon is the cost. */
const wallClockCache = new Map<string, number>();

/** Local midnight of a date (the day's first instant). */
export function startOfLocalDay(date: LocalDate): number {
  return localDateTime(date, '00:00');
}

/** [start, end) of a local day: 23 hours on the spring Sunday, 25 on the autumn Sunday. */
export function localDayBounds(date: LocalDate): { start: number; end: number } {
  return { start: startOfLocalDay(date), end: startOfLocalDay(addDays(date, 1)) };
}

/** Calendar arithmetic on dates only (no zone involved, so it cannot be thrown off by DST). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!DATE_RE.test(date)) throw new RangeError(`not a local date YYYY-MM-DD: "${date}"`);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  if (!DATE_RE.test(date)) throw new RangeError(`not a local date YYYY-MM-DD: "${date}"`);
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** Days since 1970-01-01 of a local date, as plain calendar arithmetic. */
function dayNumber(date: LocalDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    if (!DATE_RE.test(date)) throw new RangeError(`not a local date YYYY-MM-DD: "${date}"`);
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
    if (dayNumbers.size >= 10_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}
/** The figures count lead days of every appointment: a town has few distinct dates, parsed once each. */
const dayNumbers = new Map<string, number>();

/** The Monday of the ISO week containing `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
}

/** Whole ISO weeks from the week of `from` to the week of `to` (negative when `to` is earlier). */
export function weeksBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((dayNumber(mondayOf(to)) - dayNumber(mondayOf(from))) / 7);
}

/** Calendar days from `from` to `to` (counts dates, not 24-hour periods, so DST cannot skew it). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Inclusive list of local dates. */
export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
