/**
 * The outbox's per-entry lease is renewed while a delivery is in flight: a send slower than the lease
 * (a slow relay, a big attachment) is not taken over and sent a second time by another instance.
 */
import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import { appendOutbox, OutboxConsumer, type OutboxDelivery } from '../../src/store/outbox';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';

const t = testRedis('outbox-lease');
afterAll(t.cleanup);

describe('outbox lease during a long send', () => {
  it('is extended, so a second consumer finds the entry busy and the mail goes out once', async () => {
    let sends = 0;
    let finishSend: () => void = () => undefined;
    const slowDelivery: OutboxDelivery = {
      deliver: async (entry, once) => {
        await once(`${entry.key}:mail`, async () => {
          sends += 1;
          if (sends === 1) await new Promise<void>((r) => (finishSend = r)); // the first send hangs
        });
      },
      deadLetterAlert: (facts) => ({ kind: 'supervisor-alert', deadLetter: facts }),
    };
    const deps = { redis: t.redis, clock: new ManualClock(0), logger: pino({ level: 'silent' }) };
    const options = { maxAttempts: 3, claimIdleMs: 0, leaseMs: 300 };
    const first = new OutboxConsumer(deps, slowDelivery, { ...options, consumer: 'first' });
    const second = new OutboxConsumer(deps, slowDelivery, { ...options, consumer: 'second' });
    await first.ensureGroup();
    const entryId = await appendOutbox(t.redis, {
      key: 'long-send',
      msg: { kind: 'citizen-reminder', appointmentId: 'a1', sequence: 0 },
    });

    const firstPass = first.runOnce(0);
    while (sends === 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1000)); // three lease periods into the send
    expect(await second.runOnce(0)).toEqual({ delivered: 0, skipped: 0, retry: 0, dead: 0 });
    finishSend();
    expect(await firstPass).toMatchObject({ delivered: 1 });
    expect(sends).toBe(1);
    expect(await t.redis.exists(keys.outboxLease(entryId))).toBe(0);
  });
});
