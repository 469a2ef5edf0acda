/**
 * The staff calendar sync: reads each staff member's own calendar through the provider and keeps
 * their busy blocks in Redis, where the slot engine and the booking scripts honour them.
 *
 * - `syncAll` is the job body (every CALENDAR_SYNC_MINUTES, once across instances through the run
 *   coordinator): every staff member, a few at a time; one failing calendar never stops the others.
 * - `readUnread` is the first read, at start-up and after a directory reload: every calendar not
 *   read as a whole yet. Until that succeeds, `unread` names the staff member and none of their
 *   times are offered (the slot engine treats them as busy; a hold refuses them unless the
 *   just-in-time check reads them), and the card says so.
 * - `refresh` is the just-in-time check when a slot is held: that one staff member, bounded
 *   (CALENDAR_JIT_TIMEOUT_MS); when it does not finish in time booking goes on with the last sync
 *   and the card says when that was.
 * - A failed read keeps the last good blocks (booking goes on with them) and records the reason;
 *   after CALENDAR_STALE_MINUTES supervisors get one alert per stale period.
 */
import { indexDirectory } from '../domain/directory-index';
import {
  blocksFromEvents,
  isStale,
  type CalendarBlock,
  type CalendarEvent,
  type CalendarStatus,
} from '../domain/calendar-busy';
import type { Clock } from '../domain/clock';
import { supervisorsOfTeam } from '../domain/supervision';
import { addDays, DAY, localDateOf, localDayBounds } from '../domain/time';
import type { Directory, OutboxMessage, Staff } from '../domain/types';
import type { Logger } from '../logger';
import { replaceCalendarBusy } from '../store/calendar-busy';
import { CalendarSyncStore } from '../store/calendar-sync';
import type { RedisClient } from '../store/redis-client';
import { TIMED_OUT, within } from '../domain/timeout';
import {
  CalendarSyncError,
  isCalendarSyncError,
  type CalendarProvider,
  type CalendarRead,
  type CalendarWindow,
} from './port';

export interface CalendarSyncDeps {
  provider: CalendarProvider;
  redis: RedisClient;
  directory: () => Directory;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Tentative meetings block (CALENDAR_TENTATIVE_BUSY). */
  tentativeIsBusy: boolean;
  /** A calendar not read successfully for this long is stale (alert, summary card). */
  staleAfterMs: number;
  /** Queues a supervisor alert (the outbox); called once per stale period and calendar. */
  alert?: (dedupeKey: string, msg: Extract<OutboxMessage, { kind: 'supervisor-alert' }>) => Promise<unknown>;
  /** Calendars read at the same time by `syncAll` (default 8). */
  concurrency?: number;
  /** Bound of the just-in-time refresh (default 2 s). */
  jitTimeoutMs?: number;
  /**
   * Bound of one calendar's whole read, all pages and retries (default 60 s): a slow server fails
   * that calendar only, while the other workers go on with the rest.
   */
  readTimeoutMs?: number;
  /**
   * The bot's own appointments of a staff member. Only for the getSchedule check, whose answer
   * carries no UID: a busy time equal to a booked one is the staff copy of it, not a meeting. A
   * cancelled one does not count: a meeting at exactly its time must not vanish (until Outlook has
   * taken in the CANCEL, the freed time only looks busy a little longer, which books nothing wrong).
   */
  ownAppointments?: (
    staffId: string,
    from: number,
    to: number,
  ) => Promise<{ start: number; end: number; status: string }[]>;
}

export type StaffSyncOutcome = 'synced' | 'unchanged' | 'failed' | 'locked';

export interface SyncAllResult {
  synced: number;
  unchanged: number;
  failed: number;
  locked: number;
  stale: number;
  alerted: number;
}

/** The lock outlives a slow read (several pages with retries) but not a crashed instance for long. */
const LOCK_MS = 120_000;
/** Shorter than the lock, so the lock never runs out while this instance is still reading. */
const READ_TIMEOUT_MS = 60_000;

export class CalendarSync {
  readonly store: CalendarSyncStore;
  /** Staff whose calendar is known to have been read as a whole (it never becomes unread again). */
  private readonly read = new Set<string>();
  private firstReads: Promise<SyncAllResult> | undefined;

  constructor(private readonly deps: CalendarSyncDeps) {
    this.store = new CalendarSyncStore(deps.redis);
  }

  get label(): string {
    return this.deps.provider.label;
  }

  /** From the start of today to the end of the furthest bookable day (+1), local time. */
  window(now: number): CalendarWindow {
    const today = localDateOf(now);
    const horizon = Math.max(1, ...this.deps.directory().services.map((s) => s.horizonDays));
    return { from: localDayBounds(today).start, to: localDayBounds(addDays(today, horizon + 1)).end };
  }

