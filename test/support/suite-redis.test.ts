/**
 * The suite's Redis is its own (test/support/global-setup.ts): its time and result do not depend on the
 * machine's other data. And what the bot writes per activity (the dedupe claims) expires, so a
 * Redis shared with local runs does not fill up with them.
 */
import Redis from 'ioredis';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';
import { scanKeys } from '../reliability/support';
import { TEST_REDIS_URL } from './redis';

describe("the test suite's Redis", () => {
  it('is a redis-server started for this run, not the machine-wide one on port 6379', async () => {
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const info = await raw.info('server');
      expect(process.env.TEST_REDIS_RUN_ID).toMatch(/^\w{40}$/);
      expect(/run_id:(\w+)/.exec(info)?.[1]).toBe(process.env.TEST_REDIS_RUN_ID);
      expect(new URL(TEST_REDIS_URL).port).not.toBe('6379');
    } finally {
      await raw.quit();
    }
  });
});

describe('per-activity dedupe claims', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'dedupe-ttl' });
  });
  afterAll(() => h.close());

  it('expire within a day: every claim and kept invoke answer has a time to live', async () => {
    await h.say('hilfe');
    await h.invoke({ verb: 'no.such.verb' });
    const claims = await scanKeys(h.redis, 'bot:seen:');
    expect(claims.length).toBeGreaterThanOrEqual(2);
    const ttls = await Promise.all(claims.map((k) => h.redis.ttl(k)));
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(24 * 60 * 60);
    }
  });
});
