/**
 * `npm run purge-unreadable` on real Redis: an appointment retention cannot read keeps its citizen data
 * until an operator purges it; the purge leaves nothing of it (no key, index, set member or list entry
 * naming it), and touches nothing else. A readable record with unreadable audit entries loses only those.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { runRetention } from '../../src/app/retention';
import { ManualClock } from '../../src/domain/clock';
import { DAY, localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys, redisKeyPrefix } from '../../src/store/keys';
import { RedisRetentionStore } from '../../src/store/retention';
import { book } from '../delivery/book';
import { keysMatching, TEST_REDIS_URL, testRedis } from '../support/redis';
import Redis from 'ioredis';

const t = testRedis('purge-unreadable');
const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
const store = new AppointmentStore(t.redis, clock);
afterAll(t.cleanup);

const cli = (args: string[]) =>
  spawnSync(
    join(__dirname, '../../node_modules/.bin/tsx'),
    [join(__dirname, '../../scripts/purge-unreadable.ts'), ...args],
    {
      env: { PATH: process.env.PATH, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: t.prefix },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );

/** Every key of this test's prefix with everything it holds, as text. */
async function everything(): Promise<Map<string, string>> {
  const raw = new Redis(TEST_REDIS_URL);
  const out = new Map<string, string>();
  try {
    for (const key of await keysMatching(raw, `${redisKeyPrefix(t.prefix)}*`)) {
      const type = await raw.type(key);
      const value =
        type === 'string'
          ? await raw.get(key)
          : type === 'hash'
            ? JSON.stringify(await raw.hgetall(key))
            : type === 'set'
              ? JSON.stringify(await raw.smembers(key))
              : type === 'zset'
                ? JSON.stringify(await raw.zrange(key, '0', '-1'))
                : type === 'list'
                  ? JSON.stringify(await raw.lrange(key, 0, -1))
                  : type === 'stream'
                    ? JSON.stringify(await raw.xrange(key, '-', '+'))
                    : '';
      out.set(key, value ?? '');
    }
  } finally {
    await raw.quit();
  }
  return out;
}

const retention = () =>
  runRetention(
    {
      store: new RedisRetentionStore(t.redis, () => 'buergerbuero-a'),
      logger: pino({ level: 'silent' }),
      retentionDays: 90,
      auditRetentionDays: 365,
    },
    localDateTime('2026-12-10', '09:00') + 100 * DAY,
  );

describe('npm run purge-unreadable', () => {
  it('lists what retention skipped, purges an unreadable record with everything that names it, and nothing else', async () => {
    const start = localDateTime('2026-12-10', '09:00');
    const broken = await book(store, {
      start,
      channel: 'phone',
      citizen: { name: 'Bruno Bruch', email: 'bruno@example.org', phone: '+49 170 5550199' },
    });
    const other = await book(store, { start: start + 3_600_000, channel: 'phone', createdAt: clock.now() });
    // Cut off mid-write: retention cannot read it.
    await t.redis.set(
      keys.appointment(broken.id),
      '{"id":"' + broken.id + '","staffId":"anna-schulz","citizen":{"name":"Bruno Bruch"',
    );
    // The other one is not due (its retention period has not passed): it must stay as it is.
    await t.redis.zadd(keys.byStart(), start + 400 * DAY, other.id);

    expect((await retention()).unreadable).toBe(1);
    const before = await everything();
    const naming = [...before].filter(
      ([k, v]) => k.includes(broken.id) || v.includes(broken.id) || v.includes('Bruno'),
    );
    expect(naming.length).toBeGreaterThan(3); // record, audit, bystart, calendar indexes, search index, …

    const list = cli(['list']);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(`${broken.id}\trecord\n`);

    const purge = cli(['purge', broken.id]);
    expect(purge.status).toBe(0);
    expect(purge.stdout).toContain(`${broken.id}: purged`);
    expect(purge.stdout).not.toContain('Bruno');

    const after = await everything();
    for (const [k, v] of after) {
      // Its idempotency key (the client key was not legible in the cut-off bytes) holds the id only and expires.
      if (k.includes(':book:idem:') && v === broken.id) {
        const raw = new Redis(TEST_REDIS_URL);
        expect(await raw.pttl(k)).toBeGreaterThan(0);
        await raw.quit();
        continue;
      }
      expect(k).not.toContain(broken.id);
      // The outbox's history names ids only (no citizen data) and is trimmed by retention like every entry.
      if (!k.endsWith('book:outbox')) expect(v).not.toContain(broken.id);
      // The name words of the search index, reversed ones (for suffix search) included.
      expect(v).not.toMatch(/bruno|bruch|onurb|hcurb|5550199/i);
    }
    // Nothing else lost: every other key holds what it held (the version counter and the name words aside) …
    for (const [k, v] of before)
      if (!naming.some(([nk]) => nk === k) && !/book:(version|ixn|ixr)$/.test(k)) expect(after.get(k)).toBe(v);
    // … and the other appointment is still found by its citizen's name.
    expect(after.get([...after.keys()].find((k) => k.endsWith('book:ixr'))!)).toContain('akire');
    expect(await store.get(other.id)).toMatchObject({ id: other.id, citizen: { name: 'Erika Mustermann' } });
    expect(cli(['list']).stdout).toBe('No unreadable records reported.\n');
    expect((await retention()).unreadable).toBeUndefined();
  });

  it('keeps a readable record and removes only its audit entries that cannot be read', async () => {
    const a = await book(store, { start: localDateTime('2026-12-11', '09:00'), channel: 'phone' });
    await t.redis.rpush(keys.audit(a.id), '{"at":'); // cut off
    const readable = await t.redis.lrange(keys.audit(a.id), 0, 0);
    await t.redis.sadd(keys.retentionUnreadable(), a.id);
    expect(cli(['list']).stdout).toBe(`${a.id}\taudit\n`);
    const purge = cli(['purge', a.id]);
    expect(purge.status).toBe(0);
    expect(purge.stdout).toContain('record readable, kept for retention; 1 unreadable audit entries removed');
    expect(await store.get(a.id)).toMatchObject({ id: a.id });
    expect(await t.redis.lrange(keys.audit(a.id), 0, -1)).toEqual(readable);
  });

  it('says how it is used', () => {
    expect(cli([]).status).toBe(2);
    expect(cli(['purge']).stderr).toContain('usage: npm run purge-unreadable -- list | purge <appointmentId>');
  });
});
