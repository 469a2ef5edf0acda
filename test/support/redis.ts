import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { closeRedis } from '../../src/store/redis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A real Redis connection isolated by its own key prefix, so test files (and parallel workers)
 * never see each other's keys. `cleanup()` deletes this prefix's keys and disconnects.
 */
export function testRedis(label: string): {
  redis: Redis;
  prefix: string;
  cleanup: () => Promise<void>;
  connect: () => Redis;
} {
  const prefix = `test:${label}:${randomBytes(4).toString('hex')}:`;
  const opened: Redis[] = [];
  const connect = () => {
    const r = new Redis(TEST_REDIS_URL, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
    opened.push(r);
    return r;
  };
  const redis = connect();
  const cleanup = async () => {
    const raw = new Redis(TEST_REDIS_URL);
    let cursor = '0';
    do {
      const [next, found] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (found.length) await raw.unlink(...found);
    } while (cursor !== '0');
    await raw.quit();
    await Promise.all(opened.map(closeRedis));
  };
  return { redis, prefix, cleanup, connect };
}
