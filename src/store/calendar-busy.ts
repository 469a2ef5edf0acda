/**
 * Busy blocks synced from the staff members' own calendars, as the booking scripts read them.
 *
 *   book:busy:<staff>    ZSET member '<start>:<end>' scored by end: disjoint intervals (merged here)
 *
 * The hold/confirm/move scripts (src/store/lua, includes/book.lua `busy_conflict`) refuse a block
 * overlapping one of them; the slot engine gets them through AppointmentStore.busyIndex.
 * Only times are stored: no subject, attendees or body.
 */
import { mergeBusy } from '../domain/calendar-busy';
import type { CalendarBusyBlock } from '../domain/slots';
import { keys } from './keys';
import { replyValues, type RedisClient } from './redis-client';

/** Replaces a staff member's synced busy blocks in one atomic step (one key: MULTI is enough). */
export async function replaceCalendarBusy(
  redis: RedisClient,
  staffId: string,
  blocks: Iterable<{ start: number; end: number }>,
): Promise<number> {
  const merged = mergeBusy(blocks);
  const key = keys.calendarBusy(staffId);
  const tx = redis.multi().del(key);
  if (merged.length) tx.zadd(key, ...merged.flatMap((b) => [b.end, `${b.start}:${b.end}`]));
  tx.incr(keys.bookVersion());
  replyValues(await tx.exec(), 'calendar busy blocks');
  return merged.length;
}

/**
 * Synced busy blocks of these staff members overlapping [from, to). A staff member's blocks are disjoint
 * and scored by end, so those are the ones ending in (from, to] and the first ending after `to` (it may
 * start before): the window is read, not every future meeting of a synced calendar. One transaction,
 * so a sync replacing the blocks meanwhile is seen whole or not at all.
 */
export async function readCalendarBusy(
  redis: RedisClient,
  staffIds: readonly string[],
  from: number,
  to: number,
): Promise<CalendarBusyBlock[]> {
  if (staffIds.length === 0) return [];
  const tx = redis.multi();
  for (const s of staffIds)
    tx.zrangebyscore(keys.calendarBusy(s), `(${from}`, to).zrangebyscore(
      keys.calendarBusy(s),
      `(${to}`,
      '+inf',
      'LIMIT',
      0,
      1,
    );
  const res = replyValues(await tx.exec(), 'calendar busy blocks') as string[][];
  const lists = staffIds.map((_, i) => [...res[2 * i]!, ...res[2 * i + 1]!]);
  return calendarBusyBlocks(staffIds, lists, to);
}

/** The members of each staff member's busy set ("start:end", read ending after the window's start) that start before `to`. */
export function calendarBusyBlocks(
  staffIds: readonly string[],
  lists: readonly (readonly string[])[],
  to: number,
): CalendarBusyBlock[] {
  const out: CalendarBusyBlock[] = [];
  lists.forEach((members, i) => {
    for (const m of members) {
      const [start, end] = m.split(':').map(Number) as [number, number];
      if (Number.isFinite(start) && Number.isFinite(end) && start < to) out.push({ staffId: staffIds[i]!, start, end });
    }
  });
  return out;
}
