/** SMS_MONTHLY_LIMIT on real Redis: counted once per SMS, refused beyond the limit, ONE alert per month even from two instances. */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { keys } from '../../src/store/keys';
import { parseOutboxFields } from '../../src/store/outbox';
import { SmsStatusStore, smsMonthOf } from '../../src/store/sms-status';
import { testRedis } from '../support/redis';

describe('the monthly SMS limit', () => {
  const t = testRedis('sms-status');
  afterAll(() => t.cleanup());
  const clock = new ManualClock(localDateTime('2026-12-31', '23:30'));

  it('counts each SMS once, refuses what goes beyond the limit and alerts the supervisors once', async () => {
    // Two instances: two connections, two stores, racing for the same month.
    const a = new SmsStatusStore(t.redis, clock);
    const b = new SmsStatusStore(t.connect(), clock);
    expect(await a.reserveSegments('sms-1', 2, 5)).toEqual({ result: 'ok', total: 2 });
    expect(await b.reserveSegments('sms-1', 2, 5)).toEqual({ result: 'ok', total: 2 }); // a retry: not counted again
    expect(await b.reserveSegments('sms-2', 2, 5)).toEqual({ result: 'ok', total: 4 });
    const over = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).reserveSegments(`sms-over-${i}`, 2, 5)),
    );
    expect(over.every((r) => r.result === 'over')).toBe(true);
    // One segment still fits.
    expect(await a.reserveSegments('sms-short', 1, 5)).toEqual({ result: 'ok', total: 5 });
    expect(await a.segmentsThisMonth()).toBe(5);

    const entries = (await t.redis.xrange(keys.outbox(), '-', '+')).map(([, fields]) => parseOutboxFields(fields));
    const alerts = entries.filter((e) => e?.msg.kind === 'supervisor-alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.msg).toMatchObject({ facts: { kind: 'sms-limit', month: '2026-12', limit: 5 } });
  });

  it('counts per Berlin calendar month: a new month starts from zero and may alert again', async () => {
    const store = new SmsStatusStore(t.redis, clock);
    // 23:30 on 31 Dec in Berlin is still December; an hour later it is January.
    expect(smsMonthOf(clock.now())).toBe('2026-12');
    clock.set(clock.now() + 3_600_000);
    expect(smsMonthOf(clock.now())).toBe('2027-01');
    expect(await store.reserveSegments('sms-jan', 2, 5)).toEqual({ result: 'ok', total: 2 });
    expect(await store.reserveSegments('sms-jan-big', 4, 5)).toMatchObject({ result: 'over' });
    const kinds = (await t.redis.xrange(keys.outbox(), '-', '+'))
      .map(([, fields]) => parseOutboxFields(fields)?.msg)
      .filter((m) => m?.kind === 'supervisor-alert');
    expect(kinds).toHaveLength(2);
  });

  it('without a limit still counts', async () => {
    const store = new SmsStatusStore(t.redis, clock);
    const before = await store.segmentsThisMonth();
    expect(await store.reserveSegments('sms-unlimited', 2, undefined)).toEqual({ result: 'ok', total: before + 2 });
  });
});
