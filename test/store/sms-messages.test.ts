/**
 * What became of an SMS (src/store/sms-messages.ts, real Redis): the outcome is decided once every
 * part is known, a receipt before its part was recorded waits for it, a redelivered receipt changes
 * nothing, and nothing personal is kept.
 */
import { keys } from '../../src/store/keys';
import { RedisSmsMessages } from '../../src/store/sms-messages';
import { testRedis } from '../support/redis';

describe('SMS records and delivery receipts', () => {
  const t = testRedis('sms-messages');
  afterAll(() => t.cleanup());
  const messages = new RedisSmsMessages(t.redis);
  const origin = (parts: number) => ({ appointmentId: 'appt_1', sequence: 2, event: 'changed' as const, parts });

  it('decides a one-part SMS with its receipt, and a redelivered receipt gives the same outcome without a change', async () => {
    expect(await messages.partAccepted('ref-a', 0, 'id-a', origin(1))).toBeNull();
    const outcome = { appointmentId: 'appt_1', sequence: 2, event: 'changed', status: 'delivered' };
    expect(await messages.receipt('id-a', 'delivered')).toEqual(outcome);
    const before = await t.redis.hgetall(keys.smsSent('ref-a'));
    expect(await messages.receipt('id-a', 'delivered')).toEqual(outcome);
    expect(await t.redis.hgetall(keys.smsSent('ref-a'))).toEqual(before);
  });

  it('waits for every part of a two-part SMS; one failed part fails it for good', async () => {
    await messages.partAccepted('ref-b', 0, 'id-b0', origin(2));
    await messages.partAccepted('ref-b', 1, 'id-b1', origin(2));
    expect(await messages.receipt('id-b0', 'delivered')).toBeNull();
    expect(await messages.receipt('id-b1', 'delivered')).toMatchObject({ status: 'delivered' });

    await messages.partAccepted('ref-c', 0, 'id-c0', origin(2));
    await messages.partAccepted('ref-c', 1, 'id-c1', origin(2));
    expect(await messages.receipt('id-c0', 'failed', 'UNDELIV (err 011)')).toMatchObject({
      status: 'failed',
      reason: 'UNDELIV (err 011)',
    });
    expect(await messages.receipt('id-c1', 'delivered')).toMatchObject({
      status: 'failed',
      reason: 'UNDELIV (err 011)',
    });
  });

  it('parks a receipt that comes before its message id is recorded, and decides the SMS when it is', async () => {
    expect(await messages.receipt('id-d', 'failed', 'EXPIRED')).toBeNull();
    expect(await t.redis.ttl(keys.smsParkedReceipt('id-d'))).toBeGreaterThan(0);
    expect(await messages.partAccepted('ref-d', 0, 'id-d', origin(1))).toEqual({
      appointmentId: 'appt_1',
      sequence: 2,
      event: 'changed',
      status: 'failed',
      reason: 'EXPIRED',
    });
    expect(await t.redis.exists(keys.smsParkedReceipt('id-d'))).toBe(0);
  });

  it('remembers which parts were accepted (a retry sends only the rest); every record expires', async () => {
    await messages.partAccepted('ref-e', 0, 'id-e0', origin(2));
    expect(await messages.acceptedPart('ref-e', 0)).toBe('id-e0');
    expect(await messages.acceptedPart('ref-e', 1)).toBeUndefined();
    for (const key of [keys.smsSent('ref-e'), keys.smsMessage('id-e0')]) {
      const ttl = await t.redis.ttl(key);
      expect(ttl).toBeGreaterThan(6 * 24 * 3600);
      expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
    }
  });
});
