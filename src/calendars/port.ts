/**
 * The calendar-sync port: reads one staff member's own calendar (Outlook through Microsoft Graph,
 * CalDAV, or none) as event instances with start, end and show-as. The sync (sync.ts) turns them
 * into busy blocks in Redis; providers never write anything.
 */
import type { CalendarErrorReason, CalendarEvent } from '../domain/calendar-busy';

export type { CalendarErrorReason };
import type { Staff } from '../domain/types';

export type CalendarProviderKind = 'graph' | 'caldav' | 'none';

/** Whom to read: the directory's UPN and Entra object id. */
export type CalendarOwner = Pick<Staff, 'id' | 'upn' | 'aadObjectId'>;

export interface CalendarWindow {
  from: number;
  to: number;
}

/** One event instance changed (`event`) or removed (null) since the previous read. */
export interface CalendarChange {
  id: string;
  event: CalendarEvent | null;
}

export type CalendarRead =
  /** Everything in the window; replaces what was stored. `state` is kept for the next read (delta link, ctag). */
  | { kind: 'full'; events: { id: string; event: CalendarEvent }[]; state?: string }
  /** Changes since `state` was handed out. */
  | { kind: 'delta'; changes: CalendarChange[]; state: string }
  /** Nothing changed since `state` (CalDAV ctag). */
  | { kind: 'unchanged'; state: string };

export interface CalendarProvider {
  readonly kind: CalendarProviderKind;
  /** Word shown to staff in "… zuletzt geprüft 14:05" (Outlook, Kalender). */
  readonly label: string;
  /**
   * Reads the owner's calendar in `window`, incrementally from `state` when the provider can.
   * Throws CalendarSyncError; a provider never returns a guess.
   */
  read(owner: CalendarOwner, window: CalendarWindow, state: string | undefined): Promise<CalendarRead>;
  /**
   * Optional, stateless "when is this person busy in the window" (Graph getSchedule): the
   * just-in-time check uses it for a calendar without incremental state yet. No UIDs.
   */
  schedule?(owner: CalendarOwner, window: CalendarWindow): Promise<CalendarEvent[]>;
}

export class CalendarSyncError extends Error {
  override readonly name = 'CalendarSyncError';
  constructor(
    readonly reason: CalendarErrorReason,
    /** For logs: status codes and protocol facts, never event contents. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export const isCalendarSyncError = (e: unknown): e is CalendarSyncError => e instanceof CalendarSyncError;

/** CALENDAR_PROVIDER=none: directory working hours only; nothing to read. */
export const noCalendarProvider: CalendarProvider = {
  kind: 'none',
  label: 'Kalender',
  read: () => Promise.resolve({ kind: 'full', events: [] }),
};
