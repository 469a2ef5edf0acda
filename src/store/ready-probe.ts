/**
 * The readiness check's write (/readyz): at maxmemory with `noeviction` Redis still answers PING but
 * refuses every write, and an instance that cannot book must not look ready.
 */
import { keys } from './keys';
import type { RedisClient } from './redis-client';

/** Writes the probe key (expires after a minute); rejects when Redis refuses the write. */
export async function writeReadyProbe(redis: RedisClient, now: number): Promise<void> {
  await redis.set(keys.readyProbe(), String(now), 'PX', 60_000);
}
