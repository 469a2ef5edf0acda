import { createRedis, closeRedis } from '../../src/store/redis';
import { runScript } from '../../src/store/scripts';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

describe('Lua scripts on a connection from createRedis', () => {
  const t = testRedis('scripts');
  afterAll(() => t.cleanup());

  it('runs a script queued in the same tick as plain commands (auto-pipelining keeps replies aligned)', async () => {
    const redis = createRedis({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: t.prefix,
      REDIS_SENTINELS: undefined,
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_CLUSTER_NODES: undefined,
    });
    try {
      await redis.set('item', 'token-1');
      // A plain command opens the auto-pipeline first; the script call joins the same batch.
      const results = await Promise.all([
        redis.get('before'),
        runScript<number>(redis, 'releaseLock', ['item'], ['token-1']),
        redis.get('item'),
      ]);
      expect(results).toEqual([null, 1, null]);
    } finally {
      await closeRedis(redis);
    }
  });
});