  /**
   * Reads one staff member's calendar and stores their busy blocks; never throws for provider errors.
   * `block` (just in time): a calendar without incremental state yet is asked by `schedule` for that
   * day only, when the provider can (Graph getSchedule); the next full read replaces that answer.
   */
  async syncStaff(
    staff: Staff,
    now = this.deps.clock.now(),
    block?: { start: number; end: number },
  ): Promise<StaffSyncOutcome> {
    const token = await this.store.lock(staff.id, LOCK_MS);
    if (!token) return 'locked';
    try {
      const window = this.window(now);
      const state = await this.store.state(staff.id);
      // A one-day answer (getSchedule) does not make the calendar count as read (see `unread`).
      const oneDay = block !== undefined && state === undefined && this.deps.provider.schedule !== undefined;
      let read: CalendarRead;
      try {
        const reading = oneDay ? this.scheduleRead(staff, block) : this.deps.provider.read(staff, window, state);
        const answer = await within(reading, this.deps.readTimeoutMs ?? READ_TIMEOUT_MS);
        if (answer === TIMED_OUT) throw new CalendarSyncError('unavailable', 'the calendar read took too long');
        read = answer;
      } catch (e) {
        const reason = isCalendarSyncError(e) ? e.reason : 'unavailable';
        // The detail carries status codes, never event contents or addresses.
        this.deps.logger.warn(
          { staffId: staff.id, reason, detail: isCalendarSyncError(e) ? e.detail : (e as Error).name },
          'calendar sync failed; keeping the last good busy blocks',
        );
        await this.store.markError(staff.id, this.deps.clock.now(), reason);
        return 'failed';
      }
      if (read.kind === 'unchanged') {
        await this.store.markSuccess(staff.id, this.deps.clock.now(), !oneDay);
        return 'unchanged';
      }
      const convert = (event: CalendarEvent) => blocksFromEvents([event], window, this.deps.tentativeIsBusy)[0];
      if (read.kind === 'full') {
        const blocks = new Map<string, CalendarBlock>();
        for (const { id, event } of read.events) {
          const b = convert(event);
          if (b) blocks.set(id, b);
        }
        await this.store.replaceEvents(staff.id, blocks);
      } else {
        const set = new Map<string, CalendarBlock>();
        const remove: string[] = [];
        for (const c of read.changes) {
          const b = c.event ? convert(c.event) : undefined;
          if (b) set.set(c.id, b);
          else remove.push(c.id);
        }
        await this.store.applyChanges(staff.id, set, remove);
      }
      await replaceCalendarBusy(this.deps.redis, staff.id, await this.store.blocks(staff.id));
      if (read.kind !== 'delta' || read.state) await this.store.saveState(staff.id, read.state);
      await this.store.markSuccess(staff.id, this.deps.clock.now(), !oneDay);
      if (!oneDay) this.read.add(staff.id);
      return 'synced';
    } finally {
      await this.store.unlock(staff.id, token);
    }
  }

  /** getSchedule for the local day of `block`, minus the bot's own appointments, as changes to add. */
  private async scheduleRead(staff: Staff, block: { start: number; end: number }): Promise<CalendarRead> {
    const day = localDayBounds(localDateOf(block.start));
    const window = { from: day.start, to: Math.max(day.end, block.end) };
    const [busy, own] = await Promise.all([
      this.deps.provider.schedule!(staff, window),
      this.deps.ownAppointments?.(staff.id, window.from - DAY, window.to) ?? Promise.resolve([]),
    ]);
    const mine = new Set(own.filter((a) => a.status === 'booked').map((a) => `${a.start}:${a.end}`));
    const changes = busy
      .filter((b) => !mine.has(`${b.start}:${b.end}`))
      .map((event) => ({ id: `schedule:${event.start}:${event.end}`, event }));
    // No state: the next job run reads the whole calendar and replaces these.
    return { kind: 'delta', changes, state: '' };
  }

  /** The job body: every staff member of the directory, `concurrency` at a time, then stale alerts. */
  async syncAll(now = this.deps.clock.now()): Promise<SyncAllResult> {
    const result = await this.syncEach(this.deps.directory().staff, now);
    const stale = await this.staleCalendars();
    result.stale = stale.length;
    result.alerted = await this.alertStale(stale);
    return result;
  }

