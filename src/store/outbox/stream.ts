/**
 * Writing to the outbox stream outside a booking script. A state change of an appointment writes
 * its entries inside its own Lua script (appointments.ts), in the same atomic step; these two are
 * for side effects that belong to no state change.
 */
import { keys } from '../keys';
import type { RedisClient } from '../redis-client';
import { runScript } from '../scripts';
import type { OutboxEntry } from './messages';

/** Appends one entry (alerts); returns its stream id. */
export async function appendOutbox(redis: RedisClient, entry: OutboxEntry): Promise<string> {
  const id = await redis.xadd(keys.outbox(), '*', 'key', entry.key, 'msg', JSON.stringify(entry.msg));
  return id ?? '';
}

/**
 * Appends `entry` unless `marker` exists, and sets the marker (for `ttlMs`) in the same step
 * (enqueue-once-2.lua): true when it was appended.
 */
export async function appendOutboxOnce(
  redis: RedisClient,
  marker: string,
  ttlMs: number,
  entry: OutboxEntry,
): Promise<boolean> {
  const appended = await runScript<number>(
    redis,
    'enqueueOnce',
    [marker, keys.outbox()],
    [Math.max(1, Math.round(ttlMs)), entry.key, JSON.stringify(entry.msg)],
  );
  return appended === 1;
}
