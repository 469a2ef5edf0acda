import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { redisKeyPrefix } from '../../src/store/keys';
import { closeRedis } from '../../src/store/redis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every key matching a pattern. SCAN may answer in many steps whatever COUNT says, so it loops to cursor 0. */
export async function keysMatching(raw: Redis, pattern: string): Promise<string[]> {
  const all: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    all.push(...found);
  } while (cursor !== '0');
  return all;
}

/**
 * A real Redis connection isolated by its own key prefix, so test files (and parallel workers)
 * never see each other's keys. `prefix` is the deployment's REDIS_KEY_PREFIX (pass it to loadEnv);
 * the connections use the key prefix the app derives from it (`{test:…}:`, src/store/keys.ts).
 * `cleanup()` deletes this prefix's keys and disconnects.
 */
export function testRedis(
  label: string,
  url = TEST_REDIS_URL,
): {
  redis: Redis;
  prefix: string;
  cleanup: () => Promise<void>;
  connect: () => Redis;
} {
  const prefix = `test:${label}:${randomBytes(4).toString('hex')}:`;
  const keyPrefix = redisKeyPrefix(prefix);
  const opened: Redis[] = [];
  const connect = () => {
    const r = new Redis(url, { keyPrefix, maxRetriesPerRequest: 2 });
    opened.push(r);
    return r;
  };
  const redis = connect();
  const cleanup = async () => {
    const raw = new Redis(url);
    const found = await keysMatching(raw, `${keyPrefix}*`);
    for (let i = 0; i < found.length; i += 1000) await raw.unlink(...found.slice(i, i + 1000));
    await raw.quit();
    await Promise.all(opened.map(closeRedis));
  };
  return { redis, prefix, cleanup, connect };
}
