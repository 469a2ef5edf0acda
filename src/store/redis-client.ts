import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';

/** A connection to Redis: one node (plain or via Sentinel) or a cluster. Opened by createRedis (redis.ts). */
export type RedisClient = Redis | Cluster;

/** A MULTI's or pipeline's reply, as values in order: throws its first error, or when the transaction was aborted. */
export function replyValues(reply: [Error | null, unknown][] | null, what: string): unknown[] {
  if (!reply) throw new Error(`${what}: transaction aborted`);
  return reply.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
