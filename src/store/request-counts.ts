/**
 * Requests counted per client address in fixed windows (the public routes' rate limit,
 * src/http/public-routes.ts): one key per address and window, kept for two windows. What a count
 * allows is the HTTP layer's decision.
 */
import { keys } from './keys';
import type { RedisClient } from './redis-client';

/** Counts one request of `ip` in the window `now` falls in; how many that window has now. */
export async function countRequest(redis: RedisClient, ip: string, windowMs: number, now: number): Promise<number> {
  const key = keys.citizenRate(ip, Math.floor(now / windowMs));
  const [[, count] = [null, 0]] =
    (await redis
      .multi()
      .incr(key)
      .pexpire(key, windowMs * 2)
      .exec()) ?? [];
  return Number(count);
}
