/**
 * Bookkeeping of the staff calendar sync (src/calendars/sync.ts): the counting event instances per
 * staff member (only start, end and show-as), the provider's incremental state (Graph delta link,
 * CalDAV ctag), the per-staff status that makes a stale calendar visible, and a short lock.
 * The busy blocks the booking scripts check are written by `replaceCalendarBusy` (calendar-busy.ts).
 */
import { randomUUID } from 'node:crypto';
import type { CalendarBlock, CalendarErrorReason, CalendarStatus, ShowAs } from '../domain/calendar-busy';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

const SHOW_AS: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const encode = (b: CalendarBlock) => `${b.start}:${b.end}:${b.showAs}`;
function decode(v: string): CalendarBlock | undefined {
  const [s, e, showAs] = v.split(':');
  const start = Number(s);
  const end = Number(e);
  if (!Number.isFinite(start) || !Number.isFinite(end) || !SHOW_AS.includes(showAs as ShowAs)) return undefined;
  return { start, end, showAs: showAs as ShowAs };
}
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class CalendarSyncStore {
  constructor(private readonly redis: RedisClient) {}

  async state(staffId: string): Promise<string | undefined> {
    return (await this.redis.get(keys.calendarSync('state', staffId))) ?? undefined;
  }

  async saveState(staffId: string, state: string | undefined): Promise<void> {
    const key = keys.calendarSync('state', staffId);
    if (state === undefined) await this.redis.del(key);
    else await this.redis.set(key, state);
  }

  /** Replaces all instances of a staff member (a full read) in one step. */
  async replaceEvents(staffId: string, blocks: ReadonlyMap<string, CalendarBlock>): Promise<void> {
    const key = keys.calendarSync('events', staffId);
    const tx = this.redis.multi().del(key);
    if (blocks.size) tx.hset(key, Object.fromEntries([...blocks].map(([id, b]) => [id, encode(b)])));
    await tx.exec();
  }

  /** Applies changes of a delta read: set instances that count, delete the others. */
  async applyChanges(staffId: string, set: ReadonlyMap<string, CalendarBlock>, remove: readonly string[]) {
    const key = keys.calendarSync('events', staffId);
    const tx = this.redis.multi();
    if (remove.length) tx.hdel(key, ...remove);
    if (set.size) tx.hset(key, Object.fromEntries([...set].map(([id, b]) => [id, encode(b)])));
    await tx.exec();
  }

  async blocks(staffId: string): Promise<CalendarBlock[]> {
    const values = await this.redis.hvals(keys.calendarSync('events', staffId));
    return values.map(decode).filter((b): b is CalendarBlock => b !== undefined);
  }

  /** A short lock for one staff member's sync; the token to unlock with, or null when held elsewhere. */
  async lock(staffId: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.redis.set(keys.calendarSync('lock', staffId), token, 'PX', Math.max(1, ttlMs), 'NX');
    return ok === 'OK' ? token : null;
  }

  async unlock(staffId: string, token: string): Promise<void> {
    await this.redis.eval(UNLOCK, 1, keys.calendarSync('lock', staffId), token);
  }

  /**
   * A successful read. `whole`: it covered the whole window (not a one-day just-in-time answer), so
   * from now on the calendar counts as read (`firstRead`, set once and kept).
   */
  async markSuccess(staffId: string, at: number, whole = true): Promise<void> {
    const key = keys.calendarSync('status', staffId);
    const tx = this.redis
      .multi()
      .hset(key, 'lastSuccess', String(at))
      .hdel(key, 'lastError', 'lastErrorAt', 'failingSince', 'alertedAt');
    if (whole) tx.hsetnx(key, 'firstRead', String(at));
    await tx.exec();
  }

  /** Of these staff members, those whose calendar has never been read as a whole (no `firstRead`). */
  async unread(staffIds: readonly string[]): Promise<string[]> {
    const firsts = await Promise.all(
      staffIds.map((id) => this.redis.hget(keys.calendarSync('status', id), 'firstRead')),
    );
    return staffIds.filter((_, i) => firsts[i] === null);
  }

  async markError(staffId: string, at: number, reason: CalendarErrorReason): Promise<void> {
    const key = keys.calendarSync('status', staffId);
    await this.redis
      .multi()
      .hset(key, 'lastError', reason, 'lastErrorAt', String(at))
      .hsetnx(key, 'failingSince', String(at))
      .exec();
  }

  /** Marks the stale period as alerted; false when another instance did it first. */
  async markAlerted(staffId: string, at: number): Promise<boolean> {
    return (await this.redis.hsetnx(keys.calendarSync('status', staffId), 'alertedAt', String(at))) === 1;
  }

  async statuses(staffIds: readonly string[]): Promise<CalendarStatus[]> {
    const raw = await Promise.all(staffIds.map((id) => this.redis.hgetall(keys.calendarSync('status', id))));
    return raw.map((h, i) => {
      const s: CalendarStatus = { staffId: staffIds[i]! };
      const lastSuccess = num(h.lastSuccess);
      const lastErrorAt = num(h.lastErrorAt);
      const failingSince = num(h.failingSince);
      const alertedAt = num(h.alertedAt);
      const firstRead = num(h.firstRead);
      if (firstRead !== undefined) s.firstRead = firstRead;
      if (lastSuccess !== undefined) s.lastSuccess = lastSuccess;
      if (lastErrorAt !== undefined) s.lastErrorAt = lastErrorAt;
      if (h.lastError) s.lastError = h.lastError as CalendarErrorReason;
      if (failingSince !== undefined) s.failingSince = failingSince;
      if (alertedAt !== undefined) s.alertedAt = alertedAt;
      return s;
    });
  }
}
