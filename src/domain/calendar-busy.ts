/**
 * Busy blocks from the staff members' own calendars (Outlook through Graph, CalDAV): pure rules.
 *
 * Only start, end and show-as are kept (no subject, attendees or body). Busy, out-of-office and
 * (configurable) tentative count; free and working-elsewhere do not. All-day events block whole
 * local days (an all-day out-of-office makes the day unbookable). The bot's own appointments reach
 * Outlook through the staff copy: they are recognised by their iCalendar UID and never count twice.
 */
import { addDays, DAY, localDayBounds } from './time';
import type { LocalDate } from './types';

/** Graph's `showAs` values; CalDAV maps TRANSP/STATUS onto them. */
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface CalendarBlock {
  start: number;
  end: number;
  showAs: ShowAs;
}

/** One event instance as a provider read it (recurrences already expanded). */
export interface CalendarEvent extends CalendarBlock {
  /** iCalendar UID when the provider knows it (own appointments are dropped by it). */
  uid?: string;
  /** All-day: `start`/`end` are local dates (end exclusive) turned into whole local days. */
  allDay?: { from: LocalDate; toExclusive: LocalDate };
}

/** The iCalendar UID of an appointment of this bot (invitations and staff copies carry it). */
export function appointmentUid(appointmentId: string): string {
  return `${appointmentId}@sprechstunde`;
}

/** True for a UID this bot wrote (`appointmentUid`), whatever calendar it came back from. */
export function isAppointmentUid(uid: string | undefined): boolean {
  return uid !== undefined && /^appt_[A-Za-z0-9]+@sprechstunde$/.test(uid.trim());
}

export function countsAsBusy(showAs: ShowAs, tentativeIsBusy: boolean): boolean {
  return showAs === 'busy' || showAs === 'oof' || (showAs === 'tentative' && tentativeIsBusy);
}

export interface BusyWindow {
  from: number;
  to: number;
}

/**
 * The blocks that count, clipped to the window: own appointments (by UID) and non-blocking show-as
 * dropped, all-day events widened to whole local days, sorted by start. An absurdly long event is
 * clipped to the window rather than dropped: refusing a time is safer than booking on a guess.
 */
export function blocksFromEvents(
  events: Iterable<CalendarEvent>,
  window: BusyWindow,
  tentativeIsBusy: boolean,
): CalendarBlock[] {
  const out: CalendarBlock[] = [];
  for (const e of events) {
    if (isAppointmentUid(e.uid) || !countsAsBusy(e.showAs, tentativeIsBusy)) continue;
    let { start, end } = e;
    if (e.allDay) {
      start = localDayBounds(e.allDay.from).start;
      end = localDayBounds(
        e.allDay.toExclusive > e.allDay.from ? e.allDay.toExclusive : addDays(e.allDay.from, 1),
      ).start;
    }
    start = Math.max(start, window.from);
    end = Math.min(end, window.to);
    if (end > start) out.push({ start, end, showAs: e.showAs });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The union of the blocks as disjoint intervals sorted by start (touching ones joined). */
export function mergeBusy(blocks: Iterable<{ start: number; end: number }>): { start: number; end: number }[] {
  const sorted = [...blocks].filter((b) => b.end > b.start).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ start: b.start, end: b.end });
  }
  return out;
}

/**
 * Splits a block into pieces of at most one day, so the slot engine's look-back (the longest block
 * of a staff member) stays a day even when a calendar holds a two-week leave.
 */
export function splitByDay(block: { start: number; end: number }): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let s = block.start; s < block.end; s += DAY) out.push({ start: s, end: Math.min(block.end, s + DAY) });
  return out;
}

/** Why a staff member's calendar could not be read; shown to supervisors, kept per staff member. */
export type CalendarErrorReason =
  /** The mailbox / calendar does not exist (404). */
  | 'not-found'
  /** Permission missing or revoked (403), or the application access policy excludes the mailbox. */
  | 'forbidden'
  /** Credentials refused or token expired and not renewable (401). */
  | 'unauthorized'
  /** Throttled longer than we wait (429). */
  | 'rate-limited'
  /** Server down, 5xx, network error or timeout. */
  | 'unavailable'
  /** An answer that is not what the protocol promises (garbage, not XML/JSON, missing fields). */
  | 'invalid-response'
  /** An event we cannot place in time (malformed VEVENT, end before start, recurrence too dense). */
  | 'malformed-event';

/** What supervisors and the booking card learn about one staff member's calendar (epoch ms). */
export interface CalendarStatus {
  staffId: string;
  /** First successful read of the whole calendar; until then none of the staff member's times are offered. */
  firstRead?: number;
  /** Last successful read. */
  lastSuccess?: number;
  /** Last failed read and its reason (cleared by the next success). */
  lastErrorAt?: number;
  lastError?: CalendarErrorReason;
  /** First failure since the last success. */
  failingSince?: number;
  /** When supervisors were told that this calendar is stale (once per stale period). */
  alertedAt?: number;
}

/**
 * Stale: no successful read for longer than `staleAfterMs`, counted from the last success (or,
 * for a calendar never read, from its first failure). A calendar never tried is not stale.
 */
export function isStale(status: CalendarStatus, now: number, staleAfterMs: number): boolean {
  const since = status.lastError ? (status.lastSuccess ?? status.failingSince) : status.lastSuccess;
  if (since === undefined) return false;
  return now - since > staleAfterMs;
}