  /** Syncs these staff members, `concurrency` at a time; the counts of the outcomes. */
  private async syncEach(staff: readonly (Staff | undefined)[], now?: number): Promise<SyncAllResult> {
    const result: SyncAllResult = { synced: 0, unchanged: 0, failed: 0, locked: 0, stale: 0, alerted: 0 };
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < staff.length; i = next++) {
        const s = staff[i];
        if (s) result[await this.syncStaff(s, now ?? this.deps.clock.now())]++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.concurrency ?? 8) }, worker));
    return result;
  }

  /**
   * The just-in-time check before a hold: refreshes one staff member within the bound. Returns when
   * the calendar was last read successfully and whether that is now (fresh) or an older state;
   * `unread` when it was neither checked now nor ever read as a whole (nothing of it is known).
   */
  async refresh(
    staffId: string,
    block?: { start: number; end: number },
  ): Promise<{ fresh: boolean; checkedAt?: number; unread?: true }> {
    const staff = indexDirectory(this.deps.directory()).staffById(staffId);
    if (!staff) return { fresh: false };
    const started = this.deps.clock.now();
    const outcome = await within(this.refreshWaiting(staff, block), this.deps.jitTimeoutMs ?? 2_000);
    const [status] = await this.store.statuses([staffId]);
    const checkedAt = status?.lastSuccess;
    const fresh = outcome !== TIMED_OUT && outcome !== 'failed' && checkedAt !== undefined && checkedAt >= started;
    return {
      fresh,
      ...(checkedAt !== undefined ? { checkedAt } : {}),
      ...(!fresh && status?.firstRead === undefined ? { unread: true as const } : {}),
    };
  }

  /**
   * Of these staff members, those whose calendar has not been read as a whole yet: their times are
   * not offered (the slot engine treats them as busy) until the first read succeeds. A calendar once
   * read stays read, so this asks Redis only about the ones not yet seen read.
   */
  async unread(staffIds: readonly string[]): Promise<string[]> {
    const unknown = staffIds.filter((id) => !this.read.has(id));
    if (unknown.length === 0) return [];
    const unread = new Set(await this.store.unread(unknown));
    for (const id of unknown) if (!unread.has(id)) this.read.add(id);
    return unknown.filter((id) => unread.has(id));
  }

  /**
   * The first read of every calendar of the directory not read yet: at start-up and after a
   * directory reload (a new colleague), so nobody waits CALENDAR_SYNC_MINUTES for it. One run at a
   * time per instance (a second call joins it); across instances the per-staff lock keeps reads single.
   */
  readUnread(): Promise<SyncAllResult> {
    return (this.firstReads ??= this.runFirstReads().finally(() => (this.firstReads = undefined)));
  }

  /** The first reads in progress on this instance, if any (tests wait for them). */
  get firstReadsRunning(): Promise<SyncAllResult> | undefined {
    return this.firstReads;
  }

  private async runFirstReads(): Promise<SyncAllResult> {
    const directory = this.deps.directory();
    const ids = await this.unread(directory.staff.map((s) => s.id));
    const index = indexDirectory(directory);
    const result = await this.syncEach(ids.map((id) => index.staffById(id)));
    this.deps.logger.info({ ...result, of: ids.length }, 'first read of staff calendars done');
    return result;
  }

  /** Syncs, or when the job holds the lock right now, waits for it to finish (the caller bounds this). */
  private async refreshWaiting(staff: Staff, block?: { start: number; end: number }): Promise<StaffSyncOutcome> {
    for (;;) {
      const outcome = await this.syncStaff(staff, this.deps.clock.now(), block);
      if (outcome !== 'locked') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async statuses(): Promise<CalendarStatus[]> {
    return this.store.statuses(this.deps.directory().staff.map((s) => s.id));
  }

  /** Calendars of the directory's staff that are stale now. */
  async staleCalendars(now = this.deps.clock.now()): Promise<CalendarStatus[]> {
    return (await this.statuses()).filter((s) => isStale(s, now, this.deps.staleAfterMs));
  }

  /** One alert per stale period and calendar, to the supervisors of the staff member's team. */
  private async alertStale(stale: readonly CalendarStatus[]): Promise<number> {
    if (!this.deps.alert) return 0;
    const directory = this.deps.directory();
    let sent = 0;
    for (const s of stale) {
      if (s.alertedAt !== undefined) continue;
      const staff = indexDirectory(directory).staffById(s.staffId);
      if (!staff) continue;
      const at = this.deps.clock.now();
      if (!(await this.store.markAlerted(s.staffId, at))) continue;
      const supervisors = supervisorsOfTeam(directory, staff.team).map((x) => x.id);
      await this.deps.alert(`calendar-stale:${s.staffId}:${s.lastSuccess ?? s.failingSince ?? 0}`, {
        kind: 'supervisor-alert',
        facts: {
          kind: 'calendar-stale',
          staffName: staff.name,
          calendar: this.deps.provider.kind === 'graph' ? 'outlook' : 'caldav',
          ...(s.lastSuccess !== undefined ? { lastSuccess: s.lastSuccess } : {}),
          ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
        },
        ...(supervisors.length ? { staffIds: supervisors } : {}),
      });
      sent++;
    }
    return sent;
  }
}
