/**
 * A failed send gives the entry's lease back and waits the backoff: the entry is tried again, by this
 * instance or another, exactly when the backoff has passed and not before.
 */
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import { appendOutbox, OutboxConsumer, type OutboxDelivery } from '../../src/store/outbox';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';

const t = testRedis('outbox-retry');
afterAll(t.cleanup);

const logger = pino({ level: 'silent' });
const nothing = { delivered: 0, skipped: 0, retry: 0, dead: 0 };

/** A relay that refuses while `down`, and how many sends were tried; `retryAfterMs` as a provider asks. */
function flakyDelivery(retryAfterMs?: number) {
  const state = { down: true, sends: 0 };
  const delivery: OutboxDelivery = {
    deliver: async (entry, once) => {
      await once(`${entry.key}:mail`, async () => {
        state.sends += 1;
        if (state.down) throw Object.assign(new Error('relay down'), { code: 'ECONNREFUSED' });
      });
    },
    deadLetterAlert: (facts) => ({ kind: 'supervisor-alert', deadLetter: facts }),
    ...(retryAfterMs !== undefined ? { retryAfterMs: () => retryAfterMs } : {}),
  };
  return { state, delivery };
}

const options = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, claimIdleMs: 60_000, leaseMs: 60_000 };

describe('outbox backoff', () => {
  it('doubles from the base delay, half of it fixed and half by chance, up to the longest delay', () => {
    const deps = { redis: t.redis, clock: new ManualClock(0), logger };
    const withChance = (r: number) =>
      new OutboxConsumer(deps, flakyDelivery().delivery, { ...options, consumer: 'c', random: () => r });
    const attempts = [1, 2, 3, 4, 5, 6];
    expect(attempts.map((n) => withChance(0).backoff(n))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(attempts.map((n) => withChance(0.5).backoff(n))).toEqual([750, 1500, 3000, 6000, 6000, 6000]);
    expect(attempts.map((n) => withChance(0.999).backoff(n))).toEqual([1000, 1999, 3998, 7996, 7996, 7996]);
  });

  it('gives the lease back after a failed send and tries again exactly when the backoff has passed, on any instance', async () => {
    const clock = new ManualClock(1_000_000);
    const deps = { redis: t.redis, clock, logger };
    const { state, delivery } = flakyDelivery();
    const first = new OutboxConsumer(deps, delivery, { ...options, consumer: 'first', random: () => 0.5 });
    // The second instance takes over pending entries at once (as after a crash): still not before the backoff.
    const second = new OutboxConsumer(deps, delivery, {
      ...options,
      consumer: 'second',
      claimIdleMs: 0,
      random: () => 0.5,
    });
    await first.ensureGroup();
    const id = await appendOutbox(t.redis, {
      key: 'retry-me',
      msg: { kind: 'citizen-reminder', appointmentId: 'a1', sequence: 0 },
    });

    expect(await first.runOnce(0)).toEqual({ ...nothing, retry: 1 });
    expect(await t.redis.exists(keys.outboxLease(id))).toBe(0);
    expect(Number(await t.redis.zscore(keys.outboxRetry(), id))).toBe(1_000_000 + 750);

    clock.advance(749);
    expect(await second.runOnce(0)).toEqual(nothing);
    expect(state.sends).toBe(1);
    clock.advance(1);
    expect(await second.runOnce(0)).toEqual({ ...nothing, retry: 1 });
    expect(state.sends).toBe(2);
    expect(await t.redis.exists(keys.outboxLease(id))).toBe(0);
    // The second attempt waits twice as long.
    expect(Number(await t.redis.zscore(keys.outboxRetry(), id))).toBe(1_000_750 + 1500);

    state.down = false;
    clock.advance(1499);
    expect(await first.runOnce(0)).toEqual(nothing);
    clock.advance(1);
    expect(await first.runOnce(0)).toEqual({ ...nothing, delivered: 1 });
    expect(state.sends).toBe(3);
    expect(await t.redis.xlen(keys.outbox())).toBe(0);
    expect(await t.redis.zscore(keys.outboxRetry(), id)).toBeNull();
    expect(await t.redis.hget(keys.outboxAttempts(), id)).toBeNull();
    expect(await t.redis.exists(keys.outboxLease(id))).toBe(0);
  });

  it('waits as long as the provider asked when that is longer, but never longer than the longest delay', async () => {
    const clock = new ManualClock(2_000_000);
    const deps = { redis: t.redis, clock, logger };
    for (const [asked, wait] of [
      [5000, 5000],
      [100, 750],
      [10 * 60_000, 8000],
    ] as const) {
      const { delivery } = flakyDelivery(asked);
      const consumer = new OutboxConsumer(deps, delivery, {
        ...options,
        consumer: `asked-${asked}`,
        random: () => 0.5,
      });
      await consumer.ensureGroup();
      const id = await appendOutbox(t.redis, {
        key: `asked-${asked}`,
        msg: { kind: 'citizen-reminder', appointmentId: 'a2', sequence: 0 },
      });
      expect(await consumer.runOnce(0)).toEqual({ ...nothing, retry: 1 });
      expect(Number(await t.redis.zscore(keys.outboxRetry(), id))).toBe(clock.now() + wait);
    }
  });
});
